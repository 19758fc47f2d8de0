package dev.vigil.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The digests the model keeps or computes are digests of its view: in every state of many random
 * runs, each equals the same digest taken from the view itself (the registry's and the attempts'
 * sums, kept as operations come and go, included), so the simulator may compare digests instead
 * of views; the count of monitors with I8 bookkeeping, kept as monitors are put, is the count.
 * And the direct look-up of an operation's monitor answers as the scan of attempts and
 * timers did.
 */
class ViewDigestTest {
    private static final int SEEDS = 60;
    private static final int EVENTS_MAX = 150;
    /** Any function of number and state will do: the model only sums it. */
    private static final ModelState.OperationDigest OPERATION_DIGEST = (number, state) ->
            ViewDigest.start(7).add(number).add(state.ordinal()).value();

    @Test
    void everyDigestIsTheDigestOfTheView() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            RandomRun.run(seed, Stepper.MODEL, RandomRun.SCOPE, EVENTS_MAX, ViewDigestTest::assertDigestsOfView,
                    ModelState.initial().withOperationDigest(OPERATION_DIGEST));
        }
    }

    @Test
    void monitorOfOperationAnswersAsTheScanDid() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            RandomRun.run(seed, Stepper.MODEL, RandomRun.SCOPE, EVENTS_MAX, state -> {
                for (int operation = 0; operation <= state.lastOperation() + 1; operation++) {
                    assertThat(state.monitorOfOperation(operation)).as("op#" + operation + " in " + state).isEqualTo(scanned(state, operation));
                }
            });
        }
    }

    @Test
    void differentViewsGiveDifferentDigests() {
        long paused = ViewDigest.monitor("m1", false, Status.PAUSED).add(0).addOptional(false, 0).add(0L).add(0L).add(0).value();
        long pending = ViewDigest.monitor("m1", true, Status.PENDING).add(0).addOptional(false, 0).add(0L).add(0L).add(0).value();
        long checkedAtZero = ViewDigest.monitor("m1", false, Status.PAUSED).add(0).addOptional(true, 0).add(0L).add(0L).add(0).value();

        assertThat(paused).isNotEqualTo(pending).isNotEqualTo(checkedAtZero).isNotEqualTo(ViewDigest.ABSENT);
        assertThat(ViewDigest.ofTimer(TimerKind.TICK, "m1", 5)).isNotEqualTo(ViewDigest.ofTimer(TimerKind.RETRY, "m1", 5));
        assertThat(ViewDigest.ofAttempt("m1", 1, 2)).isNotEqualTo(ViewDigest.ofAttempt("m1", 2, 1));
    }

    private static void assertDigestsOfView(ModelState state) {
        long registry = 0;
        for (var entry : state.registryView().entrySet()) {
            registry += OPERATION_DIGEST.of(entry.getKey(), entry.getValue());
        }
        assertThat(state.registryDigest()).as("registry of " + state).isEqualTo(registry);
        long inFlight = 0;
        for (InFlightAttempt attempt : state.inFlight()) {
            inFlight += ViewDigest.ofAttempt(attempt.monitorId(), attempt.operation(), attempt.attempt());
        }
        assertThat(state.inFlightDigest()).as("in flight in " + state).isEqualTo(inFlight);
        assertThat(state.timersDigest(null)).as("timers of " + state).isEqualTo(timers(state.timerViews()));
        assertThat(state.anyHanging()).as("hanging in " + state).isEqualTo(state.monitors().values().exists(m -> m.hangSinceMs().isDefined()));
        long monitors = 0;
        for (MonitorView monitor : state.view().monitors()) {
            monitors += digest(monitor);
        }
        assertThat(state.allMonitorsDigest()).isEqualTo(monitors);
        List<String> ids = new ArrayList<>(state.monitorIds().toJavaList());
        ids.add("zz");
        for (String id : ids) {
            List<String> one = List.of(id);
            assertThat(state.timersDigest(one)).as("timers of " + id).isEqualTo(timers(state.timerViews(one)));
            for (int tail : new int[] {0, 1, 3, Integer.MAX_VALUE}) {
                long expected = state.monitorView(id, tail).map(ViewDigestTest::digest).orElse(ViewDigest.ABSENT);
                assertThat(state.monitorDigest(id, tail)).as(id + " tail " + tail).isEqualTo(expected);
            }
        }
    }

    /** The digest fed from the view's own fields, in the order the model feeds them. */
    private static long digest(MonitorView view) {
        ViewDigest digest = ViewDigest.monitor(view.id(), view.monitoring(), view.status()).add(view.activeOperations().size());
        view.activeOperations().forEach(digest::add);
        digest.addOptional(view.lastCheckedAtMs().isPresent(), view.lastCheckedAtMs().orElse(0L)).add(view.responseTimeMs())
                .add(view.waitingRequestManual().map(manual -> manual ? 1L : 2L).orElse(0L)).add(view.history().size());
        for (HistoryEntry entry : view.history()) {
            digest.addHistoryEntry(entry.operation(), entry.atMs(), entry.status(), entry.responseTimeMs(), entry.details());
        }
        return digest.value();
    }

    private static long timers(List<TimerView> views) {
        long sum = 0;
        for (TimerView timer : views) {
            sum += ViewDigest.ofTimer(timer.kind(), timer.monitorId(), timer.dueAtMs());
        }
        return sum;
    }

    /** How monitorOfOperation answered before its direct look-up: the attempts out, then the timers. */
    private static EventReach scanned(ModelState state, int operation) {
        for (InFlightAttempt attempt : state.inFlight()) {
            if (attempt.operation() == operation) {
                return new EventReach.OneMonitor(attempt.monitorId());
            }
        }
        for (Timer timer : state.pendingTimers()) {
            if (timer.operation() == operation) {
                return new EventReach.OneMonitor(timer.monitorId());
            }
        }
        return new EventReach.NoMonitor();
    }
}
