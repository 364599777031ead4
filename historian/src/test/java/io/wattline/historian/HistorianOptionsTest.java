package io.wattline.historian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HistorianOptionsTest {

    @Test
    void defaultsMatchTheDocumentedValues() {
        HistorianOptions options = HistorianOptions.defaults();
        assertEquals(100_000, options.queueCapacity());
        assertEquals(10_000, options.batchMaxSamples());
        assertEquals(Duration.ofMillis(200), options.batchMaxDelay());
    }

    @Test
    void nonsensicalValuesAreRefusedWithTheFieldName() {
        HistorianOptions options = HistorianOptions.defaults();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> options.withQueueCapacity(0))
                .getMessage().contains("queueCapacity"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> options.withBatchMaxSamples(0))
                .getMessage().contains("batchMaxSamples"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> options.withBatchMaxDelay(Duration.ofMillis(-1)))
                .getMessage().contains("batchMaxDelay"));
    }
}
