package dev.arca.gateway.service;

/** An internal service could not be reached. A system error: the caller sees a 502/500, never details. */
public class ServiceUnavailableException extends RuntimeException {

    private final String service;

    public ServiceUnavailableException(String service, Throwable cause) {
        super("service " + service + " is unreachable: " + cause.getClass().getSimpleName(), cause);
        this.service = service;
    }

    public String service() {
        return service;
    }
}
