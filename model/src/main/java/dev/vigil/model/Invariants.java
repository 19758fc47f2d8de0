package dev.vigil.model;

import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.TreeSet;
import io.vavr.collection.Vector;
import io.vavr.control.Option;

/**
 * SPEC's invariants I1–I8 as named predicates. Each returns the violations it finds, naming the
 * invariant, the monitor and the values; an empty list means it holds. The state predicates
 * (I1, I3, I4, I5, I8) need one state; the transition predicates (I2, I6, I7) compare the state
 * before an event with the state after it.
 */
public final class Invariants {

    private Invariants() {
    }

    /** @return every violation of I1–I8 by this transition, in invariant order */
    public static List<InvariantViolation> check(ModelState previous, ModelEvent event, ModelState next) {
        return i1PausedStaysPaused(next)
                .appendAll(i2NoStaleWrites(previous, event, next))
                .appendAll(i3OneProbeAtATime(next))
                .appendAll(i4StoreCoversRegistry(next))
                .appendAll(i5NoLeaks(next))
                .appendAll(i6EventsMatchStore(previous, event, next))
                .appendAll(i7NothingLost(previous, event, next))
                .appendAll(i8BoundedDetection(next));
    }

    /** @return every violation of the single-state invariants I1, I3, I4, I5 and I8 */
    public static List<InvariantViolation> checkState(ModelState state) {
        return i1PausedStaysPaused(state)
                .appendAll(i3OneProbeAtATime(state))
                .appendAll(i4StoreCoversRegistry(state))
                .appendAll(i5NoLeaks(state))
                .appendAll(i8BoundedDetection(state));
    }

    /**
     * The parts of I1, I3 and I4 that an observable view shows, for checking the engine's view
     * directly: paused means PAUSED, at most one listed operation, every ACTIVE operation listed.
     */
    public static List<InvariantViolation> checkView(ObservableView view) {
        List<MonitorView> monitors = List.ofAll(view.monitors());
        List<InvariantViolation> paused = monitors.filter(m -> !m.monitoring() && m.status() != Status.PAUSED)
                .map(m -> new InvariantViolation("I1", m.id(), "monitoring=false but status=" + m.status()));
        List<InvariantViolation> single = monitors.filter(m -> m.activeOperations().size() > 1)
                .map(m -> new InvariantViolation("I3", m.id(), "activeOperations=" + m.activeOperations() + " holds more than one id"));
        List<InvariantViolation> covered = List.ofAll(view.registry().entrySet())
                .filter(e -> e.getValue() == OperationState.ACTIVE)
                .filter(e -> monitors.forAll(m -> !m.activeOperations().contains(e.getKey())))
                .map(e -> new InvariantViolation("I4", "", "ACTIVE op#" + e.getKey() + " is listed by no monitor"));
        return paused.appendAll(single).appendAll(covered);
    }

    /** I1: {@code monitoring=false ⇒ status=PAUSED}. */
    public static List<InvariantViolation> i1PausedStaysPaused(ModelState state) {
        return monitors(state).filter(m -> !m.monitoring() && m.status() != Status.PAUSED)
                .map(m -> new InvariantViolation("I1", m.id(), "monitoring=false but status=" + m.status()));
    }

