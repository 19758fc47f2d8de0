package dev.vigil.simulation.runtime;

import dev.vigil.engine.probe.ProbeResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The future of one simulated probe attempt. A {@link CompletableFuture} swallows what its
 * callbacks throw: here every callback the engine registers is watched, and what escapes it is
 * reported (the engine must never let an exception escape, SPEC "Probe returns"). It can also
 * call the engine's callbacks a second time, as a buggy custom probe executor would: the engine
 * must ignore a return for an attempt that already returned.
 */
final class AttemptFuture extends CompletableFuture<ProbeResult> {
    private final Consumer<String> escaped;
    private final List<BiConsumer<? super ProbeResult, ? super Throwable>> callbacks = new ArrayList<>();

    AttemptFuture(Consumer<String> escaped) {
        this.escaped = Objects.requireNonNull(escaped, "escaped");
    }

    @Override
    public CompletableFuture<ProbeResult> whenComplete(BiConsumer<? super ProbeResult, ? super Throwable> action) {
        BiConsumer<? super ProbeResult, ? super Throwable> watched = watched(action);
        callbacks.add(watched);
        return super.whenComplete(watched);
    }

    /** Calls every registered callback again with {@code result}, as if the attempt returned twice. */
    void returnAgain(ProbeResult result) {
        for (BiConsumer<? super ProbeResult, ? super Throwable> callback : List.copyOf(callbacks)) {
            callback.accept(result, null);
        }
    }

    private BiConsumer<? super ProbeResult, ? super Throwable> watched(BiConsumer<? super ProbeResult, ? super Throwable> action) {
        return (result, error) -> {
            try {
                action.accept(result, error);
            } catch (RuntimeException | Error failure) {
                escaped.accept("a probe callback threw " + failure);
                throw failure;
            }
        };
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new CompletableFuture<>(); // dependents are ordinary futures; only this one is watched
    }
}
