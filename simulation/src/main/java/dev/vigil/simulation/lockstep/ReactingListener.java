package dev.vigil.simulation.lockstep;

import dev.vigil.engine.CheckRecord;
import dev.vigil.engine.VigilEngine;
import dev.vigil.engine.event.EngineEvent;
import dev.vigil.engine.event.EngineListener;
import dev.vigil.model.CommandResult;
import dev.vigil.model.ListenerSpec;
import dev.vigil.model.ModelEvent;
import dev.vigil.model.Observation;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A listener as users write them: it calls the engine back from inside its callback. It does what
 * its {@link ListenerSpec} says, which is what the model's delivery does, and hands what each
 * command returned to the lockstep for comparison. One per spec per engine incarnation.
 */
final class ReactingListener implements EngineListener {
    private final ListenerSpec spec;
    private final EngineObserver observer;
    private final Supplier<VigilEngine> engine;
    private final Consumer<CommandResult> results;
    private final Consumer<CompletionStage<CheckRecord>> stages;

    ReactingListener(ListenerSpec spec, EngineObserver observer, Supplier<VigilEngine> engine, Consumer<CommandResult> results,
            Consumer<CompletionStage<CheckRecord>> stages) {
        this.spec = spec;
        this.observer = observer;
        this.engine = engine;
        this.results = results;
        this.stages = stages;
    }

    @Override
    public void onEvent(EngineEvent event) {
        Optional<Observation> observed = observer.observation(event);
        if (observed.isPresent() && spec.reactsTo(observed.get())) {
            for (ModelEvent command : spec.command()) {
                results.accept(EngineCommands.call(engine.get(), command, observer::snapshot, stages));
            }
        }
        if (spec.throwsAfter()) {
            throw new IllegalStateException("a simulated listener fails after handling " + event);
        }
    }

    @Override
    public String toString() {
        return "listener " + spec;
    }
}
