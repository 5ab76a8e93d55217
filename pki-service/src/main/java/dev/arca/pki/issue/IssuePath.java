package dev.arca.pki.issue;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.BackendRequest;
import dev.arca.core.backend.Field;
import dev.arca.core.backend.PathFamily;
import dev.arca.pki.roles.Role;
import dev.arca.pki.x509.KeySpec;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** {@code issue/<role>} and {@code issuer/<ref>/issue/<role>}: a new key pair and a certificate for it; the key is never stored. */
@Component
public class IssuePath {

    private final Issuance issuance;

    public IssuePath(Issuance issuance) {
        this.issuance = issuance;
    }

    public List<PathFamily> families() {
        return List.of(family("issue/{role}"), family("issuer/{issuer_ref}/issue/{role}"));
    }

    private PathFamily family(String pattern) {
        return CertFields.add(PathFamily.of(pattern), CertFields.common())
                .field(Field.path("role", "The role to issue under."))
                .write(this::issue, "Issue a certificate and its private key.")
                .help("Request a certificate and private key under a role.",
                        "The private key is generated for this request, returned once and never stored.")
                .build();
    }

    private ResponseEntity<?> issue(BackendRequest r) {
        Role role = issuance.role(r);
        KeySpec spec = KeySpec.parse(role.string("key_type"), role.number("key_bits"), true);
        if (spec.type().equals(KeySpec.ANY)) {
            throw VaultException.badRequest("role key type \"any\" not allowed for issuing certificates, only signing");
        }
        return issuance.issue(r, role, spec.generate(), null, false);
    }
}
