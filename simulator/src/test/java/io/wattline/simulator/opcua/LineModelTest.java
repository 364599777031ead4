package io.wattline.simulator.opcua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LineModelTest {

    @Test
    void countsOnlyGrowAndMatchTheRateWhileRunning() {
        LineModel line = new LineModel(7, 2.0, 0.02);
        long runningTicks = 0;
        long lastGood = 0;
        long lastScrap = 0;
        boolean stopped = false;
        for (int i = 0; i < 7200; i++) { // one hour in 0.5 s steps
            line.advance(Duration.ofMillis(500));
            assertTrue(line.good() >= lastGood && line.scrap() >= lastScrap, "counters never go back");
            if (line.state() == LineModel.RUNNING) {
                runningTicks++;
                assertTrue(line.drivePowerKw() > 25, "a running drive draws power: " + line.drivePowerKw());
            } else {
                stopped = true;
                assertTrue(line.drivePowerKw() < 3, "a stopped drive idles: " + line.drivePowerKw());
            }
            lastGood = line.good();
            lastScrap = line.scrap();
        }
        double parts = line.good() + line.scrap();
        // 2 parts/s (±10 %) over the running half-seconds.
        assertEquals(runningTicks * 0.5 * 2.0, parts, runningTicks * 0.5 * 2.0 * 0.05);
        assertTrue(stopped, "the line stops now and then in an hour");
        assertTrue(line.scrap() > 0 && line.scrap() < parts * 0.05, "about 2 % scrap: " + line.scrap() + "/" + parts);
    }
}
