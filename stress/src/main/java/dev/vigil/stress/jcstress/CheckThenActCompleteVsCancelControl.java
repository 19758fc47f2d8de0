package dev.vigil.stress.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.vigil.engine.operation.Operation;
import dev.vigil.stress.variants.CheckThenActRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * NEGATIVE CONTROL for {@link RegistryCompleteVsCancelTest}: the same race on the deliberately
 * broken {@link CheckThenActRegistry}, whose cancel reads the monitor's operations and then puts
 * cancelled copies back, resurrecting one that completed in between. Results as in the test it
 * shadows: r1 = what the completion removed (0 nothing, 1 ACTIVE, 2 CANCELLED); r2 = how many the
 * cancel reports; r3 = live operations afterwards.
 */
@JCStressTest
@Description("NEGATIVE CONTROL: completeOperation races cancelOperations on CheckThenActRegistry (read, then put back)."
        + " The cancel can resurrect a completed operation, which then never leaves; observing that FORBIDDEN outcome"
        + " proves the harness catches it.")
@Outcome(id = "1, 0, 0", expect = ACCEPTABLE, desc = "Complete first: it removed the ACTIVE operation; the cancel found nothing.")
@Outcome(id = "2, 1, 0", expect = ACCEPTABLE, desc = "Cancel first: the completion removed the CANCELLED operation.")
@Outcome(id = ".*, .*, [^0]", expect = FORBIDDEN, desc = "Expected catch: the cancel resurrected a completed operation (leak).")
@Outcome(expect = FORBIDDEN, desc = "Any other state: the completion and the cancel disagree.")
@State
public class CheckThenActCompleteVsCancelControl {
    private final CheckThenActRegistry registry;
    private final Operation operation;

    public CheckThenActCompleteVsCancelControl() {
        AtomicLong nextId = new AtomicLong();
        registry = new CheckThenActRegistry(() -> "op-" + nextId.incrementAndGet());
        operation = registry.initiateCheck(RegistryFixture.MONITOR_ID, RegistryFixture.INITIATED_AT_MS, RegistryFixture.DEADLINE_AT_MS, false);
    }

    @Actor
    public void result(III_Result r) {
        r.r1 = RegistryFixture.code(registry.completeOperation(operation.id()));
    }

    @Actor
    public void stop(III_Result r) {
        r.r2 = registry.cancelOperations(RegistryFixture.MONITOR_ID).size();
    }

    @Arbiter
    public void after(III_Result r) {
        r.r3 = registry.operationsOf(RegistryFixture.MONITOR_ID).size();
    }
}
