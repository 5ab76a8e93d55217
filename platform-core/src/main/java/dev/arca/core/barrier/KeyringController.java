package dev.arca.core.barrier;

import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The internal endpoint through which the gateway unseals ({@code PUT}), seals ({@code DELETE}) and
 * probes ({@code GET}) a service instance. Reachable only with a gateway-signed context.
 */
@RestController
public class KeyringController {

    private final Barrier barrier;

    public KeyringController(Barrier barrier) {
        this.barrier = barrier;
    }

    @GetMapping("/internal/keyring")
    public Map<String, Object> status() {
        return Map.of("sealed", barrier.isSealed(), "term", barrier.activeTerm());
    }

    @PutMapping("/internal/keyring")
    public ResponseEntity<Void> unseal(@RequestBody Map<String, Object> keyring) {
        barrier.unseal(Keyring.fromMap(keyring));
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/internal/keyring")
    public ResponseEntity<Void> seal() {
        barrier.seal();
        return ResponseEntity.noContent().build();
    }
}
