package dev.vigil.examples;

import dev.vigil.engine.InvalidSettingsException;
import dev.vigil.engine.MonitorSettings;
import dev.vigil.engine.StoreException;
import dev.vigil.engine.VigilEngine;
import dev.vigil.engine.event.EngineEvent;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Watches one URL until stopped, printing every status change.
 * Usage: {@code WatchUrl URL [DATABASE]}; the database (SQLite, default {@code vigil.db})
 * remembers the monitor, so a restart resumes it. Ctrl-C or SIGTERM closes the engine cleanly.
 */
public final class WatchUrl {
    private WatchUrl() {
    }

    /**
     * Runs until the JVM is asked to stop.
     *
     * @param args the URL to watch and, optionally, the database file
     * @throws InterruptedException if the waiting main thread is interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: WatchUrl URL [DATABASE]   e.g. WatchUrl https://example.com/health vigil.db");
            System.exit(2);
        }
        MonitorSettings settings;
        VigilEngine engine;
        try {
            settings = MonitorSettings.http(args[0]).withIntervalMs(30_000).withTimeoutMs(5_000).withRetryAttempts(2);
            engine = VigilEngine.builder()
                    .storeFile(Path.of(args.length > 1 ? args[1] : "vigil.db")) // or .dataSource(ds) for PostgreSQL
                    .listener(event -> {
                        if (event instanceof EngineEvent.StatusChanged change) {
                            System.out.println(change.monitorId() + ": " + change.previous() + " → " + change.next());
                        }
                    })
                    .build();
        } catch (InvalidSettingsException | StoreException e) {
            System.err.println("WatchUrl: " + e.getMessage());
            System.exit(2);
            return;
        }
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> { // Ctrl-C, SIGTERM
            engine.close(); // stops timers, waits for in-flight probes, closes the database
            System.out.println("engine closed");
            closed.countDown();
        }));
        if (engine.monitor("site").isPresent()) {
            engine.update("site", settings); // known from an earlier run: the engine resumed it
        } else {
            engine.add("site", settings);
        }
        engine.start("site"); // PAUSED → PENDING, then the first check at once
        closed.await();
    }
}
