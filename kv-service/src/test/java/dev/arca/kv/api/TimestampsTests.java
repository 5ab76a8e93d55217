package dev.arca.kv.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimestampsTests {

    @Test
    void formatsLikeGoRfc3339Nano() {
        assertThat(Timestamps.format(Instant.parse("2018-03-22T02:24:06.945319214Z"))).isEqualTo("2018-03-22T02:24:06.945319214Z");
        assertThat(Timestamps.format(Instant.parse("2018-03-22T02:24:06.945300Z"))).isEqualTo("2018-03-22T02:24:06.9453Z");
        assertThat(Timestamps.format(Instant.parse("2018-03-22T02:24:06Z"))).isEqualTo("2018-03-22T02:24:06Z");
        assertThat(Timestamps.formatOrEmpty(null)).isEmpty();
    }

    @Test
    void nowKeepsWhatPostgresqlKeeps() {
        assertThat(Timestamps.now().getNano() % 1000).isZero();
    }
}
