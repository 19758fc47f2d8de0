package dev.vigil.engine.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback port whose connections hang in the handshake: a listening socket that never
 * accepts, with its backlog filled. Linux then drops further SYNs, so a connect neither
 * succeeds nor is refused: the way to provoke a connect timeout without leaving the machine.
 */
final class UnacceptedPort implements AutoCloseable {
    private static final int FILLERS_MAX = 16;
    private static final int FILLER_CONNECT_TIMEOUT_MS = 200;

    private final ServerSocket listening;
    private final List<Socket> fillers = new ArrayList<>();

    private UnacceptedPort(ServerSocket listening) {
        this.listening = listening;
    }

    static UnacceptedPort open() throws IOException {
        UnacceptedPort port = new UnacceptedPort(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
        for (int i = 0; i < FILLERS_MAX; i++) {
            Socket filler = new Socket();
            try {
                filler.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port.port()), FILLER_CONNECT_TIMEOUT_MS);
                port.fillers.add(filler);
            } catch (SocketTimeoutException full) {
                filler.close();
                return port;
            }
        }
        port.close();
        throw new IllegalStateException("the backlog of port " + port.port() + " did not fill after " + FILLERS_MAX
                + " connections: this kernel accepts what is not accepted, so a connect timeout cannot be provoked here");
    }

    int port() {
        return listening.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        for (Socket filler : fillers) {
            filler.close();
        }
        listening.close();
    }
}
