package dev.vigil.engine.check;

import dev.vigil.engine.event.EngineEvent;
import dev.vigil.engine.operation.RetryPolicy;
import dev.vigil.engine.status.MonitorStatusUpdateService;
import java.util.Objects;
import java.util.function.Function;

/**
 * The default {@link CheckerFactory}: composes the correlated services (registry, status update
 * service, deadline manager, {@link EnhancedMonitorChecker}). If composing them fails, the engine
 * still runs, on the {@link EpochMonitorChecker}, and says so: a log line at ERROR and a
 * {@link EngineEvent.FallbackActivated} event.
 */
public final class EnhancedMonitoringServiceFactory implements CheckerFactory {
    private static final System.Logger LOG = System.getLogger(EnhancedMonitoringServiceFactory.class.getName());

    private final Function<CheckerContext, MonitorChecker> composer;

    /** The production factory: {@link #composeEnhanced}, or the epoch fallback if that fails. */
    public EnhancedMonitoringServiceFactory() {
        this(EnhancedMonitoringServiceFactory::composeEnhanced);
    }

    /** With another way to compose the enhanced checker: for tests of the fallback path. */
    EnhancedMonitoringServiceFactory(Function<CheckerContext, MonitorChecker> composer) {
        this.composer = Objects.requireNonNull(composer, "composer");
    }

    @Override
    public MonitorChecker create(CheckerContext context) {
        try {
            return composer.apply(context);
        } catch (RuntimeException failure) {
            String reason = "composing the enhanced checker failed: " + failure;
            LOG.log(System.Logger.Level.ERROR, reason + "; running on the epoch fallback checker", failure);
            context.events().publish(new EngineEvent.FallbackActivated("", reason));
            return composeFallback(context);
        }
    }

    /**
     * The production composition: the enhanced checker applying results through
     * {@link MonitorStatusUpdateService}, with deadlines from {@link RetryPolicy#deadlineDelayMs}.
     *
     * @param context the engine parts
     * @return the checker
     */
    public static MonitorChecker composeEnhanced(CheckerContext context) {
        MonitorStatusUpdateService statusUpdates = new MonitorStatusUpdateService(context.registry(), context.monitors(),
                context.repository(), context.events(), context.runtime().clock());
        return new EnhancedMonitorChecker(context, statusUpdates, RetryPolicy::deadlineDelayMs);
    }

    /**
     * The fallback composition: the {@link EpochMonitorChecker}, applying through the same status
     * update service as the enhanced checker, with its epoch test in place of the registry, and
     * the contract's deadline.
     *
     * @param context the engine parts; its registry is not used
     * @return the checker
     */
    public static MonitorChecker composeFallback(CheckerContext context) {
        return new EpochMonitorChecker(context, epochTest -> new MonitorStatusUpdateService(epochTest, context.monitors(),
                context.repository(), context.events(), context.runtime().clock()), RetryPolicy::deadlineDelayMs);
    }
}
