package dev.vigil.reports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Merges the reports of shards into one: counts add up, cases of the same name are merged, every
 * violation is kept, coverage counts are summed, the verdict is the worst. Shards run in parallel,
 * so the merged wall time is the longest shard's; rates are recomputed from the summed counts over
 * that wall time.
 */
public final class ReportMerger {
    private ReportMerger() {
    }

    public static RunReport merge(List<RunReport> shards) {
        if (shards.isEmpty()) {
            throw new IllegalArgumentException("nothing to merge: give at least one report");
        }
        Map<String, RunReport.CaseResult> cases = new LinkedHashMap<>();
        List<RunReport.ViolationReport> violations = new ArrayList<>();
        Map<String, Long> rules = new TreeMap<>();
        Map<String, Long> statusEvents = new TreeMap<>();
        long wallTimeMs = 0;
        long seedsChecked = 0;
        long mismatches = 0;
        RunReport.Verdict verdict = RunReport.Verdict.PASSED;
        for (RunReport shard : shards) {
            for (RunReport.CaseResult result : shard.cases()) {
                cases.merge(result.name(), result, ReportMerger::mergeCase);
            }
            violations.addAll(shard.violations());
            shard.coverage().rules().forEach((rule, count) -> rules.merge(rule, count, Long::sum));
            shard.coverage().statusEvents().forEach((pair, count) -> statusEvents.merge(pair, count, Long::sum));
            wallTimeMs = Math.max(wallTimeMs, shard.wallTimeMs());
            seedsChecked += shard.determinism().seedsChecked();
            mismatches += shard.determinism().mismatches();
            if (shard.verdict().compareTo(verdict) > 0) {
                verdict = shard.verdict();
            }
        }
        long events = cases.values().stream().mapToLong(RunReport.CaseResult::events).sum();
        long schedules = cases.values().stream().mapToLong(RunReport.CaseResult::schedules).sum();
        long simulatedMs = cases.values().stream().mapToLong(RunReport.CaseResult::simulatedMs).sum();
        double seconds = wallTimeMs / 1000.0;
        RunReport.Throughput throughput = seconds == 0 ? RunReport.Throughput.none()
                : new RunReport.Throughput(events / seconds, schedules / seconds, simulatedMs / 1000.0 / seconds);
        RunReport first = shards.getFirst();
        return new RunReport(RunReport.SCHEMA_VERSION, first.tool(), first.commit(), "merge of " + shards.size() + " report(s)",
                first.startedAt(), wallTimeMs, verdict, List.copyOf(cases.values()), new RunReport.Coverage(rules, statusEvents), throughput,
                new RunReport.Determinism(seedsChecked, mismatches), violations);
    }

    private static RunReport.CaseResult mergeCase(RunReport.CaseResult a, RunReport.CaseResult b) {
        RunReport.Outcome outcome = worse(a, b);
        return new RunReport.CaseResult(a.name(), a.kind(), a.expectation(), outcome, a.runs() + b.runs(), a.events() + b.events(),
                a.schedules() + b.schedules(), a.states() + b.states(), a.simulatedMs() + b.simulatedMs(), Math.max(a.wallMs(), b.wallMs()),
                a.detail().isEmpty() ? b.detail() : a.detail(), a.replayCommand().isEmpty() ? b.replayCommand() : a.replayCommand());
    }

    /** For a case expected to pass, FAILED wins; for a variant expected to be caught, one shard's catch is enough. */
    private static RunReport.Outcome worse(RunReport.CaseResult a, RunReport.CaseResult b) {
        if (a.expectation() == RunReport.Expectation.CATCH) {
            return a.outcome() == RunReport.Outcome.CAUGHT || b.outcome() == RunReport.Outcome.CAUGHT ? RunReport.Outcome.CAUGHT : RunReport.Outcome.MISSED;
        }
        return a.outcome().ok() && b.outcome().ok() ? RunReport.Outcome.PASSED : RunReport.Outcome.FAILED;
    }
}