    /**
     * I2: every history record and status change of this step comes from an operation that was
     * ACTIVE before it, of this monitor, which was monitoring (or it was a manual check of a
     * paused monitor, which changes no status). Start and stop change status by command.
     */
    public static List<InvariantViolation> i2NoStaleWrites(ModelState previous, ModelEvent event, ModelState next) {
        List<InvariantViolation> found = List.empty();
        for (Monitor after : monitors(next)) {
            Option<Monitor> was = previous.monitor(after.id());
            if (was.isEmpty()) {
                continue;
            }
            Monitor before = was.get();
            Seq<HistoryRecord> added = appended(before, after);
            for (HistoryRecord r : added) {
                Option<String> stale = staleWriter(previous, before, r.operation());
                if (stale.isDefined()) {
                    found = found.append(new InvariantViolation("I2", after.id(),
                            "history record op#" + r.operation() + " " + r.status() + " at " + r.atMs() + ": " + stale.get()));
                }
            }
            if (before.status() != after.status() && !statusByCommand(Model.commandsOf(previous, event), before, after)
                    && !(before.monitoring() && added.nonEmpty() && added.last().status() == after.status()
                            && staleWriter(previous, before, added.last().operation()).isEmpty())) {
                found = found.append(new InvariantViolation("I2", after.id(), "status changed " + before.status() + "→"
                        + after.status() + " (monitoring before: " + before.monitoring() + ") without a command or an applied result"
                        + " on " + event.describe()));
            }
        }
        return found;
    }

    /** I3: at most one operation per monitor in the registry, and at most one listed id. */
    public static List<InvariantViolation> i3OneProbeAtATime(ModelState state) {
        List<InvariantViolation> registry = state.registry().values().toList().groupBy(Operation::monitorId)
                .filterValues(ops -> ops.size() > 1).toList().sortBy(t -> t._1)
                .map(t -> new InvariantViolation("I3", t._1, "registry holds " + t._2.map(op -> "op#" + op.number()).mkString(", ")));
        List<InvariantViolation> listed = monitors(state).filter(m -> m.activeOperations().size() > 1)
                .map(m -> new InvariantViolation("I3", m.id(), "activeOperations=" + m.activeOperations() + " holds more than one id"));
        return registry.appendAll(listed);
    }

    /**
     * I4: every ACTIVE operation in the registry is listed in its monitor's persisted {@code
     * activeOperations}, as this engine wrote them: another writer may empty the stored list
     * ({@link ModelEvent.ForeignRecover}), which the store's compare-and-set then catches.
     */
    public static List<InvariantViolation> i4StoreCoversRegistry(ModelState state) {
        return state.registry().values().toList().filter(Operation::isActive)
                .filter(op -> !state.monitor(op.monitorId()).exists(m -> m.lists(op.number())))
                .map(op -> new InvariantViolation("I4", op.monitorId(), "ACTIVE op#" + op.number()
                        + " is not listed; activeOperations=" + state.monitor(op.monitorId()).map(Monitor::activeOperations).getOrElse(List.empty())));
    }

