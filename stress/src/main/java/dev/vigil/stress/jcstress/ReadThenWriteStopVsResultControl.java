package dev.vigil.stress.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.vigil.engine.MonitorSnapshot;
import dev.vigil.stress.variants.ReadThenWriteStatusUpdate;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZZL_Result;

/**
 * NEGATIVE CONTROL for {@link EngineStopVsResultTest}: the seed document's race on
 * {@link ReadThenWriteStatusUpdate}, a stop and a result application done read-then-write on the
 * engine's real table and registry, without lane or compare-and-set. Results: r1 = whether stop
 * stopped; r2 = whether the result applied; r3 = {@code monitoring/status} afterwards.
 */
@JCStressTest
@Description("NEGATIVE CONTROL: stop races an UP result on ReadThenWriteStatusUpdate (read the row, write it back). The"
        + " result can write back the 'monitoring' it read after the stop: a paused monitor comes back monitoring and UP."
        + " Observing that FORBIDDEN outcome proves the harness catches the seed race.")
@Outcome(id = "true, false, false/PAUSED", expect = ACCEPTABLE, desc = "Stop first: the result was refused.")
@Outcome(id = "true, true, false/PAUSED", expect = ACCEPTABLE, desc = "The result applied first, then the stop paused the monitor.")
@Outcome(id = ".*, .*, true/UP", expect = FORBIDDEN, desc = "Expected catch: the stop was overwritten; the monitor is monitoring and UP again.")
@Outcome(expect = FORBIDDEN, desc = "Any other state: a lost stop or a status that contradicts monitoring.")
@State
public class ReadThenWriteStopVsResultControl {
    private final ReadThenWriteStatusUpdate monitor = new ReadThenWriteStatusUpdate();

    @Actor
    public void stop(ZZL_Result r) {
        r.r1 = monitor.stop();
    }

    @Actor
    public void probeReturns(ZZL_Result r) {
        r.r2 = monitor.applyUp();
    }

    @Arbiter
    public void after(ZZL_Result r) {
        MonitorSnapshot row = monitor.read();
        r.r3 = row.monitoring() + "/" + row.status();
    }
}
