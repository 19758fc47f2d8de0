package dev.vigil.model;

import io.vavr.control.Option;
import java.util.Objects;

/**
 * The events of SPEC §2. Commands come from a client; environment events come from timers,
 * probes, the store and the process. Every nondeterministic choice is a parameter here.
 * Operations are named by the model's own numbers (1, 2, … in order of issue).
 */
public sealed interface ModelEvent {

    /** @return a short description for traces, e.g. {@code attemptCompleted op#4 UP} */
    String describe();

    /** @return true for the external commands of SPEC §2 (they fail while the engine is down) */
    default boolean isCommand() {
        return false;
    }

    /** @return the rule of docs/SPEC.md §3 that governs this event; for a fault, the rule it puts to the test */
    default Rule rule() {
        return switch (this) {
            case Add e -> Rule.R1;
            case Start e -> Rule.R2;
            case Stop e -> Rule.R3;
            case Tick e -> Rule.R4;
            case StaleTimer e -> Rule.R4; // a cancelled timer's task that runs anyway must do nothing
            case AttemptCompleted e -> Rule.R5;
            case AttemptTimedOut e -> Rule.R5;
            case RetryDue e -> Rule.R5;
            case ForeignRecover e -> Rule.R6; // the store's compare-and-set decides
            case Deadline e -> Rule.R7;
            case ClockJump e -> Rule.R7; // deadlines and timers ignore the wall clock
            case Pause e -> Rule.R7; // late timers: a deadline before its attempt's timeout
            case CheckNow e -> Rule.R8;
            case Update e -> Rule.R9;
            case Remove e -> Rule.R10;
            case StartAll e -> Rule.R11;
            case StopAll e -> Rule.R11;
            case StoreFails e -> Rule.R12;
            case IdsRunOut e -> Rule.R18;
            case Crash e -> Rule.R13;
            case Restart e -> Rule.R13;
            case Deliver e -> Rule.R14;
            case Close e -> Rule.R16;
            case PruneHistory e -> Rule.R17;
        };
    }

    /** @return the monitor this event names itself (a single-monitor command, a tick, a stale timer); empty for the others */
    default Option<String> namedMonitor() {
        return switch (this) {
            case Add e -> Option.some(e.monitorId());
            case Update e -> Option.some(e.monitorId());
            case Remove e -> Option.some(e.monitorId());
            case Start e -> Option.some(e.monitorId());
            case Stop e -> Option.some(e.monitorId());
            case CheckNow e -> Option.some(e.monitorId());
            case Tick e -> Option.some(e.monitorId());
            case StaleTimer e -> Option.some(e.monitorId());
            default -> Option.none();
        };
    }

    /** @return the monitor a single-monitor command names; empty for every other event */
    default Option<String> commandTarget() {
        return isCommand() ? namedMonitor() : Option.none();
    }

    /**
     * @param state the state the event happens in: an operation's monitor is found through its
     *              attempt out or its timers, a delivery's through the oldest undelivered event
     * @return what this event can change
     */
    default EventReach reach(ModelState state) {
        Option<String> named = namedMonitor();
        if (named.isDefined()) {
            return new EventReach.OneMonitor(named.get());
        }
        return switch (this) {
            case AttemptCompleted e -> state.monitorOfOperation(e.operation());
            case AttemptTimedOut e -> state.monitorOfOperation(e.operation());
            case RetryDue e -> state.monitorOfOperation(e.operation());
            case Deadline e -> state.monitorOfOperation(e.operation());
            case Deliver e -> state.outbox().headOption().flatMap(Observation::monitorTouched)
                    .<EventReach>map(EventReach.OneMonitor::new).getOrElse(new EventReach.NoMonitor());
            case StoreFails e -> new EventReach.NoMonitor();
            case IdsRunOut e -> new EventReach.NoMonitor();
            case ClockJump e -> new EventReach.NoMonitor();
            default -> new EventReach.EveryMonitor(); // bulk commands, crash, restart, close, pauses, another writer
        };
    }

    /** R1: add a monitor. */
    record Add(String monitorId, ModelSettings settings) implements ModelEvent {
        /** Rejects nulls: a null is a programmer error, not an event. */
        public Add {
            Objects.requireNonNull(monitorId, "monitorId");
            Objects.requireNonNull(settings, "settings");
        }

        @Override
        public String describe() {
            return "add " + monitorId + " (" + settings + ")";
        }

        @Override
        public boolean isCommand() {
            return true;
        }
    }