    /**
     * I5: every operation leaves no later than its deadline, which is SEMANTICS' formula; it has
     * a way out meanwhile (a probe out, or an ACTIVE back-off); a waiting request has a cancelled
     * operation to wait for; ticks belong to monitoring monitors; with every monitor stopped and
     * no probe outstanding, the registry and the timer queue are empty. An operation in its
     * back-off counts as outstanding: a manual check of a paused monitor (R8) may be in one.
     */
    public static List<InvariantViolation> i5NoLeaks(ModelState state) {
        List<InvariantViolation> found = List.empty();
        for (Operation op : state.registry().values()) {
            String name = "op#" + op.number();
            long formulaMs = Timing.deadlineAtMs(op.initiatedAtMs(), op.timeoutMs(), op.attempts());
            if (state.monitor(op.monitorId()).isEmpty()) {
                found = found.append(new InvariantViolation("I5", op.monitorId(), name + " belongs to a removed monitor"));
            }
            if (op.deadlineAtMs() != formulaMs) {
                found = found.append(new InvariantViolation("I5", op.monitorId(), name + " deadline " + op.deadlineAtMs()
                        + " differs from the formula " + formulaMs));
            }
            // Right after a pause (SEMANTICS) a deadline may be overdue until its timer fires at that same time.
            if (state.nowMs() > op.deadlineAtMs() && state.nowMs() != state.lastPauseEndMs()) {
                found = found.append(new InvariantViolation("I5", op.monitorId(), name + " is still in the registry at "
                        + state.nowMs() + ", after its deadline " + op.deadlineAtMs()));
            }
            if (op.inFlight().isDefined() == op.backoff().isDefined() || (!op.isActive() && op.inFlight().isEmpty())) {
                found = found.append(new InvariantViolation("I5", op.monitorId(), name + " (" + op.state()
                        + ") has " + (op.inFlight().isDefined() ? "a probe out and a back-off" : op.backoff().isDefined()
                        ? "only a back-off" : "neither a probe out nor a back-off") + ": it can leave only by its deadline"));
            }
        }
        for (Monitor m : monitors(state)) {
            if (m.tickDueMs().isDefined() && (!m.monitoring() || state.crashed())) {
                found = found.append(new InvariantViolation("I5", m.id(), "TICK at " + m.tickDueMs().get()
                        + " pending for a monitor that is " + (state.crashed() ? "in a crashed engine" : "not monitoring")));
            }
            if (m.waitingManual().isDefined()
                    && !state.operationOf(m.id()).exists(op -> !op.isActive() && op.inFlight().isDefined())) {
                found = found.append(new InvariantViolation("I5", m.id(), "a check request waits but no cancelled probe is out"));
            }
        }
        // A manual check of a paused monitor in its back-off is still outstanding (R8): it counts as a probe out.
        boolean idle = monitors(state).forAll(m -> !m.monitoring())
                && state.registry().values().forAll(op -> op.inFlight().isEmpty() && op.backoff().isEmpty());
        if (idle && (!state.registry().isEmpty() || !state.pendingTimers().isEmpty())) {
            found = found.append(new InvariantViolation("I5", "", "every monitor stopped and no probe outstanding, yet registry="
                    + state.registry().keySet().toList() + " timers=" + state.pendingTimers().map(Timer::view)));
        }
        return found;
    }

