package io.wattline.simulator;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A serial-to-Ethernet gateway in transparent mode (what a Moxa NPort or USR-TCP232 does for RTU
 * over TCP): TCP bytes go to the bus's master pty and the bus's bytes come back, so RTU frames over
 * TCP meet the same timed bus as a serial master. One client at a time; a new one replaces the old,
 * as many gateways do.
 */
final class SerialTcpGateway implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(SerialTcpGateway.class);

    private final String name;
    private final Path masterDevice;
    private final ServerSocket server;
    private final Thread acceptor;
    private volatile Socket client;
    private volatile boolean closed;

    private SerialTcpGateway(String name, Path masterDevice, ServerSocket server) {
        this.name = name;
        this.masterDevice = masterDevice;
        this.server = server;
        this.acceptor = new Thread(this::acceptLoop, "rs485-" + name + "-gateway");
        acceptor.setDaemon(true);
    }

    /** Listens on {@code host}:{@code port} (0: a free port) and relays to {@code masterDevice}. */
    static SerialTcpGateway open(String name, Path masterDevice, String host, int port) {
        try {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getByName(host), port));
            SerialTcpGateway gateway = new SerialTcpGateway(name, masterDevice, server);
            gateway.acceptor.start();
            LOG.info("bus {}: RTU-over-TCP gateway on {}:{} relays to {}", name, host, server.getLocalPort(), masterDevice);
            return gateway;
        } catch (IOException e) {
            throw new IllegalStateException("bus " + name + ": cannot listen on " + host + ":" + port + " for the"
                    + " RTU-over-TCP gateway: " + e.getMessage(), e);
        }
    }

    InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket s;
            try {
                s = server.accept();
                s.setTcpNoDelay(true);
            } catch (IOException e) {
                if (!closed) {
                    LOG.error("bus {}: gateway stopped accepting", name, e);
                }
                return;
            }
            Socket previous = client;
            client = s;
            closeQuietly(previous);
            Thread relay = new Thread(() -> relay(s), "rs485-" + name + "-gateway-client");
            relay.setDaemon(true);
            relay.start();
        }
    }

    /** Pumps one client's bytes both ways until either side ends. */
    private void relay(Socket socket) {
        // two channels: one FileChannel would serialise the blocked read and the writes on its position lock
        try (socket;
                FileChannel fromBus = FileChannel.open(masterDevice, StandardOpenOption.READ);
                FileChannel toBus = FileChannel.open(masterDevice, StandardOpenOption.WRITE)) {
            OutputStream toClient = socket.getOutputStream();
            Thread back = new Thread(() -> {
                ByteBuffer buffer = ByteBuffer.allocate(1024);
                try {
                    while (fromBus.read(buffer.clear()) >= 0) {
                        toClient.write(buffer.array(), 0, buffer.position());
                    }
                } catch (IOException e) {
                    LOG.debug("bus {}: gateway bus-to-client relay ended: {}", name, e.toString());
                }
            }, "rs485-" + name + "-gateway-back");
            back.setDaemon(true);
            back.start();
            InputStream fromClient = socket.getInputStream();
            byte[] buffer = new byte[1024];
            int n;
            while ((n = fromClient.read(buffer)) >= 0) {
                toBus.write(ByteBuffer.wrap(buffer, 0, n));
            }
        } catch (SocketException e) {
            LOG.debug("bus {}: gateway client left: {}", name, e.toString());
        } catch (IOException e) {
            if (!closed) {
                LOG.warn("bus {}: gateway relay failed: {}", name, e.toString());
            }
        }
    }

    private void closeQuietly(Closeable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (IOException e) {
            LOG.debug("bus {}: closing a gateway socket: {}", name, e.toString());
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        closeQuietly(client);
    }
}
