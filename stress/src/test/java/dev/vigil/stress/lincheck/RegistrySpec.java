package dev.vigil.stress.lincheck;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sequential specification of the operation registry (SPEC §1, R4–R7) that Lincheck holds
 * the real {@code MonitorOperationRegistry} to: a sorted map of live operations and nothing else.
 * Its public methods mirror the actors of {@link RegistryLincheckTest} one for one, with the same
 * result encoding ({@link #describe}).
 */
public final class RegistrySpec {
    /** The result of an initiation whose id is already live: the registry retries, then fails loudly. */
    static final String EXHAUSTED = "EXHAUSTED";
    static final String NONE = "none";

    private record Op(String monitorId, boolean active) {}

    private final Map<String, Op> live = new TreeMap<>();

    public String initiateCheck(int op, int monitor) {
        String id = operationId(op);
        if (live.containsKey(id)) {
            return EXHAUSTED;
        }
        live.put(id, new Op(monitorId(monitor), true));
        return describe(id, monitorId(monitor), true);
    }

    public String cancelOperations(int monitor) {
        List<String> after = new ArrayList<>();
        for (Map.Entry<String, Op> entry : live.entrySet()) {
            if (entry.getValue().monitorId().equals(monitorId(monitor))) {
                entry.setValue(new Op(entry.getValue().monitorId(), false));
                after.add(describe(entry.getKey(), entry.getValue().monitorId(), false));
            }
        }
        return after.toString();
    }

    public boolean validateOperation(int op, int monitor) {
        Op found = live.get(operationId(op));
        return found != null && found.active() && found.monitorId().equals(monitorId(monitor));
    }

    public String completeOperation(int op) {
        Op removed = live.remove(operationId(op));
        return removed == null ? NONE : describe(operationId(op), removed.monitorId(), removed.active());
    }

    public String getOperation(int op) {
        Op found = live.get(operationId(op));
        return found == null ? NONE : describe(operationId(op), found.monitorId(), found.active());
    }

    public boolean hasOutstandingOperation(int monitor) {
        return live.values().stream().anyMatch(found -> found.monitorId().equals(monitorId(monitor)));
    }

    public String dropMonitor(int monitor) {
        Map<String, Op> dropped = new LinkedHashMap<>();
        live.entrySet().removeIf(entry -> {
            if (entry.getValue().monitorId().equals(monitorId(monitor))) {
                dropped.put(entry.getKey(), entry.getValue());
                return true;
            }
            return false;
        });
        List<String> described = new ArrayList<>();
        dropped.forEach((id, found) -> described.add(describe(id, found.monitorId(), found.active())));
        return described.toString();
    }

    static String operationId(int k) {
        return "op-" + k;
    }

    static String monitorId(int k) {
        return "m" + k;
    }

    static String describe(String operationId, String monitorId, boolean active) {
        return operationId + "@" + monitorId + (active ? ":ACTIVE" : ":CANCELLED");
    }
}
