package dev.vigil.simulation.lockstep;

import dev.vigil.engine.VigilEngine;
import dev.vigil.engine.store.MonitorRepository;
import dev.vigil.model.CommandResult;
import dev.vigil.model.EventReach;
import dev.vigil.model.InvariantViolation;
import dev.vigil.model.Invariants;
import dev.vigil.model.ModelEvent;
import dev.vigil.model.ModelState;
import dev.vigil.model.MonitorView;
import dev.vigil.model.ObservableView;
import dev.vigil.model.Observation;
import dev.vigil.model.Step;
import dev.vigil.simulation.runtime.SimulatedRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * After each step, what the engine shows against what the model says (SPEC §5): the commands'
 * return values, no exception escaped into a callback, and the observable view — in full every
 * {@link RunLimits#fullCompareEvery} steps and after every event that reaches every monitor,
 * else focused on the monitors the step touched (its target, its commands' targets, every
 * monitor an event of either side names). The full comparisons also hold the engine's read API
 * to the view ({@link ReadApiComparison}) and check the model's own invariants. After every
 * step of an open or closed engine the probes it holds open must be the model's attempts in flight
 * ({@link OpenProbeComparison}). It remembers how many events of each side it has compared, so each event is
 * compared once.
 */
final class ViewComparison {
    private static final System.Logger LOG = System.getLogger(ViewComparison.class.getName());

    /**
     * Set (-Dvigil.digest.check=true) to build and diff the views after every event even when the
     * digests agree, failing with an {@link AssertionError} if they agree while the views differ:
     * how the digests' soundness is tested. Slow; results are otherwise the same.
     */
    static final String DIGEST_CHECK_PROPERTY = "vigil.digest.check";

    private final RunLimits limits;
    private final EngineObserver observer;
    private final DigestComparison digests;
    private final boolean digestsChecked = Boolean.getBoolean(DIGEST_CHECK_PROPERTY);
    private final SimulatedRuntime.IdGenerator ids;
    private int modelEmittedCompared;
    private int engineEventsCompared;

    ViewComparison(RunLimits limits, EngineObserver observer, SimulatedRuntime.IdGenerator ids) {
        this.limits = limits;
        this.observer = observer;
        this.ids = ids;
        this.digests = new DigestComparison(limits.historyTail(), observer, new EngineDigest(ids, observer));
    }

    /**
     * Compares step {@code index}: {@code event} took the model from {@code before} to
     * {@code model}, and the engine's commands returned {@code engineResults}.
     *
     * @param engine   the engine, open or closed, or {@code null} while crashed
     * @param engineUp whether it is open: only an open engine's state is read back
     * @return the first difference, as the run's violation; empty if the engine matches
     */
    Optional<Violation> compare(int index, String monitorId, ModelEvent event, ModelState before, ModelState model, Step step,
                                List<CommandResult> engineResults, SimulatedRuntime runtime, MonitorRepository repository,
                                VigilEngine engine, boolean engineUp) {
        VigilEngine observed = engineUp ? engine : null;
        List<String> problems = new ArrayList<>();
        if (runtime != null) {
            runtime.drainCallbackFailures().forEach(failure -> problems.add("an exception escaped the engine: " + failure));
        }
        List<CommandResult> expectedResults = step.results().toJavaList();
        if (!expectedResults.equals(engineResults)) {
            problems.add("command results: expected " + expectedResults + ", engine returned " + engineResults);
        }
        if (runtime != null) {
            // A closed engine's too: close abandons every probe, and the model has none in flight then.
            problems.addAll(OpenProbeComparison.problems(model, runtime, ids));
        }
        io.vavr.collection.List<ModelEvent> commands = dev.vigil.model.Model.commandsOf(before, event);
        boolean whole = index % limits.fullCompareEvery() == 0 || event.reach(before) instanceof EventReach.EveryMonitor
                || commands.exists(c -> c instanceof ModelEvent.StartAll || c instanceof ModelEvent.StopAll);
        // The views are built only when the digests differ (or to check the digests): usually never.
        Supplier<Views> build;
        boolean same;
        if (whole) {
            build = () -> new Views(model.view(), observer.view(repository, observed, runtime));
            same = digests.sameWhole(model, repository, observed, runtime);
        } else {
            List<Observation> newModelEvents = model.emitted().drop(modelEmittedCompared).filter(Observation::compared).toJavaList();
            List<Observation> newEngineEvents = observer.eventsSince(engineEventsCompared);
            SortedSet<String> touched = new TreeSet<>();
            if (!monitorId.isEmpty()) {
                touched.add(monitorId);
            }
            commands.forEach(command -> command.commandTarget().forEach(touched::add));
            newModelEvents.forEach(observation -> observation.monitorTouched().forEach(touched::add));
            newEngineEvents.forEach(observation -> observation.monitorTouched().forEach(touched::add));
            model.outbox().forEach(observation -> observation.monitorTouched().forEach(touched::add));
            for (String id : touched) {
                int engineSize = repository.historySize(id);
                if (engineSize != model.historySize(id)) {
                    problems.add("monitor " + id + ": history size expected " + model.historySize(id) + ", engine has " + engineSize);
                }
            }
            int eventsFrom = engineEventsCompared;
            build = () -> focusedViews(model, repository, observed, runtime, touched, newModelEvents, eventsFrom);
            same = digests.sameFocused(model, repository, observed, runtime, touched, newModelEvents, newEngineEvents);
        }
        Views views = null;
        if (!same || digestsChecked) {
            views = build.get();
            List<String> differences = views.expected().diff(views.actual());
            if (same && !differences.isEmpty()) {
                throw new AssertionError("event " + index + " (" + event.describe() + "): the digests agree but the views differ: "
                        + differences);
            }
            problems.addAll(differences);
        }
        if (whole) {
            problems.addAll(ReadApiComparison.problems(model, engine, engineUp, repository));
        }
        modelEmittedCompared = model.emitted().size();
        engineEventsCompared = observer.eventCount();
        if (LOG.isLoggable(System.Logger.Level.DEBUG)) {
            views = views != null ? views : build.get();
            LOG.log(System.Logger.Level.DEBUG, "#" + index + " " + event.describe() + "\n  model  " + views.expected().monitors() + " "
                    + views.expected().registry() + " " + views.expected().timers() + "\n  engine " + views.actual().monitors() + " "
                    + views.actual().registry() + "\n  note " + step.note());
        }
        if (!problems.isEmpty() && views == null) {
            views = build.get(); // the engine's view is what the invariants below are checked on
        }
        if (!problems.isEmpty()) {
            List<InvariantViolation> broken = Invariants.checkView(views.actual()).toJavaList();
            if (!broken.isEmpty()) {
                return Optional.of(new Violation(index, event.describe(), broken.getFirst().invariant(),
                        concat(broken.stream().map(InvariantViolation::toString).toList(), problems)));
            }
            return Optional.of(new Violation(index, event.describe(), "lockstep", problems));
        }
        // The model's own invariants: after every event when every event is compared in full,
        // else at the full comparisons (I7 alone is linear in the history).
        List<InvariantViolation> modelBroken = whole ? Invariants.check(before, event, model).toJavaList() : List.of();
        if (!modelBroken.isEmpty()) {
            return Optional.of(new Violation(index, event.describe(), "model",
                    modelBroken.stream().map(v -> "the model itself broke " + v).toList()));
        }
        return Optional.empty();
    }

    /** The model's focused view and the engine's, as compared after an event that reaches only {@code touched}. */
    private Views focusedViews(ModelState model, MonitorRepository repository, VigilEngine observed, SimulatedRuntime runtime,
            SortedSet<String> touched, List<Observation> newModelEvents, int engineEventsFrom) {
        List<MonitorView> modelMonitors = new ArrayList<>();
        for (String id : touched) {
            model.monitorView(id, limits.historyTail()).ifPresent(modelMonitors::add);
        }
        ObservableView expected = new ObservableView(modelMonitors, model.registryView(), model.timerViews(touched), newModelEvents,
                model.outbox().toJavaList(), model.crashed());
        ObservableView actual = observer.focusedView(repository, observed, runtime, touched, limits.historyTail(), engineEventsFrom);
        return new Views(expected, actual);
    }

    /** The model's view ("expected") and the engine's of one comparison. */
    private record Views(ObservableView expected, ObservableView actual) {}

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
