package dev.vigil.stress.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.vigil.engine.operation.MonitorOperationRegistry;
import dev.vigil.engine.operation.Operation;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZZZ_Result;

/**
 * (1) cancel vs validate on the real {@link MonitorOperationRegistry}: a stop cancels the
 * monitor's operation while its probe's result asks whether it may still be applied (SPEC R6,
 * the registry half). Results: r1, r2 = the validator's two successive answers; r3 = the answer
 * once both actors are done.
 */
@JCStressTest
@Description("Registry: cancelOperations races validateOperation (twice) on one ACTIVE operation. Proves a cancel is"
        + " atomic and final: once a validation has seen it cancelled no later one sees it ACTIVE, and after the cancel"
        + " returns no result can validate.")
@Outcome(id = "true, true, false", expect = ACCEPTABLE, desc = "Both validations ran before the cancel; the cancel then stuck.")
@Outcome(id = "true, false, false", expect = ACCEPTABLE_INTERESTING, desc = "The cancel landed between the two validations.")
@Outcome(id = "false, false, false", expect = ACCEPTABLE, desc = "The cancel ran first: neither validation lets the result apply.")
@Outcome(id = "false, true, .*", expect = FORBIDDEN, desc = "A cancelled operation became ACTIVE again: a stale result could apply.")
@Outcome(id = ".*, .*, true", expect = FORBIDDEN, desc = "The cancel was lost: the operation is ACTIVE after cancelOperations returned.")
@State
public class RegistryCancelVsValidateTest {
    private final MonitorOperationRegistry registry = RegistryFixture.registry();
    private final Operation operation = RegistryFixture.initiate(registry);

    @Actor
    public void stop() {
        registry.cancelOperations(RegistryFixture.MONITOR_ID);
    }

    @Actor
    public void result(ZZZ_Result r) {
        r.r1 = registry.validateOperation(operation.id(), RegistryFixture.MONITOR_ID);
        r.r2 = registry.validateOperation(operation.id(), RegistryFixture.MONITOR_ID);
    }

    @Arbiter
    public void after(ZZZ_Result r) {
        r.r3 = registry.validateOperation(operation.id(), RegistryFixture.MONITOR_ID);
    }
}
