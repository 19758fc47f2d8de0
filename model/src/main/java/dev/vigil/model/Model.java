package dev.vigil.model;

import dev.vigil.model.ModelEvent.Add;
import dev.vigil.model.ModelEvent.AttemptCompleted;
import dev.vigil.model.ModelEvent.AttemptTimedOut;
import dev.vigil.model.ModelEvent.CheckNow;
import dev.vigil.model.ModelEvent.ClockJump;
import dev.vigil.model.ModelEvent.Crash;
import dev.vigil.model.ModelEvent.Deadline;
import dev.vigil.model.ModelEvent.Remove;
import dev.vigil.model.ModelEvent.Restart;
import dev.vigil.model.ModelEvent.RetryDue;
import dev.vigil.model.ModelEvent.Start;
import dev.vigil.model.ModelEvent.StartAll;
import dev.vigil.model.ModelEvent.Stop;
import dev.vigil.model.ModelEvent.StopAll;
import dev.vigil.model.ModelEvent.IdsRunOut;
import dev.vigil.model.ModelEvent.StoreFails;
import dev.vigil.model.ModelEvent.Tick;
import dev.vigil.model.ModelEvent.Update;
import dev.vigil.model.Observation.CheckCompleted;
import dev.vigil.model.Observation.CheckDiscarded;
import dev.vigil.model.Observation.CheckWait;
import dev.vigil.model.Observation.WaitPoint;
import dev.vigil.model.Observation.MonitoringStarted;
import dev.vigil.model.Observation.MonitoringStopped;
import dev.vigil.model.Observation.StatusChanged;
import dev.vigil.model.ModelEvent.Close;
import dev.vigil.model.ModelEvent.ForeignRecover;
import dev.vigil.model.ModelEvent.Deliver;
import dev.vigil.model.ModelEvent.Pause;
import dev.vigil.model.ModelEvent.StaleTimer;
import dev.vigil.model.ModelEvent.PruneHistory;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import io.vavr.collection.Set;
import io.vavr.collection.SortedMap;
import io.vavr.control.Option;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The reference state machine: one small function per rule of SPEC.md, with the decisions of
 * docs/SEMANTICS.md. Every function takes the step so far and returns it extended; none has a
 * side effect. The only entry point is {@link #step}.
 */
public final class Model {

    private Model() {
    }

    /**
     * Applies one event at virtual time {@code atMs}.
     *
     * <p>Never throws for any event in any state: an event that does nothing is a no-op step whose
     * note says why. Throws only for programmer errors: a null argument or time moving backwards.
     *
     * @param atMs the time the event happens, at least {@code state.nowMs()}
     * @return the next state (with {@code nowMs == atMs}), the observations, and a note
     */
    public static Step step(ModelState state, long atMs, ModelEvent event) {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(event, "event");
        if (atMs < state.nowMs()) {
            throw new IllegalArgumentException("time moves forward only: atMs " + atMs + " < nowMs " + state.nowMs()
                    + " for " + event.describe());
        }
        Set<String> commanded = commandedMonitors(state, event);
        Progress done = dispatch(Progress.from(state.at(atMs)), event);
        done = liveness(done, commanded);
        // Committed events wait in the outbox when some listener reacts to them (delivery is an
        // event of its own); otherwise they are delivered as they are committed. An engine that is
        // down after the step (a failed open) has no event thread left: what it committed is
        // delivered on the way out, as its runtime is closed.
        Seq<Observation> committed = done.observations().filter(Observation::compared);
        ModelState after = done.state();
        ModelState next = after.deliversSeparately() && !after.crashed()
                ? after.withOutbox(after.outbox().appendAll(committed))
                : after.withEmitted(after.emitted().appendAll(committed));
        String note = event.describe() + ": " + (done.notes().isEmpty() ? "done" : done.notes().mkString("; "));
        return new Step(next, done.observations().toList(), done.results().toList(), note);
    }

    private static Progress dispatch(Progress p, ModelEvent event) {
        if (event.isCommand()) {
            return command(p, event);
        }
        return switch (event) {
            case Tick e -> tick(p, e.monitorId());
            case AttemptCompleted e -> attemptCompleted(p, e);
            case AttemptTimedOut e -> attemptTimedOut(p, e.operation(), e.attempt());
            case RetryDue e -> retryDue(p, e.operation());
            case Deadline e -> deadline(p, e.operation());
            case StoreFails ignored -> storeFails(p);
            case IdsRunOut ignored -> idsRunOut(p);
            case Crash ignored -> crash(p);
            case Restart ignored -> restart(p).returned();
            case Close ignored -> close(p).returned();
            case ForeignRecover ignored -> foreignRecover(p);
            case ClockJump e -> clockJump(p, e.deltaMs());
            case Deliver ignored -> deliver(p);
            case Pause e -> pause(p, e.durationMs());
            case StaleTimer e -> p.note("no-op: a cancelled " + e.kind() + " timer's task ran late; the engine ignores it");
            default -> throw new IllegalStateException("not a command and not handled: " + event.describe());
        };
    }

    /** A command, from a caller or a listener: it fails while the engine is down, and returns a result either way. */
    private static Progress command(Progress p, ModelEvent event) {
        if (p.state().crashed()) {
            return p.commandFailed(p.state().closed() ? CommandResult.Failure.CLOSED : CommandResult.Failure.DOWN,
                    event.describe() + " failed: the engine is " + (p.state().closed() ? "closed" : "down")).returned();
        }
        Progress done = switch (event) {
            case Add e -> add(p, e.monitorId(), e.settings());
            case Update e -> update(p, e.monitorId(), e.settings());
            case Remove e -> remove(p, e.monitorId());
            case Start e -> start(p, e.monitorId());
            case Stop e -> stop(p, e.monitorId());
            case CheckNow e -> checkNow(p, e.monitorId());
            case StartAll ignored -> startAll(p);
            case StopAll ignored -> stopAll(p);
            case PruneHistory e -> pruneHistory(p, e);
            default -> throw new IllegalStateException("not a command: " + event.describe());
        };
        return done.returned();
    }

    /**
     * The commands an event runs, in order: a command itself; a delivery, the commands its
     * listeners call back; nothing for the environment's events.
     */
    public static io.vavr.collection.List<ModelEvent> commandsOf(ModelState before, ModelEvent event) {
        if (event.isCommand()) {
            return io.vavr.collection.List.of(event);
        }
        if (event instanceof Deliver && !before.outbox().isEmpty()) {
            Observation delivered = before.outbox().head();
            return before.listeners().filter(listener -> listener.reactsTo(delivered)).flatMap(ListenerSpec::command);
        }
        return io.vavr.collection.List.empty();
    }

    // --- commands ---------------------------------------------------------------------------

    /**
     * What {@code add} accepts as an id (SEMANTICS "Monitor ids"): 1 … 64 letters, digits, '.',
     * '_' or '-', starting with a letter or a digit.
     */
    private static final Pattern MONITOR_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** R1: validate the id, then the settings, refuse a duplicate, then insert PAUSED with nothing running. */
    static Progress add(Progress p, String id, ModelSettings settings) {
        // The id first, as the engine checks it before the settings.
        if (!MONITOR_ID.matcher(id).matches()) {
            return p.commandFailed(CommandResult.Failure.INVALID, "add '" + id + "' rejected: not a valid monitor id");
        }
        Option<String> invalid = refusal(p, settings);
        if (invalid.isDefined()) {
            return p.commandFailed(CommandResult.Failure.INVALID, "add " + id + " rejected: " + invalid.get());
        }
        if (p.monitor(id).isDefined()) {
            return p.commandFailed(CommandResult.Failure.INVALID, "add " + id + " rejected: duplicate id");
        }
        if (p.state().storeFailArmed()) {
            return p.storeFailed(Transaction.INSERT, Option.some(id)).commandFailed(CommandResult.Failure.STORE, "add " + id + " failed: store");
        }
        Monitor added = Monitor.added(id, settings);
        return p.put(added).note("stored PAUSED").returning(added.snapshot());
    }

    /**
     * R9: validate and store; on a monitoring monitor cancel the live operation, reschedule the
     * tick with the new interval and request a check. Status is kept. The transaction also drops
     * stale ids from {@code activeOperations} (I4: the next committed transaction removes them).
     */
    static Progress update(Progress p, String id, ModelSettings settings) {
        // The settings first, as the engine checks them before it looks the monitor up.
        Option<String> invalid = refusal(p, settings);
        if (invalid.isDefined()) {
            return p.commandFailed(CommandResult.Failure.INVALID, "update " + id + " rejected: " + invalid.get());
        }
        Option<Monitor> found = p.monitor(id);
        if (found.isEmpty()) {
            return unknown(p, "update", id);
        }
        if (p.state().storeFailArmed()) {
            return p.storeFailed(Transaction.UPDATE_SETTINGS, Option.some(id))
                    .commandFailed(CommandResult.Failure.STORE, "update " + id + " failed: store");
        }
        Monitor m = found.get();
        Monitor updated = m.withSettings(settings).withActiveOperations(withoutStale(m.activeOperations(), p.state()));
        // It returns the monitor as its transaction left it, before the check it requests begins.
        Progress stored = p.put(updated).note("settings stored").returning(updated.snapshot());
        if (!m.monitoring()) {
            return stored;
        }
        return request(scheduleTick(cancelLive(stored, id), id), id, false);
    }

    /** R1: settings out of every engine's bounds, then out of this engine's limits, are refused. */
    private static Option<String> refusal(Progress p, ModelSettings settings) {
        return settings.validationError().orElse(() -> p.state().engineLimits().refusal(settings));
    }

    /**
     * R10: delete the monitor with its history; its operations leave the registry at once (not
     * merely cancelled: nothing is left to protect), and its tick and waiting request go with it.
     */
    static Progress remove(Progress p, String id) {
        if (p.monitor(id).isEmpty()) {
            return unknown(p, "remove", id);
        }
        if (p.state().storeFailArmed()) {
            return p.storeFailed(Transaction.DELETE, Option.some(id)).commandFailed(CommandResult.Failure.STORE, "remove " + id + " failed: store");
        }
        Progress forgotten = p.emit(new CheckWait(WaitPoint.REMOVED, id, 0));
        Progress dropped = p.state().operationOf(id)
                .map(op -> forgotten.map(s -> s.removeOperation(op.number()))
                        .emit(new CheckDiscarded(id, op.number(), "monitor removed")))
                .getOrElse(forgotten);
        return dropped.map(s -> s.withMonitors(s.monitors().remove(id))).note("deleted").returning(new CommandResult.Done());
    }

    /**
     * R2: on a paused monitor, one transaction (monitoring, PENDING, no operations); then cancel
     * its live operations (a manual check of R8 may be running), emit, request a check at once,
     * and schedule the first tick.
     */
    static Progress start(Progress p, String id) {
        Option<Monitor> found = p.monitor(id);
        if (found.isEmpty()) {
            return unknown(p, "start", id);
        }
        Monitor m = found.get();
        if (m.monitoring()) {
            return p.note("no-op: " + id + " is already monitoring").returning(new CommandResult.Changed(false));
        }
        if (p.state().storeFailArmed()) {
            return p.storeFailed(Transaction.START, Option.some(id)).commandFailed(CommandResult.Failure.STORE, "start " + id + " failed: store");
        }
        Progress started = cancelLive(p.put(m.withMonitoring(true).withStatus(Status.PENDING)
                .withActiveOperations(List.empty())), id)
                .emit(new MonitoringStarted(id))
                .note(id + " started");
        if (m.status() != Status.PENDING) {
            started = started.emit(new StatusChanged(id, m.status(), Status.PENDING));
        }
        return scheduleTick(request(started, id, false), id).returning(new CommandResult.Changed(true));
    }

    /**
     * R3: on a monitoring monitor, one transaction (paused, PAUSED, no operations); then the
     * tick and the waiting request are dropped, live operations cancelled, and events emitted.
     * The waiting request goes first, so that an operation leaving during cancellation cannot
     * start it.
     */
    static Progress stop(Progress p, String id) {
        Option<Monitor> found = p.monitor(id);
        if (found.isEmpty()) {
            return unknown(p, "stop", id);
        }
        Monitor m = found.get();
        if (!m.monitoring()) {
            return p.note("no-op: " + id + " is not monitoring").returning(new CommandResult.Changed(false));
        }
        if (p.state().storeFailArmed()) {
            return p.storeFailed(Transaction.STOP, Option.some(id)).commandFailed(CommandResult.Failure.STORE, "stop " + id + " failed: store");
        }
        Progress stopped = cancelLive(p.put(m.withMonitoring(false).withStatus(Status.PAUSED)
                .withActiveOperations(List.empty()).withTickDueMs(Option.none()).withWaitingManual(Option.none())), id)
                .emit(new MonitoringStopped(id))
                .note(id + " stopped");
        return (m.status() == Status.PAUSED ? stopped : stopped.emit(new StatusChanged(id, m.status(), Status.PAUSED)))
                .emit(new CheckWait(WaitPoint.DROPPED, id, 0))
                .returning(new CommandResult.Changed(true));
    }

    /** R8: cancel the live operation, if any, then request a manual check; paused or not. */
    static Progress checkNow(Progress p, String id) {
        if (p.monitor(id).isEmpty()) {
            return unknown(p, "checkNow", id);
        }
        return request(cancelLive(p, id).emit(new CheckWait(WaitPoint.REQUESTED, id, 0)), id, true).returning(new CommandResult.Done());
    }

    /** R11: R2 per monitor in ascending id order, each its own transaction; the first failure stops the loop. */
    static Progress startAll(Progress p) {
        Progress done = p;
        int started = 0;
        for (String id : p.state().monitorIds()) {
            boolean fails = !done.monitor(id).get().monitoring() && done.state().storeFailArmed();
            done = start(done, id);
            if (fails) {
                return done.note("startAll stops at " + id);
            }
            started += done.returning().contains(new CommandResult.Changed(true)) ? 1 : 0;
        }
        return done.returning(new CommandResult.Count(started));
    }

    /** R11: R3 per monitor in ascending id order, each its own transaction; the first failure stops the loop. */
    static Progress stopAll(Progress p) {
        Progress done = p;
        int stopped = 0;
        for (String id : p.state().monitorIds()) {
            boolean fails = done.monitor(id).get().monitoring() && done.state().storeFailArmed();
            done = stop(done, id);
            if (fails) {
                return done.note("stopAll stops at " + id);
            }
            stopped += done.returning().contains(new CommandResult.Changed(true)) ? 1 : 0;
        }
        return done.returning(new CommandResult.Count(stopped));
    }

    /** The most records one pruning transaction deletes (R17): a monitor with more to delete takes several. */
    public static final int PRUNE_BATCH_ROWS_MAX = 500;

    /**
     * R17: monitor by monitor in ascending id order, the records beyond the retention go, oldest
     * first, in transactions of at most {@value #PRUNE_BATCH_ROWS_MAX} (one more, deleting nothing,
     * after a full one); by age, everything before the first record not older than the cutoff,
     * so that what stays has no hole even where a clock step made a later label older. A failed
     * transaction ends the pruning; what the ones before it deleted stays deleted.
     */
    static Progress pruneHistory(Progress p, PruneHistory retention) {
        Progress done = p;
        int deleted = 0;
        long cutoffMs = p.state().wallNowMs() - retention.ageMsMax();
        for (String id : p.state().monitorIds()) {
            Vector<HistoryRecord> history = done.monitor(id).get().history();
            int older = retention.ageMsMax() > 0 ? history.takeWhile(record -> record.atMs() < cutoffMs).size() : 0;
            int beyond = retention.recordsMaxPerMonitor() > 0 ? Math.max(0, history.size() - older - retention.recordsMaxPerMonitor()) : 0;
            int left = older + beyond;
            while (true) {
                if (done.state().storeFailArmed()) {
                    return done.storeFailed(Transaction.PRUNE_HISTORY, Option.some(id)).commandFailed(CommandResult.Failure.STORE,
                            "pruneHistory failed at " + id + ": store; " + deleted + " records deleted before stay deleted");
                }
                int batch = Math.min(left, PRUNE_BATCH_ROWS_MAX);
                Monitor m = done.monitor(id).get();
                done = done.put(m.withHistory(m.history().drop(batch)));
                deleted += batch;
                left -= batch;
                if (batch < PRUNE_BATCH_ROWS_MAX) {
                    break;
                }
            }
        }
        return done.note("pruned " + deleted + " history records").returning(new CommandResult.Count(deleted));
    }

    // --- timers and probes ------------------------------------------------------------------

    /** R4 via TICK: the next tick is due one interval after this one was (fixed rate), then a request. */
    static Progress tick(Progress p, String id) {
        Option<Monitor> found = p.monitor(id);
        if (found.isEmpty() || found.get().tickDueMs().isEmpty()) {
            return p.note("no-op: no tick pending for " + id);
        }
        Monitor m = found.get();
        long dueMs = m.tickDueMs().get();
        if (dueMs > p.nowMs()) {
            return p.note("no-op: the tick of " + id + " is not due until " + dueMs);
        }
        // Fixed rate; a tick that fires more than an interval late (after a pause) is followed at once, not by every one missed.
        long nextDueMs = Math.max(p.nowMs(), dueMs + m.settings().intervalMs());
        return request(p.put(m.withTickDueMs(Option.some(nextDueMs))), id, false);
    }

    /**
     * R5: a return counts only for the operation's current in-flight attempt; it cancels that
     * attempt's timer. A cancelled operation then leaves; an ACTIVE one has its result (UP) or a
     * failed attempt (DOWN, thrown).
     */
    static Progress attemptCompleted(Progress p, AttemptCompleted e) {
        Option<Operation> found = p.state().operation(e.operation());
        if (found.isEmpty()) {
            return p.note("no-op: op#" + e.operation() + " is not in the registry, its late return is ignored");
        }
        Operation op = found.get();
        if (!op.inFlight().exists(a -> a.number() == e.attempt())) {
            return p.note("no-op: attempt " + e.attempt() + " of op#" + e.operation() + " is not in flight, its return is ignored");
        }
        Operation ended = op.attemptEnded();
        // I8 bookkeeping: the target answered, so it is not hanging.
        Progress answered = hangSince(p.put(ended), op.monitorId(), Option.none());
        if (!ended.isActive()) {
            return leave(answered, ended, "cancelled, its probe returned");
        }
        String details = e.outcome().recordedDetails();
        // A probe's own result carries the latency it measured; for a throw or null the engine
        // measures the attempt itself, from its start to the moment it handles the return.
        long responseTimeMs = e.outcome().kind() == Outcome.Kind.RESULT ? e.latencyMs()
                : p.nowMs() - op.inFlight().get().startedAtMs();
        return e.outcome().up()
                ? result(answered, ended, Status.UP, responseTimeMs, details)
                : attemptFailed(answered, ended, e.attempt(), responseTimeMs, details);
    }

    /** R5: the attempt's timer fired before its probe returned; the probe is abandoned. */
    static Progress attemptTimedOut(Progress p, int number, int attempt) {
        Option<Operation> found = p.state().operation(number);
        Option<Operation.Attempt> timed = found.flatMap(Operation::inFlight).filter(a -> a.number() == attempt);
        if (timed.isEmpty()) {
            return p.note("no-op: no timer for attempt " + attempt + " of op#" + number);
        }
        if (timed.get().timeoutAtMs() > p.nowMs()) {
            return p.note("no-op: attempt " + attempt + " of op#" + number + " does not time out until " + timed.get().timeoutAtMs());
        }
        Operation ended = found.get().attemptEnded();
        Progress abandoned = p.put(ended);
        if (!ended.isActive()) {
            return leave(abandoned, ended, "cancelled, its attempt timed out");
        }
        // I8 bookkeeping: the target has hung since this attempt started, unless it already had. An
        // attempt that spanned a pause counts from the pause's end (the pause is no hang; sound,
        // if weaker by the part of the attempt before the pause). An operation another writer
        // unlisted is refused by the store whatever it finds: its timeouts are no evidence.
        Option<Monitor> monitor = abandoned.monitor(ended.monitorId());
        Option<Long> since = monitor.exists(m -> ended.number() <= m.unlistedUpToOperation())
                ? Option.none()
                : monitor.flatMap(Monitor::hangSinceMs).orElse(Option.some(Math.max(timed.get().startedAtMs(), p.state().lastPauseEndMs())));
        Progress hung = hangSince(abandoned, ended.monitorId(), since);
        return attemptFailed(hung, ended, attempt, ended.timeoutMs(), "timed out after " + ended.timeoutMs() + " ms");
    }

    /** R5: retry after the back-off while attempts remain; the last failure is the result (DOWN). */
    static Progress attemptFailed(Progress p, Operation op, int attempt, long responseTimeMs, String details) {
        if (attempt < op.attempts()) {
            long dueMs = p.nowMs() + Timing.backoffMs(attempt);
            return p.put(op.backingOff(attempt + 1, dueMs)).note("attempt " + attempt + " of op#" + op.number()
                    + " failed (" + details + "), retry at " + dueMs);
        }
        return result(p, op, Status.DOWN, responseTimeMs, details);
    }

    /** R5: the back-off elapsed; the next attempt starts with its own timer. */
    static Progress retryDue(Progress p, int number) {
        Option<Operation> found = p.state().operation(number);
        Option<Operation.Retry> retry = found.flatMap(Operation::backoff);
        if (retry.isEmpty()) {
            return p.note("no-op: op#" + number + " has no back-off running");
        }
        if (retry.get().dueAtMs() > p.nowMs()) {
            return p.note("no-op: the retry of op#" + number + " is not due until " + retry.get().dueAtMs());
        }
        Operation op = found.get();
        if (!op.isActive()) {
            // Unreachable: cancelling an operation in its back-off removes it at once (R5).
            return leave(p, op, "cancelled during its back-off");
        }
        return p.put(op.attempting(retry.get().nextAttempt(), p.nowMs()))
                .note("attempt " + retry.get().nextAttempt() + " of op#" + number + " starts");
    }

    /** R7: the safety net. An ACTIVE operation is applied as DOWN if R6 allows; in every case it leaves. */
    static Progress deadline(Progress p, int number) {
        Option<Operation> found = p.state().operation(number);
        if (found.isEmpty()) {
            return p.note("no-op: op#" + number + " already left the registry");
        }
        Operation op = found.get();
        if (op.deadlineAtMs() > p.nowMs()) {
            return p.note("no-op: the deadline of op#" + number + " is not due until " + op.deadlineAtMs());
        }
        if (!op.isActive()) {
            return leave(p, op, "deadline of a cancelled operation");
        }
        return result(p, op.attemptEnded(), Status.DOWN, p.nowMs() - op.initiatedAtMs(), "operation deadline exceeded");
    }

    // --- faults and the process -------------------------------------------------------------

    /** R12: arms a one-shot failure of the next transaction, wherever it happens. */
    static Progress storeFails(Progress p) {
        if (p.state().storeFailArmed()) {
            return p.note("no-op: a store failure is already armed");
        }
        return p.map(s -> s.withStoreFailArmed(true)).note("the next store transaction fails");
    }

    /** R18: arms the id source's exhaustion for the next check that begins. */
    static Progress idsRunOut(Progress p) {
        if (p.state().idsRunOutArmed()) {
            return p.note("no-op: the id source already runs out at the next check");
        }
        return p.map(s -> s.withIdsRunOutArmed(true)).note("the next check finds no fresh operation id");
    }

    /** Only the wall clock moves: nothing the contract times (R5, R7, R2) reads it. */
    static Progress clockJump(Progress p, long deltaMs) {
        return p.map(s -> s.withWallOffsetMs(s.wallOffsetMs() + deltaMs))
                .note("wall clock moved " + deltaMs + " ms; timers follow the monotonic clock");
    }

    /** R13: the store survives; the registry, timers, waiting requests and probes are lost. */
    static Progress crash(Progress p) {
        if (p.state().crashed()) {
            return p.note("no-op: the engine is already down");
        }
        return p.map(s -> s.withCrashed(true).withRegistry(io.vavr.collection.TreeMap.empty())
                        .withMonitors(s.monitors().mapValues(Monitor::afterCrash)).withOutbox(Vector.empty()))
                .note("the engine is down" + (p.state().outbox().isEmpty() ? "" : ", " + p.state().outbox().size() + " undelivered events lost"));
    }

    /**
     * The graceful close: the engine refuses commands from now on; probes out are abandoned and
     * timers stop, as in a crash; then the events already committed are delivered, and a
     * listener's command among them fails because the engine is closed.
     */
    static Progress close(Progress p) {
        if (p.state().crashed()) {
            return p.note("no-op: the engine is already down").returning(new CommandResult.Done());
        }
        Progress closed = p.map(s -> s.withCrashed(true).withClosed(true).withRegistry(io.vavr.collection.TreeMap.empty())
                .withMonitors(s.monitors().mapValues(Monitor::afterCrash))).note("closed")
                .emit(new CheckWait(WaitPoint.CLOSED, "", 0));
        while (!closed.state().outbox().isEmpty()) {
            closed = deliver(closed);
        }
        return closed.returning(new CommandResult.Done());
    }

    /**
     * The event thread delivers the oldest committed event: it joins the delivered log, and each
     * listener that reacts to it calls its command, in registration order, as any caller would
     * (SPEC "Events": a listener may call any command; its events are committed after the one
     * delivered).
     */
    static Progress deliver(Progress p) {
        Vector<Observation> outbox = p.state().outbox();
        if (outbox.isEmpty()) {
            return p.note("no-op: no event waits for delivery");
        }
        Observation delivered = outbox.head();
        Progress done = p.map(s -> s.withOutbox(outbox.tail()).withEmitted(s.emitted().append(delivered)))
                .note("delivered " + delivered.describe());
        for (ListenerSpec listener : done.state().listeners()) {
            if (listener.reactsTo(delivered)) {
                for (ModelEvent reaction : listener.command()) {
                    done = command(done.note("a listener calls " + reaction.describe()), reaction);
                }
            }
        }
        return done;
    }

    /**
     * The process was frozen for {@code durationMs} and runs again now: what fell due meanwhile is
     * overdue and may fire in any order at this time. A pause is no hang of the target: the
     * detection bound of I8 is extended by it.
     */
    static Progress pause(Progress p, long durationMs) {
        SortedMap<String, Monitor> shifted = p.state().monitors().mapValues(m -> m.hangSinceMs().isDefined()
                ? m.withHangSinceMs(m.hangSinceMs().map(since -> since + durationMs)) : m);
        return p.map(s -> s.withMonitors(shifted).withLastPauseEndMs(s.nowMs()))
                .note("the process was paused " + durationMs + " ms; what fell due meanwhile fires late");
    }

    /**
     * R13: the recover transaction clears every persisted {@code activeOperations}; then, in
     * ascending id order, each monitoring monitor gets a check at once and a tick. Nothing is
     * emitted and status is kept. If recover fails the engine stays down and nothing changes.
     */
    static Progress restart(Progress p) {
        if (!p.state().crashed()) {
            return p.note("no-op: the engine is running").returning(new CommandResult.Done());
        }
        if (p.state().storeFailArmed()) {
            return p.storeFailed(Transaction.RECOVER, Option.none())
                    .commandFailed(CommandResult.Failure.STORE, "restart: open failed, the engine stays down");
        }
        Progress recovered = p.map(s -> s.withCrashed(false).withClosed(false).withSkippedTicks(0)
                .withMonitors(s.monitors().mapValues(m -> m.withActiveOperations(List.empty()))))
                .note("recovered");
        for (Monitor m : recovered.state().monitors().values().filter(Monitor::monitoring)) {
            recovered = scheduleTick(request(recovered, m.id(), false), m.id());
        }
        return recovered.returning(new CommandResult.Done());
    }

    // --- shared steps -----------------------------------------------------------------------

    /**
     * R4: a request starts an operation only if the monitor has none in the registry. An ACTIVE
     * one makes it skip (only ticks get here: the other requesters cancel first); a CANCELLED one,
     * whose probe is still out, makes it wait, replacing an earlier waiting request.
     */
    static Progress request(Progress p, String id, boolean manual) {
        Option<Operation> live = p.state().operationOf(id);
        if (live.isEmpty()) {
            return begin(p, id, manual);
        }
        Operation op = live.get();
        if (op.isActive()) {
            // Only ticks get here (see above): the engine counts each in its diagnostics.
            return p.map(s -> s.withSkippedTicks(s.skippedTicks() + 1))
                    .note("request skipped: op#" + op.number() + " of " + id + " is ACTIVE");
        }
        return p.put(p.monitor(id).get().withWaitingManual(Option.some(manual)))
                .note((manual ? "manual" : "scheduled") + " request of " + id + " waits for cancelled op#" + op.number());
    }

    /**
     * R4: issue the next operation number, then the begin transaction ({@code activeOperations=[op]},
     * replacing any stale id), then the deadline and attempt 1. If begin fails the operation is
     * gone as if discarded and the request is consumed; the number stays used. R18: if the id
     * source runs out first, no operation is issued (the numbers follow the ids issued), nothing
     * is written, the request is consumed and its callers fail.
     */
    static Progress begin(Progress p, String id, boolean manual) {
        Option<Monitor> found = p.monitor(id);
        if (found.isEmpty()) {
            return p.note("request dropped: no monitor " + id);
        }
        if (p.state().idsRunOutArmed()) {
            return p.map(s -> s.withIdsRunOutArmed(false))
                    .emit(new CheckWait(WaitPoint.NO_ID, id, 0))
                    .note((manual ? "manual" : "scheduled") + " check of " + id + " never began: no fresh operation id");
        }
        int number = p.state().lastOperation() + 1;
        Progress issued = p.map(s -> s.withLastOperation(number)).emit(new CheckWait(WaitPoint.BEGAN, id, number));
        if (issued.state().storeFailArmed()) {
            return issued.storeFailed(Transaction.BEGIN, Option.some(id))
                    .emit(new CheckWait(WaitPoint.FAILED, id, number))
                    .note("op#" + number + " of " + id + " never began, the request is consumed");
        }
        Monitor m = found.get();
        return issued.put(Operation.begin(number, id, manual, m.settings(), p.nowMs()))
                .put(m.withActiveOperations(List.of(number)))
                .note((manual ? "manual " : "") + "op#" + number + " of " + id + " begins");
    }

    /**
     * R6: apply only if the operation is ACTIVE, its monitor exists and lists it, and the monitor
     * is monitoring or this is a manual check of a paused monitor; otherwise discard. Applying
     * is one transaction; a paused monitor keeps PAUSED. If apply fails the operation leaves as
     * if discarded, with no unlist: its id stays listed, stale (I4).
     */
    static Progress result(Progress p, Operation op, Status status, long responseTimeMs, String details) {
        Option<Monitor> found = p.monitor(op.monitorId());
        Option<String> refused = refusal(op, found);
        if (refused.isDefined()) {
            return leave(p, op, "result discarded: " + refused.get());
        }
        Monitor m = found.get();
        if (p.state().storeFailArmed()) {
            return serveWaiting(p.map(s -> s.removeOperation(op.number()))
                    .storeFailed(Transaction.APPLY, Option.some(m.id()))
                    .emit(new CheckWait(WaitPoint.FAILED, m.id(), op.number()))
                    .note("op#" + op.number() + " leaves as if discarded, its id stays listed"), m.id());
        }
        if (m.storeUnlisted()) {
            return leave(p, op, "result discarded: the store's compare-and-set refused it");
        }
        ModelState without = p.state().removeOperation(op.number());
        Status next = m.monitoring() ? status : m.status();
        Monitor applied = m.withHistory(m.history().append(new HistoryRecord(op.number(), p.state().wallNowMs(), status, responseTimeMs, details)))
                .withStatus(next)
                .withActiveOperations(withoutStale(m.activeOperations(), without));
        Progress done = p.map(s -> without.put(applied))
                .emit(new CheckCompleted(m.id(), op.number(), status))
                .note("op#" + op.number() + " applied " + status);
        if (next != m.status()) {
            done = done.emit(new StatusChanged(m.id(), m.status(), next));
        }
        return serveWaiting(done, m.id());
    }

    /**
     * Another writer empties every stored list; this engine's memory is untouched, so nothing it
     * shows changes until a result meets the store's compare-and-set.
     */
    static Progress foreignRecover(Progress p) {
        return p.map(s -> s.withMonitors(s.monitors().mapValues(m -> m.unlistedByAnotherWriter(s.lastOperation()))))
                .note("another engine emptied every stored activeOperations");
    }

    /** R6's conditions, or why they fail. */
    static Option<String> refusal(Operation op, Option<Monitor> monitor) {
        if (!op.isActive()) {
            return Option.some("op#" + op.number() + " is CANCELLED");
        }
        if (monitor.isEmpty()) {
            return Option.some("the monitor is gone");
        }
        if (!monitor.get().lists(op.number())) {
            return Option.some("op#" + op.number() + " is not listed in activeOperations");
        }
        if (!monitor.get().monitoring() && !op.manual()) {
            return Option.some("the monitor is paused and the check is not manual");
        }
        return Option.none();
    }

    /**
     * R5/R6/R7: cancel an ACTIVE operation. One whose probe is out becomes CANCELLED and leaves
     * when the probe returns or times out; one waiting out a back-off leaves at once.
     */
    static Progress cancelLive(Progress p, String id) {
        Option<Operation> live = p.state().operationOf(id).filter(Operation::isActive);
        if (live.isEmpty()) {
            return p;
        }
        Operation op = live.get();
        if (op.inFlight().isDefined()) {
            return p.put(op.cancelled()).note("op#" + op.number() + " cancelled, its probe is still out");
        }
        return leave(p, op.cancelled(), "cancelled during its back-off");
    }

    /**
     * An operation leaves the registry unapplied: its timers go with it; if the monitor lists it,
     * the unlist transaction removes it (a failure leaves it listed, stale); then a waiting
     * request may start.
     */
    static Progress leave(Progress p, Operation op, String reason) {
        Progress gone = p.map(s -> s.removeOperation(op.number()))
                .emit(new CheckDiscarded(op.monitorId(), op.number(), reason))
                .note("op#" + op.number() + " leaves (" + reason + ")");
        return serveWaiting(unlist(gone, op), op.monitorId());
    }

    /** The unlist transaction, only when the monitor lists the operation (SEMANTICS). */
    static Progress unlist(Progress p, Operation op) {
        Option<Monitor> listing = p.monitor(op.monitorId()).filter(m -> m.lists(op.number()));
        if (listing.isEmpty()) {
            return p;
        }
        if (p.state().storeFailArmed()) {
            return p.storeFailed(Transaction.UNLIST, Option.some(op.monitorId()))
                    .note("op#" + op.number() + " stays listed, stale");
        }
        Monitor m = listing.get();
        return p.put(m.withActiveOperations(withoutStale(m.activeOperations(), p.state())));
    }

    /**
     * SEMANTICS: once the monitor's operation has left, a waiting request starts at once if the
     * monitor still exists and is monitoring, or the request is manual; otherwise it is dropped.
     */
    static Progress serveWaiting(Progress p, String id) {
        Option<Monitor> found = p.monitor(id).filter(m -> m.waitingManual().isDefined());
        if (found.isEmpty()) {
            return p;
        }
        Monitor m = found.get();
        boolean manual = m.waitingManual().get();
        Progress taken = p.put(m.withWaitingManual(Option.none()));
        if (m.monitoring() || manual) {
            return request(taken, id, manual);
        }
        return taken.note("waiting request of " + id + " dropped, the monitor is paused");
    }

    /** The next TICK one interval from now (start, update, restart). */
    static Progress scheduleTick(Progress p, String id) {
        return p.monitor(id)
                .map(m -> p.put(m.withTickDueMs(Option.some(p.nowMs() + m.settings().intervalMs()))))
                .getOrElse(p);
    }

    /** The list a committed transaction writes: ids whose operations left the registry are stale (I4). */
    static List<Integer> withoutStale(List<Integer> listed, ModelState state) {
        return listed.filter(number -> state.operation(number).isDefined());
    }

    /** I8 bookkeeping: when the monitor's target began to hang, if it is hanging. */
    static Progress hangSince(Progress p, String id, Option<Long> sinceMs) {
        return p.monitor(id).map(m -> p.put(m.withHangSinceMs(sinceMs))).getOrElse(p);
    }

    static Progress unknown(Progress p, String command, String id) {
        return p.commandFailed(CommandResult.Failure.UNKNOWN, command + " " + id + " failed: unknown monitor");
    }

    /**
     * I8 bookkeeping after every step. The obligation "DOWN within the bound" holds only for a
     * monitoring monitor with no command on it meanwhile; it is met once the monitor is DOWN.
     */
    static Progress liveness(Progress p, Set<String> commanded) {
        // Only the monitors whose bookkeeping ends are rewritten: rebuilding the whole map on
        // every step was a sixth of a hundred-monitor simulation.
        if (!p.state().anyHanging()) {
            return p; // no monitor has bookkeeping to end: the loop below would change nothing
        }
        SortedMap<String, Monitor> monitors = p.state().monitors();
        SortedMap<String, Monitor> next = monitors;
        for (Monitor m : monitors.iterator().map(entry -> entry._2)) { // values() would build a lazy sequence first
            if (m.hangSinceMs().isDefined() && (commanded.contains(m.id()) || !m.monitoring() || m.status() == Status.DOWN)) {
                next = next.put(m.id(), m.withHangSinceMs(Option.none()));
            }
        }
        SortedMap<String, Monitor> changed = next;
        return changed == monitors ? p : p.map(s -> s.withMonitors(changed));
    }

    /** The monitors the event's commands name (every monitor for startAll and stopAll), from the state before it. */
    private static Set<String> commandedMonitors(ModelState state, ModelEvent event) {
        Set<String> commanded = HashSet.empty();
        for (ModelEvent command : commandsOf(state, event)) {
            commanded = commanded.addAll(switch (command) {
                case Add e -> HashSet.of(e.monitorId());
                case Update e -> HashSet.of(e.monitorId());
                case Remove e -> HashSet.of(e.monitorId());
                case Start e -> HashSet.of(e.monitorId());
                case Stop e -> HashSet.of(e.monitorId());
                case CheckNow e -> HashSet.of(e.monitorId());
                case StartAll ignored -> HashSet.ofAll(state.monitorIds());
                case StopAll ignored -> HashSet.ofAll(state.monitorIds());
                default -> HashSet.<String>empty();
            });
        }
        return commanded;
    }
}
