package dev.arca.pki.acme;

/**
 * An ACME error (RFC 8555 section 6.7): answered as an {@code application/problem+json} document of
 * type {@code urn:ietf:params:acme:error:<type>}. The detail never holds key material or a nonce.
 */
public final class AcmeProblem extends RuntimeException {

    private final String type;
    private final int status;

    public AcmeProblem(String type, int status, String detail) {
        super(detail, null, false, false);
        this.type = type;
        this.status = status;
    }

    public String type() {
        return type;
    }

    public int status() {
        return status;
    }

    public static AcmeProblem malformed(String detail) {
        return new AcmeProblem("malformed", 400, detail);
    }

    public static AcmeProblem unauthorized(String detail) {
        return new AcmeProblem("unauthorized", 403, detail);
    }

    public static AcmeProblem notFound(String detail) {
        return new AcmeProblem("malformed", 404, detail);
    }
}
