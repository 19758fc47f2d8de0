package dev.vigil.stress.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.vigil.engine.operation.MonitorOperationRegistry;
import dev.vigil.engine.operation.Operation;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * (2) complete vs cancel on the real {@link MonitorOperationRegistry}: a probe's result removes
 * its operation while a stop cancels the monitor's operations. Results: r1 = what
 * completeOperation removed (0 nothing, 1 ACTIVE, 2 CANCELLED); r2 = how many operations
 * cancelOperations reports; r3 = live operations in the registry afterwards.
 */
@JCStressTest
@Description("Registry: completeOperation races cancelOperations on one ACTIVE operation. Proves the two are linearizable:"
        + " the completion sees the cancel exactly when the cancel saw the operation, and a completed operation is never"
        + " brought back by the cancel (SPEC I5: it would never leave the registry and block the monitor for good).")
@Outcome(id = "1, 0, 0", expect = ACCEPTABLE, desc = "Complete first: it removed the ACTIVE operation; the cancel found nothing.")
@Outcome(id = "2, 1, 0", expect = ACCEPTABLE, desc = "Cancel first: the completion removed the CANCELLED operation (its result is discarded).")
@Outcome(id = ".*, .*, [^0]", expect = FORBIDDEN, desc = "A completed operation is still live: the cancel resurrected it (leak, monitor blocked).")
@Outcome(id = "0, .*, .*", expect = FORBIDDEN, desc = "The completion lost its operation although nothing else removes it.")
@Outcome(id = "1, 1, 0", expect = FORBIDDEN, desc = "The cancel saw the operation, yet the completion removed it as ACTIVE: the cancel was lost.")
@Outcome(id = "2, 0, 0", expect = FORBIDDEN, desc = "The operation was cancelled without the cancel reporting it.")
@State
public class RegistryCompleteVsCancelTest {
    private final MonitorOperationRegistry registry = RegistryFixture.registry();
    private final Operation operation = RegistryFixture.initiate(registry);

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
        r.r3 = registry.size();
    }
}
