package io.wattline.fleet.mqtt;

import io.wattline.fleet.MqttLink;
import java.io.IOException;
import java.time.Duration;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * {@link MqttLink} over Eclipse Paho's MQTT 3.1.1 client (ADR 0012). Every {@link #connect} is a
 * new CONNECT with its own will, so the caller's bdSeq goes up with each; Paho's automatic
 * reconnect is off because it would reuse the old will.
 */
public final class PahoMqttLink implements MqttLink {

    private final String serverUri;
    private final String clientId;
    private final String username;
    private final char[] password;
    private final Duration keepAlive;
    private MqttClient client;

    /**
     * @param serverUri {@code tcp://127.0.0.1:1883}
     * @param keepAlive the broker declares us dead (and publishes the will) after 1.5 times this
     */
    public PahoMqttLink(String serverUri, String clientId, String username, char[] password, Duration keepAlive) {
        this.serverUri = serverUri;
        this.clientId = clientId;
        this.username = username;
        this.password = password;
        this.keepAlive = keepAlive;
    }

    @Override
    public synchronized void connect(Will will, Listener listener) throws IOException {
        closeClient();
        try {
            client = new MqttClient(serverUri, clientId, new MemoryPersistence());
            client.setCallback(new MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {
                    listener.onConnectionLost(cause);
                }

                @Override
                public void messageArrived(String topic, MqttMessage message) {
                    listener.onMessage(topic, message.getPayload());
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {
                    // QoS 0 publications need no acknowledgement
                }
            });
            MqttConnectOptions options = new MqttConnectOptions();
            options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
            options.setCleanSession(true);
            options.setAutomaticReconnect(false);
            options.setKeepAliveInterval((int) Math.max(1, keepAlive.toSeconds()));
            options.setConnectionTimeout(10);
            options.setMaxInflight(1000);
            if (username != null) {
                options.setUserName(username);
                options.setPassword(password);
            }
            if (will != null) {
                options.setWill(will.topic(), will.payload(), will.qos(), will.retain());
            }
            client.connect(options);
        } catch (MqttException e) {
            throw new IOException("MQTT connect to " + serverUri + " as " + clientId + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void subscribe(String filter, int qos) throws IOException {
        try {
            requireClient().subscribe(filter, qos);
        } catch (MqttException e) {
            throw new IOException("MQTT subscribe to " + filter + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void publish(String topic, byte[] payload, int qos, boolean retain) throws IOException {
        MqttClient c;
        synchronized (this) {
            c = requireClient();
        }
        try {
            c.publish(topic, payload, qos, retain);
        } catch (MqttException e) {
            throw new IOException("MQTT publish to " + topic + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized boolean isConnected() {
        return client != null && client.isConnected();
    }

    @Override
    public synchronized void disconnect() {
        if (client != null && client.isConnected()) {
            try {
                client.disconnect(2000);
            } catch (MqttException e) {
                drop();
            }
        }
    }

    @Override
    public synchronized void drop() {
        if (client != null) {
            try {
                // disconnectForcibly with no quiesce and no DISCONNECT packet: the broker sees a lost connection
                client.disconnectForcibly(0, 100, false);
            } catch (MqttException e) {
                // already gone
            }
        }
    }

    @Override
    public synchronized void close() {
        disconnect();
        closeClient();
    }

    private void closeClient() {
        if (client != null) {
            try {
                if (client.isConnected()) {
                    client.disconnectForcibly(0, 100, false);
                }
                client.close(true);
            } catch (MqttException e) {
                // closing a dead client
            }
            client = null;
        }
    }

    private MqttClient requireClient() throws IOException {
        if (client == null || !client.isConnected()) {
            throw new IOException("not connected to " + serverUri);
        }
        return client;
    }
}
