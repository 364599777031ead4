package io.wattline.core;

/** How a quantity behaves over time; accounting only ever takes deltas of COUNTERs. */
public enum QuantityKind {
    /** Instantaneous value (power, flow, temperature). */
    GAUGE,
    /** Cumulative register that only grows, except at rollover, reset or replacement. */
    COUNTER,
    /** Discrete state or status word. */
    STATE
}