    /** R9: change a monitor's settings. */
    record Update(String monitorId, ModelSettings settings) implements ModelEvent {
        /** Rejects nulls. */
        public Update {
            Objects.requireNonNull(monitorId, "monitorId");
            Objects.requireNonNull(settings, "settings");
        }

        @Override
        public String describe() {
            return "update " + monitorId + " (" + settings + ")";
        }

        @Override
        public boolean isCommand() {
            return true;
        }
    }

    /** R10: delete a monitor and its history. */
    record Remove(String monitorId) implements ModelEvent {
        /** Rejects nulls. */
        public Remove {
            Objects.requireNonNull(monitorId, "monitorId");
        }

        @Override
        public String describe() {
            return "remove " + monitorId;
        }

        @Override
        public boolean isCommand() {
            return true;
        }
    }

    /** R2: start monitoring. */
    record Start(String monitorId) implements ModelEvent {
        /** Rejects nulls. */
        public Start {
            Objects.requireNonNull(monitorId, "monitorId");
        }

        @Override
        public String describe() {
            return "start " + monitorId;
        }

        @Override
        public boolean isCommand() {
            return true;
        }
    }

    /** R3: stop monitoring. */
    record Stop(String monitorId) implements ModelEvent {
        /** Rejects nulls. */
        public Stop {
            Objects.requireNonNull(monitorId, "monitorId");
        }

        @Override
        public String describe() {
            return "stop " + monitorId;
        }

        @Override
        public boolean isCommand() {
            return true;
        }
    }

    /** R8: cancel the live operation and request a manual check. */
    record CheckNow(String monitorId) implements ModelEvent {
        /** Rejects nulls. */
        public CheckNow {
            Objects.requireNonNull(monitorId, "monitorId");
        }

        @Override
        public String describe() {
            return "checkNow " + monitorId;
        }

        @Override
        public boolean isCommand() {
            return true;
        }
    }

    /** R11: R2 for every monitor in ascending id order. */
    record StartAll() implements ModelEvent {
        @Override
        public String describe() {
            return "startAll";
        }

        @Override
        public boolean isCommand() {
            return true;
        }
    }

    /** R11: R3 for every monitor in ascending id order. */
    record StopAll() implements ModelEvent {
        @Override
        public String describe() {
            return "stopAll";
        }

        @Override
        public boolean isCommand() {
            return true;
        }
    }

    /**
     * R17: delete, monitor by monitor in ascending id order, the oldest records beyond a
     * retention: those older than {@code ageMsMax} by their wall-time label (0: no age limit),
     * then all but the newest {@code recordsMaxPerMonitor} (0: no count limit).
     */
    record PruneHistory(long ageMsMax, int recordsMaxPerMonitor) implements ModelEvent {
        /** Rejects what no application can pass: a negative limit, or none at all. */
        public PruneHistory {
            if (ageMsMax < 0 || recordsMaxPerMonitor < 0 || (ageMsMax == 0 && recordsMaxPerMonitor == 0)) {
                throw new IllegalArgumentException("a retention keeps something: ageMsMax " + ageMsMax + ", recordsMaxPerMonitor "
                        + recordsMaxPerMonitor);
            }
        }

        @Override
        public String describe() {
            return "pruneHistory" + (ageMsMax > 0 ? " older than " + ageMsMax + " ms" : "")
                    + (recordsMaxPerMonitor > 0 ? " beyond the newest " + recordsMaxPerMonitor : "");
        }

        @Override
        public boolean isCommand() {
            return true;
        }
    }

    /** The monitor's {@link TimerKind#TICK} timer fired: a check request (R4). */
    record Tick(String monitorId) implements ModelEvent {
        /** Rejects nulls. */
        public Tick {
            Objects.requireNonNull(monitorId, "monitorId");
        }

        @Override
        public String describe() {
            return "tick " + monitorId;
        }
    }

    /**
     * A probe attempt returned (R5). Ignored unless {@code attempt} is the operation's current
     * in-flight attempt.
     *
     * @param latencyMs the response time recorded with the result (not part of the observable view)
     */
    record AttemptCompleted(int operation, int attempt, Outcome outcome, long latencyMs) implements ModelEvent {
        /** Rejects nulls. */
        public AttemptCompleted {
            Objects.requireNonNull(outcome, "outcome");
        }

        @Override
        public String describe() {
            return "attemptCompleted op#" + operation + (attempt == 1 ? "" : " attempt " + attempt) + " " + outcome;
        }
    }

