package dev.vigil.simulation.variant;

import dev.vigil.engine.EngineClock;
import dev.vigil.engine.check.CheckerContext;
import dev.vigil.engine.check.CheckerFactory;
import dev.vigil.engine.check.EnhancedMonitoringServiceFactory;
import dev.vigil.engine.check.MonitorChecker;
import dev.vigil.engine.event.EngineEvent;
import dev.vigil.engine.spi.EngineRuntime;
import dev.vigil.engine.spi.ListenerExecutor;
import dev.vigil.engine.spi.OperationIdSource;
import dev.vigil.engine.spi.ProbeExecutor;
import dev.vigil.engine.spi.TimerService;
import dev.vigil.simulation.store.SimulatedStore;
import java.util.Objects;

/**
 * The production factory ({@link EnhancedMonitoringServiceFactory}) on a runtime whose timer
 * service is unavailable the first time it is asked for: composing the enhanced checker fails
 * inside the factory, which must fall back on its own to the epoch checker and say so with one
 * {@code FallbackActivated} event. Not a bug: what runs is the shipped fallback, held to the same
 * model. The {@link FallbackVariant} composes the fallback directly and never reaches this path.
 *
 * <p>Not in {@link Variants}' list, so that the recorded trace hashes of every listed variant stay
 * as they are; run it with {@code --variant-class} (and {@code FallbackTest} does).
 */
public final class FactoryFallbackVariant implements EngineVariant {
    public static final String NAME = "factory-fallback";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "The production factory when composing the enhanced checker fails: it must fall back to the epoch checker and publish FallbackActivated.";
    }

    @Override
    public boolean buggy() {
        return false;
    }

    @Override
    public CheckerFactory checkerFactory(SimulatedStore store) {
        return context -> {
            long fallbacksBefore = fallbacksPending(context);
            CheckerContext failing = new CheckerContext(new TimersFailOnce(context.runtime()), context.repository(), context.monitors(),
                    context.events(), context.lanes(), context.registry(), context.waiters());
            MonitorChecker checker = new EnhancedMonitoringServiceFactory().create(failing);
            // The event is the factory's documented signal; it is a diagnostic the model does not
            // compare, so it is held to here, where the composition failed: exactly one, at once.
            long published = fallbacksPending(context) - fallbacksBefore;
            if (published != 1) {
                throw new IllegalStateException("composing the enhanced checker failed, and the factory published " + published
                        + " FallbackActivated events instead of 1");
            }
            return Objects.requireNonNull(checker, "the factory returned no checker after the enhanced composition failed");
        };
    }

    private static long fallbacksPending(CheckerContext context) {
        return context.events().pending().stream().filter(EngineEvent.FallbackActivated.class::isInstance).count();
    }

    /** The runtime as given, except that the first call of {@link #timers} throws, as a part missing at composition would. */
    private static final class TimersFailOnce implements EngineRuntime {
        private final EngineRuntime real;
        private boolean failed;

        TimersFailOnce(EngineRuntime real) {
            this.real = Objects.requireNonNull(real, "real");
        }

        @Override
        public EngineClock clock() {
            return real.clock();
        }

        @Override
        public TimerService timers() {
            if (!failed) {
                failed = true;
                throw new IllegalStateException("simulated: the timer service is not available while the enhanced checker is composed");
            }
            return real.timers();
        }

        @Override
        public ProbeExecutor probes() {
            return real.probes();
        }

        @Override
        public OperationIdSource operationIds() {
            return real.operationIds();
        }

        @Override
        public ListenerExecutor listeners() {
            return real.listeners();
        }

        @Override
        public void close(long waitMs) {
            real.close(waitMs);
        }
    }
}
