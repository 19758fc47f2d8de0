package dev.vigil.engine.outbox;

import dev.vigil.engine.event.EngineEvent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.MonitorStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Status changes reach logger {@code dev.vigil.engine.status} at INFO and checks reach {@code
 * dev.vigil.engine.checks} at DEBUG (JUL's FINE, the JDK's default System.Logger backend), so
 * an application routes or silences them by name.
 */
class EventLogTest {
    private final List<LogRecord> records = new ArrayList<>();
    private final Handler collector = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    // Held here: JUL keeps loggers only weakly, and the levels set below must last the test.
    private final Logger status = Logger.getLogger(EventLog.STATUS_LOGGER);
    private final Logger checks = Logger.getLogger(EventLog.CHECK_LOGGER);

    @BeforeEach
    void collect() {
        status.addHandler(collector);
        checks.addHandler(collector);
        collector.setLevel(Level.ALL);
        // The levels the JDK's default configuration gives, set here so that a logging
        // configuration of the run (the mutation run's is WARNING) does not decide the test.
        status.setLevel(Level.INFO);
        checks.setLevel(Level.INFO);
    }

    @AfterEach
    void stopCollecting() {
        status.removeHandler(collector);
        checks.removeHandler(collector);
        status.setLevel(null);
        checks.setLevel(null);
    }

    @Test
    void aStatusChangeIsInfoAndAChecksIsDebugOnlyWhenAskedFor() {
        EventLog.log(new EngineEvent.StatusChanged("site", MonitorStatus.PENDING, MonitorStatus.UP));
        EventLog.log(new EngineEvent.CheckCompleted("site", "op-1", MonitorStatus.UP, 12, "HTTP 200", false));
        assertThat(records).hasSize(1);
        assertThat(records.get(0).getLevel()).isEqualTo(Level.INFO);
        assertThat(records.get(0).getLoggerName()).isEqualTo("dev.vigil.engine.status");

        checks.setLevel(Level.FINE);
        EventLog.log(new EngineEvent.CheckCompleted("site", "op-2", MonitorStatus.DOWN, 5, "connection refused", true));
        EventLog.log(new EngineEvent.CheckDiscarded("site", "op-3", "the monitor was stopped"));
        EventLog.log(new EngineEvent.MonitoringStarted("site"));
        assertThat(records).hasSize(3);
        assertThat(records.subList(1, 3)).allSatisfy(record -> {
            assertThat(record.getLevel()).isEqualTo(Level.FINE);
            assertThat(record.getLoggerName()).isEqualTo("dev.vigil.engine.checks");
            assertThat(record.getThrown()).isNull();
        });
    }
}
