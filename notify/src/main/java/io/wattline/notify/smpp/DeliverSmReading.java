package io.wattline.notify.smpp;

import io.wattline.notify.sms.Gsm7;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.TypeOfNumber;

/**
 * Reads a {@code deliver_sm}: a delivery receipt (esm_class bit 2; id and {@code stat:} of the text
 * SMPP 3.4 appendix B suggests, or the {@code receipted_message_id} TLV) or an incoming SMS in
 * UCS-2, Latin-1 or the GSM default alphabet, with its user-data header split off.
 */
final class DeliverSmReading {

    private static final Pattern RECEIPT = Pattern.compile("id:(\\S+).*?stat:(\\w+)", Pattern.DOTALL);

    private DeliverSmReading() {
    }

    record Reading(boolean receipt, String receiptId, boolean delivered, String status, String from, byte[] udh,
            String text) {
    }

    static Reading read(DeliverSm d) {
        byte[] sm = d.getShortMessage() == null ? new byte[0] : d.getShortMessage();
        if (sm.length == 0) {
            OptionalParameter payload = d.getOptionalParameter(OptionalParameter.Tag.MESSAGE_PAYLOAD);
            if (payload instanceof OptionalParameter.OctetString o) {
                sm = o.getValue();
            }
        }
        if (DeliverSm.isSmscDeliveryReceipt(d.getEsmClass())) {
            String text = new String(sm, StandardCharsets.ISO_8859_1);
            Matcher m = RECEIPT.matcher(text);
            boolean found = m.find();
            String id = found ? m.group(1) : "";
            String stat = found ? m.group(2) : "UNKNOWN";
            OptionalParameter receipted = d.getOptionalParameter(OptionalParameter.Tag.RECEIPTED_MESSAGE_ID);
            if (receipted instanceof OptionalParameter.COctetString c) {
                id = c.getValueAsString();
            }
            return new Reading(true, id, stat.equals("DELIVRD"), stat, null, null, null);
        }
        String from = d.getSourceAddr();
        if (d.getSourceAddrTon() == TypeOfNumber.INTERNATIONAL.value() && !from.startsWith("+")) {
            from = "+" + from;
        }
        byte[] udh = new byte[0];
        if (DeliverSm.isUdhi(d.getEsmClass()) && sm.length > 0) {
            udh = Arrays.copyOfRange(sm, 0, (sm[0] & 0xFF) + 1);
            sm = Arrays.copyOfRange(sm, udh.length, sm.length);
        }
        return new Reading(false, null, false, null, from, udh, text(d.getDataCoding() & 0xFF, sm));
    }

    /** SMPP 3.4 §5.2.19 data coding: 8 UCS-2, 3 Latin-1, 1 IA5 (ASCII), 0 the SMSC default (GSM). */
    static String text(int dataCoding, byte[] bytes) {
        return switch (dataCoding & 0x0F) {
            case 0x08 -> new String(bytes, StandardCharsets.UTF_16BE);
            case 0x03 -> new String(bytes, StandardCharsets.ISO_8859_1);
            case 0x01 -> new String(bytes, StandardCharsets.US_ASCII);
            default -> Gsm7.decode(bytes);
        };
    }
}
