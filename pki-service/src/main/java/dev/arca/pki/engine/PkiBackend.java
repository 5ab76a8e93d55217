package dev.arca.pki.engine;

import dev.arca.core.backend.Backend;
import dev.arca.core.backend.PathFamily;
import dev.arca.core.backend.SecretType;
import dev.arca.pki.acme.AcmeAccountPath;
import dev.arca.pki.acme.AcmeAuthorizationPath;
import dev.arca.pki.acme.AcmeConfigPath;
import dev.arca.pki.acme.AcmeDirectoryPath;
import dev.arca.pki.acme.AcmeOrderPath;
import dev.arca.pki.acme.AcmeRevokePath;
import dev.arca.pki.config.ClusterPath;
import dev.arca.pki.config.UrlsPath;
import dev.arca.pki.crl.CrlConfigPath;
import dev.arca.pki.crl.FetchPath;
import dev.arca.pki.issue.Issuance;
import dev.arca.pki.issue.IssuePath;
import dev.arca.pki.issue.SignPath;
import dev.arca.pki.issuers.IntermediatePath;
import dev.arca.pki.issuers.IssuersPath;
import dev.arca.pki.issuers.RootPath;
import dev.arca.pki.keys.KeysPath;
import dev.arca.pki.ocsp.OcspPath;
import dev.arca.pki.revoke.CertsPath;
import dev.arca.pki.revoke.Revocations;
import dev.arca.pki.revoke.RevokePath;
import dev.arca.pki.roles.RolesPath;
import dev.arca.pki.store.PkiStore;
import dev.arca.pki.tidy.TidyPath;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code pki} backend: Vault's certificate-authority paths. The CA certificates, CRLs, certificate
 * store reads, the OCSP responder and ACME need no token, as in Vault; a leased certificate is revoked when
 * its lease is; disabling a mount deletes its keys, issuers, certificates and roles.
 */
@Configuration(proxyBeanMethods = false)
public class PkiBackend {

    /** Vault's unauthenticated pki paths. */
    static final String[] UNAUTHENTICATED = {"cert/*", "ca/pem", "ca_chain", "ca", "crl/delta", "crl/delta/pem", "crl/pem", "crl",
        "issuer/+/crl/der", "issuer/+/crl/pem", "issuer/+/crl", "issuer/+/crl/delta/der", "issuer/+/crl/delta/pem", "issuer/+/crl/delta",
        "issuer/+/pem", "issuer/+/der", "issuer/+/json", "issuers", "issuers/", "ocsp", "ocsp/*",
        // ACME: the JWS is the authentication
        "acme/*", "roles/+/acme/*", "issuer/+/acme/*", "issuer/+/roles/+/acme/*"};

    @Bean
    Backend pki(RootPath root, IntermediatePath intermediate, IssuersPath issuers, KeysPath keys, RolesPath roles, IssuePath issue,
            SignPath sign, RevokePath revoke, CertsPath certs, FetchPath fetch, CrlConfigPath crlConfig, UrlsPath urls,
            ClusterPath cluster, OcspPath ocsp, TidyPath tidy, Revocations revocations, PkiStore store, AcmeConfigPath acmeConfig,
            AcmeDirectoryPath acmeDirectory, AcmeAccountPath acmeAccounts, AcmeOrderPath acmeOrders, AcmeAuthorizationPath acmeAuthorizations,
            AcmeRevokePath acmeRevoke) {
        List<PathFamily> families = new ArrayList<>();
        // ACME's resources first: their patterns are literal below the directory, and must not fall to issuer/<ref>/... or roles/<name>
        families.addAll(acmeDirectory.families());
        families.addAll(acmeAccounts.families());
        families.addAll(acmeOrders.families());
        families.addAll(acmeAuthorizations.families());
        families.addAll(acmeRevoke.families());
        families.addAll(root.families());
        families.addAll(intermediate.families());
        // the issuer CRL paths before issuer/<ref>/<form>
        fetch.families().stream().filter(FetchPath::issuerCrl).forEach(families::add);
        families.addAll(issue.families());
        families.addAll(sign.families());
        families.addAll(issuers.families());
        families.addAll(keys.families());
        families.add(roles.listFamily());
        families.add(roles.family());
        families.addAll(revoke.families());
        fetch.families().stream().filter(f -> !FetchPath.issuerCrl(f)).forEach(families::add);
        families.addAll(certs.families());
        families.add(crlConfig.family());
        families.add(urls.family());
        families.add(cluster.family());
        families.add(acmeConfig.family());
        families.addAll(ocsp.families());
        families.addAll(tidy.families());
        return Backend.builder("pki", Backend.Kind.SECRET)
                .description("an internal certificate authority: issuers, roles, issue and sign, revocation, CRLs and OCSP")
                .unauthenticated(UNAUTHENTICATED)
                .paths(families)
                .secret(new SecretType(Issuance.SECRET_TYPE, SecretType.notRenewable(), e -> {
                    String serial = e.data().get("serial_number");
                    String mount = e.mount().accessor();
                    // idempotent: a certificate tidied away or already revoked needs nothing more
                    revocations.revokeIfStored(mount, serial);
                }))
                .hooks(new Backend.MountHooks() {
                    @Override
                    public void disable(Backend.MountInfo mount) {
                        store.deleteMount(mount.accessor());
                    }
                })
                .build();
    }
}
