package dev.arca.kv.mount;

import dev.arca.kv.store.MetadataRepository;
import dev.arca.kv.store.MountConfigRepository;
import dev.arca.kv.v1.V1Repository;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code DELETE /internal/mounts/{mountAccessor}}: the gateway disabled a mount; drop all its data. */
@RestController
public class MountController {

    private final MetadataRepository metadata;
    private final MountConfigRepository configs;
    private final V1Repository v1;
    private final TransactionTemplate tx;

    public MountController(MetadataRepository metadata, MountConfigRepository configs, V1Repository v1,
            TransactionTemplate tx) {
        this.metadata = metadata;
        this.configs = configs;
        this.v1 = v1;
        this.tx = tx;
    }

    @DeleteMapping("/internal/mounts/{mountAccessor}")
    public ResponseEntity<Void> delete(@PathVariable String mountAccessor) {
        tx.executeWithoutResult(s -> {
            metadata.deleteMount(mountAccessor);
            configs.deleteMount(mountAccessor);
            v1.deleteMount(mountAccessor);
        });
        return ResponseEntity.noContent().build();
    }
}
