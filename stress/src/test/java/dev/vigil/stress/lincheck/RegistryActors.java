package dev.vigil.stress.lincheck;

import dev.vigil.engine.operation.MonitorOperationRegistry;
import dev.vigil.engine.operation.Operation;
import dev.vigil.engine.OperationIdExhaustedException;
import dev.vigil.stress.variants.CheckThenActRegistry;
import java.util.List;
import java.util.Optional;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Param;

/**
 * The registry's operations as Lincheck actors, over two monitors ({@code m1}, {@code m2}) and
 * three operation ids ({@code op-1} … {@code op-3}): few enough that actors collide on the same
 * operation in most scenarios. Results are encoded exactly as {@link RegistrySpec} encodes them.
 * Subclasses choose the registry: the real one, or the broken negative control.
 */
@Param(name = "op", gen = IntGen.class, conf = "1:3")
@Param(name = "monitor", gen = IntGen.class, conf = "1:2")
public abstract class RegistryActors {
    private static final long INITIATED_AT = 1_000;
    private static final long DEADLINE_AT = 61_000;

    /** What a test needs of a registry; the real one and the negative control both fit. */
    public interface Registry {
        Operation initiateCheck(String monitorId);

        List<Operation> cancelOperations(String monitorId);

        boolean validateOperation(String operationId, String monitorId);

        Optional<Operation> completeOperation(String operationId);

        Optional<Operation> getOperation(String operationId);

        boolean hasOutstandingOperation(String monitorId);

        List<Operation> dropMonitor(String monitorId);
    }

    static Registry real(ScriptedIds ids) {
        MonitorOperationRegistry registry = new MonitorOperationRegistry(ids);
        return new Registry() {
            public Operation initiateCheck(String monitorId) {
                return registry.initiateCheck(monitorId, INITIATED_AT, DEADLINE_AT, false);
            }

            public List<Operation> cancelOperations(String monitorId) {
                return registry.cancelOperations(monitorId);
            }

            public boolean validateOperation(String operationId, String monitorId) {
                return registry.validateOperation(operationId, monitorId);
            }

            public Optional<Operation> completeOperation(String operationId) {
                return registry.completeOperation(operationId);
            }

            public Optional<Operation> getOperation(String operationId) {
                return registry.getOperation(operationId);
            }

            public boolean hasOutstandingOperation(String monitorId) {
                return registry.hasOutstandingOperation(monitorId);
            }

            public List<Operation> dropMonitor(String monitorId) {
                return registry.dropMonitor(monitorId);
            }
        };
    }

    static Registry checkThenAct(ScriptedIds ids) {
        CheckThenActRegistry registry = new CheckThenActRegistry(ids);
        return new Registry() {
            public Operation initiateCheck(String monitorId) {
                try {
                    return registry.initiateCheck(monitorId, INITIATED_AT, DEADLINE_AT, false);
                } catch (IllegalStateException exhausted) {
                    return null;
                }
            }

            public List<Operation> cancelOperations(String monitorId) {
                return registry.cancelOperations(monitorId);
            }

            public boolean validateOperation(String operationId, String monitorId) {
                return registry.validateOperation(operationId, monitorId);
            }

            public Optional<Operation> completeOperation(String operationId) {
                return registry.completeOperation(operationId);
            }

            public Optional<Operation> getOperation(String operationId) {
                return registry.getOperation(operationId);
            }

            public boolean hasOutstandingOperation(String monitorId) {
                return registry.hasOutstandingOperation(monitorId);
            }

            public List<Operation> dropMonitor(String monitorId) {
                return registry.dropMonitor(monitorId);
            }
        };
    }

    protected final ScriptedIds ids = new ScriptedIds();
    private final Registry registry;

    protected RegistryActors(java.util.function.Function<ScriptedIds, Registry> factory) {
        this.registry = factory.apply(ids);
    }

    @org.jetbrains.lincheck.datastructures.Operation
    public String initiateCheck(@Param(name = "op") int op, @Param(name = "monitor") int monitor) {
        ids.set(op);
        try {
            Operation issued = registry.initiateCheck(RegistrySpec.monitorId(monitor));
            return issued == null ? RegistrySpec.EXHAUSTED : describe(issued);
        } catch (OperationIdExhaustedException exhausted) {
            return RegistrySpec.EXHAUSTED;
        }
    }

    @org.jetbrains.lincheck.datastructures.Operation
    public String cancelOperations(@Param(name = "monitor") int monitor) {
        return describe(registry.cancelOperations(RegistrySpec.monitorId(monitor)));
    }

    @org.jetbrains.lincheck.datastructures.Operation
    public boolean validateOperation(@Param(name = "op") int op, @Param(name = "monitor") int monitor) {
        return registry.validateOperation(RegistrySpec.operationId(op), RegistrySpec.monitorId(monitor));
    }

    @org.jetbrains.lincheck.datastructures.Operation
    public String completeOperation(@Param(name = "op") int op) {
        return registry.completeOperation(RegistrySpec.operationId(op)).map(RegistryActors::describe).orElse(RegistrySpec.NONE);
    }

    @org.jetbrains.lincheck.datastructures.Operation
    public String getOperation(@Param(name = "op") int op) {
        return registry.getOperation(RegistrySpec.operationId(op)).map(RegistryActors::describe).orElse(RegistrySpec.NONE);
    }

    @org.jetbrains.lincheck.datastructures.Operation
    public boolean hasOutstandingOperation(@Param(name = "monitor") int monitor) {
        return registry.hasOutstandingOperation(RegistrySpec.monitorId(monitor));
    }

    @org.jetbrains.lincheck.datastructures.Operation
    public String dropMonitor(@Param(name = "monitor") int monitor) {
        return describe(registry.dropMonitor(RegistrySpec.monitorId(monitor)));
    }

    private static String describe(Operation operation) {
        return RegistrySpec.describe(operation.id(), operation.monitorId(), operation.isActive());
    }

    private static String describe(List<Operation> operations) {
        return operations.stream().map(RegistryActors::describe).toList().toString();
    }
}
