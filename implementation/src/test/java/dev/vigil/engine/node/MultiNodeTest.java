package dev.vigil.engine.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.CheckDiscardedException;
import dev.vigil.engine.CheckRecord;
import dev.vigil.engine.EngineClosedException;
import dev.vigil.engine.MonitorSettings;
import dev.vigil.engine.MonitorStatus;
import dev.vigil.engine.StoreException;
import dev.vigil.engine.UnknownMonitorException;
import dev.vigil.engine.VigilEngine;
import dev.vigil.engine.assembly.EngineAssembly;
import dev.vigil.engine.check.CheckWaiters;
import dev.vigil.engine.event.EngineEvent;
import dev.vigil.engine.operation.RetryPolicy;
import dev.vigil.engine.probe.ProbeResult;
import dev.vigil.engine.spi.TimerKind;
import dev.vigil.engine.store.MemoryFaults;
import dev.vigil.engine.store.MonitorRepository;
import dev.vigil.engine.store.NodeLeases;
import dev.vigil.engine.testing.ManualRuntime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * SPEC §6 N4–N7 on the engine: two and three nodes on one in-memory store whose database clock is
 * virtual, each node on a hand-driven runtime. Ownership is exclusive and spread; renewal is one
 * transaction per node per period; a stale token changes nothing; a stop on another node discards
 * the owner's late result and stops its probes; a crashed node's monitors are taken over within
 * the lease and an interval; a paused node probes nothing it lost.
 */
class MultiNodeTest {
    private static final List<String> THIRTY = IntStream.rangeClosed(1, 30).mapToObj(i -> "m" + i).toList();

    private static void addAndStart(VigilEngine engine, List<String> monitorIds) {
        for (String id : monitorIds) {
            engine.add(id, Nodes.SETTINGS);
            engine.start(id);
        }
    }

    /** The first of {@link #THIRTY} that placement gives to node a among nodes a and b. */
    private static String placedOnA() {
        return THIRTY.stream().filter(id -> RendezvousPlacement.INSTANCE.choose(id, List.of("a", "b")).equals("a")).findFirst().orElseThrow();
    }

    /** The first of {@link #THIRTY} that placement gives to node b among nodes a and b. */
    private static String placedOnB() {
        return THIRTY.stream().filter(id -> RendezvousPlacement.INSTANCE.choose(id, List.of("a", "b")).equals("b")).findFirst().orElseThrow();
    }

    /**
     * Adds the monitor placement gives to node a (among a and b) on {@code adder}, lets a lease
     * pass, and checks that a holds it.
     */
    private static String heldByA(Nodes nodes, Nodes.Node adder, MonitorSettings settings) {
        String monitor = placedOnA();
        adder.engine().add(monitor, settings);
        nodes.run(Nodes.LEASE_MS);
        assertThat(nodes.node("a").engine().owns(monitor)).as("a holds %s", monitor).isTrue();
        return monitor;
    }

    @Test
    void everyMonitorIsOwnedByExactlyOneNodeAndTheMonitorsSpreadOverThree() {
        try (Nodes nodes = Nodes.inMemory()) {
            Nodes.Node a = nodes.start("a");
            nodes.start("b");
            nodes.start("c");
            addAndStart(a.engine(), THIRTY);
            nodes.runAnswering(Nodes.LEASE_MS);
            Map<String, List<String>> owners = nodes.owners(THIRTY);
            assertThat(owners.values()).allSatisfy(by -> assertThat(by).hasSize(1));
            for (String node : List.of("a", "b", "c")) {
                long owned = owners.values().stream().filter(by -> by.contains(node)).count();
                assertThat(owned).as("monitors on node %s", node).isBetween(4L, 18L);
            }
            // The store says the same, and every monitor was checked by its owner.
            for (NodeLeases.MonitorRow row : nodes.repository.nodes().rows()) {
                assertThat(List.of(row.owner())).isEqualTo(owners.get(row.monitorId()));
                String owner = row.owner();
                assertThat(nodes.repository.history(row.monitorId())).isNotEmpty()
                        .allSatisfy(record -> assertThat(record.operationId()).startsWith(owner + "-"));
            }
            // A node probes only what it owns.
            for (String node : List.of("a", "b", "c")) {
                nodes.run(Nodes.SETTINGS.intervalMs());
                assertThat(nodes.node(node).openAttemptMonitors()).allSatisfy(monitor -> assertThat(owners.get(monitor)).containsExactly(node));
            }
        }
    }

    @Test
    void renewingAllLeasesOfANodeIsOneTransactionPerPeriod() {
        AtomicLong clock = new AtomicLong(1_700_000_000_000L);
        AtomicLong transactions = new AtomicLong();
        MemoryFaults counting = stage -> {
            if (stage == MemoryFaults.Stage.BEGIN) {
                transactions.incrementAndGet();
            }
        };
        try (Nodes nodes = new Nodes(clock, MonitorRepository.openInMemory(counting, clock::get))) {
            Nodes.Node a = nodes.start("a");
            nodes.start("b");
            for (String id : THIRTY) {
                a.engine().add(id, Nodes.SETTINGS.withIntervalMs(3_600_000).withTimeoutMs(1_000));
                a.engine().start(id);
            }
            nodes.runAnswering(Nodes.LEASE_MS);
            assertThat(nodes.owners(THIRTY).values()).allSatisfy(by -> assertThat(by).hasSize(1));
            long before = transactions.get();
            long renewalsBefore = nodes.node("a").engine().diagnostics().skippedTicks(); // touch: no ticks are due for an hour
            nodes.run(Nodes.LEASE_MS); // three renewal periods, no tick due
            assertThat(renewalsBefore).isZero();
            assertThat(transactions.get() - before).as("one transaction per node per period, for 30 monitors").isEqualTo(2 * 3);
        }
    }

