package dev.vigil.model;

import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.function.UnaryOperator;

/**
 * A step under way: the state so far, what it emitted and noted so far, the results of the
 * commands it ran ({@code results}, in order: the step's own command, then its listeners'), and
 * the result the command running now will return ({@code returning}). Immutable.
 */
record Progress(ModelState state, Vector<Observation> observations, Vector<String> notes, Vector<CommandResult> results,
        Option<CommandResult> returning) {

    static Progress from(ModelState state) {
        return new Progress(state, Vector.empty(), Vector.empty(), Vector.empty(), Option.none());
    }

    long nowMs() {
        return state.nowMs();
    }

    Option<Monitor> monitor(String id) {
        return state.monitor(id);
    }

    Progress map(UnaryOperator<ModelState> change) {
        return new Progress(change.apply(state), observations, notes, results, returning);
    }

    Progress put(Monitor monitor) {
        return map(s -> s.put(monitor));
    }

    Progress put(Operation operation) {
        return map(s -> s.put(operation));
    }

    Progress emit(Observation observation) {
        return new Progress(state, observations.append(observation), notes, results, returning);
    }

    Progress note(String note) {
        return new Progress(state, observations, notes.append(note), results, returning);
    }

    /** The command running now will return {@code result} (a later call overrides: startAll counts after its starts). */
    Progress returning(CommandResult result) {
        return new Progress(state, observations, notes, results, Option.some(result));
    }

    /** The command that just ran has returned: its result joins {@link #results()}. */
    Progress returned() {
        CommandResult result = returning.getOrElseThrow(() -> new IllegalStateException("a command returned no result"));
        return new Progress(state, observations, notes, results.append(result), Option.none());
    }

    /** The engine's command throws: nothing else changes (the caller has not changed anything yet). */
    Progress commandFailed(CommandResult.Failure kind, String reason) {
        return emit(new Observation.CommandFailed(reason)).note(reason).returning(new CommandResult.Failed(kind));
    }

    /**
     * The armed failure is consumed by this transaction (R12): it is reported and the caller
     * changes nothing. A failure on a monitor also ends I8's hang bookkeeping for it, because
     * the spec's detection bound assumes a working store.
     */
    Progress storeFailed(Transaction transaction, Option<String> monitorId) {
        Progress failed = map(s -> s.withStoreFailArmed(false))
                .emit(Observation.StoreFailed.of(transaction, monitorId))
                .note(transaction + " transaction failed" + monitorId.map(id -> " on " + id).getOrElse(""));
        return monitorId.flatMap(failed::monitor)
                .map(m -> failed.put(m.withHangSinceMs(Option.none())))
                .getOrElse(failed);
    }
}
