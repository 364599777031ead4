package io.wattline.reports.model;

/**
 * How a column's numbers are kept and shown: energy to 0.01 (0.1 from 1,000 on), money to the fen,
 * other figures with their own precision, times as dates. Renderers round and format by this.
 */
public enum ColumnKind {
    TEXT(-1),
    /** kWh, m3, t: kept to 0.01, shown to 0.1 from 1,000 on. */
    ENERGY(2),
    /** Currency, to the fen. */
    MONEY(2),
    /** kW and other measured figures, to 0.1. */
    POWER(1),
    /** A ratio to 0.01 (power factor). */
    RATIO(2),
    /** A share or difference in percent, to 0.01 %. */
    PERCENT(2),
    /** Tonnes of coal equivalent, to 0.001. */
    TCE(3),
    /** Counts. */
    INTEGER(0),
    /** Readings of a register, to 0.01. */
    READING(2),
    /** A plant-local date and time. */
    DATETIME(-1);

    private final int decimals;

    ColumnKind(int decimals) {
        this.decimals = decimals;
    }

    /** Decimal places a value is rounded to (half up), or -1 for non-numbers. */
    public int decimals() {
        return decimals;
    }

    public boolean numeric() {
        return decimals >= 0;
    }
}
