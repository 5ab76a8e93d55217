package dev.arca.audit.hash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class EntryHasherTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final Hmac hmac = new Hmac("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));

    private static ObjectNode entry(String json) {
        return (ObjectNode) JSON.readTree(json.replace('\'', '"'));
    }

    /** The hashed entry as audit-service writes it, parsed back. */
    private ObjectNode hash(ObjectNode entry, boolean hmacAccessor) {
        return (ObjectNode) JSON.readTree(JSON.writeValueAsString(EntryHasher.hashed(entry, hmac, hmacAccessor)));
    }

    @Test
    void hmacIsVaultsFormatAndMatchesAKnownVector() {
        // RFC 4231 test case 2
        Hmac jefe = new Hmac("Jefe".getBytes(StandardCharsets.UTF_8));
        assertThat(jefe.hash("what do ya want for nothing?"))
                .isEqualTo("hmac-sha256:5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        Hmac batch = jefe.memoizing();
        assertThat(batch.hash("what do ya want for nothing?")).isEqualTo(batch.hash("what do ya want for nothing?"))
                .isEqualTo("hmac-sha256:5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        assertThat(batch.hash("other")).isEqualTo(jefe.hash("other")).isNotEqualTo(batch.hash("what do ya want for nothing?"));
    }

    @Test
    void hashesTokensAccessorsAndEveryStringInData() {
        ObjectNode in = entry("""
                {'time':'2025-01-01T00:00:00Z','type':'response',
                 'auth':{'client_token':'hvs.tok','accessor':'acc','display_name':'root','policies':['root']},
                 'request':{'id':'r1','operation':'update','client_token':'hvs.tok','client_token_accessor':'acc',
                            'path':'secret/data/app','data':{'data':{'password':'p','n':3,'list':['a',{'k':'v'}],'b':true,'z':null}}},
                 'response':{'mount_type':'kv','data':{'value':'s'},
                             'auth':{'client_token':'hvs.child','accessor':'acc2','policies':['default']},
                             'wrap_info':{'token':'hvs.wrap','accessor':'wacc','ttl':60}},
                 'error':''}""");
        ObjectNode out = hash(in, true);

        assertThat(out.at("/auth/client_token").asString()).isEqualTo(hmac.hash("hvs.tok"));
        assertThat(out.at("/auth/accessor").asString()).isEqualTo(hmac.hash("acc"));
        assertThat(out.at("/auth/display_name").asString()).isEqualTo("root");
        assertThat(out.at("/auth/policies/0").asString()).isEqualTo("root");
        assertThat(out.at("/request/client_token").asString()).isEqualTo(hmac.hash("hvs.tok"));
        assertThat(out.at("/request/client_token_accessor").asString()).isEqualTo(hmac.hash("acc"));
        assertThat(out.at("/request/path").asString()).isEqualTo("secret/data/app");
        assertThat(out.at("/request/data/data/password").asString()).isEqualTo(hmac.hash("p"));
        assertThat(out.at("/request/data/data/n").asInt()).isEqualTo(3);
        assertThat(out.at("/request/data/data/list/0").asString()).isEqualTo(hmac.hash("a"));
        assertThat(out.at("/request/data/data/list/1/k").asString()).isEqualTo(hmac.hash("v"));
        assertThat(out.at("/request/data/data/b").asBoolean()).isTrue();
        assertThat(out.at("/request/data/data/z").isNull()).isTrue();
        assertThat(out.at("/response/data/value").asString()).isEqualTo(hmac.hash("s"));
        assertThat(out.at("/response/auth/client_token").asString()).isEqualTo(hmac.hash("hvs.child"));
        assertThat(out.at("/response/auth/accessor").asString()).isEqualTo(hmac.hash("acc2"));
        assertThat(out.at("/response/wrap_info/token").asString()).isEqualTo(hmac.hash("hvs.wrap"));
        assertThat(out.at("/response/wrap_info/accessor").asString()).isEqualTo(hmac.hash("wacc"));
        assertThat(out.at("/response/wrap_info/ttl").asInt()).isEqualTo(60);
        assertThat(JSON.writeValueAsString(out)).doesNotContain("hvs.", "\"p\"", "\"s\"");
    }

    @Test
    void writesWhatIsNotHashedExactlyAsTheEntryItself() {
        String plain = "{'time':'2025-01-01T00:00:00Z','type':'response','auth':{'display_name':'root','policies':['a','b'],'ttl':0},"
                + "'request':{'id':'r1','path':'sys/mounts','data':null,'remote_address':'127.0.0.1'},"
                + "'response':{'status_code':200,'warnings':['w']},'error':'','x':{'client_token':'not a token here'}}";
        ObjectNode in = entry(plain);
        assertThat(JSON.writeValueAsString(EntryHasher.hashed(in, hmac, true))).isEqualTo(JSON.writeValueAsString(in));
    }

    @Test
    void leavesTheInputUntouched() {
        ObjectNode in = entry("{'type':'request','auth':{'client_token':'hvs.tok'},'request':{'data':{'k':'v'}}}");
        String before = JSON.writeValueAsString(in);
        hash(in, true);
        assertThat(JSON.writeValueAsString(in)).isEqualTo(before);
    }

    @Test
    void accessorsStayPlainWhenHmacAccessorIsOff() {
        ObjectNode in = entry("{'type':'request','auth':{'client_token':'hvs.tok','accessor':'acc'},"
                + "'request':{'client_token':'hvs.tok','client_token_accessor':'acc'}}");
        ObjectNode out = hash(in, false);
        assertThat(out.at("/auth/accessor").asString()).isEqualTo("acc");
        assertThat(out.at("/request/client_token_accessor").asString()).isEqualTo("acc");
        assertThat(out.at("/auth/client_token").asString()).isEqualTo(hmac.hash("hvs.tok"));
    }

    @Test
    void emptyTokensAndMissingSectionsAreFine() {
        ObjectNode out = hash(entry("{'type':'request','auth':{'client_token':''},'request':{'data':null}}"), true);
        assertThat(out.at("/auth/client_token").stringValue()).isEmpty();
        assertThat(out.at("/request/data").isNull()).isTrue();
        assertThat(hash(entry("{'type':'request'}"), true).size()).isEqualTo(1);
    }

    @Test
    void differentKeysGiveDifferentHashes() {
        Hmac other = new Hmac(new byte[32]);
        assertThat(other.hash("p")).isNotEqualTo(hmac.hash("p")).startsWith(Hmac.PREFIX).hasSize(Hmac.PREFIX.length() + 64);
    }
}
