package dev.arca.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.io.StringWriter;
import java.security.KeyPair;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.util.io.pem.PemObject;
import org.junit.jupiter.api.Assumptions;

/**
 * OpenLDAP's {@code slapd}, run by a test as its own instance: a free loopback port for ldap:// and
 * one for ldaps://, a temporary directory with a generated slapd.conf (mdb, the core, cosine,
 * inetorgperson and nis schemas), a server certificate from a CA made for the run, and entries
 * loaded from LDIF made for the run (passwords as {SSHA}). The package's own instance, if any, plays
 * no part. Without slapd the calling test is skipped, naming the package to install.
 */
final class TestSlapd implements AutoCloseable {

    static final String SUFFIX = "dc=example,dc=org";
    static final String ADMIN_DN = "cn=admin," + SUFFIX;
    private static final Path SLAPD = Path.of("/usr/sbin/slapd");
    private static final Path SLAPADD = Path.of("/usr/sbin/slapadd");
    private static final Path SCHEMAS = Path.of("/etc/ldap/schema");
    private static final SecureRandom RANDOM = new SecureRandom();

    final String adminPassword = "admin-" + Long.toHexString(RANDOM.nextLong());
    final TestPki.Issued ca = TestPki.ca("Arca test LDAP CA");
    final int port;
    final int tlsPort;
    private final Path dir;
    private final Process process;

    private TestSlapd(String ldif, boolean demandClientCertificate) throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isExecutable(SLAPD) && Files.isExecutable(SLAPADD) && Files.isDirectory(SCHEMAS),
                "slapd is not installed: install Debian's slapd and ldap-utils packages (apt-get install slapd ldap-utils)");
        dir = Files.createTempDirectory("arca-slapd");
        Files.createDirectories(dir.resolve("data"));
        TestPki.Issued server = TestPki.leaf("CN=127.0.0.1", ca, Duration.ofDays(1),
                TestPki.sans(new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")));
        Files.writeString(dir.resolve("ca.pem"), ca.pem());
        Files.writeString(dir.resolve("server.pem"), server.pem());
        Files.writeString(dir.resolve("server.key"), keyPem(server.keys()));
        Files.writeString(dir.resolve("slapd.conf"), config(demandClientCertificate));
        Files.writeString(dir.resolve("seed.ldif"), ldif);
        run(List.of(SLAPADD.toString(), "-f", dir.resolve("slapd.conf").toString(), "-l", dir.resolve("seed.ldif").toString()));
        port = freePort();
        tlsPort = freePort();
        process = new ProcessBuilder(SLAPD.toString(), "-h", url() + "/ ldaps://127.0.0.1:" + tlsPort + "/",
                "-f", dir.resolve("slapd.conf").toString(), "-d", "0")
                .redirectErrorStream(true).redirectOutput(dir.resolve("slapd.log").toFile()).start();
        awaitListening(port);
        awaitListening(tlsPort);
    }

    /** A running slapd holding {@code ldif} (entries below {@link #SUFFIX}, which it creates). */
    static TestSlapd start(String ldif) {
        return start(ldif, false);
    }

    /**
     * {@link #start(String)}, with TLS clients (ldaps:// and StartTLS) required to present a
     * certificate from {@link #ca} when {@code demandClientCertificate}.
     */
    static TestSlapd start(String ldif, boolean demandClientCertificate) {
        try {
            return new TestSlapd("""
                    dn: %s
                    objectClass: dcObject
                    objectClass: organization
                    o: Example
                    dc: example

                    """.formatted(SUFFIX) + ldif, demandClientCertificate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String url() {
        return "ldap://127.0.0.1:" + port;
    }

    String ldapsUrl() {
        return "ldaps://127.0.0.1:" + tlsPort;
    }

    /** An RFC 2307 {SSHA} of the password, as slapd checks it. */
    static String ssha(String password) {
        try {
            byte[] salt = new byte[8];
            RANDOM.nextBytes(salt);
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(password.getBytes(StandardCharsets.UTF_8));
            sha1.update(salt);
            byte[] digest = sha1.digest();
            byte[] both = new byte[digest.length + salt.length];
            System.arraycopy(digest, 0, both, 0, digest.length);
            System.arraycopy(salt, 0, both, digest.length, salt.length);
            return "{SSHA}" + Base64.getEncoder().encodeToString(both);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A free loopback port that nothing listens on. */
    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The key in PKCS#8 PEM with its curve and public key inside (RFC 5915 makes both optional, but
     * GnuTLS, which Debian's slapd uses, needs them).
     */
    private static String keyPem(KeyPair keys) throws IOException {
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded());
        ECPrivateKey sec1 = new ECPrivateKey(256, ((java.security.interfaces.ECPrivateKey) keys.getPrivate()).getS(),
                spki.getPublicKeyData(), spki.getAlgorithm().getParameters());
        StringWriter w = new StringWriter();
        try (JcaPEMWriter p = new JcaPEMWriter(w)) {
            p.writeObject(new PemObject("PRIVATE KEY", new PrivateKeyInfo(spki.getAlgorithm(), sec1).getEncoded()));
        }
        return w.toString();
    }

    private String config(boolean demandClientCertificate) {
        StringBuilder b = new StringBuilder();
        for (String schema : List.of("core", "cosine", "inetorgperson", "nis")) {
            b.append("include ").append(SCHEMAS.resolve(schema + ".schema")).append('\n');
        }
        b.append("pidfile ").append(dir.resolve("slapd.pid")).append('\n')
                .append("argsfile ").append(dir.resolve("slapd.args")).append('\n')
                .append("modulepath /usr/lib/ldap\nmoduleload back_mdb\n")
                .append("TLSCACertificateFile ").append(dir.resolve("ca.pem")).append('\n')
                .append("TLSCertificateFile ").append(dir.resolve("server.pem")).append('\n')
                .append("TLSCertificateKeyFile ").append(dir.resolve("server.key")).append('\n')
                .append("TLSVerifyClient ").append(demandClientCertificate ? "demand" : "never").append('\n')
                .append("database mdb\nmaxsize 10485760\n")
                .append("suffix \"").append(SUFFIX).append("\"\n")
                .append("rootdn \"").append(ADMIN_DN).append("\"\n")
                .append("rootpw ").append(ssha(adminPassword)).append('\n')
                .append("directory ").append(dir.resolve("data")).append('\n')
                .append("access to attrs=userPassword by self write by anonymous auth by * none\n")
                .append("access to * by * read\n");
        return b.toString();
    }

    private void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("slapadd.log").toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(command.getFirst() + " failed: " + Files.readString(dir.resolve("slapadd.log")));
        }
    }

    private void awaitListening(int p) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("slapd stopped: " + Files.readString(dir.resolve("slapd.log")));
            }
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), p)) {
                return;
            } catch (IOException notYet) {
                // slapd has not bound the port yet: wait for the process a moment, then try again
                process.waitFor(50, TimeUnit.MILLISECONDS);
            }
        }
        throw new IllegalStateException("slapd did not listen on port " + p + " within 30 s");
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is no failure of the test
        }
    }
}
