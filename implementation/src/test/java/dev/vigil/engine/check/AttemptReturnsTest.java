package dev.vigil.engine.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.probe.ProbeResult;
import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** SPEC R5, SEMANTICS "Probe returns": every shape a probe attempt can return, judged by hand. */
class AttemptReturnsTest {

    @Test
    void aResultIsTakenAsItIsAndNoResultIsDown() {
        ProbeResult up = ProbeResult.up(12, "HTTP 200");

        assertThat(AttemptReturns.STANDARD.judge(up, null, 99)).isSameAs(up);
        assertThat(AttemptReturns.STANDARD.judge(null, null, 40)).isEqualTo(ProbeResult.down(40, "probe returned no result"));
    }

    @Test
    void aThrownExceptionIsDownAndWinsOverAResult() {
        assertThat(AttemptReturns.STANDARD.judge(ProbeResult.up(1, "ignored"), new IOException("refused"), 7))
                .isEqualTo(ProbeResult.down(7, "probe threw IOException: refused"));
    }

    @Test
    void theFuturesWrappersAreLookedThroughAtAnyDepth() {
        IOException refused = new IOException("refused");

        assertThat(AttemptReturns.describe(new CompletionException(refused))).isEqualTo("probe threw IOException: refused");
        assertThat(AttemptReturns.describe(new ExecutionException(refused))).isEqualTo("probe threw IOException: refused");
        assertThat(AttemptReturns.describe(new CompletionException(new ExecutionException(refused))))
                .isEqualTo("probe threw IOException: refused");
    }

    @Test
    void anExceptionThatIsNoWrapperIsDescribedItselfEvenWithACause() {
        assertThat(AttemptReturns.describe(new IOException("refused", new IllegalStateException("socket reset"))))
                .isEqualTo("probe threw IOException: refused");
    }

    @Test
    void aWrapperWithoutACauseIsDescribedItself() {
        assertThat(AttemptReturns.describe(new CompletionException("no cause", null))).isEqualTo("probe threw CompletionException: no cause");
        assertThat(AttemptReturns.describe(new ExecutionException("no cause", null))).isEqualTo("probe threw ExecutionException: no cause");
    }

    @Test
    void aCancellationSaysSoEvenWhenWrapped() {
        assertThat(AttemptReturns.describe(new CancellationException("interrupted"))).isEqualTo("probe cancelled");
        assertThat(AttemptReturns.describe(new CompletionException(new CancellationException()))).isEqualTo("probe cancelled");
    }

    @Test
    void anExceptionWithoutAMessageIsNamedAlone() {
        assertThat(AttemptReturns.describe(new IllegalStateException())).isEqualTo("probe threw IllegalStateException");
        assertThat(AttemptReturns.describe(new IllegalStateException(""))).isEqualTo("probe threw IllegalStateException: ");
    }
}
