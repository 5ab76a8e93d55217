package dev.arca.identity.jwt;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.FieldData;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A jwt mount's configuration: where keys come from (exactly one of OIDC discovery, a JWKS URL or
 * static public keys), the OIDC client for the browser flow, and the defaults of every login.
 *
 * @param oidcClientSecret never read back
 */
record JwtConfig(String oidcDiscoveryUrl, String oidcDiscoveryCaPem, String oidcClientId, String oidcClientSecret,
        String oidcResponseMode, List<String> oidcResponseTypes, String jwksUrl, String jwksCaPem, List<String> jwtValidationPubkeys,
        List<String> jwtSupportedAlgs, String boundIssuer, String defaultRole) {

    /** What Vault accepts in {@code jwt_supported_algs}, less EdDSA. */
    static final List<String> ALGS = List.of("RS256", "RS384", "RS512", "ES256", "ES384", "ES512", "PS256", "PS384", "PS512");

    /** A login may try every static key: they are bounded. */
    static final int MAX_KEYS = 64;

    static final String EXACTLY_ONE = "exactly one of 'jwt_validation_pubkeys', 'jwks_url' or 'oidc_discovery_url' must be set";

    JwtConfig {
        oidcResponseTypes = List.copyOf(oidcResponseTypes);
        jwtValidationPubkeys = List.copyOf(jwtValidationPubkeys);
        jwtSupportedAlgs = List.copyOf(jwtSupportedAlgs);
    }

    /** Where the keys that verify tokens come from. */
    enum Source { DISCOVERY, JWKS, PUBKEYS }

    Source source() {
        return !oidcDiscoveryUrl.isEmpty() ? Source.DISCOVERY : !jwksUrl.isEmpty() ? Source.JWKS : Source.PUBKEYS;
    }

    /** Whether the browser flow is configured (Vault's OIDC auth type): discovery and a client. */
    boolean oidcFlow() {
        return source() == Source.DISCOVERY && !oidcClientId.isEmpty();
    }

    /** The algorithms a token may be signed with: RS256 unless configured. */
    List<String> algorithms() {
        return jwtSupportedAlgs.isEmpty() ? List.of("RS256") : jwtSupportedAlgs;
    }

    /** A write's configuration, checked as Vault checks it (keys are checked by whoever fetches or parses them). */
    static JwtConfig parse(FieldData f) {
        JwtConfig c = new JwtConfig(f.string("oidc_discovery_url").trim(), f.string("oidc_discovery_ca_pem"), f.string("oidc_client_id"),
                f.string("oidc_client_secret"), f.string("oidc_response_mode"), f.strings("oidc_response_types"),
                f.string("jwks_url").trim(), f.string("jwks_ca_pem"), f.strings("jwt_validation_pubkeys"), f.strings("jwt_supported_algs"),
                f.string("bound_issuer"), f.string("default_role"));
        int sources = (c.oidcDiscoveryUrl.isEmpty() ? 0 : 1) + (c.jwksUrl.isEmpty() ? 0 : 1) + (c.jwtValidationPubkeys.isEmpty() ? 0 : 1);
        if (sources != 1) {
            throw VaultException.badRequest(EXACTLY_ONE);
        }
        if (c.oidcClientId.isEmpty() != c.oidcClientSecret.isEmpty()) {
            throw VaultException.badRequest("both 'oidc_client_id' and 'oidc_client_secret' must be set for OIDC");
        }
        if (!c.oidcClientId.isEmpty() && c.oidcDiscoveryUrl.isEmpty()) {
            throw VaultException.badRequest("'oidc_discovery_url' must be set for OIDC");
        }
        if (!c.jwksCaPem.isEmpty() && c.jwksUrl.isEmpty()) {
            throw VaultException.badRequest("'jwks_ca_pem' is only used with 'jwks_url'");
        }
        if (!c.oidcDiscoveryCaPem.isEmpty() && c.oidcDiscoveryUrl.isEmpty()) {
            throw VaultException.badRequest("'oidc_discovery_ca_pem' is only used with 'oidc_discovery_url'");
        }
        if (c.jwtValidationPubkeys.size() > MAX_KEYS) {
            throw VaultException.badRequest("at most " + MAX_KEYS + " jwt_validation_pubkeys");
        }
        for (String alg : c.jwtSupportedAlgs) {
            if (!ALGS.contains(alg)) {
                throw VaultException.badRequest("invalid jwt_supported_algs: " + alg.replaceAll("[^A-Za-z0-9]", ""));
            }
        }
        if (!c.oidcResponseMode.isEmpty() && !c.oidcResponseMode.equals("query") && !c.oidcResponseMode.equals("form_post")) {
            throw VaultException.badRequest("invalid response_mode: \"" + c.oidcResponseMode.replaceAll("[^a-z_]", "") + "\"");
        }
        for (String type : c.oidcResponseTypes) {
            if (!type.equals("code")) {
                throw VaultException.badRequest("unsupported response_type \"" + type.replaceAll("[^a-z_]", "") + "\": only code");
            }
        }
        return c;
    }

    /** The configuration as Vault reads it back: without the client secret. */
    Map<String, Object> toMap() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("bound_issuer", boundIssuer);
        d.put("default_role", defaultRole);
        d.put("jwks_ca_pem", jwksCaPem);
        d.put("jwks_url", jwksUrl);
        d.put("jwt_supported_algs", jwtSupportedAlgs);
        d.put("jwt_validation_pubkeys", jwtValidationPubkeys);
        d.put("namespace_in_state", false);
        d.put("oidc_client_id", oidcClientId);
        d.put("oidc_discovery_ca_pem", oidcDiscoveryCaPem);
        d.put("oidc_discovery_url", oidcDiscoveryUrl);
        d.put("oidc_response_mode", oidcResponseMode);
        d.put("oidc_response_types", oidcResponseTypes);
        d.put("provider_config", Map.of());
        return d;
    }
}