    @Test
    void aStaleTokenChangesNothingAndTheCurrentOneDoes() {
        try (MonitorRepository repository = MonitorRepository.openInMemory(MemoryFaults.NONE, new AtomicLong(1_000_000)::get)) {
            repository.insert("m", Nodes.SETTINGS);
            repository.setMonitoring("m", true, MonitorStatus.PENDING);
            NodeLeases.Renewal.Renewed first = (NodeLeases.Renewal.Renewed) repository.nodes().renew("a", 3_000, Map.of(),
                    (monitor, live) -> "a");
            assertThat(first.held()).containsEntry("m", 1L);
            MonitorRepository current = repository.fenced(monitor -> java.util.Optional.of(new dev.vigil.engine.store.Fence("a", 1)));
            MonitorRepository stale = repository.fenced(monitor -> java.util.Optional.of(new dev.vigil.engine.store.Fence("a", 7)));
            MonitorRepository other = repository.fenced(monitor -> java.util.Optional.of(new dev.vigil.engine.store.Fence("b", 1)));
            assertThatThrownBy(() -> stale.setActiveOperations("m", List.of("op-stale"))).isInstanceOf(StoreException.class)
                    .hasMessageContaining("fenced off");
            assertThatThrownBy(() -> other.setActiveOperations("m", List.of("op-other"))).isInstanceOf(StoreException.class);
            assertThat(repository.find("m").orElseThrow().activeOperations()).isEmpty();
            current.setActiveOperations("m", List.of("op-1"));
            CheckRecord record = new CheckRecord("op-1", 5, MonitorStatus.UP, 3, "ok");
            assertThat(stale.applyResult("m", "op-1", false, record)).as("stale token, listed operation").isFalse();
            assertThat(stale.removeActiveOperation("m", "op-1")).isFalse();
            assertThat(repository.history("m")).isEmpty();
            assertThat(current.applyResult("m", "op-1", false, record)).isTrue();
            assertThat(repository.history("m")).containsExactly(record);
            // Both checks: the current token with an operation that is not listed is refused too.
            assertThat(current.applyResult("m", "op-2", false, new CheckRecord("op-2", 6, MonitorStatus.DOWN, 3, "x"))).isFalse();
        }
    }

    @Test
    void aStopOnAnotherNodeDiscardsTheOwnersLateResultAndTheOwnerStopsProbing() {
        try (Nodes nodes = Nodes.inMemory()) {
            Nodes.Node a = nodes.start("a");
            Nodes.Node b = nodes.start("b");
            String monitor = placedOnA();
            b.engine().add(monitor, Nodes.SETTINGS);
            b.engine().start(monitor);
            for (long waitedMs = 0; waitedMs <= Nodes.LEASE_MS / 3 && !a.engine().owns(monitor); waitedMs += Nodes.STEP_MS) {
                nodes.run(Nodes.STEP_MS);
            }
            assertThat(a.engine().owns(monitor)).as("placed on its owner within a renewal period").isTrue();
            assertThat(a.openAttemptMonitors()).containsExactly(monitor);
            String operation = a.runtime().openAttempts().getFirst().operationId();

            assertThat(b.engine().stop(monitor)).isTrue(); // on the node that does not own it
            a.runtime().answer(operation, ProbeResult.up(5, "late")); // before the owner learnt of the stop
            a.runtime().deliverEvents();
            assertThat(nodes.repository.history(monitor)).as("the late result was discarded").isEmpty();
            assertThat(nodes.repository.find(monitor).orElseThrow().status()).isEqualTo(MonitorStatus.PAUSED);
            assertThat(a.events()).noneMatch(EngineEvent.CheckCompleted.class::isInstance);

            nodes.run(Nodes.LEASE_MS / 3 + Nodes.STEP_MS); // the owner's next renewal
            assertThat(a.engine().diagnostics().hasTick(monitor)).isFalse();
            assertThat(a.engine().diagnostics().liveOperations()).isEmpty();
            nodes.run(3 * Nodes.SETTINGS.intervalMs());
            assertThat(a.runtime().openAttempts()).isEmpty();
            assertThat(b.runtime().openAttempts()).isEmpty();
            assertThat(nodes.repository.history(monitor)).isEmpty();
        }
    }

    @Test
    void aMonitorRemovedAndAddedAgainUnderItsIdIsCheckedWithItsNewSettingsByItsOwner() {
        try (Nodes nodes = Nodes.inMemory()) {
            Nodes.Node a = nodes.start("a");
            Nodes.Node b = nodes.start("b");
            String monitor = placedOnA();
            b.engine().add(monitor, Nodes.SETTINGS);
            b.engine().start(monitor);
            nodes.runAnswering(2 * Nodes.SETTINGS.intervalMs());
            assertThat(a.engine().owns(monitor)).isTrue();
            assertThat(nodes.repository.history(monitor)).isNotEmpty();

            // Recreated between two of the owner's renewals, as a configuration reload does: a new
            // monitor under the old id, whose row starts over (its lease token and change counter too).
            MonitorSettings recreated = Nodes.SETTINGS.withIntervalMs(60_000);
            b.engine().remove(monitor);
            b.engine().add(monitor, recreated);
            b.engine().start(monitor);
            nodes.runAnswering(20_000);

            assertThat(a.engine().owns(monitor)).as("placed on the same node again").isTrue();
            // Started once, interval 60 s: one check in 20 s. The old monitor's 5 s ticks must not go on.
            assertThat(nodes.repository.history(monitor)).as("checks of the new monitor in 20 s").hasSize(1);
            assertThat(a.engine().diagnostics().hasTick(monitor)).isTrue();
        }
    }

    @Test
    void aCommandOnTheOwnerDoesNotSwallowAStopMadeOnAnotherNode() {
        try (Nodes nodes = Nodes.inMemory()) {
            Nodes.Node a = nodes.start("a");
            Nodes.Node b = nodes.start("b");
            String monitor = placedOnA();
            a.engine().add(monitor, Nodes.SETTINGS.withRetryAttempts(2));
            a.engine().start(monitor);
            nodes.run(100);
            String operation = a.runtime().openAttempts().getFirst().operationId();
            a.runtime().answer(operation, ProbeResult.down(5, "refused")); // attempt 1 fails: a retry waits out its back-off
            a.runtime().deliverEvents();
            assertThat(a.runtime().openAttempts()).isEmpty();

            b.engine().stop(monitor);
            // A command on the owner before it polled: it reads the row with b's stop in it, and must
            // act on that stop as its poll would have (cancel the operation), not take it for its own.
            a.engine().update(monitor, Nodes.SETTINGS.withRetryAttempts(1));
            nodes.run(Nodes.LEASE_MS / 3 + Nodes.STEP_MS); // past the back-off and the owner's next renewal
            assertThat(a.runtime().openAttempts()).as("no retry of the stopped monitor's check").isEmpty();
            assertThat(a.engine().diagnostics().liveOperations()).isEmpty();
            assertThat(a.engine().diagnostics().hasTick(monitor)).isFalse();
        }
    }

