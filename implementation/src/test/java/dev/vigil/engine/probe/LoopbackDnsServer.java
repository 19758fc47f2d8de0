package dev.vigil.engine.probe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small authoritative DNS server over UDP on 127.0.0.1 for probe tests (RFC 1035 wire format,
 * no compression in what it writes). It answers the records it was given; a name it has no
 * record of any type for is NXDOMAIN, a known name without records of the asked type is an
 * empty NOERROR answer; names marked failing answer SERVFAIL and names marked silent get no
 * answer at all. It counts the queries it receives, so a test can see that nothing was cached.
 */
final class LoopbackDnsServer implements AutoCloseable {
    static final int A = 1;
    static final int NS = 2;
    static final int CNAME = 5;
    static final int MX = 15;
    static final int TXT = 16;
    static final int AAAA = 28;

    private static final int PACKET_BYTES_MAX = 512;

    private final DatagramSocket socket;
    private final Thread serving;
    private final Map<String, Map<Integer, List<byte[]>>> records = new ConcurrentHashMap<>();
    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    private final Set<String> silent = ConcurrentHashMap.newKeySet();
    private final AtomicInteger queries = new AtomicInteger();

    private LoopbackDnsServer(DatagramSocket socket) {
        this.socket = socket;
        this.serving = Thread.ofPlatform().daemon().name("loopback-dns").start(this::serve);
    }

    static LoopbackDnsServer start() throws SocketException {
        return new LoopbackDnsServer(new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
    }

    /** {@code 127.0.0.1:port}, as a DNS monitor's server. */
    String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    int queries() {
        return queries.get();
    }

    LoopbackDnsServer a(String name, String address) throws IOException {
        return add(name, A, InetAddress.getByName(address).getAddress());
    }

    LoopbackDnsServer aaaa(String name, String address) throws IOException {
        return add(name, AAAA, InetAddress.getByName(address).getAddress());
    }

    LoopbackDnsServer cname(String name, String target) {
        return add(name, CNAME, encodeName(target));
    }

    LoopbackDnsServer ns(String name, String server) {
        return add(name, NS, encodeName(server));
    }

    LoopbackDnsServer mx(String name, int preference, String exchange) {
        byte[] encoded = encodeName(exchange);
        return add(name, MX, ByteBuffer.allocate(2 + encoded.length).putShort((short) preference).put(encoded).array());
    }

    /** One TXT record of one or more character-strings. */
    LoopbackDnsServer txt(String name, String... strings) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String string : strings) {
            byte[] bytes = string.getBytes(StandardCharsets.UTF_8);
            out.write(bytes.length);
            out.writeBytes(bytes);
        }
        return add(name, TXT, out.toByteArray());
    }

    /** Forgets every record of {@code name}, which then is NXDOMAIN. */
    LoopbackDnsServer clear(String name) {
        records.remove(key(name));
        return this;
    }

    LoopbackDnsServer failing(String name) {
        failing.add(key(name));
        return this;
    }

    LoopbackDnsServer silent(String name) {
        silent.add(key(name));
        return this;
    }

    private LoopbackDnsServer add(String name, int type, byte[] rdata) {
        records.computeIfAbsent(key(name), ignored -> new ConcurrentHashMap<>())
                .computeIfAbsent(type, ignored -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(rdata);
        return this;
    }

    private static String key(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    private void serve() {
        byte[] buffer = new byte[PACKET_BYTES_MAX];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                queries.incrementAndGet();
                byte[] answer = answer(ByteBuffer.wrap(packet.getData(), 0, packet.getLength()));
                if (answer != null) {
                    socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
                }
            } catch (IOException | RuntimeException e) {
                if (socket.isClosed()) {
                    return;
                }
                // A malformed query is dropped; the server keeps serving.
            }
        }
    }

    // The query always wraps a whole packet array from offset 0, so its array() is the packet.
    @SuppressWarnings("ByteBufferBackingArray")
    private byte[] answer(ByteBuffer query) {
        short id = query.getShort();
        short flags = query.getShort();
        query.getShort(); // QDCOUNT: one question, as every resolver sends
        query.position(12);
        int questionStart = query.position();
        StringBuilder name = new StringBuilder();
        for (int length = query.get() & 0xff; length > 0; length = query.get() & 0xff) {
            byte[] label = new byte[length];
            query.get(label);
            name.append(name.isEmpty() ? "" : ".").append(new String(label, StandardCharsets.US_ASCII));
        }
        int type = query.getShort() & 0xffff;
        query.getShort(); // class IN
        int questionEnd = query.position();
        String asked = key(name.toString());
        if (silent.contains(asked)) {
            return null;
        }
        Map<Integer, List<byte[]>> known = records.get(asked);
        int rcode = failing.contains(asked) ? 2 : known == null ? 3 : 0;
        List<byte[]> answers = rcode == 0 ? known.getOrDefault(type, List.of()) : List.of();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer header = ByteBuffer.allocate(12).putShort(id)
                .putShort((short) (0x8000 | (flags & 0x7900) | 0x0400 | 0x0080 | rcode)) // QR, opcode+RD kept, AA, RA
                .putShort((short) 1).putShort((short) answers.size()).putShort((short) 0).putShort((short) 0);
        out.writeBytes(header.array());
        out.write(query.array(), questionStart, questionEnd - questionStart);
        for (byte[] rdata : new ArrayList<>(answers)) {
            ByteBuffer record = ByteBuffer.allocate(12 + rdata.length)
                    .putShort((short) 0xc00c) // the question's name
                    .putShort((short) type).putShort((short) 1).putInt(60).putShort((short) rdata.length).put(rdata);
            out.writeBytes(record.array());
        }
        return out.toByteArray();
    }

    private static byte[] encodeName(String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String label : key(name).split("\\.", -1)) {
            byte[] bytes = label.getBytes(StandardCharsets.US_ASCII);
            out.write(bytes.length);
            out.writeBytes(bytes);
        }
        out.write(0);
        return out.toByteArray();
    }

    @Override
    public void close() {
        socket.close();
        try {
            serving.join(5_000);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
