package dev.vigil.simulation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.simulation.choice.RecordedChoices;
import dev.vigil.simulation.explore.ExploreLimits;
import dev.vigil.simulation.explore.Explorer;
import dev.vigil.simulation.explore.ScopeSpec;
import dev.vigil.simulation.lockstep.RunOutcome;
import dev.vigil.simulation.lockstep.Simulation;
import dev.vigil.simulation.scenario.ScenarioParameters;
import dev.vigil.simulation.store.StoreKind;
import dev.vigil.simulation.trace.Trace;
import dev.vigil.simulation.trace.TraceFiles;
import dev.vigil.simulation.variant.RealEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trace names its store and replays on it; a trace written before stores could be chosen
 * (no {@code store} field) replays on SQLite; and the hash is the store's business of neither.
 */
class TraceStoreTest {
    private static final ScenarioParameters SWARM = ScenarioParameters.swarm();

    @TempDir
    Path directory;

    @Test
    void aRandomRunsTraceRecordsItsStoreAndReplaysOnIt() {
        RunOutcome onMemory = Simulation.run(SWARM, new RealEngine(), RecordedChoices.fromSeed(7), StoreKind.MEMORY);
        RunOutcome onSqlite = Simulation.run(SWARM, new RealEngine(), RecordedChoices.fromSeed(7), StoreKind.SQLITE);
        assertThat(onMemory.traceHash()).isEqualTo(onSqlite.traceHash());

        Path file = directory.resolve("memory.json");
        TraceFiles.write(Trace.of("test", RealEngine.NAME, null, 7, SWARM, onMemory, null, StoreKind.MEMORY), file);
        Trace read = TraceFiles.read(file);

        assertThat(read.store()).isEqualTo("memory");
        assertThat(read.storeKind()).isEqualTo(StoreKind.MEMORY);
        assertThat(new TraceReplayer(read).replay().traceHash()).isEqualTo(onMemory.traceHash());
    }

    @Test
    void aTraceWithoutAStoreReplaysOnSqlite() throws IOException {
        RunOutcome outcome = Simulation.run(SWARM, new RealEngine(), RecordedChoices.fromSeed(3), StoreKind.SQLITE);
        Path file = directory.resolve("old.json");
        TraceFiles.write(Trace.of("test", RealEngine.NAME, null, 3, SWARM, outcome, null, StoreKind.SQLITE), file);
        String old = Files.readString(file).replaceAll(",\\s*\"store\"\\s*:\\s*\"sqlite\"", "");
        assertThat(old).doesNotContain("\"store\"");
        Files.writeString(file, old);

        Trace read = TraceFiles.read(file);

        assertThat(read.store()).isNull();
        assertThat(read.storeKind()).isEqualTo(StoreKind.SQLITE);
        assertThat(new TraceReplayer(read).replay().traceHash()).isEqualTo(outcome.traceHash());
    }

    @Test
    void aScheduleHashesTheSameOnBothStores() {
        ScopeSpec scope = ScopeSpec.named("one-monitor-retries");
        List<Integer> path = List.of(0, 1, 0, 2, 1, 0, 0, 1);
        RunOutcome onMemory = Explorer.replay(scope.toScope(), new RealEngine(), ExploreLimits.DEPTH_MAX_DEFAULT, path, StoreKind.MEMORY);
        RunOutcome onSqlite = Explorer.replay(scope.toScope(), new RealEngine(), ExploreLimits.DEPTH_MAX_DEFAULT, path, StoreKind.SQLITE);

        assertThat(onMemory.events()).isPositive();
        assertThat(onMemory.traceHash()).isEqualTo(onSqlite.traceHash());
    }
}
