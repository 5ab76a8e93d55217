package dev.arca.kv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Secret values reach PostgreSQL only as barrier ciphertext bound to their row. */
class KvEncryptionIntegrationTests extends KvIntegrationTestSupport {

    private static final List<String> TABLES = List.of("mount_config", "secret_metadata", "secret_version", "v1_secret");

    /** Every row of every kv table as text, bytea columns included (in hex). */
    private String everyRow() {
        StringBuilder all = new StringBuilder();
        for (String table : TABLES) {
            jdbc.sql("SELECT t::text FROM " + table + " t").query(String.class).list().forEach(all::append);
        }
        return all.toString();
    }

    @Test
    void secretValuesAndCustomMetadataAreNotStoredInPlaintext() {
        String secret = "s3cr3t-" + UUID.randomUUID();
        String custom = "custom-" + UUID.randomUUID();
        KvMount v2 = v2Mount();
        v2.write("data/enc", Map.of("data", Map.of("password", secret)));
        v2.write("metadata/enc", Map.of("custom_metadata", Map.of("note", custom)));
        v1Mount().write("enc", Map.of("password", secret));

        String rows = everyRow().toLowerCase();

        assertThat(rows).contains(v2.accessor().toLowerCase());
        assertThat(rows).doesNotContain(secret.toLowerCase()).doesNotContain(custom.toLowerCase());
        assertThat(rows).doesNotContain(HexFormat.of().formatHex(secret.getBytes(StandardCharsets.UTF_8)));
        assertThat(rows).doesNotContain(HexFormat.of().formatHex(custom.getBytes(StandardCharsets.UTF_8)));
        assertThat(v2.ok(v2.read("data/enc")).get("data").get("data").get("password").asString()).isEqualTo(secret);
    }

    @Test
    void ciphertextCopiedToAnotherRowFailsToDecrypt() {
        KvMount kv = v2Mount();
        kv.write("data/a", Map.of("data", Map.of("k", "value-a")));
        kv.write("data/b", Map.of("data", Map.of("k", "value-b")));
        jdbc.sql("""
                UPDATE secret_version SET data = (SELECT data FROM secret_version WHERE mount_accessor = ? AND path = 'a')
                WHERE mount_accessor = ? AND path = 'b'
                """).params(kv.accessor(), kv.accessor()).update();

        var read = kv.read("data/b");

        assertThat(read.status()).isEqualTo(500);
        assertThat(read.body()).doesNotContain("value-a").doesNotContain("value-b");
        assertThat(kv.ok(kv.read("data/a")).get("data").get("data").get("k").asString()).isEqualTo("value-a");
    }

    @Test
    void v1CiphertextIsBoundToItsPath() {
        KvMount kv = v1Mount();
        kv.write("a", Map.of("k", "value-a"));
        kv.write("b", Map.of("k", "value-b"));
        jdbc.sql("UPDATE v1_secret SET data = (SELECT data FROM v1_secret WHERE mount_accessor = ? AND path = 'a') "
                + "WHERE mount_accessor = ? AND path = 'b'").params(kv.accessor(), kv.accessor()).update();

        assertThat(kv.read("b").status()).isEqualTo(500);
    }

    @Test
    void aSealedServiceAnswers503() {
        KvMount kv = v2Mount();
        barrier.seal();
        try {
            assertThat(kv.read("data/a").status()).isEqualTo(503);
        } finally {
            barrier.unseal(dev.arca.test.TestGateway.KEYRING);
        }
    }
}
