package dev.vigil.stress.lincheck;

import dev.vigil.stress.support.LaneAudit;
import org.junit.jupiter.api.Test;

/**
 * Every probe return is handled inside its monitor's lane, on the engine as it ships (the
 * production checker and applier, the applier observed by {@link LaneAudit}): probe results
 * delivered on one thread while stop, start, checkNow or update run on another and hold the
 * monitor's lane. Lincheck stress mode (see {@link ProbeReturnActors} for the actors and what is
 * checked after each invocation); the control, {@link ForeignLaneReturnsControlTest}, runs the same
 * actors on a composition that handles returns without the lane and must be caught.
 *
 * <p>Scope: one monitor, one attempt per check, results UP and DOWN; retries, timeouts and
 * deadlines are {@link MonitorLaneLincheckTest}'s and jcstress's. Stress mode only, for the reason
 * given in {@link MonitorLaneLincheckTest}. Stress mode leaves the overlap to chance, and it is
 * rare: in a measured CI run none of 221 answered probes found the lane held at the moment of
 * answering. {@code lanes.ProbeReturnDuringCommandTest} forces that schedule for stop, update and
 * start; this test adds checkNow and random mixes of every command with answers, checked for
 * linearizability and after every invocation. A regression that handles returns outside the lane
 * fails both (checked once by removing the lane from the checker's probe callback).
 */
public class ProbeReturnLaneLincheckTest extends ProbeReturnActors {
    public ProbeReturnLaneLincheckTest() {
        super(LaneAudit::production);
    }

    @Test
    void everyProbeReturnIsHandledInTheLane() {
        LincheckBudget.probeReturnStress().stress().check(ProbeReturnLaneLincheckTest.class);
    }
}
