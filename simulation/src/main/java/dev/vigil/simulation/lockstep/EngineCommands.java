package dev.vigil.simulation.lockstep;

import dev.vigil.engine.CheckRecord;
import dev.vigil.engine.EngineClosedException;
import dev.vigil.engine.HistoryRetention;
import dev.vigil.engine.InvalidSettingsException;
import dev.vigil.engine.MonitorSettings;
import dev.vigil.engine.MonitorSnapshot;
import dev.vigil.engine.StoreException;
import dev.vigil.engine.UnknownMonitorException;
import dev.vigil.engine.VigilEngine;
import dev.vigil.model.CommandResult;
import dev.vigil.model.ModelEvent;
import dev.vigil.model.ModelSettings;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The model's commands as calls on the engine's public API, and what a call returned (or threw)
 * as the model's {@link CommandResult}: the one mapping used for the simulator's own commands and
 * for those its listeners call back.
 */
final class EngineCommands {
    private EngineCommands() {
    }

    /**
     * Calls {@code command} on {@code engine} and says what it returned; the documented failures
     * become {@link CommandResult.Failed}, anything else is thrown on.
     *
     * @param snapshots maps a returned monitor snapshot into the model's terms
     * @param stages    takes the stage each accepted checkNow returned
     */
    static CommandResult call(VigilEngine engine, ModelEvent command, Function<MonitorSnapshot, CommandResult> snapshots,
            Consumer<CompletionStage<CheckRecord>> stages) {
        try {
            return switch (command) {
                case ModelEvent.Add add -> snapshots.apply(engine.add(add.monitorId(), settings(add.settings())));
                case ModelEvent.Update update -> snapshots.apply(engine.update(update.monitorId(), settings(update.settings())));
                case ModelEvent.Remove remove -> {
                    engine.remove(remove.monitorId());
                    yield new CommandResult.Done();
                }
                case ModelEvent.Start start -> new CommandResult.Changed(engine.start(start.monitorId()));
                case ModelEvent.Stop stop -> new CommandResult.Changed(engine.stop(stop.monitorId()));
                case ModelEvent.CheckNow checkNow -> {
                    stages.accept(engine.checkNow(checkNow.monitorId()));
                    yield new CommandResult.Done();
                }
                case ModelEvent.StartAll startAll -> new CommandResult.Count(engine.startAll());
                case ModelEvent.StopAll stopAll -> new CommandResult.Count(engine.stopAll());
                case ModelEvent.PruneHistory prune -> new CommandResult.Count(Math.toIntExact(
                        engine.pruneHistory(new HistoryRetention(prune.ageMsMax(), prune.recordsMaxPerMonitor()))));
                default -> throw new IllegalArgumentException("not a command: " + command.describe());
            };
        } catch (RuntimeException thrown) {
            return failure(thrown);
        }
    }

    /** A documented command failure as the model names it; anything else is thrown on. */
    static CommandResult failure(RuntimeException thrown) {
        return switch (thrown) {
            case InvalidSettingsException invalid -> new CommandResult.Failed(CommandResult.Failure.INVALID);
            case UnknownMonitorException unknown -> new CommandResult.Failed(CommandResult.Failure.UNKNOWN);
            case StoreException store -> new CommandResult.Failed(CommandResult.Failure.STORE);
            case EngineClosedException closed -> new CommandResult.Failed(CommandResult.Failure.CLOSED);
            default -> throw thrown;
        };
    }

    /** The engine's settings for the model's: an HTTP monitor (the simulator answers its probes). */
    static MonitorSettings settings(ModelSettings settings) {
        return MonitorSettings.http("http://vigil.invalid/")
                .withIntervalMs(settings.intervalMs())
                .withTimeoutMs(settings.timeoutMs())
                .withRetryAttempts(settings.retryAttempts());
    }
}
