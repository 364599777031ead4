package io.wattline.fleet.testing;

import io.wattline.fleet.ForwardingMqttLink;
import io.wattline.fleet.MqttLink;
import io.wattline.fleet.testing.TahuDecoder.Wire;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real link that also records the will of every CONNECT (what the broker would publish for us). */
public final class RecordingLink extends ForwardingMqttLink {

    private final List<Wire> wills = new CopyOnWriteArrayList<>();

    public RecordingLink(MqttLink link) {
        super(link);
    }

    public List<Wire> wills() {
        return List.copyOf(wills);
    }

    @Override
    public void connect(Will will, Listener listener) throws IOException {
        super.connect(will, listener);
        wills.add(new Wire(will.topic(), will.qos(), will.retain(), will.payload()));
    }
}
