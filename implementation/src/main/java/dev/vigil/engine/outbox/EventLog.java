package dev.vigil.engine.outbox;

import dev.vigil.engine.event.EngineEvent;

/**
 * Logs the events an operator reads in a log: a status change at INFO on logger {@value
 * #STATUS_LOGGER}, each applied or discarded check at DEBUG on logger {@value #CHECK_LOGGER}.
 * Their own logger names, so that an application can keep status changes and silence checks
 * (or the reverse) without touching the engine's warnings. Logged when the event is published,
 * right after its transaction committed, whatever the listeners do.
 */
final class EventLog {
    /** The logger of status changes (INFO). */
    static final String STATUS_LOGGER = "dev.vigil.engine.status";
    /** The logger of applied and discarded checks (DEBUG). */
    static final String CHECK_LOGGER = "dev.vigil.engine.checks";

    private static final System.Logger STATUS = System.getLogger(STATUS_LOGGER);
    private static final System.Logger CHECKS = System.getLogger(CHECK_LOGGER);

    private EventLog() {
    }

    static void log(EngineEvent event) {
        switch (event) {
            case EngineEvent.StatusChanged change -> STATUS.log(System.Logger.Level.INFO, "monitor {0}: {1} -> {2}",
                    change.monitorId(), change.previous(), change.next());
            case EngineEvent.CheckCompleted check -> {
                // Checked first: the message is built per check, thousands a minute on a large engine.
                if (CHECKS.isLoggable(System.Logger.Level.DEBUG)) {
                    CHECKS.log(System.Logger.Level.DEBUG, "monitor {0}: check {1} {2} in {3} ms{4}: {5}", check.monitorId(),
                            check.operationId(), check.result(), check.responseTimeMs(), check.manual() ? " (manual)" : "",
                            check.details());
                }
            }
            case EngineEvent.CheckDiscarded discarded -> {
                if (CHECKS.isLoggable(System.Logger.Level.DEBUG)) {
                    CHECKS.log(System.Logger.Level.DEBUG, "monitor {0}: check {1} discarded: {2}", discarded.monitorId(),
                            discarded.operationId(), discarded.reason());
                }
            }
            default -> {
                // Start and stop show as status changes; store failures and the fallback are
                // logged as warnings and errors where they happen.
            }
        }
    }
}
