package dev.vigil.engine.check;

/**
 * Composes the engine's checker. The default is {@link EnhancedMonitoringServiceFactory}; the
 * verification harness plugs in known-buggy compositions to prove it catches them.
 */
@FunctionalInterface
public interface CheckerFactory {
    /**
     * Composes a checker.
     *
     * @param context the engine parts to compose it from
     * @return the checker the engine will use
     */
    MonitorChecker create(CheckerContext context);
}
