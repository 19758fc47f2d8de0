package dev.vigil.engine.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.OperationIdExhaustedException;
import dev.vigil.engine.spi.LiveOperation;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MonitorOperationRegistryTest {
    private final AtomicInteger counter = new AtomicInteger();
    private final MonitorOperationRegistry registry = new MonitorOperationRegistry(() -> "op-" + counter.incrementAndGet());

    @Test
    void initiatesActiveOperationsWithFreshIds() {
        Operation first = registry.initiateCheck("m1", 100, 9_100, false);
        Operation second = registry.initiateCheck("m2", 100, 9_100, true);

        assertThat(first.id()).isEqualTo("op-1");
        assertThat(first.state()).isEqualTo(OperationState.ACTIVE);
        assertThat(second.manual()).isTrue();
        assertThat(registry.getOperation("op-1")).contains(first);
        assertThat(registry.hasOutstandingOperation("m1")).isTrue();
        assertThat(registry.hasOutstandingOperation("m3")).isFalse();
        assertThat(registry.snapshot()).containsExactly(first, second);
    }

    @Test
    void theDigestIsTheSumOverTheSnapshotThroughEveryChange() {
        assertThat(registry.digest()).isZero();
        registry.initiateCheck("m1", 0, 10, false);
        assertThat(registry.digest()).isEqualTo(digestOfSnapshot());
        Operation second = registry.initiateCheck("m2", 0, 10, true);
        registry.initiateCheck("m3", 0, 10, false);
        assertThat(registry.digest()).isEqualTo(digestOfSnapshot());

        registry.cancelOperations("m1");
        assertThat(registry.digest()).isEqualTo(digestOfSnapshot());
        registry.initiateCheck("m1", 5, 15, true); // a cancelled and an active operation of one monitor
        assertThat(registry.digest()).isEqualTo(digestOfSnapshot());
        registry.completeOperation(second.id());
        registry.completeOperation(second.id()); // a second completion changes nothing
        assertThat(registry.digest()).isEqualTo(digestOfSnapshot());
        registry.dropMonitor("m1");
        assertThat(registry.digest()).isEqualTo(digestOfSnapshot());
        registry.dropMonitor("m3");
        assertThat(registry.snapshot()).isEmpty();
        assertThat(registry.digest()).isZero();
    }

    @Test
    void theDigestTellsACancelledOperationFromAnActiveOne() {
        registry.initiateCheck("m1", 0, 10, false);
        long active = registry.digest();

        registry.cancelOperations("m1");

        assertThat(registry.digest()).isNotEqualTo(active);
    }

    private long digestOfSnapshot() {
        long sum = 0;
        for (Operation operation : registry.snapshot()) {
            sum += LiveOperation.digest(LiveOperation.digestOfCharacters(operation.id()), !operation.isActive());
        }
        return sum;
    }

    @Test
    void cancelKeepsTheOperationOutstandingButInvalid() {
        Operation operation = registry.initiateCheck("m1", 0, 10, false);

        assertThat(registry.cancelOperations("m1")).extracting(Operation::state).containsExactly(OperationState.CANCELLED);

        assertThat(registry.validateOperation(operation.id(), "m1")).isFalse();
        assertThat(registry.hasOutstandingOperation("m1")).isTrue();
        assertThat(registry.cancelOperations("unknown")).isEmpty();
    }

    @Test
    void validateNeedsTheRightMonitorAndAnActiveOperation() {
        Operation operation = registry.initiateCheck("m1", 0, 10, false);

        assertThat(registry.validateOperation(operation.id(), "m1")).isTrue();
        assertThat(registry.validateOperation(operation.id(), "m2")).isFalse();
        assertThat(registry.validateOperation("op-unknown", "m1")).isFalse();
    }

    @Test
    void completeRemovesOnceAndForgets() {
        Operation operation = registry.initiateCheck("m1", 0, 10, false);

        assertThat(registry.completeOperation(operation.id())).contains(operation);
        assertThat(registry.completeOperation(operation.id())).isEmpty();
        assertThat(registry.getOperation(operation.id())).isEmpty();
        assertThat(registry.hasOutstandingOperation("m1")).isFalse();
        assertThat(registry.size()).isZero();
    }

    @Test
    void cancelAndCompleteGiveTheSameAnswersWithOneOperationOrSeveral() {
        Operation only = registry.initiateCheck("m1", 0, 10, false);
        Operation older = registry.initiateCheck("m2", 0, 10, false);
        Operation newer = registry.initiateCheck("m2", 1, 11, true);

        assertThat(registry.cancelOperations("m1")).containsExactly(only.cancelled());
        assertThat(registry.cancelOperations("m2")).containsExactly(older.cancelled(), newer.cancelled());
        assertThat(registry.operationsOf("m1")).containsExactly(only.cancelled());

        assertThat(registry.completeOperation(older.id())).contains(older.cancelled());
        assertThat(registry.operationsOf("m2")).containsExactly(newer.cancelled());
        assertThat(registry.getOperation(newer.id())).contains(newer.cancelled());
        assertThat(registry.completeOperation(newer.id())).contains(newer.cancelled());
        assertThat(registry.completeOperation(only.id())).contains(only.cancelled());

        assertThat(registry.hasOutstandingOperation("m1")).isFalse();
        assertThat(registry.hasOutstandingOperation("m2")).isFalse();
        assertThat(registry.snapshot()).isEmpty();
        assertThat(registry.size()).isZero();
    }

    @Test
    void dropMonitorForgetsAllItsOperations() {
        registry.initiateCheck("m1", 0, 10, false);
        Operation other = registry.initiateCheck("m2", 0, 10, false);

        assertThat(registry.dropMonitor("m1")).hasSize(1);

        assertThat(registry.snapshot()).containsExactly(other);
        assertThat(registry.size()).isEqualTo(1);
    }

    @Test
    void retriesBlankAndLiveIdsThenFailsLoudly() {
        Deque<String> ids = new ArrayDeque<>(Arrays.asList("", "a", "a", " ", "b"));
        MonitorOperationRegistry retrying = new MonitorOperationRegistry(ids::poll);
        assertThat(retrying.initiateCheck("m1", 0, 1, false).id()).isEqualTo("a");
        assertThat(retrying.initiateCheck("m1", 0, 1, false).id()).isEqualTo("b");

        MonitorOperationRegistry stuck = new MonitorOperationRegistry(() -> "same");
        stuck.initiateCheck("m1", 0, 1, false);
        assertThatThrownBy(() -> stuck.initiateCheck("m2", 0, 1, false))
                .isInstanceOf(OperationIdExhaustedException.class)
                .hasMessageContaining("after 5 tries")
                .hasMessageContaining("'same'");
        assertThat(stuck.hasOutstandingOperation("m2")).isFalse();
    }

    @Test
    void aNullIdIsRetriedLikeABlankOne() {
        Iterator<String> ids = Arrays.asList(null, "b").iterator();
        MonitorOperationRegistry fromNull = new MonitorOperationRegistry(ids::next);

        assertThat(fromNull.initiateCheck("m1", 0, 1, false).id()).isEqualTo("b");
    }

    @Test
    void anIdIsTriedExactlyFiveTimes() {
        // Five blank candidates exhaust the tries; a sixth, valid one is never asked for.
        Deque<String> ids = new ArrayDeque<>(Arrays.asList("", " ", "", " ", "", "late"));
        MonitorOperationRegistry registryOfBlanks = new MonitorOperationRegistry(ids::poll);

        assertThatThrownBy(() -> registryOfBlanks.initiateCheck("m1", 0, 1, false)).isInstanceOf(OperationIdExhaustedException.class);
        assertThat(ids).containsExactly("late");
        assertThat(registryOfBlanks.hasOutstandingOperation("m1")).isFalse();
    }

    @Test
    void aLiveIdOfTheSameMonitorIsSkippedAndItsOperationKept() {
        Deque<String> ids = new ArrayDeque<>(Arrays.asList("a", "a", "b"));
        MonitorOperationRegistry colliding = new MonitorOperationRegistry(ids::poll);
        Operation first = colliding.initiateCheck("m1", 0, 1, false);

        Operation second = colliding.initiateCheck("m1", 0, 1, false);

        assertThat(second.id()).isEqualTo("b");
        assertThat(colliding.operationsOf("m1")).containsExactly(first, second);
        assertThat(colliding.size()).isEqualTo(2);
    }

    @Test
    void listsAreInIdOrderAndTheSnapshotInMonitorThenIdOrder() {
        // Names whose hash order is not their alphabetical order, and enough operations of one
        // monitor that an unsorted map would show them out of order.
        List<String> monitorIds = List.of("web", "api", "db", "cdn", "mail", "dns");
        for (String monitorId : monitorIds) {
            registry.initiateCheck(monitorId, 0, 1, false);
        }
        for (int i = 0; i < 8; i++) {
            registry.initiateCheck("api", 0, 1, false);
        }

        List<Operation> snapshot = registry.snapshot();
        assertThat(snapshot).hasSize(14);
        assertThat(snapshot).isSortedAccordingTo(Comparator.comparing(Operation::monitorId).thenComparing(Operation::id));
        assertThat(registry.operationsOf("api")).hasSize(9).isSortedAccordingTo(Comparator.comparing(Operation::id));
        assertThat(registry.cancelOperations("api")).hasSize(9).isSortedAccordingTo(Comparator.comparing(Operation::id));
        assertThat(registry.dropMonitor("api")).hasSize(9).isSortedAccordingTo(Comparator.comparing(Operation::id));
    }

    @Test
    void droppingAMonitorForgetsItsIdsSoTheyCanBeIssuedAgain() {
        Deque<String> ids = new ArrayDeque<>(Arrays.asList("a", "a"));
        MonitorOperationRegistry reusing = new MonitorOperationRegistry(ids::poll);
        Operation dropped = reusing.initiateCheck("m1", 0, 1, false);

        assertThat(reusing.dropMonitor("m1")).containsExactly(dropped);
        assertThat(reusing.getOperation("a")).isEmpty();
        assertThat(reusing.hasOutstandingOperation("m1")).isFalse();
        assertThat(reusing.dropMonitor("m1")).isEmpty();
        assertThat(reusing.initiateCheck("m2", 0, 1, false).id()).isEqualTo("a");
    }

    @Test
    void completingOneOfSeveralKeepsTheOthers() {
        Operation first = registry.initiateCheck("m1", 0, 1, false);
        Operation second = registry.initiateCheck("m1", 0, 1, false);
        Operation third = registry.initiateCheck("m1", 0, 1, false);

        assertThat(registry.completeOperation(second.id())).contains(second);

        assertThat(registry.operationsOf("m1")).containsExactly(first, third);
        assertThat(registry.validateOperation(first.id(), "m1")).isTrue();
        assertThat(registry.size()).isEqualTo(2);
    }

    @Test
    void concurrentInitiateAndCompleteLoseNothing() throws Exception {
        AtomicInteger ids = new AtomicInteger();
        MonitorOperationRegistry shared = new MonitorOperationRegistry(() -> "op-" + ids.incrementAndGet());
        int threads = 4;
        int perThread = 2_000;
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            String monitorId = "m" + (t % 2);
            workers[t] = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    Operation operation = shared.initiateCheck(monitorId, 0, 1, false);
                    assertThat(shared.completeOperation(operation.id())).isPresent();
                }
            });
            workers[t].start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        assertThat(ids.get()).isEqualTo(threads * perThread);
        assertThat(shared.size()).isZero();
        assertThat(shared.snapshot()).isEmpty();
    }
}
