package dev.vigil.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.engine.CheckRecord;
import dev.vigil.engine.DnsOptions;
import dev.vigil.engine.HistoryPage;
import dev.vigil.engine.HistoryRetention;
import dev.vigil.engine.HttpOptions;
import dev.vigil.engine.InvalidSettingsException;
import dev.vigil.engine.MonitorSettings;
import dev.vigil.engine.MonitorSnapshot;
import dev.vigil.engine.MonitorStatus;
import dev.vigil.engine.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every way of opening a {@link MonitorRepository} must do: the SEMANTICS.md store
 * transactions, the apply compare-and-set in each of its branches, history order, tolerance
 * of a damaged {@code active_operations}, and schema versioning. A subclass supplies the
 * repository; tests needing a second look at the same database ({@link #reopen}) run only
 * where that is possible.
 */
abstract class MonitorRepositoryContract {
    static final MonitorSettings HTTP = MonitorSettings.http("https://example.com/health");
    static final MonitorSettings TCP = MonitorSettings.tcp("db.internal:5432").withRetryAttempts(2);

    protected MonitorRepository repository;

    /** A repository on a new, empty database. Called once per test. */
    protected abstract MonitorRepository create();

    /** Whether the database outlives its repository, so that {@link #reopen} is possible. */
    protected boolean canReopen() {
        return true;
    }

    /** A new repository on the database that {@link #create} made; the caller closed the old one. */
    protected abstract MonitorRepository reopen();

    /**
     * Whether the store keeps rows that raw SQL can damage ({@link #executeRaw}); the in-memory
     * store keeps typed values, so a damaged row cannot exist there.
     */
    protected boolean takesRawSql() {
        return true;
    }

    /** Runs {@code sql} on the test's database behind the repository's back. */
    protected abstract void executeRaw(String sql);

    /** {@link #executeRaw} for the subclasses that reach their database through a data source. */
    static void executeOn(DataSource dataSource, String sql) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    @BeforeEach
    void openRepository() {
        repository = create();
    }

    @AfterEach
    void closeRepository() {
        repository.close();
    }

    static CheckRecord record(String operationId, long atMs, MonitorStatus status) {
        return new CheckRecord(operationId, atMs, status, 42, status == MonitorStatus.UP ? "HTTP 200" : "HTTP 503");
    }

    private MonitorSnapshot snapshot(String id) {
        return repository.find(id).orElseThrow();
    }

    /** A monitor that is monitoring and lists {@code operationId}. */
    private void monitoringWith(String id, String operationId) {
        repository.insert(id, HTTP);
        assertThat(repository.setMonitoring(id, true, MonitorStatus.PENDING)).isTrue();
        assertThat(repository.setActiveOperations(id, List.of(operationId))).isTrue();
    }

    // ---------------------------------------------------------------- insert, find

    @Test
    void insertStoresAPausedMonitorWithNothingElse() {
        repository.insert("m1", TCP);

        MonitorSnapshot stored = snapshot("m1");
        assertThat(stored).isEqualTo(new MonitorSnapshot("m1", TCP, false, MonitorStatus.PAUSED,
                OptionalLong.empty(), 0, List.of()));
        assertThat(repository.history("m1")).isEmpty();
    }

    @Test
    void everySettingRoundTrips() {
        MonitorSettings settings = MonitorSettings.http("http://[::1]:8080/a?b=c")
                .withIntervalMs(MonitorSettings.INTERVAL_MS_MAX)
                .withTimeoutMs(MonitorSettings.TIMEOUT_MS_MAX)
                .withRetryAttempts(MonitorSettings.RETRY_ATTEMPTS_MAX)
                .withExpectedStatus(100, 599)
                .withKeyword("ok \"quoted\" 'single' ü ✓")
                .withRedirectsMax(0);
        repository.insert("m1", settings);
        repository.insert("m2", MonitorSettings.dns("example.org"));

        assertThat(snapshot("m1").settings()).isEqualTo(settings);
        assertThat(snapshot("m2").settings()).isEqualTo(MonitorSettings.dns("example.org"));
    }

    @Test
    void everyProbeOptionRoundTrips() throws java.io.IOException {
        String pem;
        try (java.io.InputStream in = MonitorRepositoryContract.class.getResourceAsStream("/fixture-certificate.pem")) {
            pem = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
        }
        MonitorSettings everything = MonitorSettings.http("https://example.com/api?x=1").withHttp(http -> http
                .withMethod(HttpOptions.Method.POST)
                .withHeader("X-Api-Key", "k: with colon ü")
                .withHeader("Accept", "application/json")
                .withBasicAuth("ops", "pä:ss'\"word")
                .withRedirectsJudged().withExpectedStatus(301, 308)
                .withTrustedCertificates(pem)
                .withCertificateExpiryDaysMin(30)
                .withVersion(HttpOptions.Version.HTTP_2));
        MonitorSettings bearer = MonitorSettings.http("https://example.com/").withHttp(http -> http
                .withBearerToken("abc.def-ghi")
                .withTls(new HttpOptions.Tls.TrustStore("/etc/vigil/trust.jks", "store-pass", HttpOptions.Tls.StoreType.JKS))
                .withRedirectsMax(HttpOptions.REDIRECTS_MAX));
        MonitorSettings insecure = MonitorSettings.http("https://self-signed.internal/").withHttp(HttpOptions::withInsecureTls);
        MonitorSettings dns = MonitorSettings.dns("_dmarc.example.com").withDns(options -> options
                .withRecordType(DnsOptions.RecordType.TXT).withServer("[::1]:5353").withExpectedAnswer("v=DMARC1; p=reject"));
        repository.insert("everything", everything);
        repository.insert("bearer", bearer);
        repository.insert("insecure", insecure);
        repository.insert("dns", dns);

        assertThat(snapshot("everything").settings()).isEqualTo(everything);
        assertThat(snapshot("bearer").settings()).isEqualTo(bearer);
        assertThat(snapshot("insecure").settings()).isEqualTo(insecure);
        assertThat(snapshot("dns").settings()).isEqualTo(dns);

        // And through an update, which writes the same columns by another statement.
        repository.updateSettings("bearer", everything, List.of());
        repository.updateSettings("dns", MonitorSettings.dns("example.com"), List.of());
        assertThat(snapshot("bearer").settings()).isEqualTo(everything);
        assertThat(snapshot("dns").settings()).isEqualTo(MonitorSettings.dns("example.com"));
    }

    @Test
    void findOfAnUnknownMonitorIsEmpty() {
        assertThat(repository.find("nope")).isEmpty();
        assertThat(repository.history("nope")).isEmpty();
    }

    @Test
    void findAllIsInAscendingIdOrder() {
        for (String id : List.of("m10", "B", "m2", "a", "m1", "Z")) {
            repository.insert(id, HTTP);
        }

        assertThat(repository.findAll()).extracting(MonitorSnapshot::id)
                .containsExactly("B", "Z", "a", "m1", "m10", "m2");
    }

    @Test
    void findAllOfAnEmptyStoreIsEmpty() {
        assertThat(repository.findAll()).isEmpty();
    }

    @Test
    void aDuplicateIdIsRejectedAndTheFirstMonitorKept() {
        repository.insert("m1", HTTP);

        assertThatThrownBy(() -> repository.insert("m1", TCP))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessage("id = m1 is invalid: unique: a monitor with this id exists")
                .extracting(e -> ((InvalidSettingsException) e).field()).isEqualTo("id");
        assertThat(snapshot("m1").settings()).isEqualTo(HTTP);
        assertThat(repository.findAll()).hasSize(1);
    }

    @Test
    void aBlankIdIsRejected() {
        assertThatThrownBy(() -> repository.insert(" ", HTTP))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("id");
        assertThat(repository.findAll()).isEmpty();
    }

    // ---------------------------------------------------------------- update, delete

    @Test
    void updateReplacesSettingsAndKeepsEverythingElse() {
        monitoringWith("m1", "op1");
        assertThat(repository.applyResult("m1", "op1", false, record("op1", 1_000, MonitorStatus.UP))).isTrue();
        assertThat(repository.setActiveOperations("m1", List.of("op2"))).isTrue();
        MonitorSnapshot before = snapshot("m1");

        assertThat(repository.updateSettings("m1", TCP, List.of("op2"))).isTrue();

        assertThat(snapshot("m1")).isEqualTo(updated(before, TCP, List.of("op2")));
        assertThat(repository.history("m1")).hasSize(1);
    }

    @Test
    void updateOfAnUnknownMonitorReturnsFalse() {
        assertThat(repository.updateSettings("nope", TCP, List.of())).isFalse();
        assertThat(repository.find("nope")).isEmpty();
    }

    @Test
    void updateWithOperationsAlsoReplacesTheListInTheSameTransaction() {
        monitoringWith("m1", "stale");
        repository.setActiveOperations("m1", List.of("stale", "live"));
        MonitorSnapshot before = snapshot("m1");

        assertThat(repository.updateSettings("m1", TCP, List.of("live"))).isTrue();

        assertThat(snapshot("m1")).isEqualTo(updated(before, TCP, List.of("live")));
        assertThatThrownBy(() -> repository.updateSettings("m1", HTTP, List.of(" ")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(snapshot("m1").settings()).isEqualTo(TCP);
    }

    @Test
    void deleteRemovesTheMonitorAndItsHistoryOnly() {
        monitoringWith("m1", "op1");
        monitoringWith("m2", "op2");
        repository.applyResult("m1", "op1", false, record("op1", 1_000, MonitorStatus.UP));
        repository.applyResult("m2", "op2", false, record("op2", 1_000, MonitorStatus.DOWN));

        assertThat(repository.delete("m1")).isTrue();

        assertThat(repository.find("m1")).isEmpty();
        assertThat(repository.history("m1")).isEmpty();
        assertThat(repository.history("m2")).hasSize(1);
        assertThat(repository.delete("m1")).isFalse();
        // The id is free again, and the new monitor starts without the old history.
        repository.insert("m1", TCP);
        assertThat(repository.history("m1")).isEmpty();
    }

    // ---------------------------------------------------------------- start, stop, operations

    @Test
    void setMonitoringSetsStatusAndClearsOperations() {
        monitoringWith("m1", "op1");

        MonitorSnapshot started = snapshot("m1");
        assertThat(started.monitoring()).isTrue();
        assertThat(started.status()).isEqualTo(MonitorStatus.PENDING);
        assertThat(started.activeOperations()).containsExactly("op1");

        assertThat(repository.setMonitoring("m1", false, MonitorStatus.PAUSED)).isTrue();

        MonitorSnapshot stopped = snapshot("m1");
        assertThat(stopped.monitoring()).isFalse();
        assertThat(stopped.status()).isEqualTo(MonitorStatus.PAUSED);
        assertThat(stopped.activeOperations()).isEmpty();
    }

    @Test
    void setMonitoringOfAnUnknownMonitorReturnsFalse() {
        assertThat(repository.setMonitoring("nope", true, MonitorStatus.PENDING)).isFalse();
    }

    @Test
    void setMonitoringRefusesAStatusThatContradictsMonitoring() {
        repository.insert("m1", HTTP);

        assertThatThrownBy(() -> repository.setMonitoring("m1", false, MonitorStatus.UP))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("I1");
        assertThatThrownBy(() -> repository.setMonitoring("m1", true, MonitorStatus.PAUSED))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(snapshot("m1").status()).isEqualTo(MonitorStatus.PAUSED);
    }

    @Test
    void setActiveOperationsReplacesTheList() {
        repository.insert("m1", HTTP);

        assertThat(repository.setActiveOperations("m1", List.of("a", "b"))).isTrue();
        assertThat(snapshot("m1").activeOperations()).containsExactly("a", "b");
        assertThat(repository.setActiveOperations("m1", List.of("c"))).isTrue();
        assertThat(snapshot("m1").activeOperations()).containsExactly("c");
        assertThat(repository.setActiveOperations("m1", List.of())).isTrue();
        assertThat(snapshot("m1").activeOperations()).isEmpty();
        assertThat(repository.setActiveOperations("nope", List.of("x"))).isFalse();
    }

    @Test
    void operationIdsWithAwkwardCharactersRoundTrip() {
        repository.insert("m1", HTTP);
        List<String> ids = List.of("a,b", "quote\"d", "back\\slash", "[]", "tab\tline\n", "ü✓");

        repository.setActiveOperations("m1", ids);

        assertThat(snapshot("m1").activeOperations()).isEqualTo(ids);
    }

    @Test
    void removeActiveOperationUnlistsOnlyThatOperation() {
        repository.insert("m1", HTTP);
        repository.setActiveOperations("m1", List.of("a", "b", "c"));

        assertThat(repository.removeActiveOperation("m1", "b")).isTrue();
        assertThat(snapshot("m1").activeOperations()).containsExactly("a", "c");
        assertThat(repository.removeActiveOperation("m1", "b")).isFalse();
        assertThat(repository.removeActiveOperation("nope", "a")).isFalse();
        assertThat(snapshot("m1").activeOperations()).containsExactly("a", "c");
    }

    // ---------------------------------------------------------------- apply (the CAS)

    @Test
    void applyOnAMonitoringMonitorSetsStatusAndUnlistsTheOperation() {
        monitoringWith("m1", "op1");
        CheckRecord result = new CheckRecord("op1", 5_000, MonitorStatus.DOWN, 1_234, "timed out after 1000 ms");

        assertThat(repository.applyResult("m1", "op1", false, result)).isTrue();

        assertThat(snapshot("m1")).isEqualTo(new MonitorSnapshot("m1", HTTP, true, MonitorStatus.DOWN,
                OptionalLong.of(5_000), 1_234, List.of()));
        assertThat(repository.history("m1")).containsExactly(result);
    }

    @Test
    void applyKeepsOtherListedOperations() {
        repository.insert("m1", HTTP);
        repository.setMonitoring("m1", true, MonitorStatus.PENDING);
        repository.setActiveOperations("m1", List.of("stale", "op1"));

        assertThat(repository.applyResult("m1", "op1", false, record("op1", 1, MonitorStatus.UP))).isTrue();

        assertThat(snapshot("m1").activeOperations()).containsExactly("stale");
    }

    @Test
    void applyOfAnOperationThatIsNotListedChangesNothing() {
        monitoringWith("m1", "op1");
        MonitorSnapshot before = snapshot("m1");

        assertThat(repository.applyResult("m1", "other", false, record("other", 1, MonitorStatus.UP))).isFalse();
        assertThat(repository.applyResult("m1", "other", true, record("other", 1, MonitorStatus.UP))).isFalse();

        assertThat(snapshot("m1")).isEqualTo(before);
        assertThat(repository.history("m1")).isEmpty();
    }

    @Test
    void applyOnAnUnknownMonitorReturnsFalse() {
        assertThat(repository.applyResult("nope", "op1", true, record("op1", 1, MonitorStatus.UP))).isFalse();
        assertThat(repository.history("nope")).isEmpty();
    }

    @Test
    void applyOfAnAutomaticCheckOnAPausedMonitorChangesNothing() {
        repository.insert("m1", HTTP);
        repository.setActiveOperations("m1", List.of("op1"));
        MonitorSnapshot before = snapshot("m1");

        assertThat(repository.applyResult("m1", "op1", false, record("op1", 1, MonitorStatus.UP))).isFalse();

        assertThat(snapshot("m1")).isEqualTo(before);
        assertThat(snapshot("m1").activeOperations()).containsExactly("op1");
        assertThat(repository.history("m1")).isEmpty();
    }

    @Test
    void applyOfAManualCheckOnAPausedMonitorRecordsHistoryAndStaysPaused() {
        repository.insert("m1", HTTP);
        repository.setActiveOperations("m1", List.of("op1"));
        CheckRecord result = record("op1", 7_000, MonitorStatus.DOWN);

        assertThat(repository.applyResult("m1", "op1", true, result)).isTrue();

        assertThat(snapshot("m1")).isEqualTo(new MonitorSnapshot("m1", HTTP, false, MonitorStatus.PAUSED,
                OptionalLong.of(7_000), 42, List.of()));
        assertThat(repository.history("m1")).containsExactly(result);
    }

    @Test
    void applyAfterACommittedStopIsDiscarded() {
        // The race SPEC §3 is about: the stop commits first, then the old operation's result arrives.
        monitoringWith("m1", "op1");
        repository.setMonitoring("m1", false, MonitorStatus.PAUSED);

        assertThat(repository.applyResult("m1", "op1", false, record("op1", 1, MonitorStatus.UP))).isFalse();
        assertThat(repository.applyResult("m1", "op1", true, record("op1", 1, MonitorStatus.UP))).isFalse();

        assertThat(snapshot("m1").status()).isEqualTo(MonitorStatus.PAUSED);
        assertThat(repository.history("m1")).isEmpty();
    }

    @Test
    void anOperationAppliesAtMostOnce() {
        monitoringWith("m1", "op1");

        assertThat(repository.applyResult("m1", "op1", false, record("op1", 1, MonitorStatus.UP))).isTrue();
        assertThat(repository.applyResult("m1", "op1", false, record("op1", 2, MonitorStatus.DOWN))).isFalse();

        assertThat(snapshot("m1").status()).isEqualTo(MonitorStatus.UP);
        assertThat(repository.history("m1")).hasSize(1);
    }

    @Test
    void applyRefusesARecordOfAnotherOperation() {
        monitoringWith("m1", "op1");

        assertThatThrownBy(() -> repository.applyResult("m1", "op1", false, record("op2", 1, MonitorStatus.UP)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(snapshot("m1").activeOperations()).containsExactly("op1");
    }

    @Test
    void historyIsInTheOrderAppendedEvenWhenTheClockGoesBack() {
        repository.insert("m1", HTTP);
        repository.setMonitoring("m1", true, MonitorStatus.PENDING);
        long[] times = {5_000, 3_000, 3_000, 9_000, 1_000};
        for (int i = 0; i < times.length; i++) {
            String op = "op" + i;
            repository.setActiveOperations("m1", List.of(op));
            assertThat(repository.applyResult("m1", op, false, record(op, times[i], MonitorStatus.UP))).isTrue();
        }

        assertThat(repository.history("m1")).extracting(CheckRecord::operationId)
                .containsExactly("op0", "op1", "op2", "op3", "op4");
        assertThat(repository.history("m1")).extracting(CheckRecord::atMs)
                .containsExactly(5_000L, 3_000L, 3_000L, 9_000L, 1_000L);
    }

    @Test
    void historyTailAndSizeReadTheNewestRecordsOldestFirst() {
        repository.insert("m1", HTTP);
        repository.setMonitoring("m1", true, MonitorStatus.PENDING);
        for (int i = 0; i < 5; i++) {
            String op = "op" + i;
            repository.setActiveOperations("m1", List.of(op));
            assertThat(repository.applyResult("m1", op, false, record(op, 1_000 + i, MonitorStatus.UP))).isTrue();
        }

        assertThat(repository.historySize("m1")).isEqualTo(5);
        assertThat(repository.historySize("unknown")).isZero();
        assertThat(repository.historyTail("m1", 2)).extracting(CheckRecord::operationId).containsExactly("op3", "op4");
        assertThat(repository.historyTail("m1", 9)).extracting(CheckRecord::operationId).containsExactly("op0", "op1", "op2", "op3", "op4");
        assertThat(repository.historyTail("m1", 0)).isEmpty();
    }

    /** Applies results with these {@code atMs} labels to a new monitoring monitor, op0, op1, … in order. */
    private void historyAt(String monitorId, long... atMs) {
        repository.insert(monitorId, HTTP);
        repository.setMonitoring(monitorId, true, MonitorStatus.PENDING);
        for (int i = 0; i < atMs.length; i++) {
            String op = "op" + i;
            repository.setActiveOperations(monitorId, List.of(op));
            assertThat(repository.applyResult(monitorId, op, false, record(op, atMs[i], MonitorStatus.UP))).isTrue();
        }
    }

    @Test
    void historyPagesWalkBackNewestFirstAndAreNotShiftedByNewRecords() {
        historyAt("m1", 1_000, 1_001, 1_002, 1_003, 1_004);
        historyAt("m2", 1_000);

        HistoryPage first = repository.historyPage("m1", 2, OptionalLong.empty());
        assertThat(first.records()).extracting(CheckRecord::operationId).containsExactly("op4", "op3");
        repository.setActiveOperations("m1", List.of("late"));
        assertThat(repository.applyResult("m1", "late", false, record("late", 2_000, MonitorStatus.DOWN))).isTrue();

        HistoryPage second = repository.historyPage("m1", 2, first.nextCursor());
        assertThat(second.records()).extracting(CheckRecord::operationId).containsExactly("op2", "op1");
        HistoryPage last = repository.historyPage("m1", 2, second.nextCursor());
        assertThat(last.records()).extracting(CheckRecord::operationId).containsExactly("op0");
        assertThat(last.nextCursor()).isEmpty();
        assertThat(repository.historyPage("m1", 6, OptionalLong.empty()).nextCursor()).isEmpty();
        assertThat(repository.historyPage("unknown", 5, OptionalLong.empty()).records()).isEmpty();
        assertThatThrownBy(() -> repository.historyPage("m1", HistoryPage.LIMIT_MAX + 1, OptionalLong.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limit = 1001 must be within 1 … 1000");
    }

    @Test
    void pruningByCountKeepsTheNewestInBatchesAndTouchesNoOtherMonitor() {
        historyAt("m1", 1, 2, 3, 4, 5, 6, 7);
        historyAt("m2", 1, 2, 3);

        assertThat(repository.pruneHistory("m1", HistoryRetention.byCount(3), 10_000_000, 2)).isEqualTo(4);

        assertThat(repository.history("m1")).extracting(CheckRecord::operationId).containsExactly("op4", "op5", "op6");
        assertThat(repository.historySize("m2")).isEqualTo(3);
        assertThat(repository.pruneHistory("m1", HistoryRetention.byCount(3), 10_000_000, 2)).isZero();
    }

    @Test
    void pruningByAgeRemovesOnlyAPrefixEvenWhenTheClockSteppedBack() {
        // op3's label is older than the cutoff, but it follows a newer record: it stays, so the
        // history that remains has no hole.
        historyAt("m1", 100_000, 110_000, 500_000, 120_000, 600_000);

        long nowMs = 700_000;
        assertThat(repository.pruneHistory("m1", HistoryRetention.byAge(300_000), nowMs, 1)).isEqualTo(2);

        assertThat(repository.history("m1")).extracting(CheckRecord::operationId).containsExactly("op2", "op3", "op4");
        assertThat(repository.pruneHistory("m1", new HistoryRetention(60_000, 1), 10_000_000, 100)).isEqualTo(3);
        assertThat(repository.historySize("m1")).isZero();
    }

    // ---------------------------------------------------------------- recover

    @Test
    void clearAllActiveOperationsEmptiesEveryListAndCountsTheNonEmptyOnes() {
        repository.insert("a", HTTP);
        repository.insert("b", HTTP);
        repository.insert("c", HTTP);
        repository.setActiveOperations("a", List.of("op1"));
        repository.setActiveOperations("c", List.of("op2", "op3"));

        assertThat(repository.clearAllActiveOperations()).isEqualTo(2);

        assertThat(repository.findAll()).allSatisfy(m -> assertThat(m.activeOperations()).isEmpty());
        assertThat(repository.clearAllActiveOperations()).isZero();
    }

    @Test
    void clearAllActiveOperationsOnAnEmptyStoreIsZero() {
        assertThat(repository.clearAllActiveOperations()).isZero();
    }

    // ---------------------------------------------------------------- damaged rows

    @Test
    void anUnparseableActiveOperationsValueIsReadAsEmpty() {
        assumeTrue(takesRawSql(), "the store keeps no rows that SQL can damage");
        monitoringWith("m1", "op1");
        executeRaw("UPDATE monitors SET active_operations = 'op1,op2 {garbage' WHERE id = 'm1'");

        assertThat(snapshot("m1").activeOperations()).isEmpty();
        assertThat(repository.findAll()).singleElement()
                .satisfies(m -> assertThat(m.activeOperations()).isEmpty());
        // Read as empty everywhere: the stale id lets no result apply, and recover cleans it up.
        assertThat(repository.applyResult("m1", "op1", false, record("op1", 1, MonitorStatus.UP))).isFalse();
        assertThat(repository.removeActiveOperation("m1", "op1")).isFalse();
        assertThat(repository.clearAllActiveOperations()).isEqualTo(1);
        assertThat(repository.setActiveOperations("m1", List.of("op2"))).isTrue();
        assertThat(snapshot("m1").activeOperations()).containsExactly("op2");
    }

    @Test
    void aStoredRowWithInvalidSettingsFailsTheReadClearly() {
        assumeTrue(takesRawSql(), "the store keeps no rows that SQL can damage");
        repository.insert("m1", HTTP);
        executeRaw("UPDATE monitors SET interval_ms = 3 WHERE id = 'm1'");

        assertThatThrownBy(() -> repository.find("m1"))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("find")
                .hasMessageContaining("m1")
                .hasMessageContaining("intervalMs");
    }

    // ---------------------------------------------------------------- schema

    @Test
    void aNewStoreIsAtTheLatestSchemaVersion() {
        assertThat(repository.schemaVersion()).isEqualTo(Migration.standard(Dialect.SQLITE).size());
        assertThat(repository.migrationsApplied()).isEqualTo(Migration.standard(Dialect.SQLITE).size());
    }

    @Test
    void reopeningKeepsEverythingAndAppliesNoMigration() {
        assumeTrue(canReopen(), "the database does not outlive its repository");
        monitoringWith("m1", "op1");
        repository.applyResult("m1", "op1", false, record("op1", 1_000, MonitorStatus.UP));
        repository.insert("m2", TCP);
        List<MonitorSnapshot> monitors = repository.findAll();
        List<CheckRecord> history = repository.history("m1");
        int version = repository.schemaVersion();
        repository.close();

        repository = reopen();

        assertThat(repository.migrationsApplied()).isZero();
        assertThat(repository.schemaVersion()).isEqualTo(version);
        assertThat(repository.findAll()).isEqualTo(monitors);
        assertThat(repository.history("m1")).isEqualTo(history);
    }

    @Test
    void aStoreWithANewerSchemaIsRefused() {
        assumeTrue(canReopen(), "the database does not outlive its repository");
        repository.insert("m1", HTTP);
        repository.close();
        executeRaw("UPDATE schema_version SET version = 99");

        assertThatThrownBy(this::reopen)
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("99")
                .hasMessageContaining("newer");
        // Closed by @AfterEach: the old one; close is idempotent.
    }

    @Test
    void aClosedRepositoryRefusesCalls() {
        repository.close();
        repository.close(); // idempotent

        assertThatThrownBy(() -> repository.findAll()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> repository.insert("m1", HTTP)).isInstanceOf(IllegalStateException.class);
    }

    private static MonitorSnapshot updated(MonitorSnapshot before, MonitorSettings settings, List<String> operationIds) {
        return new MonitorSnapshot(before.id(), settings, before.monitoring(), before.status(), before.lastCheckedAtMs(),
                before.responseTimeMs(), operationIds);
    }
}