    /**
     * I6: this step's {@code StatusChanged} events are exactly the committed status transitions;
     * {@code CheckCompleted} events exactly the committed history records; start and stop events
     * exactly the committed monitoring changes; one {@code StoreFailed} exactly when the armed
     * failure was consumed; and earlier events are never rewritten.
     */
    public static List<InvariantViolation> i6EventsMatchStore(ModelState previous, ModelEvent event, ModelState next) {
        // Compared in commit order, delivered or not: a crash loses the undelivered ones and commits nothing.
        Vector<Observation> committedBefore = previous.committed();
        Vector<Observation> committedAfter = next.committed();
        if (event instanceof ModelEvent.Crash ? !committedBefore.startsWith(committedAfter) : !committedAfter.startsWith(committedBefore)) {
            return List.of(new InvariantViolation("I6", "", "events committed earlier were rewritten on " + event.describe()));
        }
        Vector<Observation> emitted = committedAfter.drop(committedBefore.size());
        List<InvariantViolation> found = List.empty();
        TreeSet<String> ids = TreeSet.ofAll(previous.monitorIds()).addAll(next.monitorIds());
        for (String id : ids) {
            Option<Monitor> before = previous.monitor(id);
            Option<Monitor> after = next.monitor(id);
            boolean kept = before.isDefined() && after.isDefined();
            List<Observation.StatusChanged> changes = emitted.filter(Observation.StatusChanged.class::isInstance)
                    .map(Observation.StatusChanged.class::cast).filter(c -> c.monitorId().equals(id)).toList();
            List<Status> chain = changes.isEmpty() ? List.empty() : changes.map(Observation.StatusChanged::from).append(changes.last().to());
            boolean chained = changes.forAll(c -> c.from() != c.to())
                    && changes.sliding(2).forAll(w -> w.size() < 2 || w.get(0).to() == w.get(1).from());
            // One step may change a status and change it back (a listener's stop and another's start):
            // the chain of changes must lead from the status before to the status after.
            boolean matches = kept
                    ? (changes.isEmpty() ? before.get().status() == after.get().status()
                    : chained && chain.head() == before.get().status() && chain.last() == after.get().status())
                    : changes.isEmpty();
            if (!matches) {
                found = found.append(new InvariantViolation("I6", id, "StatusChanged " + changes.map(c -> c.from() + "→" + c.to())
                        .mkString(", ") + " but the store went " + before.map(m -> m.status().name()).getOrElse("absent")
                        + "→" + after.map(m -> m.status().name()).getOrElse("absent")));
            }
            List<String> completed = emitted.filter(Observation.CheckCompleted.class::isInstance)
                    .map(Observation.CheckCompleted.class::cast).filter(c -> c.monitorId().equals(id))
                    .map(c -> "op#" + c.operation() + " " + c.status()).toList();
            List<String> recorded = kept ? appended(before.get(), after.get()).map(r -> "op#" + r.operation() + " " + r.status()).toList()
                    : List.empty();
            if (!completed.equals(recorded)) {
                found = found.append(new InvariantViolation("I6", id, "CheckCompleted " + completed + " but history gained " + recorded));
            }
            // Started and stopped alternate, from monitoring before to monitoring after.
            List<Boolean> switches = emitted.filter(o -> o.equals(new Observation.MonitoringStarted(id))
                    || o.equals(new Observation.MonitoringStopped(id))).map(o -> o instanceof Observation.MonitoringStarted).toList();
            boolean alternates = kept
                    ? switches.zipWithIndex().forAll(t -> t._1 == (before.get().monitoring() ? t._2 % 2 == 1 : t._2 % 2 == 0))
                            && (switches.isEmpty() ? before.get().monitoring() == after.get().monitoring() : switches.last() == after.get().monitoring())
                    : switches.isEmpty();
            if (!alternates) {
                found = found.append(new InvariantViolation("I6", id, switches.map(on -> on ? "MonitoringStarted" : "MonitoringStopped")
                        .mkString(", ") + " but monitoring went " + before.map(Monitor::monitoring).getOrNull() + "→"
                        + after.map(Monitor::monitoring).getOrNull()));
            }
        }
        long failures = emitted.count(Observation.StoreFailed.class::isInstance);
        boolean consumed = previous.storeFailArmed() && !next.storeFailArmed();
        if (failures != (consumed ? 1 : 0)) {
            found = found.append(new InvariantViolation("I6", "", failures + " StoreFailed events, but the armed failure was "
                    + (consumed ? "" : "not ") + "consumed by " + event.describe()));
        }
        return found;
    }

    /**
     * I7: history is append-only and ordered by application per monitor, each record labelled
     * with the wall time it was applied at, and only a pruning (R17) takes records out, the
     * oldest first; a monitor disappears only by its own remove; a crash keeps every persisted field.
     */
    public static List<InvariantViolation> i7NothingLost(ModelState previous, ModelEvent event, ModelState next) {
        List<InvariantViolation> found = List.empty();
        List<ModelEvent> commands = Model.commandsOf(previous, event);
        for (Monitor before : monitors(previous)) {
            Option<Monitor> after = next.monitor(before.id());
            if (after.isEmpty()) {
                if (!commands.contains(new ModelEvent.Remove(before.id()))) {
                    found = found.append(new InvariantViolation("I7", before.id(), "disappeared with "
                            + before.history().size() + " history records on " + event.describe()));
                }
                continue;
            }
            Vector<HistoryRecord> history = after.get().history();
            if (commands.exists(command -> command instanceof ModelEvent.PruneHistory)) {
                if (!before.history().endsWith(history)) {
                    found = found.append(new InvariantViolation("I7", before.id(), "a pruning left " + history.size()
                            + " records that are not the newest of the " + before.history().size() + " before it"));
                }
            } else if (!history.startsWith(before.history())) {
                found = found.append(new InvariantViolation("I7", before.id(), "history was rewritten: "
                        + before.history().size() + " records before, " + history.size() + " after"));
            } else {
                // Records are ordered by when they were applied; their labels are wall time, which
                // a clock jump may move backwards (docs/SEMANTICS.md), so the label is checked
                // against the wall clock at apply, not against the previous label.
                for (HistoryRecord r : appended(before, after.get())) {
                    if (r.atMs() != next.wallNowMs()) {
                        found = found.append(new InvariantViolation("I7", before.id(), "record op#" + r.operation()
                                + " labelled " + r.atMs() + ", applied at wall time " + next.wallNowMs()));
                    }
                }
            }
            if ((event instanceof ModelEvent.Crash || event instanceof ModelEvent.Close) && !persisted(before).equals(persisted(after.get()))) {
                found = found.append(new InvariantViolation("I7", before.id(), "crash changed persisted fields "
                        + persisted(before) + " → " + persisted(after.get())));
            }
        }
        return found;
    }

