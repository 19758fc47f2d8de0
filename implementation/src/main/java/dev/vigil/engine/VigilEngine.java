package dev.vigil.engine;

import dev.vigil.engine.assembly.EngineAssembly;
import dev.vigil.engine.check.CheckWaiters;
import dev.vigil.engine.check.CheckerContext;
import dev.vigil.engine.check.CheckerFactory;
import dev.vigil.engine.check.EnhancedMonitoringServiceFactory;
import dev.vigil.engine.check.MonitorChecker;
import dev.vigil.engine.event.EngineEvent;
import dev.vigil.engine.event.EngineListener;
import dev.vigil.engine.outbox.EventPublisher;
import dev.vigil.engine.lane.MonitorLanes;
import dev.vigil.engine.lease.LeaseGuardedRuntime;
import dev.vigil.engine.lease.LeaseKeeper;
import dev.vigil.engine.lease.StoreMembership;
import dev.vigil.engine.monitor.MonitorOwnership;
import dev.vigil.engine.node.NodeKeeper;
import dev.vigil.engine.node.NodeParts;
import dev.vigil.engine.node.RendezvousPlacement;
import dev.vigil.engine.monitor.MonitorManager;
import dev.vigil.engine.operation.MonitorOperationRegistry;
import dev.vigil.engine.probe.Probe;
import dev.vigil.engine.probe.Probes;
import dev.vigil.engine.spi.EngineRuntime;
import dev.vigil.engine.runtime.ProductionRuntime;
import dev.vigil.engine.spi.EngineDiagnostics;
import dev.vigil.engine.spi.LiveOperation;
import dev.vigil.engine.spi.OperationIdSource;
import dev.vigil.engine.status.MonitorTable;
import dev.vigil.engine.store.MonitorRepository;
import dev.vigil.engine.store.TableNames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
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
    private final MonitorRepository repository;
    private final EventPublisher events;
    private final EngineRuntime runtime;
    private final List<AutoCloseable> owned;
    private final long closeWaitMs;
    private final Optional<StoreMembership> lease;
    private final MonitorOwnership ownership;
    private final EngineDiagnostics diagnostics;
    private boolean closed;

    private VigilEngine(MonitorManager manager, MonitorChecker checker, MonitorRepository repository, EventPublisher events,
            EngineRuntime runtime, List<AutoCloseable> owned, long closeWaitMs, Optional<StoreMembership> lease, MonitorOwnership ownership,
            MonitorLanes lanes) {
        this.manager = manager;
        this.repository = repository;
        this.events = events;
        this.runtime = runtime;
        this.owned = owned;
        this.closeWaitMs = closeWaitMs;
        this.lease = lease;
        this.ownership = ownership;
        this.diagnostics = new Diagnostics(checker, events, manager, lanes, runtime.operationIds());
    }

    /** The one implementation of {@link EngineDiagnostics}: reads, copies, never changes anything. */
    private record Diagnostics(MonitorChecker checker, EventPublisher events, MonitorManager manager, MonitorLanes lanes,
            OperationIdSource ids) implements EngineDiagnostics {
        @Override
        public List<LiveOperation> liveOperations() {
            return checker.liveOperations().stream()
                    .map(operation -> new LiveOperation(operation.id(), operation.monitorId(), operation.initiatedAt(),
                            operation.deadlineAt(), operation.manual(), !operation.isActive()))
                    .toList();
        }

        @Override
        public long liveOperationsDigest() {
            return checker.liveOperationsDigest(ids);
        }

        @Override
        public Optional<Boolean> waitingRequest(String monitorId) {
            return checker.waitingRequest(monitorId);
        }

        @Override
        public long skippedTicks() {
            return checker.skippedTicks();
        }

        @Override
        public List<EngineEvent> pendingEvents() {
            return events.pending();
        }

        @Override
        public int lanesInUse() {
            return lanes.laneCount();
        }

        @Override
        public boolean hasTick(String monitorId) {
            return manager.hasTick(monitorId);
        }

        @Override
        public long deliveries() {
            return events.deliveries();
        }

        @Override
        public long listenerTimeNs() {
            return events.listenerTimeNs();
        }

        @Override
        public long droppedEvents() {
            return events.dropped();
        }
    }

    /**
     * A new builder, with no store chosen yet: call {@link Builder#storeFile} or {@link
     * Builder#dataSource} before {@link Builder#build}.
     *
     * @return a fresh, unsealed builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Stores a new paused monitor (SPEC R1).
     *
     * @param monitorId the new monitor's id: 1 … 64 letters, digits, '.', '_' or '-', starting
     *                  with a letter or digit; unique within the store
     * @param settings  its settings; the engine also rejects an interval below the builder's
     *                  {@link Builder#intervalMsMin} and, unless {@link Builder#timeoutOverIntervalAllowed}
     *                  was set, a {@code timeoutMs} above {@code intervalMs}
     * @return the monitor as stored: not monitoring, {@code PAUSED}, no history, no operations
     * @throws InvalidSettingsException if the id is malformed or taken, or the engine rejects the
     *                                  settings; nothing is stored
     * @throws StoreException           if the insert transaction failed; nothing is stored
     */
    public MonitorSnapshot add(String monitorId, MonitorSettings settings) {
        return manager.add(monitorId, settings);
    }

    /**
     * Replaces a monitor's settings (SPEC R9). On a monitoring monitor the live check is
     * cancelled, ticks restart with the new interval and a check is requested at once; on a
     * paused one only the settings change. Status and history are kept either way.
     *
     * @param monitorId the monitor
     * @param settings  its new settings, held to the same rules as in {@link #add}
     * @return the monitor as committed with the new settings
     * @throws UnknownMonitorException  if there is no such monitor
     * @throws InvalidSettingsException if the engine rejects the settings; nothing changed
     * @throws StoreException           if the update transaction failed; nothing changed
     */
    public MonitorSnapshot update(String monitorId, MonitorSettings settings) {
        return manager.update(monitorId, settings);
    }

    /**
     * Deletes a monitor and its history (SPEC R10); a late result of one of its checks is
     * discarded.
     *
     * @param monitorId the monitor
     * @throws UnknownMonitorException if there is no such monitor
     * @throws StoreException          if the delete transaction failed; the monitor and its
     *                                 history are intact
     */
    public void remove(String monitorId) {
        manager.remove(monitorId);
    }

    /**
     * Starts monitoring (SPEC R2): the monitor becomes {@code PENDING}, is checked at once and
     * then every {@code intervalMs}.
     *
     * @param monitorId the monitor
     * @return {@code true} if monitoring started; {@code false} if it was already monitoring, in
     *         which case nothing happened
     * @throws UnknownMonitorException if there is no such monitor
     * @throws StoreException          if the start transaction failed; nothing changed
     */
    public boolean start(String monitorId) {
        return manager.start(monitorId);
    }

    /**
     * Stops monitoring (SPEC R3): the monitor becomes {@code PAUSED}, its ticks and live check
     * are cancelled and its waiting check request is dropped.
     *
     * @param monitorId the monitor
     * @return {@code true} if monitoring stopped; {@code false} if it was not monitoring, in which
     *         case nothing happened (a manual check of the paused monitor keeps running)
     * @throws UnknownMonitorException if there is no such monitor
     * @throws StoreException          if the stop transaction failed; nothing changed
     */
    public boolean stop(String monitorId) {
        return manager.stop(monitorId);
    }

    /**
     * Checks now, whether monitoring or paused (SPEC R8): cancels the live check, if any, and
     * requests a manual one. Returns once the check is requested, not when it completes; its
     * result arrives as a {@code CheckCompleted} event, and through the returned stage. On a
     * paused monitor the result goes into history but the status stays {@code PAUSED}.
     *
     * <p>The stage follows the first check of this monitor that begins after the request: the
     * manual one, or the one that took the place of the request while it waited for a cancelled
     * probe. It completes after the listeners received the event that reports that check's fate,
     * on the listener thread, holding no lane, so that what is chained to it may call the engine
     * (a slow chained action delays later deliveries, as a slow listener does). It completes:
     * <ul>
     *   <li>with the {@link CheckRecord} committed to history, after {@code CheckCompleted};</li>
     *   <li>exceptionally with {@link CheckDiscardedException} if the check ended without a result
     *       (cancelled by stop, start, update or another checkNow; its result refused), after
     *       {@code CheckDiscarded}, or if monitoring stopped before it began, after
     *       {@code MonitoringStopped};</li>
     *   <li>exceptionally with {@link StoreException} if its begin or apply transaction failed,
     *       after {@code StoreFailed};</li>
     *   <li>exceptionally with {@link OperationIdExhaustedException} if the runtime's id source
     *       gave no fresh operation id for it, so that it never began (SPEC R18), after the
     *       events published before;</li>
     *   <li>exceptionally with {@link UnknownMonitorException} when the monitor is removed first,
     *       or {@link EngineClosedException} when the engine is closed first, on the thread of
     *       that command once it let go of the monitor.</li>
     * </ul>
     * If the process dies first the stage never completes. The stage is read-only: completing it
     * through {@code toCompletableFuture()} changes nothing in the engine.
     *
     * @param monitorId the monitor
     * @return the check's fate; up to 1,000 may wait per monitor, and one beyond fails at once
     *         with an {@link IllegalStateException}
     * @throws UnknownMonitorException if there is no such monitor
     */
    public CompletionStage<CheckRecord> checkNow(String monitorId) {
        return manager.checkNow(monitorId);
    }

    /**
     * Starts every monitor in ascending id order (SPEC R11), each in its own transaction. The
     * first failure ends the loop and is thrown; the monitors before it stay started.
     *
     * @return how many monitors started; those already monitoring are not counted
     * @throws StoreException if a start transaction failed
     */
    public int startAll() {
        return manager.startAll();
    }

    /**
     * Stops every monitor in ascending id order (SPEC R11), each in its own transaction. The
     * first failure ends the loop and is thrown; the monitors before it stay stopped.
     *
     * @return how many monitors stopped; those already paused are not counted
     * @throws StoreException if a stop transaction failed
     */
    public int stopAll() {
        return manager.stopAll();
    }

    /**
     * The monitor as committed to the store, read from it.
     *
     * @param monitorId the monitor
     * @return its snapshot, or empty if there is no such monitor
     * @throws StoreException if the read failed
     */
    public Optional<MonitorSnapshot> monitor(String monitorId) {
        return repository.find(monitorId);
    }

    /**
     * Every monitor as committed to the store, in ascending id order.
     *
     * @return their snapshots from one consistent read; empty if there are none
     * @throws StoreException if the read failed
     */
    public List<MonitorSnapshot> monitors() {
        return repository.findAll();
    }

    /**
     * The monitor's check history in the order it was committed.
     *
     * @param monitorId the monitor
     * @return its records, oldest first (by commit, not by their wall-clock labels); empty if it
     *         was never checked
     * @throws UnknownMonitorException if the engine has no such monitor, like every command
     */
    public List<CheckRecord> history(String monitorId) {
        return manager.history(monitorId);
    }

    /**
     * One page of the monitor's history, newest first, for reading a long history in bounded
     * steps: pass the page's {@code nextCursor} to read the next, older one. Records committed
     * after the first page never shift later pages.
     *
     * @param monitorId the monitor
     * @param limit     how many records at most, 1 … {@value HistoryPage#LIMIT_MAX}
     * @param before    a {@code nextCursor} of an earlier page, or empty for the newest page
     * @return the page
     * @throws IllegalArgumentException if {@code limit} is out of range
     * @throws UnknownMonitorException  if the engine has no such monitor
     * @throws StoreException           if the read failed
     */
    public HistoryPage historyPage(String monitorId, int limit, OptionalLong before) {
        return manager.historyPage(monitorId, limit, before);
    }

    /**
     * Deletes the history beyond {@code retention}: the only way, besides removing a monitor,
     * that records leave history (which is append-only otherwise). Only the oldest part of each
     * monitor's history goes, so what stays has no holes. Runs on the caller's thread, monitor by
     * monitor, each in transactions of at most 500 rows, so checks keep landing meanwhile; call
     * it when you like (a daily job, say): the engine never prunes by itself.
     *
     * @param retention what to keep
     * @return how many records were deleted
     * @throws StoreException if a batch failed; the batches before it stay deleted
     */
    public long pruneHistory(HistoryRetention retention) {
        return manager.pruneHistory(retention);
    }

    /**
     * Registers a listener after the listeners already registered. It receives the events
     * delivered from now on, including those committed earlier and still pending; to see the
     * events of {@link Builder#build} itself, register it with {@link Builder#listener}.
     * Registering one twice delivers every event to it twice.
     *
     * @param listener the listener, not {@code null}
     */
    public void addListener(EngineListener listener) {
        events.add(listener);
    }

    /**
     * Unregisters a listener (one registration of it). A delivery already under way may still
     * reach it; later ones do not.
     *
     * @param listener the listener
     * @return {@code true} if it was registered
     */
    public boolean removeListener(EngineListener listener) {
        return events.remove(listener);
    }

    /**
     * What the engine holds beyond its monitors: live operations, waiting requests, timers and
     * undelivered events, as snapshots. For the harness, stress tests and metrics, not for
     * applications ({@link EngineDiagnostics}).
     *
     * @return this engine's diagnostics; the same object on every call
     */
    public EngineDiagnostics diagnostics() {
        return diagnostics;
    }

    /**
     * Diagnostics: this engine's node id, the one its store lease is held under.
     *
     * @return the node id, or empty when the builder turned the single-writer guard off
     */
    public Optional<String> nodeId() {
        return lease.map(StoreMembership::nodeId);
    }

    /**
     * Diagnostics: whether this engine ticks and probes the monitor now. A single-node engine owns
     * every monitor of its store; a node of a multi-node engine ({@link Builder#multiNode}) owns
     * those whose lease it holds and believes valid (SPEC §6, N4).
     *
     * @param monitorId the monitor
     * @return {@code true} if this engine checks it
     */
    public boolean owns(String monitorId) {
        Objects.requireNonNull(monitorId, "monitorId");
        return !closed && ownership.owns(monitorId) && manager.monitorIds().contains(monitorId);
    }

    /**
     * Diagnostics: whether this engine lost its store lease to another engine and therefore
     * stopped acting (SPEC "Nodes", N2); a {@link EngineEvent.StoreLeaseLost} event said so.
     *
     * @return {@code true} once lost; {@code false} while held, or without the guard
     */
    public boolean storeLeaseLost() {
        return lease.map(StoreMembership::lost).orElse(false);
    }

    /**
     * Stops every timer and check, waits for in-flight probes up to the configured bound, gives
     * the store lease back, then closes what the builder opened (a store file, the default
     * runtime). Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        manager.close();
        runtime.close(closeWaitMs);
        // After the probes ended, so no write of this engine follows; before the store closes.
        lease.ifPresent(StoreMembership::release);
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
        /** How long a store lease lasts unless renewed, by default; renewed every third of it. */
        public static final long LEASE_MS_DEFAULT = 15_000;
        /** The bounds of {@link #leaseMs}. */
        public static final long LEASE_MS_MIN = 1_000;
        /** The bounds of {@link #leaseMs}. */
        public static final long LEASE_MS_MAX = 600_000;
        /** How a JVM's engines tell their default node ids apart. */
        private static final java.util.concurrent.atomic.AtomicLong ENGINES_BUILT = new java.util.concurrent.atomic.AtomicLong();

        private Function<TableNames, MonitorRepository> store;
        private String storeDescription;
        private boolean singleWriterGuard = true;
        private boolean multiNode;
        private long leaseMs = LEASE_MS_DEFAULT;
        private String nodeId;
        private boolean storeOwned;
        private boolean storeDirectoriesCreated;
        private TableNames tableNames = TableNames.DEFAULT;
        private EngineRuntime runtime;
        private Probe probe;
        private final List<EngineListener> listeners = new ArrayList<>();
        private long intervalMsMin = MonitorSettings.INTERVAL_MS_DEFAULT_MIN;
        private long closeWaitMs = CLOSE_WAIT_MS_DEFAULT;
        private boolean timeoutOverIntervalAllowed;
        private CheckerFactory checkerFactory = new EnhancedMonitoringServiceFactory();
        private NodeParts nodeParts = NodeParts.CORRECT;
        private boolean built;

        static {
            // The harness's seams name internal classes, so they are not methods of this exported
            // class: the internal EngineAssembly reaches them through this bridge.
            EngineAssembly.register(new EngineAssembly.BuilderSeams() {
                @Override
                public void repository(Builder builder, MonitorRepository repository) {
                    Objects.requireNonNull(repository, "repository");
                    builder.store(names -> repository, false, "of the given repository");
                }

                @Override
                public void checkerFactory(Builder builder, CheckerFactory value) {
                    builder.requireOpen();
                    builder.checkerFactory = Objects.requireNonNull(value, "checkerFactory");
                }

                @Override
                public void nodeParts(Builder builder, NodeParts value) {
                    builder.requireOpen();
                    builder.nodeParts = Objects.requireNonNull(value, "nodeParts");
                }
            });
        }

        private Builder() {
        }

        /**
         * Stores monitors in an SQLite file (WAL), created if missing. Closed with the engine.
         * Its directory must exist unless {@link #storeDirectoriesCreated} allows creating it.
         *
         * @param file the database file
         * @return this builder
         */
        public Builder storeFile(Path file) {
            Objects.requireNonNull(file, "file");
            return store(names -> MonitorRepository.openSqliteFile(file, names, storeDirectoriesCreated), true,
                    "'" + file.toAbsolutePath() + "'");
        }

        /**
         * Whether {@link #storeFile} creates the file's missing parent directories; {@code false}
         * by default, so that a mistyped path fails, naming the missing directory, instead of
         * silently starting an empty store somewhere else.
         *
         * @param value {@code true} to create missing directories when the engine is built
         * @return this builder
         */
        public Builder storeDirectoriesCreated(boolean value) {
            requireOpen();
            this.storeDirectoriesCreated = value;
            return this;
        }

        /**
         * Stores monitors through a DataSource (SQLite or PostgreSQL); the caller owns and closes it.
         *
         * @param dataSource where connections come from, one per transaction: a pool is the
         *                   intended source
         * @return this builder
         */
        public Builder dataSource(DataSource dataSource) {
            Objects.requireNonNull(dataSource, "dataSource");
            return store(names -> MonitorRepository.open(dataSource, names), false, "behind the data source");
        }

        /**
         * A prefix for the store's table names, so that the engine can share a database with
         * an application or another engine: {@code "vigil_"} makes {@code vigil_monitors},
         * {@code vigil_history} and {@code vigil_schema_version}. Engines with different
         * prefixes on one database never see each other's monitors. None by default.
         *
         * @param value lower-case letters, digits and '_', starting with a letter, at most
         *              {@value TableNames#TABLE_PREFIX_LENGTH_MAX} characters; {@code ""} for none
         * @return this builder
         * @throws InvalidSettingsException if {@code value} breaks that rule
         */
        public Builder tablePrefix(String value) {
            requireOpen();
            this.tableNames = tableNames.withTablePrefix(Objects.requireNonNull(value, "tablePrefix"));
            return this;
        }

        /**
         * The PostgreSQL schema that holds the store's tables; by default the connection's
         * current schema. The schema must exist (the engine does not create schemas); on SQLite
         * building fails, since SQLite has none: use {@link #tablePrefix} there.
         *
         * @param value lower-case letters, digits and '_', starting with a letter
         * @return this builder
         * @throws InvalidSettingsException if {@code value} breaks that rule
         */
        public Builder schema(String value) {
            requireOpen();
            this.tableNames = tableNames.withSchema(value);
            return this;
        }

        /**
         * The probe every check attempt runs, instead of the standard HTTP(S), TCP and DNS probes:
         * for a protocol of your own, or to wrap the standard ones ({@link Probes#standard}) with
         * your own policy. The engine runs it on a virtual thread per attempt, interrupts it when
         * the attempt is abandoned (timeout, stop, close), and judges what it returns as any
         * probe's return (SPEC R15: {@code null} and exceptions count as DOWN). It may block; it
         * must be safe to call from many threads at once.
         *
         * @param value the probe
         * @return this builder
         * @throws IllegalStateException at {@link #build} if a {@link #runtime} was given too: a
         *                               runtime of your own runs its own probes
         */
        public Builder probe(Probe value) {
            requireOpen();
            this.probe = Objects.requireNonNull(value, "probe");
            return this;
        }

        /**
         * The runtime seam to run on (spi, not for applications: to plug in a probe use {@link
         * #probe}); by default the engine's production runtime, closed with the engine.
         *
         * @param value the runtime; {@link VigilEngine#close} closes it too, waiting up to
         *              {@link #closeWaitMs} for its in-flight probes
         * @return this builder
         */
        public Builder runtime(EngineRuntime value) {
            requireOpen();
            this.runtime = Objects.requireNonNull(value, "runtime");
            return this;
        }

        /**
         * Registers a listener from the start: unlike {@link VigilEngine#addListener}, it also
         * receives what {@link #build} publishes, such as a {@code FallbackActivated} event or
         * the {@code StoreFailed} of a failed recovery. Listeners receive events in the order
         * they were registered.
         *
         * @param listener the listener, not {@code null}
         * @return this builder
         */
        public Builder listener(EngineListener listener) {
            requireOpen();
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * The lowest interval accepted, {@value MonitorSettings#INTERVAL_MS_FLOOR} … 30 days; 5 000 by default.
         *
         * @param value the lowest {@code intervalMs} that {@link VigilEngine#add} and
         *              {@link VigilEngine#update} accept, in ms
         * @return this builder
         * @throws IllegalArgumentException if {@code value} is outside that range
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
         * Whether a monitor's {@code timeoutMs} may exceed its {@code intervalMs}; {@code false}
         * by default, so such settings are rejected with an {@link InvalidSettingsException}.
         * The simulation allows it: checks that outlast their interval are what exercise tick
         * skipping (SPEC R4).
         *
         * @param value {@code true} to accept a {@code timeoutMs} longer than {@code intervalMs}
         * @return this builder
         */
        public Builder timeoutOverIntervalAllowed(boolean value) {
            requireOpen();
            this.timeoutOverIntervalAllowed = value;
            return this;
        }

        /**
         * How long close waits for in-flight probes, 0 … 600 000 ms.
         *
         * @param value the bound in ms, {@value #CLOSE_WAIT_MS_DEFAULT} by default; 0 does not
         *              wait
         * @return this builder
         * @throws IllegalArgumentException if {@code value} is outside that range
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
         * Whether the engine holds the store's lease while open (SPEC "Nodes", N1–N2); {@code true}
         * by default. With it, {@link #build} refuses to start while another engine's lease on the
         * same store is valid, and an engine that finds at a renewal that another engine took the
         * store over (it was paused past its lease) stops acting. Turn it off only where one
         * process provably owns the store and must not spend a transaction on the lease: the
         * simulator's lockstep runs so, because the reference model has no nodes.
         *
         * @param value {@code false} to run without the lease
         * @return this builder
         */
        public Builder singleWriterGuard(boolean value) {
            requireOpen();
            this.singleWriterGuard = value;
            return this;
        }

        /**
         * Whether this engine is one node of several sharing the store (SPEC §6, N4–N7); {@code
         * false} by default, and then nothing changes: one engine per store, under the store lease.
         * With it, every engine on the store must be built with {@code multiNode(true)} and a node
         * id unique among them ({@link #nodeId}); each monitor is owned by one live node through a
         * lease of its own on the database's clock, with a fencing token every write of its checks
         * carries; commands may be called on any node, and the owner learns of them within a
         * renewal period ({@link #leaseMs} / 3); new and orphaned monitors are spread over the live
         * nodes by rendezvous hashing, and a dead node's monitors are taken over within {@link
         * #leaseMs} and checked at once. A multi-node engine on a store a single-node engine holds,
         * and a single-node engine on a store live nodes use, are refused with a {@link
         * StoreException}. PostgreSQL is the store for nodes in several processes or hosts; SQLite
         * serves several engines on one host. It takes the place of the store lease: {@link
         * #singleWriterGuard} is then not used. See README "Running several nodes".
         *
         * @param value {@code true} to run as one node of several
         * @return this builder
         */
        public Builder multiNode(boolean value) {
            requireOpen();
            this.multiNode = value;
            return this;
        }

        /**
         * How long the store lease lasts without a renewal, {@value #LEASE_MS_MIN} …
         * {@value #LEASE_MS_MAX} ms, measured on the database's clock; renewed every third of it.
         * A crashed engine's store can be opened again after at most this long.
         *
         * @param value the lease in ms, {@value #LEASE_MS_DEFAULT} by default
         * @return this builder
         * @throws IllegalArgumentException if {@code value} is outside that range
         */
        public Builder leaseMs(long value) {
            requireOpen();
            if (value < LEASE_MS_MIN || value > LEASE_MS_MAX) {
                throw new IllegalArgumentException("leaseMs = " + value + " must be within " + LEASE_MS_MIN + " … " + LEASE_MS_MAX);
            }
            this.leaseMs = value;
            return this;
        }

        /**
         * The node id this engine holds the store's lease under. By default one of its own: the
         * process id and a random part, new for every engine. An engine given the id of the
         * lease's holder takes the lease over at once, as the same node restarted would: never
         * give two live engines one id.
         *
         * @param value 1 … 64 characters, not blank
         * @return this builder
         * @throws IllegalArgumentException if {@code value} is blank or longer than 64 characters
         */
        public Builder nodeId(String value) {
            requireOpen();
            Objects.requireNonNull(value, "nodeId");
            if (value.isBlank() || value.length() > 64) {
                throw new IllegalArgumentException("nodeId = '" + value + "' must be 1 … 64 characters, not blank");
            }
            this.nodeId = value;
            return this;
        }

        /**
         * Opens the store, composes the engine and recovers (SPEC R13): monitoring monitors resume.
         * Seals this builder, even when opening the store or recovery fails; only a missing store
         * leaves it open.
         *
         * @return the open engine; every monitor that was monitoring is checked at once
         * @throws IllegalStateException if no store was configured
         * @throws InvalidSettingsException if a {@link #schema} was set for an SQLite store
         * @throws StoreException if the store cannot be opened (a missing directory, tables of
         *                        its names that are not Vigil's, a newer schema: refused with
         *                        nothing written) or recovery fails; nothing changed
         */
        public VigilEngine build() {
            requireOpen();
            if (store == null) {
                throw new IllegalStateException("no store configured: call storeFile(path) or dataSource(ds) first");
            }
            if (probe != null && runtime != null) {
                throw new IllegalStateException("both probe(...) and runtime(...) were given, and a runtime runs its own probes:"
                        + " have your runtime run the probe, or leave the runtime out");
            }
            built = true;
            List<AutoCloseable> owned = new ArrayList<>();
            EngineRuntime chosenRuntime = runtime;
            if (chosenRuntime == null) {
                chosenRuntime = probe == null ? ProductionRuntime.create() : ProductionRuntime.create(probe);
                owned.add(chosenRuntime);
            }
            MonitorRepository repository;
            try {
                repository = store.apply(tableNames);
            } catch (RuntimeException failure) {
                closeQuietly(owned);
                throw failure;
            }
            if (storeOwned) {
                owned.add(repository);
            }
            StoreMembership keeper = null;
            try {
                MonitorLanes lanes = new MonitorLanes();
                EventPublisher events = new EventPublisher(listeners, chosenRuntime.listeners(), lanes, chosenRuntime.clock());
                // The lease comes before recovery: recovery writes every monitor, which only the
                // store's one engine may do.
                EngineRuntime partsRuntime = chosenRuntime;
                MonitorRepository partsRepository = repository;
                MonitorOwnership ownership = MonitorOwnership.SOLE;
                NodeKeeper node = null;
                MonitorManager[] fenced = new MonitorManager[1];
                java.util.function.Consumer<LeaseKeeper.Loss> onLoss = loss -> {
                    // Stop first, then tell: nothing of this engine acts after the event.
                    if (fenced[0] != null) {
                        fenced[0].close();
                    }
                    events.publish(new EngineEvent.StoreLeaseLost("", loss.nodeId(), loss.holder().nodeId(), loss.holder().expiresAtMs()));
                };
                if (multiNode) {
                    String id = nodeId != null ? nodeId : defaultNodeId(runtime == null ? chosenRuntime : null);
                    // A node frozen inside a transaction holds the others up for at most a renewal
                    // period, so their renewals still land well within their leases.
                    repository.boundTransactionWaits(NodeKeeper.renewalPeriodMs(leaseMs));
                    node = NodeKeeper.join(repository.nodes(), chosenRuntime, id, leaseMs, RendezvousPlacement.INSTANCE, storeDescription,
                            onLoss,
                            failure -> events.publish(new EngineEvent.StoreFailed("", StoreTransaction.RENEW_NODE_LEASES, failure.getMessage())),
                            repository.listenForNodes(), nodeParts);
                    keeper = node;
                    partsRuntime = nodeParts.runtime(node, chosenRuntime);
                    partsRepository = nodeParts.repository(node, repository);
                    ownership = node;
                } else if (singleWriterGuard) {
                    String id = nodeId != null ? nodeId : defaultNodeId(runtime == null ? chosenRuntime : null);
                    LeaseKeeper single = LeaseKeeper.claim(repository.leases(), chosenRuntime, id, leaseMs, storeDescription, onLoss,
                            failure -> events.publish(new EngineEvent.StoreFailed("", StoreTransaction.RENEW_LEASE, failure.getMessage())));
                    keeper = single;
                    partsRuntime = new LeaseGuardedRuntime(chosenRuntime, monitorId -> single.mayAct());
                }
                MonitorTable monitors = new MonitorTable();
                MonitorOperationRegistry registry = new MonitorOperationRegistry(chosenRuntime.operationIds());
                CheckWaiters waiters = new CheckWaiters(events);
                MonitorChecker checker = checkerFactory.create(new CheckerContext(partsRuntime, partsRepository, monitors, events, lanes,
                        registry, waiters));
                MonitorManager manager = new MonitorManager(partsRuntime, partsRepository, monitors, events, lanes, checker, waiters,
                        intervalMsMin, timeoutOverIntervalAllowed, ownership);
                fenced[0] = manager;
                manager.open();
                if (node != null) {
                    node.start(manager);
                } else if (keeper instanceof LeaseKeeper single) {
                    single.start();
                }
                return new VigilEngine(manager, checker, repository, events, chosenRuntime, owned, closeWaitMs, Optional.ofNullable(keeper),
                        ownership, lanes);
            } catch (RuntimeException failure) {
                if (keeper != null) {
                    keeper.release();
                }
                closeQuietly(owned);
                throw failure;
            }
        }

        /**
         * Readable in a refusal ("which process is it?") and unique: the process, the engine's
         * number in it, and, on the default runtime, a random part from its id source (two hosts
         * can both run pid 1). A runtime of the caller's is not asked: its ids may be a seeded
         * sequence (the simulator's) that one more draw would shift.
         */
        private static String defaultNodeId(EngineRuntime defaultRuntime) {
            String node = "pid-" + ProcessHandle.current().pid() + "-" + ENGINES_BUILT.incrementAndGet();
            return defaultRuntime == null ? node : node + "-" + defaultRuntime.operationIds().nextId().substring(0, 8);
        }

        private Builder store(Function<TableNames, MonitorRepository> value, boolean owned, String description) {
            requireOpen();
            this.store = value;
            this.storeOwned = owned;
            this.storeDescription = description;
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
