package dev.vigil.simulation.variant;

import dev.vigil.engine.CheckRecord;
import dev.vigil.engine.MonitorStatus;
import dev.vigil.engine.check.CheckerContext;
import dev.vigil.engine.check.CheckerFactory;
import dev.vigil.engine.operation.Operation;
import dev.vigil.engine.probe.ProbeResult;
import dev.vigil.engine.status.ApplyOutcome;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The shape of the result-handling bugs: a composition that is the real engine on every result it
 * applies, and does something wrong with each result the real engine would discard. Keeping the
 * happy path identical makes the harness catch exactly the bug, not an unrelated difference.
 */
final class DiscardedResults {
    /** What a buggy composition does with a result the engine discarded. */
    @FunctionalInterface
    interface Mishandling {
        ApplyOutcome handle(CheckerContext context, Operation operation, ProbeResult result, ApplyOutcome.Discarded discarded);
    }

    private DiscardedResults() {
    }

    static CheckerFactory mishandledBy(Mishandling mishandling) {
        return CorrectApply.around((context, correct, operation, result) -> {
            ApplyOutcome outcome = correct.apply(operation, result);
            return outcome instanceof ApplyOutcome.Discarded discarded
                    ? mishandling.handle(context, operation, result, discarded)
                    : outcome;
        });
    }

    /** The record a result would make, stamped now. */
    static CheckRecord recordOf(CheckerContext context, Operation operation, ProbeResult result) {
        return new CheckRecord(operation.id(), context.runtime().clock().wallTimeMs(), result.up() ? MonitorStatus.UP : MonitorStatus.DOWN,
                result.responseTimeMs(), result.details());
    }

    /** Appends a history record with plain SQL, past the repository, as buggy code does. */
    static void appendHistory(Connection connection, String monitorId, CheckRecord record) throws SQLException {
        try (PreparedStatement history = connection.prepareStatement(
                "INSERT INTO history (monitor_id, operation_id, at_ms, status, response_time_ms, details) VALUES (?, ?, ?, ?, ?, ?)")) {
            history.setString(1, monitorId);
            history.setString(2, record.operationId());
            history.setLong(3, record.atMs());
            history.setString(4, record.status().name());
            history.setLong(5, record.responseTimeMs());
            history.setString(6, record.details());
            history.executeUpdate();
        }
    }
}
