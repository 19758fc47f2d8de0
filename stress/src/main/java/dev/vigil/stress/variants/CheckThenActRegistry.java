package dev.vigil.stress.variants;

import dev.vigil.engine.operation.Operation;
import dev.vigil.engine.operation.OperationState;
import dev.vigil.engine.spi.OperationIdSource;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * NEGATIVE CONTROL, deliberately broken: the operation registry's API with a check-then-act race
 * in every writer. Each step is a thread-safe {@link ConcurrentHashMap} call, yet the pair is
 * not atomic: two completions of one operation can both receive it (a result applied twice), a
 * cancel can resurrect an operation that completed in between, and two initiations can issue
 * the same id. The Lincheck and jcstress tests must keep catching it; if they stop, they have
 * lost their teeth. Never use it for anything else.
 */
public final class CheckThenActRegistry {
    private static final int ID_TRIES_MAX = 5;

    private final OperationIdSource ids;
    private final ConcurrentHashMap<String, Operation> operations = new ConcurrentHashMap<>();

    public CheckThenActRegistry(OperationIdSource ids) {
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    public Operation initiateCheck(String monitorId, long initiatedAt, long deadlineAt, boolean manual) {
        for (int tries = 0; tries < ID_TRIES_MAX; tries++) {
            String candidate = ids.nextId();
            if (candidate == null || candidate.isBlank() || operations.containsKey(candidate)) { // check …
                continue;
            }
            Operation operation = new Operation(candidate, monitorId, initiatedAt, deadlineAt, manual, OperationState.ACTIVE);
            operations.put(candidate, operation); // … then act: another thread may have taken the id meanwhile
            return operation;
        }
        throw new IllegalStateException("could not issue a unique operation id for monitor '" + monitorId + "'");
    }

    public List<Operation> cancelOperations(String monitorId) {
        for (Operation operation : operationsOf(monitorId)) { // check …
            // … then act: the operation may have completed meanwhile, and this put brings it back.
            operations.put(operation.id(), new Operation(operation.id(), operation.monitorId(), operation.initiatedAt(),
                    operation.deadlineAt(), operation.manual(), OperationState.CANCELLED));
        }
        return operationsOf(monitorId);
    }

    public boolean validateOperation(String operationId, String monitorId) {
        return getOperation(operationId).filter(op -> op.monitorId().equals(monitorId) && op.isActive()).isPresent();
    }

    public Optional<Operation> completeOperation(String operationId) {
        Operation operation = operations.get(operationId); // check …
        if (operation == null) {
            return Optional.empty();
        }
        operations.remove(operationId); // … then act: a second completion may have read it too
        return Optional.of(operation);
    }

    public Optional<Operation> getOperation(String operationId) {
        return Optional.ofNullable(operations.get(operationId));
    }

    public boolean hasOutstandingOperation(String monitorId) {
        return operations.values().stream().anyMatch(op -> op.monitorId().equals(monitorId));
    }

    public List<Operation> operationsOf(String monitorId) {
        return operations.values().stream()
                .filter(op -> op.monitorId().equals(monitorId))
                .sorted(Comparator.comparing(Operation::id))
                .toList();
    }

    public List<Operation> dropMonitor(String monitorId) {
        List<Operation> dropped = operationsOf(monitorId);
        dropped.forEach(op -> operations.remove(op.id()));
        return dropped;
    }
}