    @Test
    void aStopOnAnotherNodeCancelsTheOwnersProbeWhenItLearns() {
        try (Nodes nodes = Nodes.inMemory()) {
            Nodes.Node a = nodes.start("a");
            Nodes.Node b = nodes.start("b");
            String monitor = placedOnA();
            a.engine().add(monitor, Nodes.SETTINGS.withTimeoutMs(5_000));
            a.engine().start(monitor);
            nodes.run(100);
            String operation = a.runtime().openAttempts().getFirst().operationId();
            b.engine().stop(monitor);
            nodes.run(Nodes.LEASE_MS / 3 + Nodes.STEP_MS);
            assertThat(a.engine().monitor(monitor).orElseThrow().monitoring()).isFalse();
            assertThat(a.engine().diagnostics().liveOperations()).as("the owner cancelled its operation (R3, R5)")
                    .singleElement().satisfies(live -> {
                        assertThat(live.id()).isEqualTo(operation);
                        assertThat(live.cancelled()).isTrue();
                    });
            assertThat(a.engine().diagnostics().hasTick(monitor)).isFalse();
            a.runtime().answer(operation, ProbeResult.up(5, "late"));
            a.runtime().deliverEvents();
            assertThat(a.engine().diagnostics().liveOperations()).isEmpty();
            nodes.run(3 * Nodes.SETTINGS.intervalMs());
            assertThat(a.runtime().openAttempts()).isEmpty();
            assertThat(nodes.repository.history(monitor)).isEmpty();
        }
    }

    @Test
    void aCrashedNodesMonitorsAreTakenOverAndCheckedWithinTheLeaseAndAnInterval() {
        try (Nodes nodes = Nodes.inMemory()) {
            Nodes.Node a = nodes.start("a");
            Nodes.Node b = nodes.start("b");
            addAndStart(a.engine(), THIRTY);
            nodes.runAnswering(Nodes.LEASE_MS);
            List<String> onA = THIRTY.stream().filter(id -> a.engine().owns(id)).toList();
            assertThat(onA).isNotEmpty();
            int recordsBefore = onA.stream().mapToInt(id -> nodes.repository.history(id).size()).sum();

            nodes.pause("a"); // crashed: never runs again, never closes
            long bound = Nodes.LEASE_MS + Nodes.SETTINGS.intervalMs();
            long tookMs = 0;
            while (tookMs < bound && !onA.stream().allMatch(id -> b.engine().owns(id))) {
                nodes.runAnswering(Nodes.STEP_MS);
                tookMs += Nodes.STEP_MS;
            }
            assertThat(onA).allSatisfy(id -> assertThat(b.engine().owns(id)).isTrue());
            assertThat(tookMs).as("takeover time").isLessThanOrEqualTo(Nodes.LEASE_MS + Nodes.STEP_MS);
            System.out.println("MultiNodeTest: " + onA.size() + " monitors taken over " + tookMs + " ms (virtual) after the crash (lease "
                    + Nodes.LEASE_MS + " ms)");
            nodes.runAnswering(bound - tookMs);
            for (String id : onA) {
                List<CheckRecord> history = nodes.repository.history(id);
                assertThat(history.getLast().operationId()).as("checked by the survivor").startsWith("b-");
            }
            assertThat(onA.stream().mapToInt(id -> nodes.repository.history(id).size()).sum()).isGreaterThan(recordsBefore);
        }
    }

    @Test
    void aPausedNodeReturnsAndProbesNothingItLostBeforeItLearns() {
        try (Nodes nodes = Nodes.inMemory()) {
            Nodes.Node a = nodes.start("a");
            Nodes.Node b = nodes.start("b");
            addAndStart(a.engine(), THIRTY);
            nodes.runAnswering(Nodes.LEASE_MS);
            List<String> onA = THIRTY.stream().filter(id -> a.engine().owns(id)).toList();
            a.answerAll();
            nodes.pause("a");
            nodes.runAnswering(2 * Nodes.LEASE_MS); // "a" frozen past its lease: "b" takes its monitors over
            assertThat(onA).allSatisfy(id -> assertThat(b.engine().owns(id)).isTrue());

            int attemptsBefore = a.runtime().openAttempts().size();
            // "a" wakes: its overdue ticks, renewals and timeouts all fall due at once.
            nodes.resume("a");
            assertThat(a.runtime().openAttempts()).as("no probe of a monitor it lost").hasSize(attemptsBefore);
            assertThat(a.events()).as("not even a begin, refused by the fence: its renewal came first")
                    .noneMatch(EngineEvent.StoreFailed.class::isInstance);
            assertThat(onA).allSatisfy(id -> assertThat(a.engine().owns(id)).isFalse());
            assertThat(a.engine().storeLeaseLost()).as("the node itself goes on").isFalse();
            // Back among the live nodes, it gets its share again through placement, one owner each.
            nodes.runAnswering(Nodes.LEASE_MS);
            assertThat(nodes.owners(THIRTY).values()).allSatisfy(by -> assertThat(by).hasSize(1));
            assertThat(THIRTY.stream().filter(id -> a.engine().owns(id)).toList()).isNotEmpty();
        }
    }

    @Test
    void aPausedNodeWhoseRenewalTimerIsLostAsksTheStoreBeforeItsOverdueTicksAct() {
        try (Nodes nodes = Nodes.inMemory()) {
            Nodes.Node a = nodes.start("a");
            Nodes.Node b = nodes.start("b");
            addAndStart(a.engine(), THIRTY);
            nodes.runAnswering(Nodes.LEASE_MS);
            List<String> onA = THIRTY.stream().filter(id -> a.engine().owns(id)).toList();
            a.answerAll();
            nodes.pause("a");
            nodes.runAnswering(2 * Nodes.LEASE_MS);
            assertThat(onA).allSatisfy(id -> assertThat(b.engine().owns(id)).isTrue());
            a.runtime().loseTimers(TimerKind.LEASE_RENEWAL); // only the guard on its monitors' timers stands
            nodes.resume("a");
            assertThat(a.runtime().openAttempts()).isEmpty();
            assertThat(a.events()).as("its overdue ticks renewed first and began nothing")
                    .noneMatch(EngineEvent.StoreFailed.class::isInstance);
            assertThat(onA).allSatisfy(id -> assertThat(a.engine().owns(id)).isFalse());
            assertThat(a.runtime().pendingTimers(TimerKind.LEASE_RENEWAL)).as("renewals go on").isEqualTo(1);
        }
    }

