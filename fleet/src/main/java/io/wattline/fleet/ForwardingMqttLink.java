package io.wattline.fleet;

import java.io.IOException;

/** An {@link MqttLink} that hands every call to another one: extend it to watch or record a link. */
public abstract class ForwardingMqttLink implements MqttLink {

    private final MqttLink link;

    protected ForwardingMqttLink(MqttLink link) {
        this.link = link;
    }

    @Override
    public void connect(Will will, Listener listener) throws IOException {
        link.connect(will, listener);
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
