package dev.vigil.engine.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.EngineClock;
import dev.vigil.engine.MonitorSettings;
import dev.vigil.engine.MonitorSnapshot;
import dev.vigil.engine.MonitorStatus;
import dev.vigil.engine.StoreException;
import dev.vigil.engine.StoreTransaction;
import dev.vigil.engine.event.EngineEvent;
import dev.vigil.engine.outbox.EventPublisher;
import dev.vigil.engine.lane.MonitorLanes;
import dev.vigil.engine.status.ApplyOutcome;
import dev.vigil.engine.status.MonitorTable;
import dev.vigil.engine.store.FailingDataSource;
import dev.vigil.engine.store.MonitorRepository;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteDataSource;

/**
 * The begin and unlist transactions around an operation (docs/SEMANTICS.md, SPEC R12, I4): what
 * each writes to the store and the in-memory view, and what a failure leaves behind.
 */
class OperationListingTest {
    private static final MonitorSettings SETTINGS = MonitorSettings.http("http://localhost:8080/");

    /** Only its failure switches are used: the store's one connection is wrapped in them. */
    private final FailingDataSource failing = new FailingDataSource(new SQLiteDataSource());
    private final MonitorTable monitors = new MonitorTable();
    private final List<EngineEvent> events = new ArrayList<>();
    private MonitorRepository repository;
    private OperationListing listing;

    @BeforeEach
    void open() {
        repository = MonitorRepository.openSqliteInMemory(failing::wrap);
        repository.insert("m1", SETTINGS);
        repository.setMonitoring("m1", true, MonitorStatus.PENDING);
        monitors.put(repository.find("m1").orElseThrow());
        // Delivered at once: these tests hold no lane.
        EventPublisher publisher = new EventPublisher(List.of(events::add), Runnable::run, new MonitorLanes(), EngineClock.system());
        listing = new OperationListing(repository, monitors, publisher);
    }

    @AfterEach
    void close() {
        repository.close();
    }

    private MonitorSnapshot inMemory() {
        return monitors.get("m1").orElseThrow();
    }

    private MonitorSnapshot stored() {
        return repository.find("m1").orElseThrow();
    }

    @Test
    void beginListsTheOperationInTheStoreAndInMemory() {
        assertThat(listing.begin(inMemory(), "op-1")).isEmpty();

        assertThat(stored().activeOperations()).containsExactly("op-1");
        assertThat(inMemory().activeOperations()).containsExactly("op-1");
        assertThat(events).isEmpty();
    }

    @Test
    void aFailedBeginIsReportedAndListsNothing() {
        failing.failNextTransaction();

        assertThat(listing.begin(inMemory(), "op-1")).isPresent();

        assertThat(stored().activeOperations()).isEmpty();
        assertThat(inMemory().activeOperations()).isEmpty();
        assertThat(events).singleElement().isInstanceOfSatisfying(EngineEvent.StoreFailed.class, failed -> {
            assertThat(failed.monitorId()).isEqualTo("m1");
            assertThat(failed.transaction()).isEqualTo(StoreTransaction.BEGIN_OPERATION);
        });
    }

    @Test
    void aDiscardedListedOperationIsUnlistedInTheStoreAndInMemory() {
        listing.begin(inMemory(), "op-1");

        listing.discarded("m1", "op-1", "monitor is paused");

        assertThat(events).containsExactly(new EngineEvent.CheckDiscarded("m1", "op-1", "monitor is paused"));
        assertThat(stored().activeOperations()).isEmpty();
        assertThat(inMemory().activeOperations()).isEmpty();
    }

    @Test
    void unlistingKeepsTheOtherListedIds() {
        // Two listed ids cannot come from one engine (begin replaces the list); a store written
        // by an older version can hold them, and unlisting one must keep the other.
        repository.setActiveOperations("m1", List.of("op-1", "op-2"));
        monitors.put(stored());

        listing.discarded("m1", "op-1", "operation is not ACTIVE");

        assertThat(stored().activeOperations()).containsExactly("op-2");
        assertThat(inMemory().activeOperations()).containsExactly("op-2");
    }

    @Test
    void anUnlistedOperationIsOnlyAnnouncedNoTransactionRuns() {
        listing.begin(inMemory(), "op-2");
        events.clear();
        // Armed but never reached: a transaction would fail and report StoreFailed.
        failing.failNextTransaction();

        listing.discarded("m1", "op-1", "operation is not ACTIVE");

        assertThat(events).containsExactly(new EngineEvent.CheckDiscarded("m1", "op-1", "operation is not ACTIVE"));
        assertThat(failing.failuresInjected()).isZero();
        assertThat(inMemory().activeOperations()).containsExactly("op-2");
        failing.reset();
    }

    @Test
    void aRemovedMonitorsOperationIsOnlyAnnounced() {
        monitors.remove("m1");
        failing.failNextTransaction();

        listing.discarded("m1", "op-1", "monitor was removed");

        assertThat(events).containsExactly(new EngineEvent.CheckDiscarded("m1", "op-1", "monitor was removed"));
        assertThat(failing.failuresInjected()).isZero();
        assertThat(monitors.contains("m1")).isFalse();
        failing.reset();
    }

    @Test
    void aFailedUnlistIsReportedAndLeavesTheIdListedStale() {
        listing.begin(inMemory(), "op-1");
        failing.failNextTransaction();

        listing.discarded("m1", "op-1", "monitor is paused");

        assertThat(events).hasSize(2);
        assertThat(events.get(0)).isEqualTo(new EngineEvent.CheckDiscarded("m1", "op-1", "monitor is paused"));
        assertThat(events.get(1)).isInstanceOfSatisfying(EngineEvent.StoreFailed.class,
                failed -> assertThat(failed.transaction()).isEqualTo(StoreTransaction.UNLIST));
        assertThat(stored().activeOperations()).containsExactly("op-1");
        assertThat(inMemory().activeOperations()).containsExactly("op-1");
    }

    @Test
    void settledUnlistsOnlyADiscardedOperation() {
        listing.begin(inMemory(), "op-1");

        listing.settled("m1", "op-1", new ApplyOutcome.Failed(new StoreException("apply of m1 failed: busy", null)));
        assertThat(events).isEmpty();
        assertThat(inMemory().activeOperations()).containsExactly("op-1");

        listing.settled("m1", "op-1", new ApplyOutcome.Discarded("monitor is paused"));
        assertThat(events).containsExactly(new EngineEvent.CheckDiscarded("m1", "op-1", "monitor is paused"));
        assertThat(stored().activeOperations()).isEmpty();
    }
}
