package dev.poolkit.webtransport;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** Loopback UDP relay for one client; blackhole(true) drops everything, like a server that vanished without a word. */
final class UdpRelay implements AutoCloseable {
    private final DatagramSocket front;   // the client talks to this one
    private final DatagramSocket back;    // this one talks to the server
    private final InetSocketAddress server;
    private volatile SocketAddress client;
    private volatile boolean blackhole;

    UdpRelay(int serverPort) throws IOException {
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        front = new DatagramSocket(new InetSocketAddress(lo, 0));
        back = new DatagramSocket(new InetSocketAddress(lo, 0));
        server = new InetSocketAddress(lo, serverPort);
        Thread.ofPlatform().daemon().name("relay-up").start(() -> pump(front, true));
        Thread.ofPlatform().daemon().name("relay-down").start(() -> pump(back, false));
    }

    int port() {
        return front.getLocalPort();
    }

    void blackhole(boolean on) {
        blackhole = on;
    }

    private void pump(DatagramSocket from, boolean up) {
        byte[] buf = new byte[65535];
        try {
            while (true) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                from.receive(p);
                if (blackhole) continue;
                if (up) {
                    client = p.getSocketAddress();
                    back.send(new DatagramPacket(p.getData(), p.getLength(), server));
                } else if (client != null) {
                    front.send(new DatagramPacket(p.getData(), p.getLength(), client));
                }
            }
        } catch (IOException closed) {
            // relay closed
        }
    }

    @Override
    public void close() {
        front.close();
        back.close();
    }
}
