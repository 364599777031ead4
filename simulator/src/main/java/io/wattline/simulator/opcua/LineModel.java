package io.wattline.simulator.opcua;

import java.time.Duration;
import java.util.Random;

/**
 * A production line as its PLC sees it: runs for a while, stops now and then, faults rarely;
 * counts good and scrap parts while running, and its drive draws power accordingly. Seeded, so
 * a run can be repeated.
 */
final class LineModel {

    /** Line states as the PLC reports them. */
    static final int STOPPED = 0;
    static final int RUNNING = 1;
    static final int FAULT = 2;

    private final Random random;
    private final double partsPerSecond;
    private final double scrapRatio;
    private int state = RUNNING;
    private double secondsInState;
    private double stateLength;
    private double partCredit;
    private long good;
    private long scrap;
    private double drivePowerKw;

    LineModel(long seed, double partsPerSecond, double scrapRatio) {
        this.random = new Random(seed);
        this.partsPerSecond = partsPerSecond;
        this.scrapRatio = scrapRatio;
        this.stateLength = runLength();
    }

    /** Advances the line by {@code step}. */
    synchronized void advance(Duration step) {
        double dt = step.toNanos() / 1e9;
        secondsInState += dt;
        if (secondsInState >= stateLength) {
            secondsInState = 0;
            if (state == RUNNING) {
                state = random.nextDouble() < 0.1 ? FAULT : STOPPED;
                stateLength = state == FAULT ? 10 + random.nextDouble() * 20 : 10 + random.nextDouble() * 15;
            } else {
                state = RUNNING;
                stateLength = runLength();
            }
        }
        if (state == RUNNING) {
            partCredit += partsPerSecond * dt * (0.9 + 0.2 * random.nextDouble());
            while (partCredit >= 1) {
                partCredit -= 1;
                if (random.nextDouble() < scrapRatio) {
                    scrap++;
                } else {
                    good++;
                }
            }
            drivePowerKw = 35 + random.nextGaussian() * 1.5;
        } else {
            drivePowerKw = 1.8 + random.nextDouble() * 0.4;
        }
    }

    private double runLength() {
        return 90 + random.nextDouble() * 90;
    }

    synchronized int state() {
        return state;
    }

    synchronized long good() {
        return good;
    }

    synchronized long scrap() {
        return scrap;
    }

    synchronized double drivePowerKw() {
        return drivePowerKw;
    }
}
