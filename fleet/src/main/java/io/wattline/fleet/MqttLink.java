package io.wattline.fleet;

import java.io.IOException;

/**
 * The MQTT connection the fleet code needs, whatever client library implements it (Paho here,
 * {@code fleet.mqtt}). MQTT 3.1.1, clean session; a failed connect or publish throws.
 */
public interface MqttLink extends AutoCloseable {

    /** The message the broker publishes for us when the connection dies (the Sparkplug NDEATH or STATE). */
    record Will(String topic, byte[] payload, int qos, boolean retain) {
    }

    /** Called on the client's own thread: hand the message on, never block. */
    interface Listener {
        void onMessage(String topic, byte[] payload);

        void onConnectionLost(Throwable cause);
    }

    /** Opens a new connection (a new MQTT CONNECT) with this will; {@code will} may be null. */
    void connect(Will will, Listener listener) throws IOException;

    void subscribe(String filter, int qos) throws IOException;

    void publish(String topic, byte[] payload, int qos, boolean retain) throws IOException;

    boolean isConnected();

    /** A clean DISCONNECT (the broker does not publish the will). */
    void disconnect();

    /** Drops the TCP connection without DISCONNECT, as a crash or a cable cut would: the broker publishes the will. */
    void drop();

    @Override
    void close();
}
