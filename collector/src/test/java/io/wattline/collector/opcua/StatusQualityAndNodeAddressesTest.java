package io.wattline.collector.opcua;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wattline.core.Quality;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Milo side of OPC UA points: status codes to qualities, browse paths to Milo types, skeleton names. */
class StatusQualityAndNodeAddressesTest {

    @ParameterizedTest
    @CsvSource({
        "0x00000000, GOOD,      ''",
        "0x40900000, UNCERTAIN, Uncertain_LastUsableValue",
        "0x40930000, UNCERTAIN, Uncertain_SensorNotAccurate",
        "0x80050000, BAD,       Bad_CommunicationError",
        "0x808A0000, BAD,       Bad_NotConnected",
        "0x80310000, BAD,       Bad_NoCommunication",
    })
    void statusCodesBecomeQualitiesWithTheirName(String hex, Quality quality, String reason) {
        StatusCode status = new StatusCode(Long.decode(hex));
        assertEquals(quality, StatusQuality.quality(status));
        assertEquals(reason, StatusQuality.reason(status));
    }

    @Test
    void unknownStatusCodesKeepTheirNumber() {
        assertEquals("0x80FF0000", StatusQuality.reason(new StatusCode(0x80FF0000L)));
        assertEquals(StatusCodes.Bad_CommunicationError, 0x80050000L);
    }

    @Test
    void browsePathsAndSkeletonNames() {
        assertEquals("2:Line1", NodeAddresses.qualifiedName("2:Line1").getNamespaceIndex() + ":"
                + NodeAddresses.qualifiedName("2:Line1").getName());
        assertEquals(0, NodeAddresses.qualifiedName("Objects").getNamespaceIndex().intValue());
        assertEquals(3, NodeAddresses.relativePath("2:A/2:B/3:C").getElements().length);
        assertEquals("drive_power", ProfileSkeleton.pointName("1:Line1/1:DrivePower"));
        assertEquals("good_count", ProfileSkeleton.pointName("1:Line1/1:Good Count"));
        assertEquals("active_energy_import", ProfileSkeleton.guessQuantity("1:Line1/1:EnergyTotal"));
    }
}
