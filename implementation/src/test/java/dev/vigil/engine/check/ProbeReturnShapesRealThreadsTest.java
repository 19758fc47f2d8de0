package dev.vigil.engine.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.CheckRecord;
import dev.vigil.engine.MonitorSettings;
import dev.vigil.engine.MonitorStatus;
import dev.vigil.engine.VigilEngine;
import dev.vigil.engine.probe.Probe;
import dev.vigil.engine.probe.ProbeResult;
import dev.vigil.engine.runtime.ProductionRuntime;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every shape a user's probe can return, on the production runtime (probes on virtual threads,
 * timers on the scheduler, an SQLite file): each is a failed attempt, retried, and the check ends
 * DOWN with a detail that says what the probe did. Before the engine judged returns in one place, a
 * {@code null} threw inside the future's callback, where it was lost: no retry, no record, the
 * monitor stalled until the operation's deadline. Waits are bounded and fail naming what they
 * waited for; no assertion depends on this machine's speed.
 */
class ProbeReturnShapesRealThreadsTest {
    /** Far longer than a check takes here; a stalled check never gets its record within it. */
    private static final long PATIENCE_MS = 30_000;
    /** The timeout of an attempt: the stall before the fix lasted until the deadline, far beyond it. */
    private static final long TIMEOUT_MS = 20_000;

    @TempDir
    Path folder;

    enum Shape {
        NULL("probe returned no result"),
        RUNTIME_EXCEPTION("IllegalStateException"),
        CHECKED_EXCEPTION("IOException"),
        ERROR("AssertionError");

        final String details;

        Shape(String details) {
            this.details = details;
        }

        ProbeResult answer() throws Exception {
            return switch (this) {
                case NULL -> null;
                case RUNTIME_EXCEPTION -> throw new IllegalStateException("broken probe");
                case CHECKED_EXCEPTION -> throw new java.io.IOException("broken probe");
                case ERROR -> throw new AssertionError("broken probe");
            };
        }
    }

    @ParameterizedTest
    @EnumSource(Shape.class)
    void eachShapeIsAFailedAttemptRetriedAndTheCheckEndsDown(Shape shape) throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Probe probe = settings -> {
            calls.incrementAndGet();
            return shape.answer();
        };
        try (VigilEngine engine = engine(probe)) {
            engine.add("m1", settings(1));
            engine.start("m1");
            CheckRecord record = firstRecord(engine, "m1");

            assertThat(record.status()).isEqualTo(MonitorStatus.DOWN);
            assertThat(record.details()).contains(shape.details);
            if (shape != Shape.NULL) {
                assertThat(record.details()).startsWith("probe threw").contains("broken probe");
            }
            assertThat(calls.get()).as("the first attempt was retried once").isEqualTo(2);
            assertThat(engine.monitor("m1").orElseThrow().status()).isEqualTo(MonitorStatus.DOWN);
        }
    }

    @Test
    void aNullResultIsJudgedLikeEveryOtherFailureAndTheNextAnswerCounts() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Probe probe = settings -> calls.incrementAndGet() == 1 ? null : ProbeResult.up(5, "200");
        try (VigilEngine engine = engine(probe)) {
            engine.add("m1", settings(1));
            engine.start("m1");
            CheckRecord record = firstRecord(engine, "m1");

            assertThat(record.status()).as("the null attempt failed; its retry answered UP").isEqualTo(MonitorStatus.UP);
            assertThat(calls.get()).isEqualTo(2);
        }
    }

    private VigilEngine engine(Probe probe) {
        // Through the builder's probe, as an application plugs one in: the engine builds and owns the runtime.
        return VigilEngine.builder().storeFile(folder.resolve("vigil.db")).probe(probe).intervalMsMin(1_000)
                .closeWaitMs(2_000).build();
    }

    @Test
    void aProbeAndARuntimeTogetherAreRefusedNamingBoth() {
        ProductionRuntime runtime = ProductionRuntime.create(settings -> ProbeResult.up(1, "200"));
        try {
            VigilEngine.Builder builder = VigilEngine.builder().storeFile(folder.resolve("both.db")).runtime(runtime)
                    .probe(settings -> ProbeResult.up(1, "200"));
            assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("probe(...)").hasMessageContaining("runtime(...)");
            assertThat(folder.resolve("both.db")).as("refused before the store was opened").doesNotExist();
        } finally {
            runtime.close(0);
        }
    }

    private static MonitorSettings settings(int retries) {
        return MonitorSettings.http("http://127.0.0.1:1/never-called").withIntervalMs(3_600_000).withTimeoutMs(TIMEOUT_MS)
                .withRetryAttempts(retries);
    }

    private static CheckRecord firstRecord(VigilEngine engine, String monitorId) throws InterruptedException {
        long giveUpAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PATIENCE_MS);
        while (System.nanoTime() < giveUpAt) {
            List<CheckRecord> history = engine.history(monitorId);
            if (!history.isEmpty()) {
                return history.get(0);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no check of " + monitorId + " was recorded within " + PATIENCE_MS + " ms: the check stalled");
    }
}