    @Test
    void aNodeCutOffFromTheStoreStopsProbingWithinTheLeaseWhileTheOtherTakesOver() {
        AtomicLong clock = new AtomicLong(1_700_000_000_000L);
        java.util.concurrent.atomic.AtomicBoolean cutOff = new java.util.concurrent.atomic.AtomicBoolean();
        MemoryFaults faults = stage -> {
            if (cutOff.get() && stage == MemoryFaults.Stage.BEGIN) {
                throw new java.sql.SQLException("connection refused (cut off)");
            }
        };
        try (Nodes nodes = new Nodes(clock, MonitorRepository.openInMemory(faults, clock::get))) {
            Nodes.Node a = nodes.start("a");
            Nodes.Node b = nodes.start("b");
            addAndStart(a.engine(), THIRTY);
            nodes.runAnswering(Nodes.LEASE_MS);
            List<String> onA = THIRTY.stream().filter(id -> a.engine().owns(id)).toList();
            assertThat(onA).isNotEmpty();
            // "a" keeps running, but every transaction it makes fails; "b" reaches the store.
            for (long elapsedMs = 0; elapsedMs < 2 * Nodes.LEASE_MS; elapsedMs += Nodes.STEP_MS) {
                clock.addAndGet(Nodes.STEP_MS);
                cutOff.set(true);
                a.runtime().advanceBy(Nodes.STEP_MS);
                a.answerAll();
                cutOff.set(false);
                b.runtime().advanceBy(Nodes.STEP_MS);
                b.answerAll();
            }
            assertThat(onA).allSatisfy(id -> {
                assertThat(a.engine().owns(id)).as("a dropped %s", id).isFalse();
                assertThat(a.engine().diagnostics().hasTick(id)).isFalse();
                assertThat(b.engine().owns(id)).as("b took %s over", id).isTrue();
            });
            assertThat(a.events()).anySatisfy(event -> assertThat(event).isInstanceOfSatisfying(EngineEvent.StoreFailed.class,
                    failed -> assertThat(failed.transaction()).isEqualTo(dev.vigil.engine.StoreTransaction.RENEW_NODE_LEASES)));
            int attempts = a.runtime().openAttempts().size();
            clock.addAndGet(Nodes.SETTINGS.intervalMs());
            cutOff.set(true);
            a.runtime().advanceBy(Nodes.SETTINGS.intervalMs());
            cutOff.set(false);
            assertThat(a.runtime().openAttempts()).as("no probe while cut off").hasSize(attempts);
            // The store answers again: "a" rejoins and gets its share back, one owner per monitor.
            nodes.runAnswering(2 * Nodes.LEASE_MS);
            assertThat(nodes.owners(THIRTY).values()).allSatisfy(by -> assertThat(by).hasSize(1));
            assertThat(THIRTY.stream().filter(id -> a.engine().owns(id)).toList()).isNotEmpty();
        }
    }

    @Test
    void aResultReturningAfterTheLeaseExpiredIsRefusedByTheFenceEvenWithTheOperationListed() {
        try (Nodes nodes = Nodes.inMemory()) {
            Nodes.Node a = nodes.start("a");
            a.engine().add("m", Nodes.SETTINGS.withTimeoutMs(5_000));
            a.engine().start("m");
            nodes.run(100);
            String operation = a.runtime().openAttempts().getFirst().operationId();
            assertThat(nodes.repository.find("m").orElseThrow().activeOperations()).containsExactly(operation);
            nodes.pause("a");
            nodes.run(Nodes.LEASE_MS + Nodes.STEP_MS); // database time only: "a" is frozen, nobody claims its lease
            // The probe returns before any timer or renewal of "a" ran: the one case no timer guard covers.
            a.runtime().answer(operation, ProbeResult.up(5, "late"));
            a.runtime().deliverEvents();
            assertThat(nodes.repository.history("m")).as("refused by the token's expiry, though still listed").isEmpty();
            nodes.resume("a");
            nodes.runAnswering(Nodes.LEASE_MS);
            assertThat(a.engine().owns("m")).as("claimed again with the next token").isTrue();
            assertThat(nodes.repository.nodes().rows()).singleElement().satisfies(row -> assertThat(row.token()).isEqualTo(2));
            assertThat(nodes.repository.history("m")).isNotEmpty().noneMatch(record -> record.operationId().equals(operation));
        }
    }

    @Test
    void commandsFromAnyNodeReachTheOwnerWithinARenewalPeriod() throws Exception {
        try (Nodes nodes = Nodes.inMemory()) {
            Nodes.Node a = nodes.start("a");
            Nodes.Node b = nodes.start("b");
            String monitor = heldByA(nodes, b, Nodes.SETTINGS);
            assertThat(a.engine().owns(monitor)).as("a paused monitor is placed too").isTrue();
            assertThat(a.engine().monitor(monitor)).isPresent();

            // start on b: a ticks and checks it
            b.engine().start(monitor);
            nodes.run(Nodes.LEASE_MS / 3 + Nodes.STEP_MS);
            assertThat(a.openAttemptMonitors()).containsExactly(monitor);
            a.answerAll();

            // update on b: a follows the new interval
            b.engine().update(monitor, Nodes.SETTINGS.withIntervalMs(60_000));
            nodes.runAnswering(Nodes.LEASE_MS / 3 + Nodes.STEP_MS);
            assertThat(a.engine().monitor(monitor).orElseThrow().settings().intervalMs()).isEqualTo(60_000);
            int records = nodes.repository.history(monitor).size();
            nodes.runAnswering(20_000);
            assertThat(nodes.repository.history(monitor)).as("no check at the old 5 s interval").hasSize(records);

            // checkNow on b: a runs it, b's caller gets the record
            CompletionStage<CheckRecord> asked = b.engine().checkNow(monitor);
            nodes.runAnswering(Nodes.LEASE_MS);
            CheckRecord record = asked.toCompletableFuture().getNow(null);
            assertThat(record).isNotNull();
            assertThat(record.operationId()).startsWith("a-");

            // remove on b: a forgets it
            b.engine().remove(monitor);
            nodes.run(Nodes.LEASE_MS / 3 + Nodes.STEP_MS);
            assertThat(a.engine().monitor(monitor)).isEmpty();
            assertThat(a.engine().diagnostics().hasTick(monitor)).isFalse();
            nodes.run(Nodes.SETTINGS.intervalMs());
            assertThat(a.runtime().openAttempts()).isEmpty();
        }
    }

