package dev.vigil.engine.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.spi.TimerHandle;
import dev.vigil.engine.spi.TimerKind;
import dev.vigil.engine.spi.TimerService;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SPEC R7's deadlines: when they are due, that a cleared one never acts, and one per operation. */
class OperationDeadlinesTest {
    /** A timer as scheduled; the test fires it by hand, even after its cancel (a late timer). */
    private static final class Scheduled implements TimerHandle {
        final TimerKind kind;
        final String monitorId;
        final String operationId;
        final long delayMs;
        final Runnable task;
        boolean cancelled;

        Scheduled(TimerKind kind, String monitorId, String operationId, long delayMs, Runnable task) {
            this.kind = kind;
            this.monitorId = monitorId;
            this.operationId = operationId;
            this.delayMs = delayMs;
            this.task = task;
        }

        @Override
        public boolean cancel() {
            boolean first = !cancelled;
            cancelled = true;
            return first;
        }
    }

    private final List<Scheduled> timers = new ArrayList<>();
    private final TimerService service = (kind, monitorId, operationId, delayMs, task) -> {
        Scheduled timer = new Scheduled(kind, monitorId, operationId, delayMs, task);
        timers.add(timer);
        return timer;
    };
    private final OperationDeadlines deadlines = new OperationDeadlines(service);
    private final List<Operation> expired = new ArrayList<>();

    private static Operation operation(String id, long initiatedAtMs, long deadlineAtMs) {
        return new Operation(id, "m1", initiatedAtMs, deadlineAtMs, false, OperationState.ACTIVE);
    }

    @Test
    void aDeadlineIsDueAtTheOperationsDeadlineAt() {
        Operation operation = operation("op-1", 1_000, 10_000);

        deadlines.schedule(operation, 4_000, expired::add);

        assertThat(timers).singleElement().satisfies(timer -> {
            assertThat(timer.kind).isEqualTo(TimerKind.DEADLINE);
            assertThat(timer.monitorId).isEqualTo("m1");
            assertThat(timer.operationId).isEqualTo("op-1");
            assertThat(timer.delayMs).isEqualTo(6_000);
        });
    }

    @Test
    void aDeadlineAlreadyPassedIsDueAtOnce() {
        deadlines.schedule(operation("op-1", 0, 1_000), 3_000, expired::add);

        assertThat(timers.getFirst().delayMs).isZero();
    }

    @Test
    void aFiredDeadlineHandsItsOperationOverOnce() {
        Operation operation = operation("op-1", 0, 1_000);
        deadlines.schedule(operation, 0, expired::add);

        timers.getFirst().task.run();
        timers.getFirst().task.run();

        assertThat(expired).containsExactly(operation);
    }

    @Test
    void aClearedDeadlineIsCancelledAndNeverActsEvenIfItFiresLate() {
        deadlines.schedule(operation("op-1", 0, 1_000), 0, expired::add);

        deadlines.clear("op-1");
        deadlines.clear("op-1");
        deadlines.clear("op-never-scheduled");
        timers.getFirst().task.run();

        assertThat(timers.getFirst().cancelled).isTrue();
        assertThat(expired).isEmpty();
    }

    @Test
    void aSecondDeadlineForTheSameOperationFailsLoudly() {
        Operation operation = operation("op-1", 0, 1_000);
        deadlines.schedule(operation, 0, expired::add);

        assertThatThrownBy(() -> deadlines.schedule(operation, 0, expired::add))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("op-1");
        assertThat(timers).hasSize(2);
        assertThat(timers.get(0).cancelled).isTrue();
    }

    @Test
    void deadlinesOfDifferentOperationsAreIndependent() {
        Operation first = operation("op-1", 0, 1_000);
        Operation second = operation("op-2", 0, 2_000);
        deadlines.schedule(first, 0, expired::add);
        deadlines.schedule(second, 0, expired::add);

        deadlines.clear("op-1");
        timers.get(0).task.run();
        timers.get(1).task.run();

        assertThat(timers.get(1).cancelled).isFalse();
        assertThat(expired).containsExactly(second);
    }
}
