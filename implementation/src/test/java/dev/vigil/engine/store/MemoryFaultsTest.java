package dev.vigil.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.CheckRecord;
import dev.vigil.engine.HistoryRetention;
import dev.vigil.engine.MonitorSnapshot;
import dev.vigil.engine.MonitorStatus;
import dev.vigil.engine.StoreException;
import dev.vigil.engine.StoreTransaction;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * SPEC R12 on the in-memory store: a transaction that fails at any stage (before it begins,
 * before its first statement, after all its writes at commit) changes nothing and names itself,
 * for every writing transaction; a rollback that fails too still leaves nothing changed.
 */
class MemoryFaultsTest {
    private final List<MemoryFaults.Stage> armed = new ArrayList<>();
    private final List<MemoryFaults.Stage> reached = new ArrayList<>();
    private MonitorRepository repository;
    private long clockMs = 1_000_000;
    private EngineLeases.Grant grant;

    @BeforeEach
    void open() {
        repository = MonitorRepository.openInMemory(this::strike, () -> clockMs);
        repository.insert("m1", MonitorRepositoryContract.HTTP);
        repository.setMonitoring("m1", true, MonitorStatus.PENDING);
        repository.setActiveOperations("m1", List.of("op1"));
        repository.applyResult("m1", "op1", false, up("op1", 1_000));
        repository.setActiveOperations("m1", List.of("op2"));
        repository.insert("m2", MonitorRepositoryContract.TCP);
        grant = ((EngineLeases.Claim.Claimed) repository.leases().claim("node-a", 60_000)).grant();
    }

    @AfterEach
    void close() {
        repository.close();
    }

    private void strike(MemoryFaults.Stage stage) throws SQLException {
        reached.add(stage);
        if (armed.remove(stage)) {
            throw new SQLException("injected failure at " + stage);
        }
    }

    private static CheckRecord up(String operationId, long atMs) {
        return new CheckRecord(operationId, atMs, MonitorStatus.UP, 12, "HTTP 200");
    }

    private record Write(StoreTransaction transaction, Consumer<MonitorRepository> run) {}

    private List<Write> everyWrite() {
        return List.of(
                new Write(StoreTransaction.INSERT, r -> r.insert("m3", MonitorRepositoryContract.HTTP)),
                new Write(StoreTransaction.UPDATE_SETTINGS, r -> r.updateSettings("m1", MonitorRepositoryContract.TCP, List.of())),
                new Write(StoreTransaction.DELETE, r -> r.delete("m1")),
                new Write(StoreTransaction.START, r -> r.setMonitoring("m2", true, MonitorStatus.PENDING)),
                new Write(StoreTransaction.STOP, r -> r.setMonitoring("m1", false, MonitorStatus.PAUSED)),
                new Write(StoreTransaction.BEGIN_OPERATION, r -> r.setActiveOperations("m2", List.of("op9"))),
                new Write(StoreTransaction.UNLIST, r -> r.removeActiveOperation("m1", "op2")),
                new Write(StoreTransaction.APPLY, r -> r.applyResult("m1", "op2", false, up("op2", 2_000))),
                new Write(StoreTransaction.RECOVER, MonitorRepository::clearAllActiveOperations),
                new Write(StoreTransaction.PRUNE_HISTORY, r -> r.pruneHistory("m1", HistoryRetention.byCount(1), 0, 10)),
                new Write(StoreTransaction.CLAIM_LEASE, r -> r.leases().claim("node-a", 30_000)),
                new Write(StoreTransaction.RENEW_LEASE, r -> r.leases().renew(grant, 90_000)),
                new Write(StoreTransaction.RELEASE_LEASE, r -> r.leases().release(grant)),
                new Write(StoreTransaction.READ_LEASE, r -> r.leases().current()));
    }

    private record State(List<MonitorSnapshot> monitors, List<CheckRecord> history, EngineLeases.Grant lease) {}

    private State state() {
        return new State(repository.findAll(), repository.history("m1"), repository.leases().current());
    }

    @ParameterizedTest
    @EnumSource(value = MemoryFaults.Stage.class, names = {"BEGIN", "WORK", "COMMIT"})
    void aTransactionFailingAtAnyStageChangesNothingAndNamesItself(MemoryFaults.Stage stage) {
        for (Write write : everyWrite()) {
            State before = state();
            armed.add(stage);

            assertThatThrownBy(() -> write.run().accept(repository))
                    .as(write.transaction().label())
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("'" + write.transaction().label() + "'")
                    .hasMessageContaining("injected failure at " + stage)
                    .satisfies(failure -> assertThat(((StoreException) failure).transaction()).contains(write.transaction()));

            assertThat(armed).isEmpty();
            assertThat(state()).as(write.transaction().label()).isEqualTo(before);
        }
    }

    @Test
    void aFailedRollbackStillLeavesNothingChangedAndTheNextTransactionRuns() {
        State before = state();
        armed.add(MemoryFaults.Stage.COMMIT);
        armed.add(MemoryFaults.Stage.ROLLBACK);

        assertThatThrownBy(() -> repository.applyResult("m1", "op2", false, up("op2", 2_000)))
                .isInstanceOf(StoreException.class)
                .satisfies(failure -> assertThat(failure.getCause().getSuppressed()).singleElement()
                        .satisfies(rollback -> assertThat(rollback).hasMessageContaining("ROLLBACK")));

        assertThat(state()).isEqualTo(before);
        assertThat(repository.applyResult("m1", "op2", false, up("op2", 2_000))).isTrue();
        assertThat(repository.history("m1")).containsExactly(up("op1", 1_000), up("op2", 2_000));
    }

    @Test
    void aWriteReachesEveryStageInOrderAndAReadNone() {
        reached.clear();
        repository.find("m1");
        repository.historyPage("m1", 5, java.util.OptionalLong.empty());
        assertThat(reached).isEmpty();

        repository.setActiveOperations("m2", List.of("op5"));
        assertThat(reached).containsExactly(MemoryFaults.Stage.BEGIN, MemoryFaults.Stage.WORK, MemoryFaults.Stage.COMMIT);
    }

    @Test
    void aRolledBackApplyGivesItsSequenceNumberBack() {
        armed.add(MemoryFaults.Stage.COMMIT);
        assertThatThrownBy(() -> repository.applyResult("m1", "op2", false, up("op2", 2_000))).isInstanceOf(StoreException.class);
        repository.applyResult("m1", "op2", false, up("op2", 2_000));

        // Two records, seq 1 and 2: the cursor after the newest points at seq 2.
        assertThat(repository.historyPage("m1", 1, java.util.OptionalLong.empty()).nextCursor()).hasValue(2);
    }

    @Test
    void leasesRunOnTheDatabasesClock() {
        EngineLeases.Grant held = repository.leases().current();
        assertThat(held.expiresAtMs()).isEqualTo(1_000_000 + 60_000);
        clockMs += 60_001;
        assertThat(repository.leases().claim("node-b", 1_000)).isInstanceOf(EngineLeases.Claim.Claimed.class);
    }
}
