package dev.vigil.simulation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.reports.ReportJson;
import dev.vigil.reports.RunReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scale-out as the CI workflow and the Kubernetes Indexed Job do it: N processes each run
 * {@code deploy/shards/shard.sh} (the workflow passes K N, the Job sets JOB_COMPLETION_INDEX and
 * VIGIL_SHARD_COUNT), then {@code deploy/shards/merge.sh} merges their reports. The merged report
 * must be the unsplit run's: same verdict, one case with the same runs, events and simulated time,
 * same coverage and determinism counts.
 */
class ShardScaleOutTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final int SHARDS = 3;
    private static final long PROCESS_SECONDS_MAX = 300;

    @TempDir
    Path folder;

    @Test
    void mergedShardsEqualTheUnsplitRun() throws Exception {
        Path whole = folder.resolve("whole");
        Path shards = folder.resolve("shards");
        List<Process> running = new ArrayList<>();
        running.add(shard(whole, Map.of(), "1", "1"));
        running.add(shard(shards, Map.of(), "1", String.valueOf(SHARDS)));
        running.add(shard(shards, Map.of(), "2", String.valueOf(SHARDS)));
        running.add(shard(shards, Map.of("JOB_COMPLETION_INDEX", "2", "VIGIL_SHARD_COUNT", String.valueOf(SHARDS))));
        for (Process process : running) {
            assertThat(process.waitFor(PROCESS_SECONDS_MAX, TimeUnit.SECONDS)).as("shard finished").isTrue();
            assertThat(process.exitValue()).as("shard exit code").isZero();
        }
        assertThat(script("merge.sh", Map.of(), shards.toString()).waitFor()).isZero();

        RunReport unsplit = ReportJson.read(whole.resolve("shard-1/run.json"));
        RunReport merged = ReportJson.read(shards.resolve("merged/simulation.json"));
        assertThat(shards.resolve("merged/simulation.junit.xml")).exists();
        assertThat(merged.verdict()).isEqualTo(unsplit.verdict()).isEqualTo(RunReport.Verdict.PASSED);
        assertThat(merged.cases()).hasSize(1);
        assertThat(withoutWallTime(merged.cases().getFirst())).isEqualTo(withoutWallTime(unsplit.cases().getFirst()));
        assertThat(merged.cases().getFirst().runs()).isEqualTo(12);
        assertThat(merged.coverage()).isEqualTo(unsplit.coverage());
        assertThat(merged.determinism()).isEqualTo(unsplit.determinism());
        assertThat(merged.violations()).isEqualTo(unsplit.violations()).isEmpty();
    }

    private static RunReport.CaseResult withoutWallTime(RunReport.CaseResult result) {
        return new RunReport.CaseResult(result.name(), result.kind(), result.expectation(), result.outcome(), result.runs(), result.events(),
                result.schedules(), result.states(), result.simulatedMs(), 0, result.detail(), result.replayCommand());
    }

    private Process shard(Path out, Map<String, String> environment, String... shardArguments) throws IOException {
        List<String> arguments = new ArrayList<>(List.of(out.toString()));
        arguments.addAll(List.of(shardArguments));
        return script("shard.sh", environment, arguments.toArray(String[]::new));
    }

    /** Runs one of deploy/shards/ with this build's classes as the launcher, as ./vigil would run the jar. */
    private Process script(String name, Map<String, String> environment, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("bash", ROOT.resolve("deploy/shards").resolve(name).toString()));
        command.addAll(List.of(arguments));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(folder.resolve(name + "-" + System.nanoTime() + ".log").toFile());
        builder.environment().remove("JOB_COMPLETION_INDEX");
        builder.environment().remove("VIGIL_SHARD_COUNT");
        builder.environment().putAll(environment);
        builder.environment().put("VIGIL", java + " -XX:+UseSerialGC -Xss4m -XX:TieredStopAtLevel=1 --enable-native-access=ALL-UNNAMED -cp "
                + System.getProperty("java.class.path") + " " + VigilCommand.class.getName());
        builder.environment().put("VIGIL_SEEDS", "12");
        builder.environment().put("VIGIL_EVENTS", "60");
        builder.environment().remove("VIGIL_SCOPE");
        return builder.start();
    }
}
