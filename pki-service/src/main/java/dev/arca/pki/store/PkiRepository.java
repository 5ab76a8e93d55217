package dev.arca.pki.store;

import dev.arca.core.barrier.Barrier;
import dev.arca.pki.x509.Pem;
import java.security.KeyPair;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keys, issuers, roles and settings of every mount. A private key is sealed by the barrier with
 * additional data naming its row ({@code pki/pki_key/<mount>/<id>}), so a key copied to another row
 * or mount fails to open.
 */
@Repository
public class PkiRepository {

    private final JdbcClient jdbc;
    private final Barrier barrier;
    private final JsonMapper json;

    public PkiRepository(JdbcClient jdbc, Barrier barrier, JsonMapper json) {
        this.jdbc = jdbc;
        this.barrier = barrier;
        this.json = json;
    }

    public List<IssuerKey> keys(String mount) {
        return jdbc.sql("SELECT id, name, key_type, private_key, public_key FROM pki_key WHERE mount_accessor = ? ORDER BY id")
                .param(mount)
                .query((rs, n) -> {
                    String id = rs.getString(1);
                    byte[] pkcs8 = barrier.decrypt(rs.getBytes(4), aad(mount, id));
                    var pub = Pem.publicKey(org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(rs.getBytes(5)));
                    return new IssuerKey(id, rs.getString(2), rs.getString(3), new KeyPair(pub, Pem.privateKey(pkcs8)));
                })
                .list();
    }

    public void insertKey(String mount, IssuerKey key) {
        jdbc.sql("INSERT INTO pki_key (mount_accessor, id, name, key_type, private_key, public_key) VALUES (?, ?, ?, ?, ?, ?)")
                .params(mount, key.id(), key.name(), key.type(), barrier.encrypt(key.pair().getPrivate().getEncoded(), aad(mount, key.id())),
                        key.pair().getPublic().getEncoded())
                .update();
    }

    public void renameKey(String mount, String id, String name) {
        jdbc.sql("UPDATE pki_key SET name = ? WHERE mount_accessor = ? AND id = ?").params(name, mount, id).update();
    }

    public void deleteKey(String mount, String id) {
        jdbc.sql("DELETE FROM pki_key WHERE mount_accessor = ? AND id = ?").params(mount, id).update();
    }

    public List<Issuer> issuers(String mount) {
        return jdbc.sql("SELECT id, name, key_id, certificate, ca_chain, leaf_not_after_behavior, usage, created FROM pki_issuer "
                        + "WHERE mount_accessor = ? ORDER BY created, id")
                .param(mount)
                .query((rs, n) -> new Issuer(rs.getString(1), rs.getString(2), rs.getString(3),
                        Pem.certificate(rs.getString(4), "certificate"), chain(rs.getString(5)), rs.getString(6), rs.getString(7),
                        rs.getTimestamp(8).toInstant()))
                .list();
    }

    public void insertIssuer(String mount, Issuer i) {
        jdbc.sql("INSERT INTO pki_issuer (mount_accessor, id, name, key_id, certificate, ca_chain, leaf_not_after_behavior, usage, created) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(mount, i.id(), i.name(), i.keyId(), i.pem(), String.join("\n", i.chain()), i.leafNotAfterBehavior(), i.usage(),
                        Timestamp.from(i.created()))
                .update();
    }

    public void updateIssuer(String mount, Issuer i) {
        jdbc.sql("UPDATE pki_issuer SET name = ?, leaf_not_after_behavior = ?, usage = ?, ca_chain = ? WHERE mount_accessor = ? AND id = ?")
                .params(i.name(), i.leafNotAfterBehavior(), i.usage(), String.join("\n", i.chain()), mount, i.id())
                .update();
    }

    public void deleteIssuer(String mount, String id) {
        jdbc.sql("DELETE FROM pki_issuer WHERE mount_accessor = ? AND id = ?").params(mount, id).update();
        jdbc.sql("DELETE FROM pki_crl WHERE mount_accessor = ? AND issuer_id = ?").params(mount, id).update();
    }

    public Map<String, ObjectNode> configs(String mount) {
        return jdbc.sql("SELECT name, value FROM pki_config WHERE mount_accessor = ?")
                .param(mount)
                .query((rs, n) -> Map.entry(rs.getString(1), (ObjectNode) json.readTree(rs.getString(2))))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    public void saveConfig(String mount, String name, ObjectNode value) {
        jdbc.sql("INSERT INTO pki_config (mount_accessor, name, value) VALUES (?, ?, ?) "
                        + "ON CONFLICT (mount_accessor, name) DO UPDATE SET value = EXCLUDED.value")
                .params(mount, name, json.writeValueAsString(value))
                .update();
    }

    public Optional<ObjectNode> role(String mount, String name) {
        return jdbc.sql("SELECT role FROM pki_role WHERE mount_accessor = ? AND name = ?")
                .params(mount, name)
                .query(String.class)
                .optional()
                .map(s -> (ObjectNode) json.readTree(s));
    }

    public void saveRole(String mount, String name, ObjectNode role) {
        jdbc.sql("INSERT INTO pki_role (mount_accessor, name, role) VALUES (?, ?, ?) "
                        + "ON CONFLICT (mount_accessor, name) DO UPDATE SET role = EXCLUDED.role")
                .params(mount, name, json.writeValueAsString(role))
                .update();
    }

    public void deleteRole(String mount, String name) {
        jdbc.sql("DELETE FROM pki_role WHERE mount_accessor = ? AND name = ?").params(mount, name).update();
    }

    public List<String> roleNames(String mount) {
        return jdbc.sql("SELECT name FROM pki_role WHERE mount_accessor = ? ORDER BY name").param(mount).query(String.class).list();
    }

    /** Serialises writers of one mount's CA state for the rest of the transaction. */
    public void lockMount(String mount) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('pki:' || ?))").param(mount).query().singleValue();
    }

    public void deleteMount(String mount) {
        for (String table : List.of("pki_key", "pki_issuer", "pki_cert", "pki_role", "pki_config", "pki_crl",
                "pki_acme_account", "pki_acme_order", "pki_acme_authz")) {
            jdbc.sql("DELETE FROM " + table + " WHERE mount_accessor = ?").param(mount).update();
        }
    }

    private static List<String> chain(String text) {
        if (text.isBlank()) {
            return List.of();
        }
        return Pem.certificates(text, "ca_chain").stream().map(Pem::certificate).toList();
    }

    private static String aad(String mount, String id) {
        return Barrier.aad("pki", "pki_key", mount + "/" + id);
    }
}
