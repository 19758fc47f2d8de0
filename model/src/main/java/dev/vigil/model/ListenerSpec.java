package dev.vigil.model;

import io.vavr.control.Option;
import java.util.Objects;

/**
 * A listener that reacts to the engine's events by calling a command back (SPEC "Events"):
 * "when monitor {@code on} emits an event of kind {@code trigger}, call {@code reaction} on
 * {@code target}". The simulator registers one on the engine for each spec and the model runs
 * the same reaction when it delivers the event, so both sides agree on what a listener does.
 *
 * @param trigger  the kind of event that makes it react
 * @param on       the monitor whose events it reacts to
 * @param reaction the command it calls, or {@link Reaction#NONE} to only be slow or throw
 * @param target   the monitor the command names (ignored by startAll, stopAll and NONE)
 * @param throwsAfter whether it throws after handling each event it receives, reacting or not (the
 *                    engine must log it and go on to the next listener)
 */
public record ListenerSpec(Trigger trigger, String on, Reaction reaction, String target, boolean throwsAfter) {

    /** The events a listener may react to. */
    public enum Trigger {
        MONITORING_STARTED, MONITORING_STOPPED, STATUS_CHANGED, CHECK_COMPLETED, STORE_FAILED
    }

    /** The commands a listener may call back. */
    public enum Reaction {
        NONE, START, STOP, CHECK_NOW, REMOVE, START_ALL, STOP_ALL
    }

    /** Rejects nulls. */
    public ListenerSpec {
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(on, "on");
        Objects.requireNonNull(reaction, "reaction");
        Objects.requireNonNull(target, "target");
    }

    /** @return whether delivering {@code event} makes this listener react */
    public boolean reactsTo(Observation event) {
        return switch (event) {
            case Observation.MonitoringStarted e -> trigger == Trigger.MONITORING_STARTED && e.monitorId().equals(on);
            case Observation.MonitoringStopped e -> trigger == Trigger.MONITORING_STOPPED && e.monitorId().equals(on);
            case Observation.StatusChanged e -> trigger == Trigger.STATUS_CHANGED && e.monitorId().equals(on);
            case Observation.CheckCompleted e -> trigger == Trigger.CHECK_COMPLETED && e.monitorId().equals(on);
            case Observation.StoreFailed e -> trigger == Trigger.STORE_FAILED && e.monitorId().map(on::equals).orElse(false);
            case Observation.CheckDiscarded e -> false;
            case Observation.CommandFailed e -> false;
            case Observation.CheckWait e -> false;
        };
    }

    /** @return the command this listener calls when it reacts, if any */
    public Option<ModelEvent> command() {
        return switch (reaction) {
            case NONE -> Option.none();
            case START -> Option.some(new ModelEvent.Start(target));
            case STOP -> Option.some(new ModelEvent.Stop(target));
            case CHECK_NOW -> Option.some(new ModelEvent.CheckNow(target));
            case REMOVE -> Option.some(new ModelEvent.Remove(target));
            case START_ALL -> Option.some(new ModelEvent.StartAll());
            case STOP_ALL -> Option.some(new ModelEvent.StopAll());
        };
    }

    @Override
    public String toString() {
        String command = command().map(ModelEvent::describe).getOrElse("nothing");
        return "on " + trigger + " of " + on + " call " + command + (throwsAfter ? ", throwing after every event" : "");
    }
}
