package dev.vigil.engine.check;

import dev.vigil.engine.probe.ProbeResult;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * Registers the engine's callback on a probe's future. Whatever escapes the callback would end in
 * the future {@code whenComplete} returns, which nobody reads, and leave the monitor stalled
 * without a trace: it is logged at ERROR and rethrown, so that a runtime that watches its futures
 * (the simulator does) sees it too.
 */
final class ProbeCallbacks {
    private static final System.Logger LOG = System.getLogger(ProbeCallbacks.class.getName());

    private ProbeCallbacks() {
    }

    static void whenReturned(String monitorId, CompletableFuture<ProbeResult> future, BiConsumer<ProbeResult, Throwable> onReturn) {
        CompletableFuture<ProbeResult> unused = future.whenComplete((result, error) -> {
            try {
                onReturn.accept(result, error);
            } catch (RuntimeException | Error failure) {
                LOG.log(System.Logger.Level.ERROR, "handling a probe return of monitor " + monitorId + " failed", failure);
                throw failure;
            }
        });
    }
}