    @Test
    void aForwardedCheckNowFailsWhenTheMonitorIsRemovedOnEitherNode() {
        try (Nodes nodes = Nodes.inMemory()) {
            Nodes.Node a = nodes.start("a");
            Nodes.Node b = nodes.start("b");
            String monitor = heldByA(nodes, b, Nodes.SETTINGS);

            // Asked on b, removed on b: the caller learns at once, whatever the owner does.
            CompletionStage<CheckRecord> removedHere = b.engine().checkNow(monitor);
            b.engine().remove(monitor);
            assertThat(removedHere.toCompletableFuture()).isCompletedExceptionally();
            assertThatThrownBy(removedHere.toCompletableFuture()::join).hasCauseInstanceOf(UnknownMonitorException.class);

            // Asked on b, removed on the owner: b's caller learns when b next reads the store.
            b.engine().add(monitor, Nodes.SETTINGS);
            nodes.run(Nodes.LEASE_MS);
            CompletionStage<CheckRecord> removedThere = b.engine().checkNow(monitor);
            a.engine().remove(monitor);
            assertThat(removedThere.toCompletableFuture()).isNotDone();
            nodes.run(Nodes.LEASE_MS / 3 + Nodes.STEP_MS);
            // Never join a stage that may not be done: a test that waits forever is no test.
            assertThat(removedThere.toCompletableFuture()).isCompletedExceptionally();
            assertThatThrownBy(removedThere.toCompletableFuture()::join).hasCauseInstanceOf(UnknownMonitorException.class);
            assertThat(b.engine().monitor(monitor)).isEmpty();
        }
    }

    @Test
    void aForwardedCheckNowLostWithTheOwnersLeaseIsAskedAgainAndAnswered() {
        try (Nodes nodes = Nodes.inMemory()) {
            Nodes.Node a = nodes.start("a");
            Nodes.Node b = nodes.start("b");
            String monitor = heldByA(nodes, b, Nodes.SETTINGS); // paused: only a checkNow checks it

            // a counts b's request and starts the check, then freezes with its probe out.
            CompletionStage<CheckRecord> asked = b.engine().checkNow(monitor);
            nodes.run(Nodes.LEASE_MS / 3 + Nodes.STEP_MS);
            assertThat(a.openAttemptMonitors()).containsExactly(monitor);
            nodes.pause("a");
            // b takes the monitor over; the request it finds on the row is old, so it runs no check.
            nodes.run(2 * Nodes.LEASE_MS);
            assertThat(b.engine().owns(monitor)).isTrue();
            assertThat(asked.toCompletableFuture()).isNotDone();

            // Once the caller waited an owner's whole turn, it asks again, and b answers it.
            nodes.runAnswering(Nodes.LEASE_MS / 3 + RetryPolicy.deadlineDelayMs(Nodes.SETTINGS) + Nodes.LEASE_MS);
            assertThat(asked.toCompletableFuture()).isCompleted();
            assertThat(asked.toCompletableFuture().join().operationId()).startsWith("b-");
            assertThat(nodes.repository.history(monitor)).containsExactly(asked.toCompletableFuture().join());
        }
    }

    @Test
    void aRequestForwardedBeforeAStopDoesNotCheckTheStoppedMonitorAndItsCallerIsAnsweredWhenItAsksAgain() {
        try (Nodes nodes = Nodes.inMemory()) {
            Nodes.Node a = nodes.start("a");
            Nodes.Node b = nodes.start("b");
            String monitor = heldByA(nodes, a, Nodes.SETTINGS);
            a.engine().start(monitor);
            nodes.runAnswering(Nodes.STEP_MS);
            List<CheckRecord> beforeTheStop = nodes.repository.history(monitor);

            // b's request lands on the row; a stops the monitor before its next renewal reads it.
            CompletionStage<CheckRecord> asked = b.engine().checkNow(monitor);
            a.engine().stop(monitor);
            nodes.run(Nodes.LEASE_MS / 3 + Nodes.STEP_MS);
            // a cannot tell the request from one made after the stop, so it leaves it: no check of the stopped monitor.
            assertThat(a.runtime().openAttempts()).isEmpty();
            assertThat(nodes.repository.history(monitor)).isEqualTo(beforeTheStop);
            assertThat(asked.toCompletableFuture()).isNotDone();

            // The caller asks again once it waited an owner's turn; a, which reads the monitor paused now, runs that one.
            nodes.runAnswering(Nodes.LEASE_MS / 3 + RetryPolicy.deadlineDelayMs(Nodes.SETTINGS) + 2 * Nodes.LEASE_MS);
            assertThat(asked.toCompletableFuture()).isCompleted();
            assertThat(nodes.repository.history(monitor)).hasSize(beforeTheStop.size() + 1).contains(asked.toCompletableFuture().join());
        }
    }

    @Test
    void aStartAndAStopElsewhereBetweenTwoRenewalsCancelTheOwnersManualCheckOfThePausedMonitor() {
        try (Nodes nodes = Nodes.inMemory()) {
            Nodes.Node a = nodes.start("a");
            Nodes.Node b = nodes.start("b");
            // A probe slower than a renewal period: it is still out when a next reads the row.
            String monitor = heldByA(nodes, a, Nodes.SETTINGS.withTimeoutMs(4_000));
            // a checks the paused monitor by hand; its probe stays out.
            CompletionStage<CheckRecord> asked = a.engine().checkNow(monitor);
            assertThat(a.runtime().openAttempts()).hasSize(1);

            // b starts and stops it before a's next renewal: a reads it paused, as it saw it, but changed by two commands.
            b.engine().start(monitor);
            b.engine().stop(monitor);
            nodes.run(Nodes.LEASE_MS / 3 + Nodes.STEP_MS);

            // The stop among them cancels every live operation (R3): a cannot tell that none came, so its check is
            // cancelled, and the probe's return, when it comes, is discarded.
            assertThat(a.engine().diagnostics().liveOperations()).isNotEmpty().allSatisfy(operation -> assertThat(operation.cancelled()).isTrue());
            nodes.runAnswering(Nodes.STEP_MS);
            assertThat(a.runtime().openAttempts()).isEmpty();
            assertThat(asked.toCompletableFuture()).isCompletedExceptionally();
            assertThatThrownBy(asked.toCompletableFuture()::join).hasCauseInstanceOf(CheckDiscardedException.class);
            assertThat(nodes.repository.history(monitor)).isEmpty();
        }
    }

    @Test
    void aStartAndAStopElsewhereBetweenTwoRenewalsDropTheOwnersWaitingRequestAndFailItsCaller() {
        try (Nodes nodes = Nodes.inMemory()) {
            Nodes.Node a = nodes.start("a");
            Nodes.Node b = nodes.start("b");
            String monitor = heldByA(nodes, a, Nodes.SETTINGS.withTimeoutMs(4_000));
            a.engine().checkNow(monitor);
            // The second checkNow cancels the first one's check: its request and its caller wait for that probe.
            CompletionStage<CheckRecord> waiting = a.engine().checkNow(monitor);
            b.engine().start(monitor);
            b.engine().stop(monitor);
            nodes.run(Nodes.LEASE_MS / 3 + Nodes.STEP_MS);

            assertThat(waiting.toCompletableFuture()).isCompletedExceptionally();
            assertThatThrownBy(waiting.toCompletableFuture()::join).hasCauseInstanceOf(CheckDiscardedException.class);
            // The cancelled probe returns: the dropped request begins no check of the monitor stopped since it was made.
            a.answerAll();
            assertThat(a.runtime().openAttempts()).isEmpty();
            assertThat(nodes.repository.history(monitor)).isEmpty();
        }
    }

