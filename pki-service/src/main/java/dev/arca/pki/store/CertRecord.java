package dev.arca.pki.store;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A stored certificate: its serial, the issuer that signed it, its DER, expiry and revocation time. */
public record CertRecord(String serial, @Nullable String issuerId, byte[] der, Instant notAfter, @Nullable Instant revokedAt) {
}