    /** The {@link TimerKind#ATTEMPT_TIMEOUT} timer of an attempt fired (R5). */
    record AttemptTimedOut(int operation, int attempt) implements ModelEvent {
        @Override
        public String describe() {
            return "attemptTimedOut op#" + operation + (attempt == 1 ? "" : " attempt " + attempt);
        }
    }

    /** The {@link TimerKind#RETRY} timer of an operation fired (R5). */
    record RetryDue(int operation) implements ModelEvent {
        @Override
        public String describe() {
            return "retryDue op#" + operation;
        }
    }

    /** The {@link TimerKind#DEADLINE} timer of an operation fired (R7). */
    record Deadline(int operation) implements ModelEvent {
        @Override
        public String describe() {
            return "deadline op#" + operation;
        }
    }

    /** Arms a one-shot failure of the next store transaction, wherever it happens (R12). */
    record StoreFails() implements ModelEvent {
        @Override
        public String describe() {
            return "storeFails";
        }
    }

    /**
     * Arms a one-shot exhaustion of the runtime's operation id source (R18): every candidate the
     * next check is offered is refused, so that check does not begin.
     */
    record IdsRunOut() implements ModelEvent {
        @Override
        public String describe() {
            return "idsRunOut";
        }
    }

    /** The process dies (R13). */
    record Crash() implements ModelEvent {
        @Override
        public String describe() {
            return "crash";
        }
    }

    /** A new engine opens the same store (R13). */
    record Restart() implements ModelEvent {
        @Override
        public String describe() {
            return "restart";
        }
    }

    /**
     * The wall clock jumps by {@code deltaMs}, back or forward (an NTP step, a VM resumed). Only the
     * labels of later history records move: every deadline, timeout, back-off and tick follows the
     * monotonic clock, so nothing else may change.
     */
    record ClockJump(long deltaMs) implements ModelEvent {
        @Override
        public String describe() {
            return "clockJump " + (deltaMs >= 0 ? "+" : "") + deltaMs + " ms";
        }
    }

    /**
     * The engine's event thread delivers the oldest undelivered event (SPEC "Events") to every
     * listener, in registration order; each {@link ListenerSpec} that reacts to it calls its
     * command, as any caller would. Enabled while events wait ({@link ModelState#outbox()}).
     */
    record Deliver() implements ModelEvent {
        @Override
        public String describe() {
            return "deliver";
        }
    }

    /**
     * The process was paused for {@code durationMs} (a long GC pause, a suspended VM) and now runs
     * again: nothing happened meanwhile, so every timer that fell due in the pause is overdue and
     * fires late, in any order. Detection bounds (I8) are extended by the pause.
     */
    record Pause(long durationMs) implements ModelEvent {
        /** Rejects a negative duration. */
        public Pause {
            if (durationMs < 0) {
                throw new IllegalArgumentException("durationMs = " + durationMs + " must be >= 0");
            }
        }

        @Override
        public String describe() {
            return "pause " + durationMs + " ms";
        }
    }

    /**
     * A timer's task that had already been handed to a thread when a command cancelled the timer
     * runs now, after that command (production runs timer tasks on their own threads, waiting for
     * the monitor's lane). The timer no longer exists: nothing may happen.
     *
     * @param operation the operation number, 0 for {@link TimerKind#TICK}
     */
    record StaleTimer(TimerKind kind, String monitorId, int operation) implements ModelEvent {
        /** Rejects nulls. */
        public StaleTimer {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(monitorId, "monitorId");
        }

        @Override
        public String describe() {
            return "stale " + kind + " " + monitorId + (operation == 0 ? "" : " op#" + operation);
        }
    }

    /**
     * The application closes the engine (a graceful shutdown, unlike {@link Crash}): probes still
     * out are abandoned, timers stop, the events already committed are still delivered (a
     * listener's command now fails: the engine is closed), and later commands fail the same way.
     * The store keeps what was committed; listed operations stay listed, stale, until a restart.
     */
    record Close() implements ModelEvent {
        @Override
        public String describe() {
            return "close";
        }
    }

    /**
     * Another engine started on the same store and ran its startup recovery (R13): every stored
     * {@code activeOperations} is emptied behind this engine's back. This engine's memory still
     * lists its operations, so its in-memory check of a result passes and the store's
     * compare-and-set decides: it refuses, and the result is discarded.
     */
    record ForeignRecover() implements ModelEvent {
        @Override
        public String describe() {
            return "foreign recover";
        }
    }
}
