package io.wattline.profiles;

/**
 * Byte order of a multi-register value, written as the wire order of the bytes of a big-endian
 * 32-bit value {@code A B C D}: {@code ABCD} is Modbus big-endian, {@code CDAB} swaps the 16-bit
 * words (common on meters), {@code BADC} swaps bytes within each word, {@code DCBA} is fully
 * little-endian. For 64-bit values the same rule applies word by word; for 16-bit values only the
 * byte swap ({@code BADC}, {@code DCBA}) has an effect.
 */
public enum WordOrder {
    ABCD(false, false),
    CDAB(true, false),
    BADC(false, true),
    DCBA(true, true);

    private final boolean swapWords;
    private final boolean swapBytes;

    WordOrder(boolean swapWords, boolean swapBytes) {
        this.swapWords = swapWords;
        this.swapBytes = swapBytes;
    }

    /** True when the least significant word comes first. */
    public boolean swapsWords() {
        return swapWords;
    }

    /** True when the two bytes of each register are swapped. */
    public boolean swapsBytes() {
        return swapBytes;
    }
}
