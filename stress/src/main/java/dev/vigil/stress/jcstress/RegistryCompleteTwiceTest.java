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
import org.openjdk.jcstress.infra.results.ZZI_Result;

/**
 * (4) two completes of one operation on the real {@link MonitorOperationRegistry}: the probe's
 * return and the deadline both try to finish the same operation. Results: r1, r2 = whether each
 * completeOperation received the operation; r3 = live operations afterwards.
 */
@JCStressTest
@Description("Registry: two completeOperation calls race on one ACTIVE operation. Proves exactly one receives it, so a"
        + " result is concluded (applied or discarded) once and only once, and the operation leaves the registry.")
@Outcome(id = "true, false, 0", expect = ACCEPTABLE, desc = "The first actor completed it; the second found it gone.")
@Outcome(id = "false, true, 0", expect = ACCEPTABLE, desc = "The second actor completed it; the first found it gone.")
@Outcome(id = "true, true, .*", expect = FORBIDDEN, desc = "Both received the operation: its result would be applied twice.")
@Outcome(id = "false, false, .*", expect = FORBIDDEN, desc = "Neither received it: the result was lost.")
@Outcome(id = ".*, .*, [^0]", expect = FORBIDDEN, desc = "The operation is still live after being completed (leak).")
@State
public class RegistryCompleteTwiceTest {
    private final MonitorOperationRegistry registry = RegistryFixture.registry();
    private final Operation operation = RegistryFixture.initiate(registry);

    @Actor
    public void probeReturn(ZZI_Result r) {
        r.r1 = registry.completeOperation(operation.id()).isPresent();
    }

    @Actor
    public void deadline(ZZI_Result r) {
        r.r2 = registry.completeOperation(operation.id()).isPresent();
    }

    @Arbiter
    public void after(ZZI_Result r) {
        r.r3 = registry.size();
    }
}
