package io.wattline.collector.opcua;

import io.netty.channel.Channel;
import java.util.concurrent.CompletableFuture;
import java.util.function.DoubleConsumer;
import org.eclipse.milo.opcua.stack.core.types.UaRequestMessageType;
import org.eclipse.milo.opcua.stack.core.types.UaResponseMessageType;
import org.eclipse.milo.opcua.stack.core.types.structured.PublishRequest;
import org.eclipse.milo.opcua.stack.transport.client.tcp.OpcTcpClientTransport;
import org.eclipse.milo.opcua.stack.transport.client.tcp.OpcTcpClientTransportConfig;

/**
 * The opc.tcp transport, timing every service call from the moment it is written to the channel
 * until its answer: the device's latency is that round trip (session keep-alive reads, reads,
 * monitored item calls), not the age of a value. Publish requests are left out: a server parks them
 * until data is due, so their round trip measures the publishing interval, not the link.
 * A subclass, not a wrapper: Milo's session watches the TCP transport's channel by its type.
 */
final class TimedTransport extends OpcTcpClientTransport {

    private final DoubleConsumer roundTripMillis;

    /** @param roundTripMillis told each answered call's round trip in milliseconds; must not block */
    TimedTransport(OpcTcpClientTransportConfig config, DoubleConsumer roundTripMillis) {
        super(config);
        this.roundTripMillis = roundTripMillis;
    }

    @Override
    protected CompletableFuture<UaResponseMessageType> sendRequestMessage(UaRequestMessageType request,
            Channel channel) {
        long sent = System.nanoTime();
        CompletableFuture<UaResponseMessageType> answer = super.sendRequestMessage(request, channel);
        if (request instanceof PublishRequest) {
            return answer;
        }
        answer.whenComplete((response, failure) -> {
            if (failure == null) {
                roundTripMillis.accept((System.nanoTime() - sent) / 1e6);
            }
        });
        return answer;
    }
}
