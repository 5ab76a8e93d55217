package dev.arca.audit.log;

/** An entry could not be stored by every enabled device; carries no entry content. */
class AuditFailedException extends RuntimeException {

    AuditFailedException(String device, Throwable cause) {
        super("audit device " + device + " failed: " + cause.getClass().getName(), null, false, false);
    }
}
