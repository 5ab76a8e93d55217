package dev.arca.core.barrier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.core.api.VaultException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class SealBoundTests {

    @Test
    void aCacheLivesOnlyAsLongAsTheKeyringItWasFilledUnder() {
        Barrier barrier = new Barrier();
        Map<String, String> cache = new ConcurrentHashMap<>();
        SealBound bound = new SealBound(barrier, cache::clear);

        assertThatThrownBy(bound::check).as("sealed").isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.status()).isEqualTo(503));
        Keyring first = Keyring.generate();
        barrier.unseal(first);
        bound.check();
        cache.put("key", "parsed");
        bound.check();
        assertThat(cache).as("same keyring: kept").containsKey("key");

        barrier.seal();
        assertThat(cache).as("dropped when the barrier seals, before any use").isEmpty();

        barrier.unseal(first);
        bound.check();
        cache.put("key", "parsed");
        barrier.unseal(first.rotate());
        assertThat(cache).as("dropped when the keyring is replaced").isEmpty();

        // an entry put back by a call that read it under the old keyring is dropped at the next use
        cache.put("late", "parsed under the old keyring");
        bound.check();
        assertThat(cache).isEmpty();
    }

    @Test
    void oneFailingListenerDoesNotStopTheOthers() {
        Barrier barrier = new Barrier();
        Map<String, String> cache = new ConcurrentHashMap<>(Map.of("k", "v"));
        barrier.onKeyringGone(() -> {
            throw new IllegalStateException("boom");
        });
        barrier.onKeyringGone(cache::clear);
        barrier.unseal(Keyring.generate());
        assertThat(cache).as("the first unseal replaces nothing").containsKey("k");
        barrier.seal();
        assertThat(cache).isEmpty();
        assertThat(barrier.isSealed()).isTrue();
    }
}
