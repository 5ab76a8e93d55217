package dev.arca.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerConfigTests {

    @TempDir
    Path dir;

    @Test
    void readsVaultStyleHcl() throws Exception {
        Path f = dir.resolve("arca.hcl");
        Files.writeString(f, """
                # Arca server
                listener "tcp" {
                  address     = "0.0.0.0:8300"
                  tls_disable = true
                }
                storage "postgresql" {
                  connection_url = "postgres://arca:p%40ss@db.internal:5433/arca?sslmode=require"
                }
                seal "shamir" {}
                """);
        ServerConfig c = ServerConfig.load(f);
        assertThat(c.address()).isEqualTo("0.0.0.0");
        assertThat(c.port()).isEqualTo(8300);
        assertThat(c.tlsCertFile()).isNull();
        assertThat(c.tlsDisableClientCerts()).as("client certificates are asked for by default").isFalse();
        assertThat(c.sealType()).isEqualTo("shamir");
        assertThat(c.database().url()).isEqualTo("jdbc:postgresql://db.internal:5433/arca?sslmode=require");
        assertThat(c.database().username()).isEqualTo("arca");
        assertThat(c.database().password()).isEqualTo("p@ss");
    }

    @Test
    void readsJsonWithTls() throws Exception {
        Path f = dir.resolve("arca.json");
        Files.writeString(f, """
                {"listener": {"tcp": {"address": "127.0.0.1:8200", "tls_cert_file": "/etc/arca/cert.pem", "tls_key_file": "/etc/arca/key.pem",
                                      "tls_disable_client_certs": "true"}},
                 "storage": {"postgresql": {"connection_url": "jdbc:postgresql://localhost/arca"}}}
                """);
        ServerConfig c = ServerConfig.load(f);
        assertThat(c.tlsCertFile()).isEqualTo("/etc/arca/cert.pem");
        assertThat(c.tlsKeyFile()).isEqualTo("/etc/arca/key.pem");
        assertThat(c.tlsDisableClientCerts()).isTrue();
        assertThat(c.sealType()).as("shamir by default").isEqualTo("shamir");
        assertThat(c.database().url()).isEqualTo("jdbc:postgresql://localhost/arca");
    }

    @Test
    void readsTheSystemLeaseTtlsAsVaultDoes() throws Exception {
        String base = "listener \"tcp\" {\n tls_disable = true\n}\nstorage \"postgresql\" {\n connection_url = \"postgres://h/db\"\n}\n";
        Path both = dir.resolve("ttl.hcl");
        Files.writeString(both, base + "default_lease_ttl = \"1h\"\nmax_lease_ttl = 7200\n");
        ServerConfig c = ServerConfig.load(both);
        assertThat(c.defaultLeaseTtl()).isEqualTo(3600);
        assertThat(c.maxLeaseTtl()).isEqualTo(7200);
        assertThat(c.leaseSettings()).containsEntry("arca.lease.system-default-ttl", "3600s")
                .containsEntry("arca.lease.system-max-ttl", "7200s");

        Path none = dir.resolve("none.hcl");
        Files.writeString(none, base);
        assertThat(ServerConfig.load(none).leaseSettings()).as("the system's 768h stand").isEmpty();

        for (String[] bad : new String[][] {{"default_lease_ttl = \"2h\"\nmax_lease_ttl = \"1h\"", "cannot be longer than max_lease_ttl"},
                {"default_lease_ttl = \"800h\"", "cannot be longer than max_lease_ttl (768h"},
                {"max_lease_ttl = \"soon\"", "invalid duration for max_lease_ttl"},
                {"max_lease_ttl = \"0s\"", "max_lease_ttl must be longer than 0s"}}) {
            Path f = dir.resolve("bad.hcl");
            Files.writeString(f, base + bad[0] + "\n");
            assertThatThrownBy(() -> ServerConfig.load(f)).as(bad[0]).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(bad[1]);
        }
    }

    @Test
    void rejectsIncompleteOrMalformedConfig() throws Exception {
        Path noTls = dir.resolve("a.hcl");
        Files.writeString(noTls, "listener \"tcp\" { address = \"127.0.0.1:8200\" }\nstorage \"postgresql\" { connection_url = \"postgres://h/db\" }\n");
        assertThatThrownBy(() -> ServerConfig.load(noTls)).hasMessageContaining("tls_cert_file");

        Path noStorage = dir.resolve("b.hcl");
        Files.writeString(noStorage, "listener \"tcp\" { tls_disable = true }\n");
        assertThatThrownBy(() -> ServerConfig.load(noStorage)).hasMessageContaining("storage \"postgresql\"");

        Path broken = dir.resolve("c.hcl");
        Files.writeString(broken, "listener \"tcp\" {\n  address = \n}\n");
        assertThatThrownBy(() -> ServerConfig.load(broken)).hasMessageContaining("line");

        Path badSeal = dir.resolve("d.hcl");
        Files.writeString(badSeal, "listener \"tcp\" { tls_disable = true }\nstorage \"postgresql\" { connection_url = \"postgres://h/db\" }\nseal \"awskms\" {}\n");
        assertThatThrownBy(() -> ServerConfig.load(badSeal)).hasMessageContaining("not supported");
    }

    @Test
    void missingTlsFilesAndABadStaticKeyAreNamedInOneLineBeforeAnythingStarts() throws Exception {
        Path f = dir.resolve("tls.hcl");
        Path cert = dir.resolve("cert.pem");
        Files.writeString(cert, "x");
        Files.writeString(f, "listener \"tcp\" { tls_cert_file = \"" + cert + "\"\n tls_key_file = \"" + dir.resolve("nope.pem") + "\" }\n"
                + "storage \"postgresql\" { connection_url = \"postgres://h/db\" }\n");
        ServerConfig c = ServerConfig.load(f);
        assertThatThrownBy(c::checked).hasMessage("listener \"tcp\": tls_key_file " + dir.resolve("nope.pem") + " does not exist");

        Path g = dir.resolve("tls2.hcl");
        Files.writeString(g, "listener \"tcp\" { tls_cert_file = \"/nonexistent/cert.pem\"\n tls_key_file = \"" + cert + "\" }\n"
                + "storage \"postgresql\" { connection_url = \"postgres://h/db\" }\n");
        assertThatThrownBy(() -> ServerConfig.load(g).checked()).hasMessageContaining("tls_cert_file /nonexistent/cert.pem does not exist")
                .hasMessageNotContaining("\n");

        Path h = dir.resolve("static.hcl");
        Files.writeString(h, "listener \"tcp\" { tls_disable = true }\nstorage \"postgresql\" { connection_url = \"postgres://h/db\" }\n"
                + "seal \"static\" { key = \"c2hvcnQ=\" }\n");
        assertThatThrownBy(() -> ServerConfig.load(h).checked()).hasMessage("seal \"static\": key must be 32 bytes in base64");

        Path ok = dir.resolve("ok.hcl");
        Files.writeString(ok, "listener \"tcp\" { tls_cert_file = \"" + cert + "\"\n tls_key_file = \"" + cert + "\" }\n"
                + "storage \"postgresql\" { connection_url = \"postgres://h/db\" }\n");
        assertThat(ServerConfig.load(ok).checked().tlsCertFile()).isEqualTo(cert.toString());
    }
}
