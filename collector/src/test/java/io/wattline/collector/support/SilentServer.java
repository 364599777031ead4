package io.wattline.collector.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real TCP peer that accepts connections and reads requests but never answers: how a gateway
 * whose meter is unplugged looks from the collector, down to the timeout.
 */
public final class SilentServer implements AutoCloseable {

    private final ServerSocket server;
    private final List<Socket> clients = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    public SilentServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptLoop, "silent-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                clients.add(s);
                Thread drain = new Thread(() -> {
                    try {
                        // Read and discard, so the client's writes never block on a full buffer.
                        s.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
                    } catch (IOException closed) {
                        // the client or close() ended the connection: nothing to answer anyway
                    }
                }, "silent-server-drain");
                drain.setDaemon(true);
                drain.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Connections accepted so far (a reconnecting client makes more than one). */
    public int connectionsAccepted() {
        return clients.size();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : clients) {
            s.close();
        }
    }
}
