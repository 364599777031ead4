package io.wattline.collector.opcua;

import io.wattline.core.Quality;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;

/** OPC UA status codes as Wattline qualities, with the status name as the reason. */
final class StatusQuality {

    private StatusQuality() {
    }

    static Quality quality(StatusCode status) {
        if (status == null || status.isGood()) {
            return Quality.GOOD;
        }
        return status.isUncertain() ? Quality.UNCERTAIN : Quality.BAD;
    }

    /** {@code Bad_CommunicationError}, or the hex code when the stack does not know the name; empty for plain Good. */
    static String reason(StatusCode status) {
        if (status == null || status.value() == 0) {
            return "";
        }
        return StatusCodes.lookup(status.value())
                .map(names -> names[0])
                .orElse(String.format("0x%08X", status.value()));
    }
}
