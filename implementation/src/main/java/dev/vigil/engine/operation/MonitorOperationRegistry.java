package dev.vigil.engine.operation;

import dev.vigil.engine.runtime.OperationIdSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live operations of every monitor (SPEC §1, R4–R7): the single source of truth for whether
 * a result may still be applied.
 *
 * <p>Thread-safe without a global lock. Each monitor's operations are one immutable map, replaced
 * atomically ({@link ConcurrentHashMap#compute}), so every method is linearizable per monitor and
 * monitors never contend with each other. A second map routes operation ids to their monitor; an
 * id is reserved in it before the operation becomes visible and released only after the
 * operation left, so a routed lookup never misses a live operation.
 */
public final class MonitorOperationRegistry {
    /** How many candidate ids {@link #initiateCheck} tries before failing loudly. */
    public static final int ID_TRIES_MAX = 5;

    private final OperationIdSource ids;
    private final ConcurrentHashMap<String, Map<String, Operation>> byMonitor = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, String> monitorOfOperation = new ConcurrentHashMap<>();

    public MonitorOperationRegistry(OperationIdSource ids) {
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    /**
     * Registers a new ACTIVE operation for {@code monitorId} with a fresh id.
     *
     * @throws OperationIdExhaustedException if {@value #ID_TRIES_MAX} candidates in a row were blank or live
     */
    public Operation initiateCheck(String monitorId, long initiatedAt, long deadlineAt, boolean manual) {
        Objects.requireNonNull(monitorId, "monitorId");
        String candidate = null;
        for (int tries = 0; tries < ID_TRIES_MAX; tries++) {
            candidate = ids.nextId();
            if (candidate == null || candidate.isBlank()) {
                continue;
            }
            if (monitorOfOperation.putIfAbsent(candidate, monitorId) != null) {
                continue;
            }
            Operation operation = new Operation(candidate, monitorId, initiatedAt, deadlineAt, manual, OperationState.ACTIVE);
            byMonitor.compute(monitorId, (id, operations) -> with(operations, operation));
            return operation;
        }
        throw new OperationIdExhaustedException(monitorId, candidate);
    }

    /**
     * Cancels every ACTIVE operation of {@code monitorId}.
     *
     * @return the monitor's operations after cancelling, in id order (all CANCELLED)
     */
    public List<Operation> cancelOperations(String monitorId) {
        Map<String, Operation> after = byMonitor.computeIfPresent(monitorId, (id, operations) -> {
            Map<String, Operation> cancelled = new LinkedHashMap<>();
            operations.forEach((operationId, operation) -> cancelled.put(operationId, operation.cancelled()));
            return Map.copyOf(cancelled);
        });
        return sorted(after);
    }

    /** Whether {@code operationId} is live, ACTIVE and belongs to {@code monitorId}: the registry half of SPEC R6. */
    public boolean validateOperation(String operationId, String monitorId) {
        return getOperation(operationId)
                .filter(operation -> operation.monitorId().equals(monitorId) && operation.isActive())
                .isPresent();
    }

    /**
     * Removes {@code operationId}, whatever its state: it applied, was discarded or expired.
     *
     * @return the operation as it was, or empty if it was not live (a second completion)
     */
    public Optional<Operation> completeOperation(String operationId) {
        String monitorId = monitorOfOperation.get(operationId);
        if (monitorId == null) {
            return Optional.empty();
        }
        Operation[] removed = new Operation[1];
        byMonitor.computeIfPresent(monitorId, (id, operations) -> {
            removed[0] = operations.get(operationId);
            return removed[0] == null ? operations : without(operations, operationId);
        });
        if (removed[0] != null) {
            monitorOfOperation.remove(operationId, monitorId);
        }
        return Optional.ofNullable(removed[0]);
    }

    /** The live operation with this id, if any. */
    public Optional<Operation> getOperation(String operationId) {
        String monitorId = monitorOfOperation.get(operationId);
        if (monitorId == null) {
            return Optional.empty();
        }
        Map<String, Operation> operations = byMonitor.get(monitorId);
        return operations == null ? Optional.empty() : Optional.ofNullable(operations.get(operationId));
    }

    /** Whether the monitor has an operation in the registry, ACTIVE or CANCELLED-not-yet-returned (SPEC R4). */
    public boolean hasOutstandingOperation(String monitorId) {
        return byMonitor.containsKey(monitorId);
    }

    /** The monitor's live operations in id order. */
    public List<Operation> operationsOf(String monitorId) {
        return sorted(byMonitor.get(monitorId));
    }

    /** Every live operation, ordered by monitor id then operation id: a deterministic snapshot. */
    public List<Operation> snapshot() {
        List<Operation> all = new ArrayList<>();
        byMonitor.values().forEach(operations -> all.addAll(operations.values()));
        all.sort(Comparator.comparing(Operation::monitorId).thenComparing(Operation::id));
        return all;
    }

    /** Forgets every operation of the monitor at once (SPEC R10 remove). */
    public List<Operation> dropMonitor(String monitorId) {
        Map<String, Operation> removed = byMonitor.remove(monitorId);
        if (removed != null) {
            removed.keySet().forEach(operationId -> monitorOfOperation.remove(operationId, monitorId));
        }
        return sorted(removed);
    }

    /** Live operations in the whole registry. */
    public int size() {
        return monitorOfOperation.size();
    }

    private static Map<String, Operation> with(Map<String, Operation> operations, Operation added) {
        if (operations == null) {
            return Map.of(added.id(), added);
        }
        Map<String, Operation> copy = new LinkedHashMap<>(operations);
        copy.put(added.id(), added);
        return Map.copyOf(copy);
    }

    /** Returns {@code null} for an empty result so that {@code compute} removes the monitor's entry. */
    private static Map<String, Operation> without(Map<String, Operation> operations, String operationId) {
        Map<String, Operation> copy = new LinkedHashMap<>(operations);
        copy.remove(operationId);
        return copy.isEmpty() ? null : Map.copyOf(copy);
    }

    private static List<Operation> sorted(Map<String, Operation> operations) {
        if (operations == null) {
            return List.of();
        }
        return operations.values().stream().sorted(Comparator.comparing(Operation::id)).toList();
    }
}
