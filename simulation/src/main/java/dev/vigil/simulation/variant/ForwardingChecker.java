package dev.vigil.simulation.variant;

import dev.vigil.engine.check.MonitorChecker;
import dev.vigil.engine.operation.Operation;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A checker that forwards every call to a real one: buggy compositions override only the calls
 * their bug lives in, so everything else is the real engine's behaviour.
 */
abstract class ForwardingChecker implements MonitorChecker {
    protected final MonitorChecker real;

    ForwardingChecker(MonitorChecker real) {
        this.real = Objects.requireNonNull(real, "real");
    }

    @Override
    public void requestCheck(String monitorId, boolean manual) {
        real.requestCheck(monitorId, manual);
    }

    @Override
    public void cancelOperations(String monitorId) {
        real.cancelOperations(monitorId);
    }

    @Override
    public void dropWaitingRequest(String monitorId) {
        real.dropWaitingRequest(monitorId);
    }

    @Override
    public void forgetMonitor(String monitorId) {
        real.forgetMonitor(monitorId);
    }

    @Override
    public Optional<Boolean> waitingRequest(String monitorId) {
        return real.waitingRequest(monitorId);
    }

    @Override
    public boolean isLive(String operationId) {
        return real.isLive(operationId);
    }

    @Override
    public List<Operation> liveOperations() {
        return real.liveOperations();
    }

    @Override
    public long skippedTicks() {
        return real.skippedTicks();
    }

    @Override
    public void shutdown() {
        real.shutdown();
    }
}