    @Test
    void aStopMadeElsewhereIsActedOnByTheOwnersNextCommandBeforeItsRenewal() {
        try (Nodes nodes = Nodes.inMemory()) {
            Nodes.Node a = nodes.start("a");
            Nodes.Node b = nodes.start("b");
            // Probes slower than a renewal period, so that nothing but the command can act before a renewal would.
            MonitorSettings slow = Nodes.SETTINGS.withTimeoutMs(4_000);
            String monitor = heldByA(nodes, a, slow);
            a.engine().start(monitor);
            assertThat(a.engine().diagnostics().liveOperations()).hasSize(1);
            b.engine().stop(monitor);

            // a's update reads the row first and acts on the stop as a's renewal would: its check is cancelled at once.
            a.engine().update(monitor, slow.withIntervalMs(6_000));
            assertThat(a.engine().diagnostics().liveOperations()).isNotEmpty().allSatisfy(operation -> assertThat(operation.cancelled()).isTrue());
        }
    }

    @Test
    void aStopMadeElsewhereDropsTheOwnersWaitingRequestAndFailsItsCallerAtTheOwnersNextCommand() {
        try (Nodes nodes = Nodes.inMemory()) {
            Nodes.Node a = nodes.start("a");
            Nodes.Node b = nodes.start("b");
            MonitorSettings slow = Nodes.SETTINGS.withTimeoutMs(4_000);
            String monitor = heldByA(nodes, a, slow);
            a.engine().start(monitor);
            // The checkNow cancels the start's check, whose probe is out: its request and its caller wait for that probe.
            CompletionStage<CheckRecord> asked = a.engine().checkNow(monitor);
            b.engine().stop(monitor);

            a.engine().update(monitor, slow.withIntervalMs(6_000));
            a.runtime().deliverEvents();
            assertThat(asked.toCompletableFuture()).isCompletedExceptionally();
            assertThatThrownBy(asked.toCompletableFuture()::join).hasCauseInstanceOf(CheckDiscardedException.class);
            // The cancelled probe returns: the dropped request begins no check of the stopped monitor.
            a.answerAll();
            assertThat(a.runtime().openAttempts()).isEmpty();
            assertThat(a.engine().diagnostics().liveOperations()).isEmpty();
        }
    }

    @Test
    void forwardedCallersAreBoundedPerMonitorAndFailWhenTheirNodeCloses() {
        try (Nodes nodes = Nodes.inMemory()) {
            Nodes.Node a = nodes.start("a");
            Nodes.Node b = nodes.start("b");
            String monitor = placedOnA();
            String other = THIRTY.stream().filter(id -> !id.equals(monitor)).findFirst().orElseThrow();
            b.engine().add(monitor, Nodes.SETTINGS);
            b.engine().add(other, Nodes.SETTINGS);
            nodes.run(Nodes.LEASE_MS);
            assertThat(a.engine().owns(monitor)).isTrue();

            List<CompletionStage<CheckRecord>> waiting = IntStream.range(0, CheckWaiters.PER_MONITOR_MAX)
                    .mapToObj(i -> b.engine().checkNow(monitor)).toList();
            CompletionStage<CheckRecord> refused = b.engine().checkNow(monitor);
            assertThat(refused.toCompletableFuture()).isCompletedExceptionally();
            assertThatThrownBy(refused.toCompletableFuture()::join).hasCauseInstanceOf(IllegalStateException.class);
            CompletionStage<CheckRecord> elsewhere = b.engine().owns(other) ? null : b.engine().checkNow(other);

            b.engine().close();
            assertThat(waiting).allSatisfy(stage -> {
                assertThat(stage.toCompletableFuture()).isCompletedExceptionally();
                assertThatThrownBy(stage.toCompletableFuture()::join).hasCauseInstanceOf(EngineClosedException.class);
            });
            if (elsewhere != null) {
                assertThatThrownBy(elsewhere.toCompletableFuture()::join).hasCauseInstanceOf(EngineClosedException.class);
            }
        }
    }

    @Test
    void theOwnersCallersFailWhenAnotherNodeRemovesTheMonitorAndTheOwnerLearnsByAPollOrByACommand() {
        try (Nodes nodes = Nodes.inMemory()) {
            Nodes.Node a = nodes.start("a");
            Nodes.Node b = nodes.start("b");
            String first = placedOnA();
            String second = THIRTY.stream().filter(id -> !id.equals(first)
                    && RendezvousPlacement.INSTANCE.choose(id, List.of("a", "b")).equals("a")).findFirst().orElseThrow();
            // Probes slower than a renewal period: no check ends before a learns of the removals.
            a.engine().add(first, Nodes.SETTINGS.withTimeoutMs(2_500));
            a.engine().add(second, Nodes.SETTINGS.withTimeoutMs(2_500));
            nodes.run(Nodes.LEASE_MS);
            CompletionStage<CheckRecord> polled = a.engine().checkNow(first);
            CompletionStage<CheckRecord> commanded = a.engine().checkNow(second);
            assertThat(a.openAttemptMonitors()).containsExactlyInAnyOrder(first, second);

            // a learns of the first removal at its next renewal.
            b.engine().remove(first);
            assertThat(polled.toCompletableFuture()).isNotDone();
            nodes.run(Nodes.LEASE_MS / 3 + Nodes.STEP_MS);
            assertThat(polled.toCompletableFuture()).isCompletedExceptionally();
            assertThatThrownBy(polled.toCompletableFuture()::join).hasCauseInstanceOf(UnknownMonitorException.class);

            // A command on a catches up with the second removal before its next renewal.
            b.engine().remove(second);
            assertThatThrownBy(() -> a.engine().stop(second)).isInstanceOf(UnknownMonitorException.class);
            assertThat(commanded.toCompletableFuture()).isCompletedExceptionally();
            assertThatThrownBy(commanded.toCompletableFuture()::join).hasCauseInstanceOf(UnknownMonitorException.class);
        }
    }

