package dev.vigil.engine.probe;

import dev.vigil.engine.EngineClock;
import dev.vigil.engine.MonitorSettings;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/** TCP: up when a connection to host:port is established within the timeout; it is closed at once. */
final class TcpProbe implements Probe {
    private final EngineClock clock;

    TcpProbe(EngineClock clock) {
        this.clock = clock;
    }

    @Override
    public ProbeResult probe(MonitorSettings settings) {
        long startedMs = clock.monotonicMs();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(settings.tcpHost(), settings.tcpPort()), Math.toIntExact(settings.timeoutMs()));
            return ProbeResult.up(elapsed(startedMs), "connected");
        } catch (ConnectException e) {
            return ProbeResult.down(elapsed(startedMs), "connection refused");
        } catch (SocketTimeoutException e) {
            return ProbeResult.down(elapsed(startedMs), "connect timed out after " + settings.timeoutMs() + " ms");
        } catch (UnknownHostException e) {
            return ProbeResult.down(elapsed(startedMs), "unknown host " + settings.tcpHost());
        } catch (IOException e) {
            return ProbeResult.down(elapsed(startedMs), HttpProbe.describe(e));
        }
    }

    private long elapsed(long startedMs) {
        return Math.max(0, clock.monotonicMs() - startedMs);
    }
}
