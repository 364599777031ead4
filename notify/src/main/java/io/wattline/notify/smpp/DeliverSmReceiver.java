package io.wattline.notify.smpp;

import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.DataSm;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.extra.ProcessRequestException;

/** jsmpp's callback for what the SMSC sends us: {@code deliver_sm} goes to the transport. */
final class DeliverSmReceiver implements MessageReceiverListener {

    private final SmppTransport transport;

    DeliverSmReceiver(SmppTransport transport) {
        this.transport = transport;
    }

    @Override
    public void onAcceptDeliverSm(org.jsmpp.bean.DeliverSm deliverSm) {
        transport.onDeliverSm(deliverSm);
    }

    @Override
    public void onAcceptAlertNotification(AlertNotification alertNotification) {
        // Nothing to do: we never ask the SMSC to alert us when a phone becomes reachable.
    }

    @Override
    public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
        throw new ProcessRequestException("data_sm is not supported", 0x03);
    }
}
