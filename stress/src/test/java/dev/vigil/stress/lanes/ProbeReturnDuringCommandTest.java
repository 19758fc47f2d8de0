package dev.vigil.stress.lanes;

import dev.vigil.engine.assembly.EngineAssembly;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.MonitorSnapshot;
import dev.vigil.engine.MonitorStatus;
import dev.vigil.engine.VigilEngine;
import dev.vigil.engine.check.CheckerFactory;
import dev.vigil.engine.event.EngineEvent;
import dev.vigil.engine.probe.ProbeResult;
import dev.vigil.engine.store.MonitorRepository;
import dev.vigil.engine.testing.ManualRuntime;
import dev.vigil.stress.support.LaneAudit;
import dev.vigil.stress.support.StressMonitors;
import dev.vigil.stress.variants.ForeignLaneReturns;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A probe's result delivered on another thread while a command holds the monitor's lane, on
 * purpose rather than by chance: the command (stop, update, start) is paused inside the lane, after
 * its store transaction, at its first runtime call ({@link PausingRuntime}); meanwhile a second
 * thread answers the monitor's open probe; then the command goes on. One monitor of a real engine
 * (SQLite in memory, a controlled runtime), one attempt per check.
 *
 * <p>What must hold, read as a list of violations ({@link #run}):
 * <ul>
 *   <li>direct: the answer did not return while the command was paused (its handling waited for
 *       the lane: the answering thread was seen parked entering it), and {@link LaneAudit} saw every
 *       return offered inside the lane;</li>
 *   <li>what a user sees: no history record (the command cancelled the check), the committed
 *       {@code monitoring/status} the command leaves, one probe at a time, and for stop, no event of
 *       the cancelled check before the stop's own events (SPEC I6: events in commit order).</li>
 * </ul>
 * The engine as it ships must show none; NEGATIVE CONTROL, {@link ForeignLaneReturns} (returns
 * handled without the monitor's lane) must show the direct ones for every command, and for stop
 * the event order too. checkNow is not here: with a check out it makes no runtime call to pause at;
 * {@code ProbeReturnLaneLincheckTest} races it at random.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ProbeReturnDuringCommandTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String MONITOR = "m";

    /** The command held in the lane, with how the monitor is prepared and what it must look like after. */
    enum Command {
        /** Monitoring, its check out; paused at cancelling the interval timer, before the check is cancelled. */
        STOP(false, "false/PAUSED", null),
        /** Monitoring, its check out; paused at rescheduling the interval timer, after the check was cancelled. */
        UPDATE(false, "true/PENDING", "op-2"),
        /** Paused, a manual check out (SPEC R8); paused at handing over MonitoringStarted. */
        START(true, "true/PENDING", "op-2");

        final boolean preparedPaused;
        final String committedAfter;
        final String listedAfter;

        Command(boolean preparedPaused, String committedAfter, String listedAfter) {
            this.preparedPaused = preparedPaused;
            this.committedAfter = committedAfter;
            this.listedAfter = listedAfter;
        }

        void run(VigilEngine engine) {
            switch (this) {
                case STOP -> engine.stop(MONITOR);
                case UPDATE -> engine.update(MONITOR, StressMonitors.SETTINGS);
                case START -> engine.start(MONITOR);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Command.class)
    void theEngineHandlesTheReturnAfterTheCommandInTheLane(Command command) throws Exception {
        assertThat(run(command, LaneAudit::production)).as("violations").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Command.class)
    void aReturnHandledOutsideTheLaneIsCaught(Command command) throws Exception {
        List<String> violations = run(command, ForeignLaneReturns::new);

        assertThat(violations).as("NEGATIVE CONTROL: what the same checks report on ForeignLaneReturns")
                .anyMatch(violation -> violation.startsWith("direct: the answer returned while"))
                .anyMatch(violation -> violation.startsWith("direct: offered outside the lane"));
        if (command == Command.STOP) {
            assertThat(violations).anyMatch(violation -> violation.startsWith("user: event order"));
        }
    }

    /** Runs the schedule on a fresh engine composed by {@code composition}; returns what broke, empty if nothing. */
    private static List<String> run(Command command, Function<LaneAudit, CheckerFactory> composition) throws Exception {
        ManualRuntime controlled = ManualRuntime.standstill("");
        PausingRuntime runtime = new PausingRuntime(controlled, PATIENCE);
        LaneAudit audit = new LaneAudit();
        List<EngineEvent> events = new CopyOnWriteArrayList<>();
        List<String> violations = new ArrayList<>();
        try (MonitorRepository repository = MonitorRepository.openSqliteInMemory()) {
            VigilEngine engine = EngineAssembly.builder(repository, composition.apply(audit)).runtime(runtime).intervalMsMin(StressMonitors.INTERVAL_MS)
                    .closeWaitMs(0).listener(events::add).build();
            engine.add(MONITOR, StressMonitors.SETTINGS);
            if (command.preparedPaused) {
                engine.checkNow(MONITOR);
            } else {
                engine.start(MONITOR);
            }
            assertThat(engine.monitor(MONITOR).orElseThrow().activeOperations()).as("prepared: op-1 listed, its probe out").containsExactly("op-1");

            CompletableFuture<Void> commandDone = new CompletableFuture<>();
            Thread commandThread = Thread.ofVirtual().name("command-" + command).unstarted(() -> complete(commandDone, () -> command.run(engine)));
            runtime.arm(commandThread);
            commandThread.start();
            String pausedAt = runtime.awaitPaused();

            CompletableFuture<Void> answerDone = new CompletableFuture<>();
            Thread answering = Thread.ofVirtual().name("probe-answer").start(() ->
                    complete(answerDone, () -> controlled.deliver("op-1", ProbeResult.up(12, "HTTP 200"))));
            await(() -> "the answer to return or to park entering the lane", () -> answerDone.isDone() || LaneWaits.parkedEnteringLane(answering));
            if (answerDone.isDone()) {
                violations.add("direct: the answer returned while " + command + " held the lane (paused at " + pausedAt + ")");
            }
            runtime.release();
            commandDone.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            answerDone.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            awaitDelivered(controlled);

            if (!audit.outsideLane().isEmpty()) {
                violations.add("direct: offered outside the lane: " + audit.outsideLane());
            }
            if (audit.offered() != 1) {
                violations.add("direct: " + audit.offered() + " results offered, expected op-1's alone");
            }
            violations.addAll(userVisible(command, engine, controlled, events));
        } finally {
            runtime.close(0);
        }
        return violations;
    }

    private static List<String> userVisible(Command command, VigilEngine engine, ManualRuntime controlled, List<EngineEvent> events) {
        List<String> violations = new ArrayList<>();
        if (!engine.history(MONITOR).isEmpty()) {
            violations.add("user: history " + engine.history(MONITOR) + ", expected none: " + command + " cancelled op-1");
        }
        MonitorSnapshot monitor = engine.monitor(MONITOR).orElseThrow();
        String committed = monitor.monitoring() + "/" + monitor.status();
        if (!committed.equals(command.committedAfter)) {
            violations.add("user: committed " + committed + ", expected " + command.committedAfter);
        }
        List<String> expectedListed = command.listedAfter == null ? List.of() : List.of(command.listedAfter);
        if (!monitor.activeOperations().equals(expectedListed)) {
            violations.add("user: listed " + monitor.activeOperations() + ", expected " + expectedListed);
        }
        if (controlled.probeOverlaps() != 0) {
            violations.add("user: " + controlled.probeOverlaps() + " probes started while another was out (SPEC R4)");
        }
        if (events.stream().anyMatch(event -> event instanceof EngineEvent.CheckCompleted
                || event instanceof EngineEvent.StatusChanged changed && changed.next() == MonitorStatus.UP)) {
            violations.add("user: op-1's result was reported: " + events);
        }
        if (command == Command.STOP) {
            int stopped = events.indexOf(new EngineEvent.MonitoringStopped(MONITOR));
            int discarded = indexOfEventAbout(events, "op-1");
            if (stopped < 0 || discarded < 0 || discarded < stopped) {
                violations.add("user: event order " + events + ": op-1's discard must follow the stop that cancelled it");
            }
        }
        return violations;
    }

    private static int indexOfEventAbout(List<EngineEvent> events, String operationId) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) instanceof EngineEvent.CheckDiscarded discarded && discarded.operationId().equals(operationId)) {
                return i;
            }
        }
        return -1;
    }

    /** Every event handed over so far has reached the listeners: the event thread runs deliveries in order. */
    private static void awaitDelivered(ManualRuntime controlled) throws InterruptedException {
        CountDownLatch drained = new CountDownLatch(1);
        controlled.listeners().execute(drained::countDown);
        if (!drained.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the events were not delivered within " + PATIENCE.toSeconds() + " s");
        }
    }

    private static void complete(CompletableFuture<Void> done, Runnable action) {
        try {
            action.run();
            done.complete(null);
        } catch (RuntimeException | Error failure) {
            done.completeExceptionally(failure);
        }
    }

    private static void await(Supplier<String> what, BooleanSupplier condition) throws InterruptedException {
        long deadlineNs = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadlineNs) {
                throw new AssertionError("timed out after " + PATIENCE.toSeconds() + " s waiting for " + what.get());
            }
            Thread.sleep(1);
        }
    }
}
