package io.wattline.profiles;

/** A block of PDU addresses [start, end) that the device answers without an exception. */
public record RegisterRange(RegisterFunction function, int start, int end) {

    public boolean contains(RegisterFunction f, int from, int to) {
        return f == function && from >= start && to <= end;
    }
}
