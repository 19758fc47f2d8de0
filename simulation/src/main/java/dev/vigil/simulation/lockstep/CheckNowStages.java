package dev.vigil.simulation.lockstep;

import dev.vigil.engine.CheckDiscardedException;
import dev.vigil.engine.CheckRecord;
import dev.vigil.engine.EngineClosedException;
import dev.vigil.engine.StoreException;
import dev.vigil.engine.UnknownMonitorException;
import dev.vigil.model.AwaitedChecks;
import dev.vigil.model.ModelEvent;
import dev.vigil.model.Observation;
import dev.vigil.model.Step;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.ToIntFunction;

/**
 * The stages {@code checkNow} returned, the simulator's own calls and its listeners' alike, held
 * against {@link AwaitedChecks}: a stage must not complete before its check's fate, and once
 * every event is delivered it must show that fate. Compared, a stage that ended is forgotten, so
 * what is held stays as small as what is still waiting.
 */
final class CheckNowStages {
    /** Stages still held at most: the engine lets 1,000 wait per monitor, the simulator has a few monitors. */
    private static final int HELD_MAX = 100_000;

    private final ToIntFunction<String> operationNumbers;
    /** By caller number, in request order; the same numbering as {@link AwaitedChecks}. */
    private final Map<Integer, CompletableFuture<CheckRecord>> held = new LinkedHashMap<>();
    private int returned;
    private AwaitedChecks expected = AwaitedChecks.none();

    /** @param operationNumbers the model's number of an engine operation id */
    CheckNowStages(ToIntFunction<String> operationNumbers) {
        this.operationNumbers = operationNumbers;
    }

    /** A {@code checkNow} call returned {@code stage}: it is the next caller. */
    void returned(CompletionStage<CheckRecord> stage) {
        returned++;
        if (held.size() >= HELD_MAX) {
            throw new IllegalStateException(HELD_MAX + " checkNow stages are waiting at once: a run this long needs a larger bound");
        }
        held.put(returned, stage.toCompletableFuture());
    }

    /** The model took {@code step} on {@code event}: what the callers must see next. */
    void stepped(ModelEvent event, Step step) {
        expected = expected.after(step.observations());
        if (event instanceof ModelEvent.Crash) {
            // The process is gone with its undelivered events: nothing it held can be judged.
            held.clear();
            expected = new AwaitedChecks(expected.requested(), io.vavr.collection.TreeMap.empty());
        }
    }

    /**
     * What differs between the stages and the model.
     *
     * @param allDelivered whether neither the model nor the engine has an event left to deliver:
     *                     only then must an ended wait show its end
     * @param undelivered  the model's committed events not delivered yet: a check whose
     *                     {@code CheckCompleted} is among them must not have completed its stage
     */
    List<String> problems(boolean allDelivered, Iterable<Observation> undelivered) {
        List<String> problems = new ArrayList<>();
        if (returned != expected.requested()) {
            problems.add("checkNow returned " + returned + " stages; the model accepted " + expected.requested() + " requests");
            return problems;
        }
        for (Map.Entry<Integer, AwaitedChecks.Wait> entry : expected.waits().toJavaMap(tuple -> tuple).entrySet()) {
            int caller = entry.getKey();
            AwaitedChecks.Wait wait = entry.getValue();
            CompletableFuture<CheckRecord> stage = held.get(caller);
            if (stage == null) {
                continue;
            }
            if (!wait.ended()) {
                if (stage.isDone()) {
                    problems.add("checkNow #" + caller + " completed (" + describe(stage) + ") while its check is " + wait);
                }
                continue;
            }
            if (wait instanceof AwaitedChecks.Applied applied && stage.isDone() && reportsStill(undelivered, applied.operation())) {
                problems.add("checkNow #" + caller + " completed (" + describe(stage) + ") before the listeners got CheckCompleted op#"
                        + applied.operation());
                continue;
            }
            if (!allDelivered) {
                continue;
            }
            String mismatch = mismatch(wait, stage);
            if (!mismatch.isEmpty()) {
                problems.add("checkNow #" + caller + ": expected " + wait + ", the stage " + mismatch);
            }
            held.remove(caller);
            expected = expected.forget(caller);
        }
        return problems;
    }

    private static boolean reportsStill(Iterable<Observation> undelivered, int operation) {
        for (Observation observation : undelivered) {
            if (observation instanceof Observation.CheckCompleted completed && completed.operation() == operation) {
                return true;
            }
        }
        return false;
    }

    private String mismatch(AwaitedChecks.Wait wait, CompletableFuture<CheckRecord> stage) {
        if (!stage.isDone()) {
            return "is still waiting";
        }
        Throwable failure = failureOf(stage);
        return switch (wait) {
            case AwaitedChecks.Applied applied -> {
                if (failure != null) {
                    yield "failed with " + failure;
                }
                CheckRecord record = stage.join();
                boolean same = operationNumbers.applyAsInt(record.operationId()) == applied.operation()
                        && record.status().name().equals(applied.status().name());
                yield same ? "" : "gave " + record;
            }
            case AwaitedChecks.Failed failed -> {
                Class<?> expectedType = switch (failed.failure()) {
                    case DISCARDED -> CheckDiscardedException.class;
                    case STORE -> StoreException.class;
                    case NO_ID -> dev.vigil.engine.OperationIdExhaustedException.class;
                    case UNKNOWN -> UnknownMonitorException.class;
                    case CLOSED -> EngineClosedException.class;
                    case TOO_MANY_WAITING -> IllegalStateException.class;
                };
                yield expectedType.isInstance(failure) ? "" : "ended with " + describe(stage);
            }
            default -> "is judged although its wait has not ended";
        };
    }

    private static Throwable failureOf(CompletableFuture<CheckRecord> stage) {
        if (!stage.isCompletedExceptionally()) {
            return null;
        }
        Throwable failure = stage.handle((record, thrown) -> thrown).join();
        return failure instanceof CompletionException wrapped && wrapped.getCause() != null ? wrapped.getCause() : failure;
    }

    private static String describe(CompletableFuture<CheckRecord> stage) {
        Throwable failure = failureOf(stage);
        return failure != null ? failure.toString() : String.valueOf(stage.join());
    }
}
