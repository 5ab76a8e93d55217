package dev.arca.core.hcl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HclTests {

    @Test
    void parsesPolicyShapedDocument() {
        HclBody body = Hcl.parse("""
                # comment
                // another
                /* block
                   comment */
                path "secret/*" {
                  capabilities = ["read", "list",]
                  allowed_parameters = {
                    "foo" = []
                    "bar" = ["a", "b"]
                  }
                }
                path "sys/\\"q\\"" { policy = "deny" }
                """);
        assertThat(body.blocks("path")).hasSize(2);
        HclBlock first = body.blocks().get(0);
        assertThat(first.labels()).containsExactly("secret/*");
        assertThat(first.line()).isEqualTo(5);
        assertThat(first.body().attribute("capabilities")).isEqualTo(List.of("read", "list"));
        HclBody params = (HclBody) first.body().attribute("allowed_parameters");
        assertThat(params.attributes()).containsEntry("foo", List.of()).containsEntry("bar", List.of("a", "b"));
        assertThat(body.blocks().get(1).label()).isEqualTo("sys/\"q\"");
    }

    @Test
    void parsesServerConfigShapedDocument() {
        HclBody body = Hcl.parse("""
                ui = true
                api_addr = "http://127.0.0.1:8200"
                default_lease_ttl = "768h"
                max_request_duration = 90
                ratio = 0.5
                storage "postgresql" {
                  connection_url = "postgres://x"
                }
                listener "tcp" {
                  address     = "0.0.0.0:8200"
                  tls_disable = 1
                }
                listener "tcp" {
                  address = "0.0.0.0:8201"
                }
                seal "shamir" {}
                telemetry {
                  prometheus_retention_time = "30s"
                }
                description = <<EOT
                two
                lines
                EOT
                """);
        assertThat(body.attributes()).containsEntry("ui", true).containsEntry("max_request_duration", 90L)
                .containsEntry("ratio", 0.5).containsEntry("description", "two\nlines\n");
        assertThat(body.blocks("listener")).hasSize(2);
        assertThat(body.blocks("listener").get(0).body().attribute("tls_disable")).isEqualTo(1L);
        assertThat(body.blocks("seal").get(0).labels()).containsExactly("shamir");
        assertThat(body.blocks("telemetry").get(0).labels()).isEmpty();
        assertThat(body.blocks("storage").get(0).body().attribute("connection_url")).isEqualTo("postgres://x");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "path \"a\" {\\n  capabilities = [\"read\"\\n}|3",
            "path \"a\" {\\n  capabilities = [\"read\"]\\n|3",
            "a = 1\\nb = \\n|3",
            "a = \"unterminated\\n|1",
            "a = 1\\n\\nb = read|3",
            "a = 1\\nb = 10s|2",
            "a = 1\\n}|2",
            "a = 1\\na = 2|2",
            "path \"a\" \\n x|2",
            "/* never closed|1",
            "a = \"\\q\"|1",
            "a = [1 2]|1",
            "path {\\n}\\n=|3",
    })
    void rejectsMalformedInputNamingTheLine(String escaped, int line) {
        String src = escaped.replace("\\n", "\n");
        assertThatThrownBy(() -> Hcl.parse(src))
                .isInstanceOfSatisfying(HclException.class, e -> {
                    assertThat(e.line()).isEqualTo(line);
                    assertThat(e.getMessage()).startsWith("line " + line);
                });
    }

    @Test
    void errorsCarryTheColumn() {
        assertThatThrownBy(() -> Hcl.parse("a = 1\nb   @"))
                .isInstanceOf(HclException.class).hasMessageStartingWith("line 2, column 5:");
    }

    @Test
    void acceptsCommasBetweenObjectEntriesAndEscapes() {
        HclBody body = Hcl.parse("m = { \"x\" = [], y = [true, -2, 1.5e3], }\ns = \"tab\\there \\u00e9\"");
        HclBody m = (HclBody) body.attribute("m");
        assertThat(m.attributes()).containsEntry("x", List.of()).containsEntry("y", List.of(true, -2L, 1500.0));
        assertThat(body.attribute("s")).isEqualTo("tab\there é");
    }
}
