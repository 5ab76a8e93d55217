package dev.arca.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RequestIdsTests {

    @Test
    void idsAreVersion7UuidsInTheOrderTheyWereMade() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(RequestIds.next());
        }
        long before = System.currentTimeMillis();

        assertThat(new HashSet<>(ids)).hasSize(ids.size());
        assertThat(ids).allSatisfy(id -> {
            UUID u = UUID.fromString(id);
            assertThat(u.version()).isEqualTo(7);
            assertThat(u.variant()).isEqualTo(2);
        });
        assertThat(ids).isSortedAccordingTo(String::compareTo);
        long millis = UUID.fromString(ids.getLast()).getMostSignificantBits() >>> 16;
        assertThat(millis).isBetween(before - 60_000, before);
    }
}
