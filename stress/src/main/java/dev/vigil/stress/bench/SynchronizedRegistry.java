package dev.vigil.stress.bench;

import dev.vigil.engine.operation.Operation;
import dev.vigil.engine.operation.OperationState;
import dev.vigil.engine.spi.OperationIdSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * BASELINE for the registry benchmark: the operations the engine's {@code
 * MonitorOperationRegistry} offers (initiate, cancel, validate, complete), each guarded by one
 * {@code synchronized} block over plain hash maps. Correct (linearizable by construction: one
 * lock), and the simplest thing that could work; the benchmark reports how much the real
 * registry, which lets different monitors proceed without a shared lock, gains over it.
 * Not used by the engine.
 */
public final class SynchronizedRegistry {
    private static final int ID_TRIES_MAX = 5;

    private final OperationIdSource ids;
    private final Object lock = new Object();
    private final Map<String, Operation> operations = new HashMap<>(); // guarded by lock
    private final Map<String, Set<String>> operationsOfMonitor = new HashMap<>(); // guarded by lock

    public SynchronizedRegistry(OperationIdSource ids) {
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    /** Registers a new ACTIVE operation with a fresh id; fails after {@value #ID_TRIES_MAX} blank or live candidates. */
    public Operation initiateCheck(String monitorId, long initiatedAt, long deadlineAt, boolean manual) {
        Objects.requireNonNull(monitorId, "monitorId");
        String candidate = null;
        for (int tries = 0; tries < ID_TRIES_MAX; tries++) {
            candidate = ids.nextId();
            if (candidate == null || candidate.isBlank()) {
                continue;
            }
            Operation operation = new Operation(candidate, monitorId, initiatedAt, deadlineAt, manual, OperationState.ACTIVE);
            synchronized (lock) {
                if (operations.putIfAbsent(candidate, operation) == null) {
                    operationsOfMonitor.computeIfAbsent(monitorId, id -> new LinkedHashSet<>()).add(candidate);
                    return operation;
                }
            }
        }
        throw new IllegalStateException("could not issue a unique operation id for monitor '" + monitorId
                + "' after " + ID_TRIES_MAX + " tries (last candidate: '" + candidate + "')");
    }

    /** Cancels every operation of the monitor; returns them, all CANCELLED. */
    public List<Operation> cancelOperations(String monitorId) {
        synchronized (lock) {
            Set<String> ofMonitor = operationsOfMonitor.get(monitorId);
            if (ofMonitor == null) {
                return List.of();
            }
            List<Operation> cancelled = new ArrayList<>(ofMonitor.size());
            for (String operationId : ofMonitor) {
                Operation operation = operations.get(operationId);
                Operation after = new Operation(operation.id(), operation.monitorId(), operation.initiatedAt(),
                        operation.deadlineAt(), operation.manual(), OperationState.CANCELLED);
                operations.put(operationId, after);
                cancelled.add(after);
            }
            return cancelled;
        }
    }

    /** Whether the operation is live, ACTIVE and belongs to the monitor. */
    public boolean validateOperation(String operationId, String monitorId) {
        synchronized (lock) {
            Operation operation = operations.get(operationId);
            return operation != null && operation.monitorId().equals(monitorId) && operation.isActive();
        }
    }

    /** Removes the operation whatever its state; empty if it was not live. */
    public Optional<Operation> completeOperation(String operationId) {
        synchronized (lock) {
            Operation removed = operations.remove(operationId);
            if (removed == null) {
                return Optional.empty();
            }
            Set<String> ofMonitor = operationsOfMonitor.get(removed.monitorId());
            ofMonitor.remove(operationId);
            if (ofMonitor.isEmpty()) {
                operationsOfMonitor.remove(removed.monitorId());
            }
            return Optional.of(removed);
        }
    }
}