    @Test
    void aStopOnAnotherNodeDropsTheOwnersWaitingRequestAndFailsItsCaller() {
        try (Nodes nodes = Nodes.inMemory()) {
            Nodes.Node a = nodes.start("a");
            Nodes.Node b = nodes.start("b");
            String monitor = heldByA(nodes, a, Nodes.SETTINGS.withTimeoutMs(2_500));
            a.engine().start(monitor); // a holds it: its check begins at once
            assertThat(a.openAttemptMonitors()).containsExactly(monitor);
            String ticked = a.runtime().openAttempts().getFirst().operationId();
            // The checkNow cancels the tick's check, whose probe is still out: its request waits for it.
            CompletionStage<CheckRecord> waiting = a.engine().checkNow(monitor);

            b.engine().stop(monitor);
            nodes.run(Nodes.LEASE_MS / 3 + Nodes.STEP_MS);
            assertThat(waiting.toCompletableFuture()).isCompletedExceptionally();
            assertThatThrownBy(waiting.toCompletableFuture()::join).hasCauseInstanceOf(CheckDiscardedException.class);
            // The stop cancelled the tick's check too: its probe was abandoned, and no check of the stopped monitor begins.
            assertThat(a.engine().diagnostics().liveOperations()).noneMatch(live -> live.id().equals(ticked) && !live.cancelled());
            nodes.run(Nodes.SETTINGS.intervalMs());
            assertThat(a.runtime().openAttempts()).isEmpty();
            assertThat(nodes.repository.history(monitor)).isEmpty();
        }
    }

    @Test
    void anUpdateOnAnotherNodeCancelsTheOwnersCheckAndTicksAtTheNewInterval() {
        try (Nodes nodes = Nodes.inMemory()) {
            Nodes.Node a = nodes.start("a");
            Nodes.Node b = nodes.start("b");
            String monitor = heldByA(nodes, a, Nodes.SETTINGS.withTimeoutMs(2_500));
            a.engine().start(monitor);
            String old = a.runtime().openAttempts().getFirst().operationId();

            b.engine().update(monitor, Nodes.SETTINGS.withIntervalMs(8_000).withTimeoutMs(2_500));
            nodes.run(Nodes.LEASE_MS / 3 + Nodes.STEP_MS);
            // The update cancelled the old check; the new one waits for its probe, whose return is discarded.
            assertThat(a.engine().diagnostics().liveOperations()).noneMatch(live -> live.id().equals(old) && !live.cancelled());
            a.runtime().answer(old, ProbeResult.up(5, "ok"));
            a.runtime().deliverEvents();
            a.answerAll();
            assertThat(nodes.repository.history(monitor)).hasSize(1).noneMatch(record -> record.operationId().equals(old));

            // Then one check per 8 s.
            nodes.runAnswering(8_000 * 3);
            assertThat(nodes.repository.history(monitor)).hasSize(1 + 3);
        }
    }

    @Test
    void anUpdateElsewhereChecksOnTheOwnerAtOnceAndMovesItsNextTickToOneNewIntervalLater() {
        try (Nodes nodes = Nodes.inMemory()) {
            Nodes.Node a = nodes.start("a");
            Nodes.Node b = nodes.start("b");
            String monitor = heldByA(nodes, a, Nodes.SETTINGS);
            a.engine().start(monitor);
            nodes.runAnswering(Nodes.STEP_MS); // the start's check lands; the next tick would be 5 s after the start

            b.engine().update(monitor, Nodes.SETTINGS.withIntervalMs(60_000));
            nodes.runAnswering(Nodes.LEASE_MS);
            assertThat(nodes.repository.history(monitor)).as("the owner checked once it learnt, before the old tick was due").hasSize(2);

            nodes.runAnswering(30_000);
            assertThat(nodes.repository.history(monitor)).as("no tick at the old interval").hasSize(2);
        }
    }

    @Test
    void aNodeForgetsTheCheckOfAMonitorHandedToANewNodeAndItsCallerIsToldItWasDiscarded() {
        try (Nodes nodes = Nodes.inMemory()) {
            Nodes.Node a = nodes.start("a");
            String monitor = placedOnB(); // held by a until b joins
            a.engine().add(monitor, Nodes.SETTINGS.withTimeoutMs(4_000)); // paused: only the checkNow probes it
            nodes.run(Nodes.LEASE_MS);
            assertThat(a.engine().owns(monitor)).isTrue();
            CompletionStage<CheckRecord> asked = a.engine().checkNow(monitor);
            String manual = a.runtime().openAttempts().getFirst().operationId();
            CompletableFuture<ProbeResult> probe = a.runtime().probe(manual).orElseThrow();

            Nodes.Node b = nodes.start("b");
            nodes.run(Nodes.LEASE_MS); // a hands b its share; a's probe is still out

            assertThat(b.engine().owns(monitor)).isTrue();
            assertThat(a.engine().owns(monitor)).isFalse();
            assertThat(a.engine().diagnostics().liveOperations()).as("a holds nothing of a monitor it no longer holds").isEmpty();
            assertThat(probe).isCancelled();
            assertThat(asked.toCompletableFuture()).isCompletedExceptionally();
            assertThatThrownBy(asked.toCompletableFuture()::join).hasCauseInstanceOf(CheckDiscardedException.class);
        }
    }

    @Test
    void aChangeMadeElsewhereRestartsChecksOnlyOfAMonitoringMonitorAndOnlyOnItsOwner() {
        try (Nodes nodes = Nodes.inMemory()) {
            Nodes.Node a = nodes.start("a");
            Nodes.Node b = nodes.start("b");
            String monitor = heldByA(nodes, b, Nodes.SETTINGS);

            b.engine().update(monitor, Nodes.SETTINGS.withIntervalMs(8_000));
            nodes.run(Nodes.LEASE_MS / 3 + Nodes.STEP_MS);
            assertThat(a.engine().monitor(monitor).orElseThrow().settings().intervalMs()).isEqualTo(8_000);
            nodes.runAnswering(2 * 8_000);

            assertThat(nodes.repository.history(monitor)).as("nobody checks a paused monitor").isEmpty();
            assertThat(a.engine().diagnostics().hasTick(monitor)).isFalse();

            // Started and changed on its owner: the other node learns of it and leaves the checks to the owner.
            a.engine().start(monitor);
            a.engine().update(monitor, Nodes.SETTINGS);
            nodes.runAnswering(Nodes.LEASE_MS);
            assertThat(b.runtime().openAttempts()).isEmpty();
            assertThat(b.engine().diagnostics().hasTick(monitor)).isFalse();
            assertThat(b.events()).noneMatch(event -> event instanceof EngineEvent.StoreFailed);
            assertThat(nodes.repository.history(monitor)).isNotEmpty().allMatch(record -> record.operationId().startsWith("a-"));
        }
    }

