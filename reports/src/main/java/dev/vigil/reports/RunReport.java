package dev.vigil.reports;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one run of the harness did — {@code run}, {@code explore}, {@code verify} or a merge of
 * shards — as data: the reporters ({@link HtmlReport}, {@link JUnitXmlReport}, {@link ReportJson})
 * only print it. Immutable; every list and map is copied.
 *
 * @param schemaVersion {@value #SCHEMA_VERSION}
 * @param tool          the harness and its version
 * @param commit        the commit it ran from, or {@code unknown}
 * @param command       the command line
 * @param startedAt     when it started (ISO-8601, given by the caller: this library reads no clock)
 * @param wallTimeMs    how long it took; for a merge, the longest shard
 * @param verdict       the grade
 * @param cases         one line per scenario, scope or variant
 * @param coverage      what of the contract was exercised
 * @param throughput    rates
 * @param determinism   seeds run twice and how many differed
 * @param violations    each failure (or expected catch) with its trace and timeline
 */
public record RunReport(
        int schemaVersion,
        String tool,
        String commit,
        String command,
        String startedAt,
        long wallTimeMs,
        Verdict verdict,
        List<CaseResult> cases,
        Coverage coverage,
        Throughput throughput,
        Determinism determinism,
        List<ViolationReport> violations) {

    /** 2: timelines hold their events and place bars by event, not by time. */
    public static final int SCHEMA_VERSION = 2;

    public RunReport {
        Objects.requireNonNull(verdict, "verdict");
        cases = List.copyOf(cases);
        violations = List.copyOf(violations);
        Objects.requireNonNull(coverage, "coverage");
        Objects.requireNonNull(throughput, "throughput");
        Objects.requireNonNull(determinism, "determinism");
    }

    /** The grade of a run: the worst of its cases. */
    public enum Verdict {
        PASSED, FAILED, ERROR
    }

    /** What a case was expected to do: pass (the real engine) or be caught (a known-buggy variant). */
    public enum Expectation {
        PASS, CATCH
    }

    /** What a case did; FAILED and MISSED fail the run. */
    public enum Outcome {
        PASSED, CAUGHT, FAILED, MISSED;

        public boolean ok() {
            return this == PASSED || this == CAUGHT;
        }

        /**
         * The one grading of a case, for every command that reports one.
         *
         * @param expected       whether the case had to pass or had to catch a bug
         * @param violationFound whether a run or schedule broke the contract
         * @param clean          whether the case otherwise finished as it should (complete,
         *                       deterministic, every figure reached); an unclean case fails
         *                       whatever it expected, unless it caught its bug
         * @return the outcome
         */
        public static Outcome grade(Expectation expected, boolean violationFound, boolean clean) {
            return switch (expected) {
                case CATCH -> violationFound ? CAUGHT : clean ? MISSED : FAILED;
                case PASS -> violationFound || !clean ? FAILED : PASSED;
            };
        }
    }

    /** One scenario, explored scope, random batch or variant. */
    public record CaseResult(String name, String kind, Expectation expectation, Outcome outcome, long runs, long events, long schedules,
            long states, long simulatedMs, long wallMs, String detail, String replayCommand) {
        public CaseResult {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(outcome, "outcome");
            detail = detail == null ? "" : detail;
            replayCommand = replayCommand == null ? "" : replayCommand;
        }
    }

    /**
     * How often each rule (R1–R18) and each (status, event) pair ({@code "UP|attemptCompleted"})
     * was exercised.
     */
    public record Coverage(Map<String, Long> rules, Map<String, Long> statusEvents) {
        public static final List<String> RULES = List.of("R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8", "R9", "R10", "R11", "R12", "R13", "R14", "R15",
                "R16", "R17", "R18");
        public static final List<String> STATUSES = List.of("NONE", "PENDING", "UP", "DOWN", "PAUSED");
        public static final List<String> EVENTS = List.of("add", "update", "remove", "start", "stop", "checkNow", "startAll", "stopAll",
                "tick", "attemptCompleted", "attemptTimedOut", "retryDue", "deadline", "staleTimer", "deliver", "storeFails", "crash", "restart",
                "clockJump", "pause", "close", "foreignRecover", "pruneHistory", "idsRunOut");

        /**
         * The (status, event) pairs that cannot happen, with why: an event that names no monitor
         * is counted under NONE only, and a few timers cannot outlive what cancels them. Every
         * other pair can happen and {@code verify} must reach it.
         */
        public static final Map<String, String> IMPOSSIBLE = impossiblePairs();

        public Coverage {
            rules = Map.copyOf(rules);
            statusEvents = Map.copyOf(statusEvents);
        }

        private static Map<String, String> impossiblePairs() {
            Map<String, String> pairs = new java.util.TreeMap<>();
            for (String event : List.of("startAll", "stopAll", "storeFails", "crash", "restart", "clockJump", "pause", "close", "foreignRecover",
                    "pruneHistory", "idsRunOut")) {
                for (String status : STATUSES) {
                    if (!status.equals("NONE")) {
                        pairs.put(status + "|" + event, "names no monitor: counted under NONE");
                    }
                }
            }
            pairs.put("NONE|tick", "remove cancels the monitor's tick (a task already handed to a thread is a staleTimer)");
            pairs.put("PAUSED|tick", "stop cancels the tick (a task already handed to a thread is a staleTimer)");
            String removed = "remove ends the monitor's operation at once, with its timers (a late probe return still arrives)";
            pairs.put("NONE|attemptTimedOut", removed);
            pairs.put("NONE|retryDue", removed);
            pairs.put("NONE|deadline", removed);
            return Map.copyOf(pairs);
        }

        /** Pairs that can happen and no run reached, in grid order. */
        public List<String> possiblePairsNeverReached() {
            List<String> never = new java.util.ArrayList<>();
            for (String event : EVENTS) {
                for (String status : STATUSES) {
                    String pair = status + "|" + event;
                    if (!IMPOSSIBLE.containsKey(pair) && statusEvents.getOrDefault(pair, 0L) == 0) {
                        never.add(pair);
                    }
                }
            }
            return never;
        }

        /** Pairs this table calls impossible that a run reached anyway: the table is wrong, or the engine is. */
        public List<String> impossiblePairsReached() {
            return IMPOSSIBLE.keySet().stream().filter(pair -> statusEvents.getOrDefault(pair, 0L) > 0).sorted().toList();
        }

        public static Coverage empty() {
            return new Coverage(Map.of(), Map.of());
        }

        /** Rules never exercised, in rule order. */
        public List<String> rulesNeverReached() {
            return RULES.stream().filter(rule -> rules.getOrDefault(rule, 0L) == 0).toList();
        }
    }

    /** Rates, each 0 when it does not apply. */
    public record Throughput(double eventsPerSecond, double schedulesPerSecond, double simulatedSecondsPerWallSecond) {
        public static Throughput none() {
            return new Throughput(0, 0, 0);
        }
    }

    /** Seeds run twice, and how many gave different trace hashes. */
    public record Determinism(long seedsChecked, long mismatches) {
        public static Determinism none() {
            return new Determinism(0, 0);
        }
    }

    /** One violation: where, what differed, how to replay it, and its timeline. */
    public record ViolationReport(String caseName, boolean expected, long seed, int eventIndex, String event, String kind, List<String> details,
            String replayCommand, String traceFile, String shrunkTraceFile, Timeline timeline) {
        public ViolationReport {
            details = List.copyOf(details);
            Objects.requireNonNull(timeline, "timeline");
        }
    }

    /**
     * A violation's run as drawn: one lane per monitor, the events in order. Events are placed by
     * their order, not their time (a shrunk trace often has every event at one virtual time);
     * each keeps its virtual time, so the drawing can label the time of every group of events.
     *
     * @param lanes         the monitors, one lane each
     * @param endMs         virtual time at the end of the run, plus one
     * @param eventsOmitted events before the first drawn one that are left out (the trace file has them); 0 if none
     * @param events        the drawn events, consecutive by index, the last one the run's last
     * @param operations    each operation that existed while the drawn events ran
     * @param statuses      each status of each monitor while the drawn events ran
     * @param divergence    the event after which engine and model differed, if any
     */
    public record Timeline(List<String> lanes, long endMs, int eventsOmitted, List<TimelineEvent> events, List<OperationBar> operations,
            List<StatusSegment> statuses, Divergence divergence) {
        public Timeline {
            lanes = List.copyOf(lanes);
            events = List.copyOf(events);
            operations = List.copyOf(operations);
            statuses = List.copyOf(statuses);
        }
    }

    /**
     * One event of a drawn run.
     *
     * @param index         its position in the run, from 0
     * @param atMs          virtual time
     * @param monitor       the monitor it concerns, or empty for an engine-wide event (stopAll, crash, …)
     * @param operation     the operation it concerns (a probe's answer, a timer), or 0
     * @param kind          command, timer, probe or fault
     * @param text          the event as the model describes it, e.g. {@code attemptCompleted op#4 UP}
     * @param statusChanges the status changes it committed, on any monitor
     */
    public record TimelineEvent(int index, long atMs, String monitor, int operation, String kind, String text, List<StatusChange> statusChanges) {
        public TimelineEvent {
            Objects.requireNonNull(monitor, "monitor");
            statusChanges = List.copyOf(statusChanges);
        }
    }

    /** A committed status change of one monitor. */
    public record StatusChange(String monitor, String from, String to) {}

    /** How an operation ended. */
    public enum OperationEnd {
        APPLIED, DISCARDED, CANCELLED, DEADLINE, OPEN
    }

    /**
     * An operation's life.
     *
     * @param fromEvent the event that initiated it (before the first drawn event if it began earlier)
     * @param toEvent   the event that ended it; for {@link OperationEnd#OPEN}, one past the last event
     */
    public record OperationBar(String monitor, int operation, int fromEvent, int toEvent, long fromMs, long toMs, OperationEnd end) {}

    /**
     * One status of a monitor, from the event that set it (or the monitor's first event) to the
     * event that changed it, or one past the last event.
     */
    public record StatusSegment(String monitor, int fromEvent, int toEvent, long fromMs, long toMs, String status) {}

    /** The event after which engine and model differed; its diff is the violation's details. */
    public record Divergence(int event, long atMs, String monitor, String description) {}
}
