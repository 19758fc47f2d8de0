package dev.vigil.engine;

import dev.vigil.engine.check.CheckerContext;
import dev.vigil.engine.check.CheckerFactory;
import dev.vigil.engine.check.EnhancedMonitoringServiceFactory;
import dev.vigil.engine.check.MonitorChecker;
import dev.vigil.engine.check.MonitorLanes;
import dev.vigil.engine.event.EngineListener;
import dev.vigil.engine.event.EventPublisher;
import dev.vigil.engine.monitor.MonitorManager;
import dev.vigil.engine.operation.MonitorOperationRegistry;
import dev.vigil.engine.operation.Operation;
import dev.vigil.engine.runtime.EngineRuntime;
import dev.vigil.engine.runtime.ProductionRuntime;
import dev.vigil.engine.status.MonitorTable;
import dev.vigil.engine.store.MonitorRepository;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The Vigil engine: monitors that are checked on their interval, and whose status a late or
 * cancelled check can never overwrite (SPEC.md). Build one with {@link #builder()}; close it to
 * stop every timer and wait for in-flight probes.
 *
 * <p>All commands are all or nothing: they return after their store transaction committed, or
 * throw ({@link InvalidSettingsException}, {@link UnknownMonitorException}, {@link StoreException})
 * having changed nothing. Thread-safe: commands on one monitor are serialized, different monitors
 * proceed in parallel.
 *
 * <pre>{@code
 * try (VigilEngine engine = VigilEngine.builder().storeFile(Path.of("vigil.db")).build()) {
 *     engine.add("site", MonitorSettings.http("https://example.com/health").withIntervalMs(30_000));
 *     engine.start("site");
 * }
 * }</pre>
 */
public final class VigilEngine implements AutoCloseable {
    private final MonitorManager manager;
    private final MonitorChecker checker;
    private final MonitorRepository repository;
    private final MonitorOperationRegistry registry;
    private final EventPublisher events;
    private final EngineRuntime runtime;
    private final List<AutoCloseable> owned;
    private final long closeWaitMs;
    private boolean closed;

    private VigilEngine(MonitorManager manager, MonitorChecker checker, MonitorRepository repository, MonitorOperationRegistry registry,
            EventPublisher events, EngineRuntime runtime, List<AutoCloseable> owned, long closeWaitMs) {
        this.manager = manager;
        this.checker = checker;
        this.repository = repository;
        this.registry = registry;
        this.events = events;
        this.runtime = runtime;
        this.owned = owned;
        this.closeWaitMs = closeWaitMs;
    }

    /**
     * A builder for an engine; give it a store ({@link Builder#storeFile(Path)},
     * {@link Builder#dataSource(DataSource)}) and build.
     *
     * @return a new, unsealed builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Stores a new paused monitor (SPEC R1).
     *
     * @param monitorId the new monitor's id, unique in this engine
     * @param settings  its settings
     * @return the monitor as committed: paused, no checks
     * @throws InvalidSettingsException if the id is invalid or taken, or the interval is below the
     *                                  engine's {@code intervalMsMin}
     * @throws StoreException           if the store transaction failed
     */
    public MonitorSnapshot add(String monitorId, MonitorSettings settings) {
        return manager.add(monitorId, settings);
    }

    /**
     * Replaces a monitor's settings (SPEC R9).
     *
     * @param monitorId the monitor
     * @param settings  its new settings
     * @return the monitor as committed with the new settings
     * @throws UnknownMonitorException  if there is no such monitor
     * @throws InvalidSettingsException if the interval is below the engine's {@code intervalMsMin}
     * @throws StoreException           if the store transaction failed
     */
    public MonitorSnapshot update(String monitorId, MonitorSettings settings) {
        return manager.update(monitorId, settings);
    }

    /**
     * Deletes a monitor and its history (SPEC R10).
     *
     * @param monitorId the monitor
     * @throws UnknownMonitorException if there is no such monitor
     * @throws StoreException          if the store transaction failed
     */
    public void remove(String monitorId) {
        manager.remove(monitorId);
    }

    /**
     * Starts monitoring (SPEC R2): the status becomes {@code PENDING} and a check runs at once.
     *
     * @param monitorId the monitor
     * @return {@code false} if it was already monitoring
     * @throws UnknownMonitorException if there is no such monitor
     * @throws StoreException          if the store transaction failed
     */
    public boolean start(String monitorId) {
        return manager.start(monitorId);
    }

    /**
     * Stops monitoring (SPEC R3): the status becomes {@code PAUSED} and the result of a check in
     * flight is discarded.
     *
     * @param monitorId the monitor
     * @return {@code false} if it was not monitoring
     * @throws UnknownMonitorException if there is no such monitor
     * @throws StoreException          if the store transaction failed
     */
    public boolean stop(String monitorId) {
        return manager.stop(monitorId);
    }

    /**
     * Checks now, whether monitoring or paused (SPEC R8).
     *
     * @param monitorId the monitor
     * @throws UnknownMonitorException if there is no such monitor
     */
    public void checkNow(String monitorId) {
        manager.checkNow(monitorId);
    }

    /**
     * Starts every monitor in ascending id order (SPEC R11).
     *
     * @return how many started
     */
    public int startAll() {
        return manager.startAll();
    }

    /**
     * Stops every monitor in ascending id order (SPEC R11).
     *
     * @return how many stopped
     */
    public int stopAll() {
        return manager.stopAll();
    }

    /**
     * The monitor as committed to the store.
     *
     * @param monitorId the monitor
     * @return its snapshot, or empty if there is no such monitor
     */
    public Optional<MonitorSnapshot> monitor(String monitorId) {
        return repository.find(monitorId);
    }

    /**
     * Every monitor as committed to the store.
     *
     * @return their snapshots in ascending id order
     */
    public List<MonitorSnapshot> monitors() {
        return repository.findAll();
    }

    /**
     * The monitor's check history.
     *
     * @param monitorId the monitor
     * @return its applied checks in the order they were committed; empty for an unknown monitor
     */
    public List<CheckRecord> history(String monitorId) {
        return repository.history(monitorId);
    }

    /**
     * Adds a listener for the events of every monitor from now on.
     *
     * @param listener called on the committing thread; see {@link EngineListener}
     */
    public void addListener(EngineListener listener) {
        events.add(listener);
    }

    /**
     * Removes a listener added here or with {@link Builder#listener(EngineListener)}.
     *
     * @param listener the listener
     * @return {@code false} if it was not registered
     */
    public boolean removeListener(EngineListener listener) {
        return events.remove(listener);
    }

    /**
     * Diagnostics: the live operations.
     *
     * @return a snapshot ordered by monitor id, then operation id
     */
    public List<Operation> liveOperations() {
        return registry.snapshot();
    }

    /**
     * Diagnostics: the monitor's waiting check request (SPEC R4).
     *
     * @param monitorId the monitor
     * @return empty if none waits, else {@code true} when the waiting request is manual
     */
    public Optional<Boolean> waitingRequest(String monitorId) {
        return checker.waitingRequest(monitorId);
    }

    /**
     * Diagnostics: ticks skipped because a check was still running (SPEC R4).
     *
     * @return the count since the engine was built
     */
    public long skippedTicks() {
        return checker.skippedTicks();
    }

    /**
     * Diagnostics: whether the monitor has an interval timer pending.
     *
     * @param monitorId the monitor
     * @return {@code true} if its next interval tick is scheduled
     */
    public boolean hasTick(String monitorId) {
        return manager.hasTick(monitorId);
    }

    /**
     * Stops every timer and check, waits for in-flight probes up to the configured bound, then
     * closes what the builder opened (a store file, the default runtime). Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        manager.close();
        runtime.close(closeWaitMs);
        RuntimeException failure = null;
        for (AutoCloseable resource : owned.reversed()) {
            try {
                resource.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("closing the engine failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Configures an engine. Every setter validates at once; a builder builds one engine, after
     * which it is sealed.
     */
    public static final class Builder {
        /** How long {@link #close()} waits for in-flight probes by default. */
        public static final long CLOSE_WAIT_MS_DEFAULT = 5_000;

        private Supplier<MonitorRepository> store;
        private boolean storeOwned;
        private EngineRuntime runtime;
        private final List<EngineListener> listeners = new ArrayList<>();
        private long intervalMsMin = MonitorSettings.INTERVAL_MS_DEFAULT_MIN;
        private long closeWaitMs = CLOSE_WAIT_MS_DEFAULT;
        private CheckerFactory checkerFactory = new EnhancedMonitoringServiceFactory();
        private boolean built;

        private Builder() {
        }

        /**
         * Stores monitors in an SQLite file (WAL), created if missing. Closed with the engine.
         *
         * @param file the database file
         * @return this builder
         */
        public Builder storeFile(Path file) {
            Objects.requireNonNull(file, "file");
            return store(() -> MonitorRepository.openSqliteFile(file), true);
        }

        /**
         * Stores monitors through a DataSource (SQLite or PostgreSQL); the caller owns and closes it.
         *
         * @param dataSource where connections come from, one per transaction
         * @return this builder
         */
        public Builder dataSource(DataSource dataSource) {
            Objects.requireNonNull(dataSource, "dataSource");
            return store(() -> MonitorRepository.open(dataSource), false);
        }

        /**
         * Uses an open repository; the caller owns and closes it (the simulator shares one across restarts).
         *
         * @param repository the store
         * @return this builder
         */
        public Builder repository(MonitorRepository repository) {
            Objects.requireNonNull(repository, "repository");
            return store(() -> repository, false);
        }

        /**
         * The runtime seam to run on; by default a {@link ProductionRuntime}, closed with the engine.
         *
         * @param value the runtime; the caller owns and closes it
         * @return this builder
         */
        public Builder runtime(EngineRuntime value) {
            requireOpen();
            this.runtime = Objects.requireNonNull(value, "runtime");
            return this;
        }

        /**
         * Adds a listener that receives every event from the first one, recovery's included.
         *
         * @param listener called on the committing thread; see {@link EngineListener}
         * @return this builder
         */
        public Builder listener(EngineListener listener) {
            requireOpen();
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * The lowest interval this engine accepts.
         *
         * @param value {@value MonitorSettings#INTERVAL_MS_FLOOR} … {@value MonitorSettings#INTERVAL_MS_MAX} ms
         *              (30 days); {@value MonitorSettings#INTERVAL_MS_DEFAULT_MIN} by default
         * @return this builder
         */
        public Builder intervalMsMin(long value) {
            requireOpen();
            if (value < MonitorSettings.INTERVAL_MS_FLOOR || value > MonitorSettings.INTERVAL_MS_MAX) {
                throw new IllegalArgumentException("intervalMsMin = " + value + " must be within "
                        + MonitorSettings.INTERVAL_MS_FLOOR + " … " + MonitorSettings.INTERVAL_MS_MAX);
            }
            this.intervalMsMin = value;
            return this;
        }

        /**
         * How long {@link VigilEngine#close()} waits for in-flight probes.
         *
         * @param value 0 … 600 000 ms; {@value #CLOSE_WAIT_MS_DEFAULT} by default
         * @return this builder
         */
        public Builder closeWaitMs(long value) {
            requireOpen();
            if (value < 0 || value > 600_000) {
                throw new IllegalArgumentException("closeWaitMs = " + value + " must be within 0 … 600000");
            }
            this.closeWaitMs = value;
            return this;
        }

        /**
         * How the checker is composed; the harness uses this to run known-buggy variants.
         *
         * @param value the factory
         * @return this builder
         */
        public Builder checkerFactory(CheckerFactory value) {
            requireOpen();
            this.checkerFactory = Objects.requireNonNull(value, "checkerFactory");
            return this;
        }

        /**
         * Opens the store, composes the engine and recovers (SPEC R13): monitoring monitors resume.
         *
         * @return the running engine; close it
         * @throws IllegalStateException if no store was configured or this builder already built
         * @throws StoreException if the store cannot be opened or recovery fails; nothing changed
         */
        public VigilEngine build() {
            requireOpen();
            if (store == null) {
                throw new IllegalStateException("no store configured: call storeFile(path), dataSource(ds) or repository(r) first");
            }
            built = true;
            List<AutoCloseable> owned = new ArrayList<>();
            EngineRuntime chosenRuntime = runtime;
            if (chosenRuntime == null) {
                chosenRuntime = ProductionRuntime.create();
                owned.add(chosenRuntime);
            }
            MonitorRepository repository;
            try {
                repository = store.get();
            } catch (RuntimeException failure) {
                closeQuietly(owned);
                throw failure;
            }
            if (storeOwned) {
                owned.add(repository);
            }
            try {
                EventPublisher events = new EventPublisher(listeners);
                MonitorTable monitors = new MonitorTable();
                MonitorLanes lanes = new MonitorLanes();
                MonitorOperationRegistry registry = new MonitorOperationRegistry(chosenRuntime.operationIds());
                MonitorChecker checker = checkerFactory.create(new CheckerContext(chosenRuntime, repository, monitors, events, lanes, registry));
                MonitorManager manager = new MonitorManager(chosenRuntime, repository, monitors, events, lanes, checker, intervalMsMin);
                manager.open();
                return new VigilEngine(manager, checker, repository, registry, events, chosenRuntime, owned, closeWaitMs);
            } catch (RuntimeException failure) {
                closeQuietly(owned);
                throw failure;
            }
        }

        private Builder store(Supplier<MonitorRepository> value, boolean owned) {
            requireOpen();
            this.store = value;
            this.storeOwned = owned;
            return this;
        }

        private void requireOpen() {
            if (built) {
                throw new IllegalStateException("this builder already built an engine and is sealed; use VigilEngine.builder() for another");
            }
        }

        private static void closeQuietly(List<AutoCloseable> resources) {
            for (AutoCloseable resource : resources.reversed()) {
                try {
                    resource.close();
                } catch (Exception ignored) {
                    // Already failing with the cause that matters; a second failure would hide it.
                }
            }
        }
    }
}
