package dev.vigil.engine.check;

/**
 * Composes the engine's checker. The default is {@link EnhancedMonitoringServiceFactory}; the
 * verification harness plugs in known-buggy compositions to prove it catches them.
 */
@FunctionalInterface
public interface CheckerFactory {
    MonitorChecker create(CheckerContext context);
}
