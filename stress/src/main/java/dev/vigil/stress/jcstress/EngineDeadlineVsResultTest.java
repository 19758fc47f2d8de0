package dev.vigil.stress.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.vigil.engine.probe.ProbeResult;
import dev.vigil.engine.spi.TimerKind;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LLL_Result;

/**
 * (5) deadline vs result apply, through the real engine ({@link SharedEngine}): the probe of a
 * monitoring monitor's check returns UP on one thread while the operation's deadline fires on
 * another (SPEC R6, R7). Results, read once both are done: r1 = the committed history's statuses;
 * r2 = {@code monitoring/status} as committed; r3 = {@code clean} if no operation is listed and
 * the deadline timer is no longer pending.
 */
@JCStressTest
@Description("Engine: a probe result (UP) races the operation's deadline (R7) on a monitoring monitor, through the public"
        + " engine on SQLite in memory. Proves exactly one of them concludes the operation: one history record, the status"
        + " matches it, the monitor stays monitoring, and the operation leaves no listed id or pending deadline behind.")
@Outcome(id = "UP, true/UP, clean", expect = ACCEPTABLE, desc = "The result applied first; its completion cleared the deadline.")
@Outcome(id = "DOWN, true/DOWN, clean", expect = ACCEPTABLE_INTERESTING,
        desc = "The deadline fired first: DOWN 'operation deadline exceeded' applied; the late probe return was discarded.")
@Outcome(id = ".*\\+.*, .*, .*", expect = FORBIDDEN, desc = "Both applied: one operation left two history records.")
@Outcome(id = "none, .*, .*", expect = FORBIDDEN, desc = "Neither applied: the check was lost and the monitor got no status.")
@Outcome(id = ".*, .*, [^c].*", expect = FORBIDDEN, desc = "The operation left a listed id or a pending deadline behind (SPEC I4, I5).")
@Outcome(expect = FORBIDDEN, desc = "Any other state: status disagrees with history, or monitoring changed.")
@State
public class EngineDeadlineVsResultTest {
    private final SharedEngine.Started monitor = SharedEngine.Started.monitor();

    @Actor
    public void probeReturns() {
        SharedEngine.RUNTIME.deliver(monitor.operationId(), ProbeResult.up(12, "HTTP 200"));
    }

    @Actor
    public void deadlineFires() {
        SharedEngine.RUNTIME.fire(TimerKind.DEADLINE, monitor.operationId());
    }

    @Arbiter
    public void after(LLL_Result r) {
        r.r1 = monitor.historyStatuses();
        r.r2 = monitor.committedState();
        r.r3 = monitor.leftovers();
        monitor.release();
    }
}
