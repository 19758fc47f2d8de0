package dev.vigil.engine.check;

/**
 * Runs the engine's callback on a probe's future. Whatever escapes it would vanish into the
 * future, which nobody reads, and leave the monitor stalled without a trace: it is logged at
 * ERROR and rethrown, so that a runtime that watches its futures (the simulator does) sees it too.
 */
final class ProbeCallbacks {
    private static final System.Logger LOG = System.getLogger(ProbeCallbacks.class.getName());

    private ProbeCallbacks() {
    }

    static void guarded(String monitorId, Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException | Error failure) {
            LOG.log(System.Logger.Level.ERROR, "handling a probe return of monitor " + monitorId + " failed", failure);
            throw failure;
        }
    }
}
