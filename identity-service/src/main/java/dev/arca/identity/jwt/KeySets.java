package dev.arca.identity.jwt;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import dev.arca.core.api.VaultException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The keys each jwt mount verifies tokens with, kept while its configuration stays the same: static
 * public keys, or a remote key set (from {@code jwks_url} or the provider's discovery) fetched with
 * timeouts, cached, and fetched again (rate-limited) when a token names a key id it does not hold.
 */
@Component
class KeySets {

    /** How long a fetched key set is used before it is fetched again. */
    static final long CACHE_MS = 10 * 60_000L;
    /** How long a login waits for a fetch in progress. */
    static final long REFRESH_WAIT_MS = 15_000L;
    /** At most one fetch for unknown key ids in this interval. */
    static final long RATE_LIMIT_MS = 5_000L;

    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z ]+)-----([^-]+)-----END \\1-----");

    /** What an OIDC provider's discovery document says. */
    record Discovery(String issuer, String authorizationEndpoint, String tokenEndpoint, String jwksUri) {
    }

    /** A mount's keys, with the discovery document (null without discovery) and the client for its endpoints. */
    record Provider(JWKSource<SecurityContext> keys, @Nullable Discovery discovery, ProviderClient client) {
    }

    private record Cached(JwtConfig config, Provider provider) {
    }

    private final Map<String, Cached> byMount = new ConcurrentHashMap<>();
    private final JsonMapper json;

    KeySets(JsonMapper json) {
        this.json = json;
    }

    /** The mount's provider for this configuration: the cached one, or a new one (fetching discovery). */
    Provider of(String mount, JwtConfig config) throws IOException {
        Cached c = byMount.get(mount);
        if (c != null && c.config().equals(config)) {
            return c.provider();
        }
        Provider p = build(config);
        byMount.put(mount, new Cached(config, p));
        return p;
    }

    void forget(String mount) {
        byMount.remove(mount);
    }

    /** A provider for a configuration being written: its keys parsed or its endpoints reachable, else a 400 in Vault's words. */
    Provider check(JwtConfig config) {
        try {
            Provider p = build(config);
            if (config.source() != JwtConfig.Source.PUBKEYS) {
                JWKSet.parse(p.client().get(p.discovery() != null ? p.discovery().jwksUri() : config.jwksUrl()));
            }
            return p;
        } catch (IOException | java.text.ParseException | RuntimeException e) {
            if (e instanceof VaultException v) {
                throw v;
            }
            throw VaultException.badRequest(switch (config.source()) {
                case DISCOVERY -> "error checking oidc discovery URL";
                case JWKS -> "error checking jwks URL";
                case PUBKEYS -> "error parsing public key";
            });
        }
    }

    private Provider build(JwtConfig config) throws IOException {
        return switch (config.source()) {
            case PUBKEYS -> new Provider(new ImmutableJWKSet<>(new JWKSet(parsePublicKeys(config.jwtValidationPubkeys()))), null,
                    new ProviderClient(""));
            case JWKS -> {
                ProviderClient client = new ProviderClient(config.jwksCaPem());
                yield new Provider(remote(config.jwksUrl(), client), null, client);
            }
            case DISCOVERY -> {
                ProviderClient client = new ProviderClient(config.oidcDiscoveryCaPem());
                Discovery d = discover(config.oidcDiscoveryUrl(), client);
                yield new Provider(remote(d.jwksUri(), client), d, client);
            }
        };
    }

    private static JWKSource<SecurityContext> remote(String url, ProviderClient client) throws IOException {
        return JWKSourceBuilder.<SecurityContext>create(URI.create(url).toURL(), client).cache(CACHE_MS, REFRESH_WAIT_MS)
                .refreshAheadCache(false).rateLimited(RATE_LIMIT_MS).retrying(false).outageTolerant(false).build();
    }

    /** The provider's discovery document; its issuer must be the discovery URL (as OpenID Connect Discovery requires). */
    private Discovery discover(String url, ProviderClient client) throws IOException {
        String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        JsonNode doc = json.readTree(client.get(base + "/.well-known/openid-configuration"));
        String issuer = doc.path("issuer").asString("");
        if (!issuer.equals(url) && !issuer.equals(base)) {
            throw new IOException("issuer did not match the issuer returned by provider");
        }
        Discovery d = new Discovery(issuer, doc.path("authorization_endpoint").asString(""), doc.path("token_endpoint").asString(""),
                doc.path("jwks_uri").asString(""));
        if (d.jwksUri().isEmpty()) {
            throw new IOException("discovery document has no jwks_uri");
        }
        return d;
    }

    /** PEM public keys (or certificates, for their keys), RSA or EC, as JWKs; 400 when one cannot be read. */
    static List<JWK> parsePublicKeys(List<String> pems) {
        List<JWK> out = new ArrayList<>();
        for (String pem : pems) {
            Matcher m = PEM.matcher(pem);
            if (!m.find()) {
                throw VaultException.badRequest("error parsing public key");
            }
            try {
                byte[] der = Base64.getMimeDecoder().decode(m.group(2));
                PublicKey key = m.group(1).equals("CERTIFICATE")
                        ? CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der)).getPublicKey()
                        : publicKey(der);
                out.add(switch (key) {
                    case RSAPublicKey rsa -> new RSAKey.Builder(rsa).build();
                    case ECPublicKey ec -> new ECKey.Builder(com.nimbusds.jose.jwk.Curve.forECParameterSpec(ec.getParams()), ec).build();
                    default -> throw VaultException.badRequest("error parsing public key");
                });
            } catch (GeneralSecurityException | IllegalArgumentException | NullPointerException e) {
                throw VaultException.badRequest("error parsing public key");
            }
        }
        return out;
    }

    private static PublicKey publicKey(byte[] der) throws GeneralSecurityException {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
        }
    }

    /** Whether an algorithm's keys are this JWK's type. */
    static boolean fits(JWSAlgorithm alg, JWK key) {
        return JWSAlgorithm.Family.RSA.contains(alg) ? key instanceof RSAKey : JWSAlgorithm.Family.EC.contains(alg) && key instanceof ECKey;
    }
}
