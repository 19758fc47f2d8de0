package dev.vigil.engine.operation;

import dev.vigil.engine.OperationIdExhaustedException;
import dev.vigil.engine.spi.LiveOperation;
import dev.vigil.engine.spi.OperationIdSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live operations of every monitor (SPEC §1, R4–R7): the single source of truth for whether
 * a result may still be applied.
 *
 * <p>Thread-safe without a global lock, and linearizable (Lincheck checks it in {@code stress/}).
 * Each monitor's operations are one immutable map, replaced atomically inside
 * {@link ConcurrentHashMap#compute}; a second map routes operation ids to their monitor. The route
 * is written and removed <em>inside</em> the monitor's compute, and every read goes through the
 * same compute, so no thread can see an id routed to a monitor whose map does not show it yet
 * (a plain {@code get} could: Lincheck found exactly that in an earlier version). Different
 * monitors never contend. {@link #snapshot()} is a diagnostic, not linearizable.
 */
public final class MonitorOperationRegistry {
    private final OperationIdSource ids;
    private final ConcurrentHashMap<String, Map<String, Operation>> byMonitor = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, String> monitorOfOperation = new ConcurrentHashMap<>();
    /**
     * {@link #digest()}: updated inside each monitor's compute from the map it replaces and the
     * one replacing it, so it follows what the maps hold, not what a caller meant to change.
     */
    private final AtomicLong digest = new AtomicLong();

    /**
     * An empty registry.
     *
     * @param ids where candidate operation ids come from
     */
    public MonitorOperationRegistry(OperationIdSource ids) {
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    /**
     * Registers a new ACTIVE operation for {@code monitorId} with a fresh id.
     *
     * @param monitorId   the monitor to check
     * @param initiatedAt monotonic ms now
     * @param deadlineAt  monotonic ms by which the operation leaves the registry (SPEC R7)
     * @param manual      whether checkNow requested it (SPEC R8)
     * @return the registered operation
     * @throws OperationIdExhaustedException if {@value OperationIdSource#CANDIDATES_PER_OPERATION_MAX} candidates in a row were blank or live
     */
    public Operation initiateCheck(String monitorId, long initiatedAt, long deadlineAt, boolean manual) {
        Objects.requireNonNull(monitorId, "monitorId");
        String candidate = null;
        for (int tries = 0; tries < OperationIdSource.CANDIDATES_PER_OPERATION_MAX; tries++) {
            candidate = ids.nextId();
            if (candidate == null || candidate.isBlank()) {
                continue;
            }
            Operation operation = new Operation(candidate, monitorId, initiatedAt, deadlineAt, manual, OperationState.ACTIVE);
            boolean[] added = new boolean[1];
            byMonitor.compute(monitorId, (id, operations) -> {
                if (monitorOfOperation.putIfAbsent(operation.id(), monitorId) != null) {
                    return operations; // a live id: try another
                }
                added[0] = true;
                return replaced(operations, with(operations, operation));
            });
            if (added[0]) {
                return operation;
            }
        }
        throw new OperationIdExhaustedException(monitorId, candidate);
    }

    /**
     * Cancels every ACTIVE operation of {@code monitorId}.
     *
     * @param monitorId the monitor
     * @return the monitor's operations after cancelling, in id order (all CANCELLED)
     */
    public List<Operation> cancelOperations(String monitorId) {
        Map<String, Operation> after = byMonitor.computeIfPresent(monitorId, (id, operations) -> {
            Map<String, Operation> cancelled = new LinkedHashMap<>();
            operations.forEach((operationId, operation) -> cancelled.put(operationId, operation.cancelled()));
            return replaced(operations, Map.copyOf(cancelled));
        });
        return after == null ? List.of() : sorted(after.values());
    }

    /**
     * The registry half of SPEC R6: whether a result of this operation may land.
     *
     * @param operationId the operation whose result arrived
     * @param monitorId   the monitor it claims to belong to
     * @return {@code true} if the operation is live, ACTIVE and belongs to {@code monitorId}
     */
    public boolean validateOperation(String operationId, String monitorId) {
        return getOperation(operationId)
                .filter(operation -> operation.monitorId().equals(monitorId) && operation.isActive())
                .isPresent();
    }

    /**
     * Removes {@code operationId}, whatever its state: it applied, was discarded or expired.
     *
     * @param operationId the operation
     * @return the operation as it was, or empty if it was not live (a second completion)
     */
    public Optional<Operation> completeOperation(String operationId) {
        String monitorId = monitorOfOperation.get(operationId);
        if (monitorId == null) {
            return Optional.empty();
        }
        Operation[] removed = new Operation[1];
        byMonitor.computeIfPresent(monitorId, (id, operations) -> {
            // Absent here when a concurrent completion removed it first: then the route is gone
            // too and the copy without it equals the map.
            removed[0] = operations.get(operationId);
            monitorOfOperation.remove(operationId, monitorId);
            return replaced(operations, without(operations, operationId));
        });
        return Optional.ofNullable(removed[0]);
    }

    /**
     * Looks up a live operation.
     *
     * @param operationId the operation
     * @return it, or empty if it is not live
     */
    public Optional<Operation> getOperation(String operationId) {
        String monitorId = monitorOfOperation.get(operationId);
        if (monitorId == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(read(monitorId).get(operationId));
    }

    /**
     * Whether the monitor has an operation in the registry (SPEC R4).
     *
     * @param monitorId the monitor
     * @return {@code true} if one is ACTIVE, or CANCELLED and not yet returned
     */
    public boolean hasOutstandingOperation(String monitorId) {
        return !read(monitorId).isEmpty();
    }

    /**
     * The monitor's live operations.
     *
     * @param monitorId the monitor
     * @return them in id order
     */
    public List<Operation> operationsOf(String monitorId) {
        return sorted(read(monitorId).values());
    }

    /**
     * Every live operation: a diagnostic snapshot, not linearizable.
     *
     * @return them ordered by monitor id, then operation id
     */
    public List<Operation> snapshot() {
        List<Operation> all = new ArrayList<>();
        byMonitor.values().forEach(operations -> all.addAll(operations.values()));
        all.sort(Comparator.comparing(Operation::monitorId).thenComparing(Operation::id));
        return all;
    }

    /**
     * Forgets every operation of the monitor at once (SPEC R10 remove).
     *
     * @param monitorId the removed monitor
     * @return the operations it had, in id order
     */
    public List<Operation> dropMonitor(String monitorId) {
        List<Operation> removed = new ArrayList<>();
        byMonitor.computeIfPresent(monitorId, (id, operations) -> {
            removed.addAll(operations.values());
            operations.keySet().forEach(operationId -> monitorOfOperation.remove(operationId, monitorId));
            return replaced(operations, null);
        });
        return sorted(removed);
    }

    /**
     * The sum of {@link LiveOperation#digest} over every live operation (its id digested by the
     * id source, cancelled when not ACTIVE), as {@link #snapshot()} would list them; kept as
     * operations come, change and go.
     * Like the snapshot, a diagnostic, not linearizable with concurrent changes.
     *
     * @return the digest, 0 when the registry is empty
     */
    public long digest() {
        return digest.get();
    }

    /**
     * Live operations in the whole registry.
     *
     * @return their count
     */
    public int size() {
        return monitorOfOperation.size();
    }

    /**
     * The monitor's operations, read under its compute: waits for a concurrent change of the same
     * monitor to finish, so a read never sees half of one.
     */
    private Map<String, Operation> read(String monitorId) {
        Map<String, Operation> operations = byMonitor.compute(monitorId, (id, current) -> current);
        return operations == null ? Map.of() : operations;
    }

    /** Called inside a monitor's compute with the map it holds and the one that replaces it: keeps {@link #digest} in step. */
    private Map<String, Operation> replaced(Map<String, Operation> before, Map<String, Operation> after) {
        long change = digestOf(after) - digestOf(before);
        if (change != 0) {
            digest.addAndGet(change);
        }
        return after;
    }

    private long digestOf(Map<String, Operation> operations) {
        long sum = 0;
        if (operations != null) {
            for (Operation operation : operations.values()) {
                sum += LiveOperation.digest(ids.digestOf(operation.id()), !operation.isActive());
            }
        }
        return sum;
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

    private static List<Operation> sorted(Collection<Operation> operations) {
        return operations.stream().sorted(Comparator.comparing(Operation::id)).toList();
    }
}
