package dev.vigil.stress.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.vigil.engine.operation.Operation;
import dev.vigil.stress.variants.CheckThenActRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZZ_Result;

/**
 * NEGATIVE CONTROL for {@link RegistryCompleteTwiceTest}: the same two completions on the
 * deliberately broken {@link CheckThenActRegistry}, whose completeOperation is a get followed by
 * a remove. The FORBIDDEN outcome is the expected catch; if jcstress stops seeing it, the test
 * it shadows has lost its teeth.
 */
@JCStressTest
@Description("NEGATIVE CONTROL: two completeOperation calls on CheckThenActRegistry (get, then remove). Both can receive"
        + " the operation, i.e. a result applied twice; observing that FORBIDDEN outcome proves the harness catches it.")
@Outcome(id = "true, false", expect = ACCEPTABLE, desc = "The first actor completed it; the second found it gone.")
@Outcome(id = "false, true", expect = ACCEPTABLE, desc = "The second actor completed it; the first found it gone.")
@Outcome(id = "true, true", expect = FORBIDDEN, desc = "Expected catch: both received the operation (check-then-act race).")
@Outcome(id = "false, false", expect = FORBIDDEN, desc = "Neither received it: the result was lost.")
@State
public class CheckThenActCompleteTwiceControl {
    private final CheckThenActRegistry registry;
    private final Operation operation;

    public CheckThenActCompleteTwiceControl() {
        AtomicLong nextId = new AtomicLong();
        registry = new CheckThenActRegistry(() -> "op-" + nextId.incrementAndGet());
        operation = registry.initiateCheck(RegistryFixture.MONITOR_ID, RegistryFixture.INITIATED_AT_MS, RegistryFixture.DEADLINE_AT_MS, false);
    }

    @Actor
    public void probeReturn(ZZ_Result r) {
        r.r1 = registry.completeOperation(operation.id()).isPresent();
    }

    @Actor
    public void deadline(ZZ_Result r) {
        r.r2 = registry.completeOperation(operation.id()).isPresent();
    }
}