    /**
     * I8: a monitoring monitor whose target hangs, with no command on it meanwhile, is DOWN no
     * later than one interval plus attempts × timeoutMs plus the back-offs after the hang began;
     * and, so that detection can happen at all, it has a TICK pending while the engine is up.
     */
    public static List<InvariantViolation> i8BoundedDetection(ModelState state) {
        List<InvariantViolation> found = List.empty();
        if (state.crashed()) {
            return found;
        }
        for (Monitor m : monitors(state).filter(Monitor::monitoring)) {
            if (m.tickDueMs().isEmpty()) {
                found = found.append(new InvariantViolation("I8", m.id(), "monitoring but no TICK pending"));
            }
            if (m.hangSinceMs().isDefined() && m.status() != Status.DOWN) {
                long byMs = m.hangSinceMs().get() + Timing.detectionBoundMs(m.settings());
                if (state.nowMs() > byMs) {
                    found = found.append(new InvariantViolation("I8", m.id(), "target hung since " + m.hangSinceMs().get()
                            + ", status " + m.status() + " at " + state.nowMs() + ", should be DOWN by " + byMs));
                }
            }
        }
        return found;
    }

    // --- helpers ----------------------------------------------------------------------------

    private static List<Monitor> monitors(ModelState state) {
        return state.monitors().values().toList();
    }

    private static Seq<HistoryRecord> appended(Monitor before, Monitor after) {
        return after.history().size() >= before.history().size() ? after.history().drop(before.history().size()) : Vector.empty();
    }

    /** Why operation {@code number} could not write to this monitor before the step, if it could not. */
    private static Option<String> staleWriter(ModelState previous, Monitor before, int number) {
        Option<Operation> op = previous.operation(number);
        if (op.isEmpty()) {
            return Option.some("op#" + number + " was not in the registry");
        }
        if (!op.get().monitorId().equals(before.id())) {
            return Option.some("op#" + number + " belongs to " + op.get().monitorId());
        }
        if (!op.get().isActive()) {
            return Option.some("op#" + number + " was " + op.get().state());
        }
        if (!before.monitoring() && !op.get().manual()) {
            return Option.some("the monitor was paused and op#" + number + " is not manual");
        }
        return Option.none();
    }

    private static boolean statusByCommand(List<ModelEvent> commands, Monitor before, Monitor after) {
        boolean starts = commands.exists(c -> c.equals(new ModelEvent.Start(after.id())) || c instanceof ModelEvent.StartAll);
        boolean stops = commands.exists(c -> c.equals(new ModelEvent.Stop(after.id())) || c instanceof ModelEvent.StopAll);
        if (starts && stops) {
            // A listener's stop and another's start in one delivery: whichever came last decides.
            return (after.monitoring() && after.status() == Status.PENDING) || (!after.monitoring() && after.status() == Status.PAUSED);
        }
        return (starts && !before.monitoring() && after.monitoring() && after.status() == Status.PENDING)
                || (stops && before.monitoring() && !after.monitoring() && after.status() == Status.PAUSED);
    }

    private static List<Object> persisted(Monitor m) {
        return List.of(m.settings(), m.monitoring(), m.status(), m.storedOperations(), m.history(), m.lastApplied());
    }
}
