package dev.vigil.stress.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.vigil.engine.operation.MonitorOperationRegistry;
import dev.vigil.engine.operation.Operation;
import java.util.concurrent.atomic.AtomicReference;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * (3) initiate vs cancel on the real {@link MonitorOperationRegistry}: a check starts an
 * operation while a stop cancels the monitor's operations. Results: r1 = how many operations
 * cancelOperations reports; r2 = the new operation's state afterwards (0 absent, 1 ACTIVE,
 * 2 CANCELLED); r3 = live operations afterwards.
 */
@JCStressTest
@Description("Registry: initiateCheck races cancelOperations on a monitor with no operation. Proves an initiation is"
        + " atomic with respect to a cancel: the cancel either sees the new operation and cancels it, or does not see it"
        + " and leaves it ACTIVE; it is never lost and never half-cancelled.")
@Outcome(id = "1, 2, 1", expect = ACCEPTABLE, desc = "Initiate first: the cancel saw the new operation and cancelled it.")
@Outcome(id = "0, 1, 1", expect = ACCEPTABLE, desc = "Cancel first: it found nothing; the new operation stays ACTIVE.")
@Outcome(id = "1, 1, .*", expect = FORBIDDEN, desc = "The cancel reported the operation, yet it is ACTIVE: the cancel was lost.")
@Outcome(id = "0, 2, .*", expect = FORBIDDEN, desc = "The operation is CANCELLED, but the cancel did not report it.")
@Outcome(id = ".*, 0, .*", expect = FORBIDDEN, desc = "The new operation vanished from the registry.")
@Outcome(id = ".*, .*, [^1]", expect = FORBIDDEN, desc = "The registry holds other than exactly the one operation.")
@State
public class RegistryInitiateVsCancelTest {
    private final MonitorOperationRegistry registry = RegistryFixture.registry();
    private final AtomicReference<Operation> initiated = new AtomicReference<>();

    @Actor
    public void check() {
        initiated.set(RegistryFixture.initiate(registry));
    }

    @Actor
    public void stop(III_Result r) {
        r.r1 = registry.cancelOperations(RegistryFixture.MONITOR_ID).size();
    }

    @Arbiter
    public void after(III_Result r) {
        r.r2 = RegistryFixture.code(registry.getOperation(initiated.get().id()));
        r.r3 = registry.size();
    }
}
