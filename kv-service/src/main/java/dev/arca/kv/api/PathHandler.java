package dev.arca.kv.api;

import dev.arca.core.api.VaultException;
import org.springframework.http.ResponseEntity;

/**
 * One path family of the engine (like OpenBao's {@code path_*.go}): each Vault operation it supports
 * is a handler; the others answer Vault's 405 "unsupported operation".
 */
public interface PathHandler {

    default ResponseEntity<?> read(KvRequest request) {
        throw VaultException.unsupportedOperation();
    }

    default ResponseEntity<?> createOrUpdate(KvRequest request) {
        throw VaultException.unsupportedOperation();
    }

    default ResponseEntity<?> patch(KvRequest request) {
        throw VaultException.unsupportedOperation();
    }

    default ResponseEntity<?> delete(KvRequest request) {
        throw VaultException.unsupportedOperation();
    }

    default ResponseEntity<?> list(KvRequest request) {
        throw VaultException.unsupportedOperation();
    }
}
