package dev.vigil.stress.jcstress;

import dev.vigil.engine.operation.MonitorOperationRegistry;
import dev.vigil.engine.operation.Operation;
import dev.vigil.engine.operation.OperationState;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fresh real {@link MonitorOperationRegistry} per jcstress state, cheap to build: ids come from
 * a counter, so every registry issues {@code op-1}, {@code op-2}, … and never a live one.
 */
final class RegistryFixture {
    static final String MONITOR_ID = "m";
    static final long INITIATED_AT_MS = 0;
    static final long DEADLINE_AT_MS = 60_000;

    /** Outcome codes for an operation's state as one int, so results stay primitive and readable. */
    static final int ABSENT = 0;
    static final int ACTIVE = 1;
    static final int CANCELLED = 2;

    private RegistryFixture() {
    }

    static MonitorOperationRegistry registry() {
        AtomicLong nextId = new AtomicLong();
        return new MonitorOperationRegistry(() -> "op-" + nextId.incrementAndGet());
    }

    static Operation initiate(MonitorOperationRegistry registry) {
        return registry.initiateCheck(MONITOR_ID, INITIATED_AT_MS, DEADLINE_AT_MS, false);
    }

    /** {@link #ABSENT}, {@link #ACTIVE} or {@link #CANCELLED}. */
    static int code(Optional<Operation> operation) {
        return operation.map(op -> op.state() == OperationState.ACTIVE ? ACTIVE : CANCELLED).orElse(ABSENT);
    }
}
