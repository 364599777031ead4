package io.wattline.simulator;

import java.time.Duration;

/** A slave on the emulated bus with the behaviour and turnaround a test may switch while it runs. */
final class BusSlot {

    final SimulatedDevice device;
    volatile SlaveBehaviour behaviour = SlaveBehaviour.normal();
    volatile Duration turnaround;

    BusSlot(SimulatedDevice device, Duration turnaround) {
        this.device = device;
        this.turnaround = turnaround;
    }
}
