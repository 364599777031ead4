package io.wattline.fleet.testing;

import io.wattline.fleet.MqttLink;
import io.wattline.fleet.testing.TahuDecoder.Wire;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real link that also records the will of every CONNECT (what the broker would publish for us). */
public final class RecordingLink implements MqttLink {

    private final MqttLink link;
    private final List<Wire> wills = new CopyOnWriteArrayList<>();

    public RecordingLink(MqttLink link) {
        this.link = link;
    }

    public List<Wire> wills() {
        return List.copyOf(wills);
    }

    @Override
    public void connect(Will will, Listener listener) throws IOException {
        link.connect(will, listener);
        wills.add(new Wire(will.topic(), will.qos(), will.retain(), will.payload()));
    }

    @Override
    public void subscribe(String filter, int qos) throws IOException {
        link.subscribe(filter, qos);
    }

    @Override
    public void publish(String topic, byte[] payload, int qos, boolean retain) throws IOException {
        link.publish(topic, payload, qos, retain);
    }

    @Override
    public boolean isConnected() {
        return link.isConnected();
    }

    @Override
    public void disconnect() {
        link.disconnect();
    }

    @Override
    public void drop() {
        link.drop();
    }

    @Override
    public void close() {
        link.close();
    }
}