    @Test
    void aCheckNowForwardedToTheOwnerCancelsItsRunningCheckAsOneMadeThereWould() {
        try (Nodes nodes = Nodes.inMemory()) {
            Nodes.Node a = nodes.start("a");
            Nodes.Node b = nodes.start("b");
            String monitor = heldByA(nodes, a, Nodes.SETTINGS.withTimeoutMs(2_500));
            a.engine().start(monitor);
            String ticked = a.runtime().openAttempts().getFirst().operationId();

            CompletionStage<CheckRecord> asked = b.engine().checkNow(monitor);
            nodes.run(Nodes.LEASE_MS / 3 + Nodes.STEP_MS);
            // R8 on the owner: the tick's check is cancelled; the manual one begins once its probe is back.
            assertThat(a.engine().diagnostics().liveOperations()).noneMatch(live -> live.id().equals(ticked) && !live.cancelled());
            a.runtime().answer(ticked, ProbeResult.up(5, "ok"));
            a.runtime().deliverEvents();
            a.answerAll();
            nodes.run(Nodes.LEASE_MS / 3 + Nodes.STEP_MS);
            assertThat(asked.toCompletableFuture()).isCompleted();
            assertThat(asked.toCompletableFuture().join().operationId()).isNotEqualTo(ticked);
        }
    }

    @Test
    void aForwardedCallerWhoAskedAfterTheNewestResultWaitsForTheNextOne() {
        try (Nodes nodes = Nodes.inMemory()) {
            Nodes.Node a = nodes.start("a");
            Nodes.Node b = nodes.start("b");
            String monitor = heldByA(nodes, b, Nodes.SETTINGS);
            CompletionStage<CheckRecord> earlier = b.engine().checkNow(monitor);
            nodes.run(Nodes.LEASE_MS / 3 + Nodes.STEP_MS);
            a.answerAll(); // the result the earlier caller waits for, applied before b next polls
            CompletionStage<CheckRecord> later = b.engine().checkNow(monitor); // b's command reads the row: it knows that result

            nodes.run(Nodes.LEASE_MS / 3 + Nodes.STEP_MS);
            assertThat(earlier.toCompletableFuture()).isCompleted();
            assertThat(later.toCompletableFuture()).as("the result is older than the later request").isNotDone();
            a.answerAll();
            nodes.run(Nodes.LEASE_MS / 3 + Nodes.STEP_MS);
            assertThat(later.toCompletableFuture()).isCompleted();
            assertThat(later.toCompletableFuture().join()).isNotEqualTo(earlier.toCompletableFuture().join());
        }
    }

    @Test
    void aCheckNowOnTheOwnerIsDiscardedWhenItLosesTheLease() {
        try (Nodes nodes = Nodes.inMemory()) {
            Nodes.Node a = nodes.start("a");
            Nodes.Node b = nodes.start("b");
            String monitor = placedOnA();
            a.engine().add(monitor, Nodes.SETTINGS);
            a.engine().start(monitor);
            nodes.runAnswering(Nodes.LEASE_MS);
            CompletionStage<CheckRecord> asked = a.engine().checkNow(monitor);
            nodes.run(Nodes.STEP_MS);
            assertThat(a.openAttemptMonitors()).containsExactly(monitor);
            String manual = a.runtime().openAttempts().getFirst().operationId();

            nodes.pause("a"); // past its lease: b takes the monitor over
            nodes.runAnswering(2 * Nodes.LEASE_MS);
            assertThat(b.engine().owns(monitor)).isTrue();
            nodes.resume("a");
            nodes.run(Nodes.LEASE_MS / 3 + Nodes.STEP_MS);
            // a learnt it lost the lease (placement may give the monitor back to it later: a new holding).
            assertThat(asked.toCompletableFuture()).isCompletedExceptionally();
            assertThatThrownBy(asked.toCompletableFuture()::join).hasCauseInstanceOf(CheckDiscardedException.class);
            assertThat(a.engine().diagnostics().liveOperations()).noneMatch(live -> live.id().equals(manual));
        }
    }

    @Test
    void singleNodeAndMultiNodeEnginesRefuseEachOthersStore() {
        AtomicLong clock = new AtomicLong(1_700_000_000_000L);
        try (MonitorRepository repository = MonitorRepository.openInMemory(MemoryFaults.NONE, clock::get)) {
            try (VigilEngine single = EngineAssembly.builder(repository).runtime(new ManualRuntime()).nodeId("solo").build()) {
                assertThat(single.nodeId()).contains("solo");
                assertThatThrownBy(() -> EngineAssembly.builder(repository).runtime(new ManualRuntime()).multiNode(true).nodeId("n1").build())
                        .isInstanceOf(StoreException.class)
                        .hasMessageContaining("a single-node engine holds the store")
                        .hasMessageContaining("node 'solo'")
                        .hasMessageContaining("multi-node engine (node 'n1') was not started and changed nothing");
            }
            try (VigilEngine node = EngineAssembly.builder(repository).runtime(new ManualRuntime()).multiNode(true).nodeId("n1").build()) {
                assertThat(node.nodeId()).contains("n1");
                assertThatThrownBy(() -> EngineAssembly.builder(repository).runtime(new ManualRuntime()).nodeId("solo").build())
                        .isInstanceOf(StoreException.class)
                        .hasMessageContaining("multi-node engines use the store")
                        .hasMessageContaining("node 'n1' is alive until")
                        .hasMessageContaining("multiNode(true)");
                // A second node joins.
                try (VigilEngine second = EngineAssembly.builder(repository).runtime(new ManualRuntime()).multiNode(true).nodeId("n2").build()) {
                    assertThat(repository.nodes().liveNodes()).containsOnlyKeys("n1", "n2");
                    assertThat(second.nodeId()).contains("n2");
                }
            }
            // Both nodes left: a single-node engine opens at once.
            try (VigilEngine single = EngineAssembly.builder(repository).runtime(new ManualRuntime()).nodeId("solo").build()) {
                assertThat(single.storeLeaseLost()).isFalse();
            }
        }
    }

    @Test
    void aNodeRenewsOnTheRuntimesTimers() {
        try (Nodes nodes = Nodes.inMemory()) {
            Nodes.Node a = nodes.start("a");
            assertThat(a.runtime().pendingTimers(TimerKind.LEASE_RENEWAL)).isEqualTo(1);
            nodes.run(10 * Nodes.LEASE_MS);
            assertThat(nodes.repository.nodes().liveNodes()).containsOnlyKeys("a");
        }
    }
}
