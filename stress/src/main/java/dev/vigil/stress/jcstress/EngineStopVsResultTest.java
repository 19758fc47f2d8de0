package dev.vigil.stress.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.vigil.engine.probe.ProbeResult;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LLL_Result;

/**
 * (6) stop vs result apply, through the real engine ({@link SharedEngine}): the seed document's
 * race. A user stops a monitoring monitor on one thread while its in-flight check returns UP on
 * another (SPEC R3, R6, I1, I2). Results, read once both are done: r1 = the committed history's
 * statuses; r2 = {@code monitoring/status} as committed; r3 = {@code clean} if no operation is
 * listed and the deadline timer is no longer pending.
 */
@JCStressTest
@Description("Engine: stop races a probe result (UP) of the monitor's in-flight check, through the public engine on SQLite"
        + " in memory. Proves a committed stop is final: the monitor always ends not monitoring and PAUSED, the result is"
        + " either recorded before the stop or discarded after it, never both, and nothing is left listed or pending.")
@Outcome(id = "none, false/PAUSED, clean", expect = ACCEPTABLE_INTERESTING,
        desc = "Stop first: the operation was cancelled and its late UP discarded (the seed race, handled).")
@Outcome(id = "UP, false/PAUSED, clean", expect = ACCEPTABLE, desc = "The result applied first (history UP), then the stop paused the monitor.")
@Outcome(id = ".*, true/.*, .*", expect = FORBIDDEN, desc = "The monitor is monitoring again after a stop: a stale write resurrected it.")
@Outcome(id = ".*, false/(UP|DOWN|PENDING), .*", expect = FORBIDDEN, desc = "Paused but not PAUSED (SPEC I1): the result's status overwrote the stop's.")
@Outcome(id = ".*\\+.*, .*, .*", expect = FORBIDDEN, desc = "One operation left two history records.")
@Outcome(id = ".*, .*, [^c].*", expect = FORBIDDEN, desc = "The operation left a listed id or a pending deadline behind (SPEC I4, I5).")
@Outcome(expect = FORBIDDEN, desc = "Any other state.")
@State
public class EngineStopVsResultTest {
    private final SharedEngine.Started monitor = SharedEngine.Started.monitor();

    @Actor
    public void stop() {
        SharedEngine.ENGINE.stop(monitor.monitorId());
    }

    @Actor
    public void probeReturns() {
        SharedEngine.RUNTIME.deliver(monitor.operationId(), ProbeResult.up(12, "HTTP 200"));
    }

    @Arbiter
    public void after(LLL_Result r) {
        r.r1 = monitor.historyStatuses();
        r.r2 = monitor.committedState();
        r.r3 = monitor.leftovers();
        monitor.release();
    }
}
