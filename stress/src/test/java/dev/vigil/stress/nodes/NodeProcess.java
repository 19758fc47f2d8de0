package dev.vigil.stress.nodes;

import dev.vigil.engine.MonitorSettings;
import dev.vigil.engine.VigilEngine;
import dev.vigil.engine.event.EngineEvent;
import dev.vigil.engine.runtime.ProductionRuntime;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * One engine node in a process of its own, for {@link ThreeNodeProcessTest}: a multi-node engine
 * on the PostgreSQL schema it is given, with the production runtime. It speaks a line protocol on
 * its standard streams, so that the test can kill or stop it like any process:
 *
 * <ul>
 *   <li>out {@code ready NODE} once built; {@code completed MONITOR OPERATION} for every
 *       {@code CheckCompleted} (written and flushed before the listener returns, so that what a
 *       SIGKILL cuts off is only what no listener was told yet); {@code closed} after close;</li>
 *   <li>in {@code add N URL} adds and starts monitors {@code m000 … m(N-1)} checking {@code URL};
 *       {@code close} closes the engine; the end of input closes it too.</li>
 * </ul>
 *
 * <p>The JDBC connections (a HikariCP pool, as an application would give the engine) carry the node id as PostgreSQL's {@code application_name}, so that an
 * audit trigger in the database can tell which node made each write, independently of the
 * engine's own account.
 *
 * <p>Arguments: {@code URL SCHEMA NODE_ID LEASE_MS}.
 */
public final class NodeProcess {
    static final long INTERVAL_MS = 2_000;
    static final long TIMEOUT_MS = 1_000;
    /** As an application would give the engine: a pool, since the engine takes a connection per transaction. */
    private static final int POOL_SIZE = 8;

    private NodeProcess() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: NodeProcess JDBC_URL SCHEMA NODE_ID LEASE_MS");
            System.exit(2);
        }
        String nodeId = args[2];
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(args[0]);
        pool.setSchema(args[1]);
        pool.addDataSourceProperty("ApplicationName", nodeId);
        pool.setMaximumPoolSize(POOL_SIZE);
        pool.setPoolName("node-" + nodeId);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (HikariDataSource database = new HikariDataSource(pool); VigilEngine engine = VigilEngine.builder()
                .dataSource(database)
                .runtime(ProductionRuntime.create())
                .multiNode(true)
                .nodeId(nodeId)
                .leaseMs(Long.parseLong(args[3]))
                .intervalMsMin(MonitorSettings.INTERVAL_MS_FLOOR)
                .closeWaitMs(TIMEOUT_MS * 2)
                .listener(event -> {
                    if (event instanceof EngineEvent.CheckCompleted completed) {
                        synchronized (out) {
                            out.println("completed " + completed.monitorId() + " " + completed.operationId());
                        }
                    }
                })
                .build()) {
            synchronized (out) {
                out.println("ready " + nodeId);
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null && !line.equals("close"); line = in.readLine()) {
                String[] words = line.split(" ");
                if (words.length == 3 && words[0].equals("add")) {
                    MonitorSettings settings = MonitorSettings.http(words[2]).withIntervalMs(INTERVAL_MS).withTimeoutMs(TIMEOUT_MS);
                    for (int i = 0; i < Integer.parseInt(words[1]); i++) {
                        String id = "m%03d".formatted(i);
                        engine.add(id, settings);
                        engine.start(id);
                    }
                    synchronized (out) {
                        out.println("added " + words[1]);
                    }
                } else {
                    System.err.println("NodeProcess " + nodeId + ": unknown command '" + line + "'");
                }
            }
        }
        synchronized (out) {
            out.println("closed");
        }
    }
}
