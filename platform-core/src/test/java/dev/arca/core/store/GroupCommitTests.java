package dev.arca.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.core.api.VaultException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class GroupCommitTests {

    @Test
    void itemsQueuedWhileABatchIsWrittenGoIntoOneLaterBatchWithTheirOwnResults() throws Exception {
        CountDownLatch firstBatchStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
        try (GroupCommit<Integer, String> g = new GroupCommit<>("test-writer", 100, batch -> {
            batches.add(batch);
            if (batches.size() == 1) {
                firstBatchStarted.countDown();
                await(release);
            }
            return batch.stream().map(i -> i % 2 == 0 ? "even " + i : "odd " + i).toList();
        })) {
            CompletableFuture<String> first = g.submit(0);
            assertThat(firstBatchStarted.await(10, TimeUnit.SECONDS)).isTrue();
            List<CompletableFuture<String>> later = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                later.add(g.submit(i));
            }
            release.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("even 0");
            for (int i = 1; i <= 5; i++) {
                assertThat(later.get(i - 1).get(10, TimeUnit.SECONDS)).isEqualTo((i % 2 == 0 ? "even " : "odd ") + i);
            }
            assertThat(batches).containsExactly(List.of(0), List.of(1, 2, 3, 4, 5));
        }
    }

    @Test
    void aBatchIsCappedAtItsMaximum() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
        try (GroupCommit<Integer, Boolean> g = new GroupCommit<>("test-writer", 3, batch -> {
            await(release);
            sizes.add(batch.size());
            return Collections.nCopies(batch.size(), true);
        })) {
            List<CompletableFuture<Boolean>> all = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                all.add(g.submit(i));
            }
            release.countDown();
            for (CompletableFuture<Boolean> f : all) {
                assertThat(f.get(10, TimeUnit.SECONDS)).isTrue();
            }
        }
        assertThat(sizes).allSatisfy(n -> assertThat(n).isBetween(1, 3));
        assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(10);
    }

    @Test
    void aFailedBatchFailsEveryCallerInItAndTheWriterGoesOn() {
        try (GroupCommit<String, Boolean> g = new GroupCommit<>("test-writer", 10, batch -> {
            if (batch.contains("bad")) {
                throw new IllegalStateException("constraint violated");
            }
            return Collections.nCopies(batch.size(), true);
        })) {
            assertThatThrownBy(() -> g.write("bad", Duration.ofSeconds(10))).isInstanceOf(IllegalStateException.class)
                    .hasMessage("constraint violated");
            assertThat(g.write("good", Duration.ofSeconds(10))).isTrue();
        }
    }

    @Test
    void aWriterAnsweringTheWrongNumberOfResultsFailsTheBatch() {
        try (GroupCommit<String, Boolean> g = new GroupCommit<>("test-writer", 10, batch -> List.of())) {
            assertThatThrownBy(() -> g.write("x", Duration.ofSeconds(10))).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void closingWritesWhatIsQueuedAndRefusesWhatComesAfter() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> written = Collections.synchronizedList(new ArrayList<>());
        GroupCommit<String, Boolean> g = new GroupCommit<>("test-writer", 1, batch -> {
            await(release);
            written.addAll(batch);
            return Collections.nCopies(batch.size(), true);
        });
        CompletableFuture<Boolean> a = g.submit("a");
        CompletableFuture<Boolean> b = g.submit("b");
        Thread closer = Thread.ofPlatform().start(g::close);
        release.countDown();
        closer.join(15_000);
        assertThat(a.get(1, TimeUnit.SECONDS)).isTrue();
        assertThat(b.get(1, TimeUnit.SECONDS)).isTrue();
        assertThat(written).containsExactly("a", "b");
        assertThatThrownBy(() -> g.write("c", Duration.ofSeconds(1))).isInstanceOfSatisfying(VaultException.class,
                e -> assertThat(e.status()).isEqualTo(500));
    }

    @Test
    void aCallerThatWaitsTooLongGetsAnInternalError() {
        CountDownLatch release = new CountDownLatch(1);
        try (GroupCommit<String, Boolean> g = new GroupCommit<>("test-writer", 10, batch -> {
            await(release);
            return Collections.nCopies(batch.size(), true);
        })) {
            assertThatThrownBy(() -> g.write("slow", Duration.ofMillis(200))).isInstanceOfSatisfying(VaultException.class,
                    e -> assertThat(e.status()).isEqualTo(500));
            release.countDown();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
