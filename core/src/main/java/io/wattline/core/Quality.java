package io.wattline.core;

/** OPC-style quality of a sample. BAD samples carry a reason and no usable value. */
public enum Quality {
    GOOD,
    /** The value may be usable but is doubtful, for example stale (older than 3 poll periods). */
    UNCERTAIN,
    BAD
}
