package io.wattline.fleet.testing;

import io.wattline.fleet.testing.TahuDecoder.Wire;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** An MQTT client that records everything on {@code spBv1.0/#} as it arrives (QoS 1 subscription keeps the publisher's QoS). */
public final class Spy implements AutoCloseable {

    private final MqttClient client;
    private final List<Wire> seen = new CopyOnWriteArrayList<>();

    public Spy(String uri) throws MqttException {
        client = new MqttClient(uri, "spy-" + System.nanoTime(), new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage m) {
                seen.add(new Wire(topic, m.getQos(), m.isRetained(), m.getPayload()));
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        client.connect(o);
        client.subscribe("spBv1.0/#", 1);
    }

    public List<Wire> seen() {
        return List.copyOf(seen);
    }

    public long count(Predicate<Wire> which) {
        return seen.stream().filter(which).count();
    }

    public void publish(String topic, byte[] payload) throws MqttException {
        client.publish(topic, payload, 0, false);
    }

    @Override
    public void close() throws MqttException {
        client.disconnect();
        client.close();
    }
}
