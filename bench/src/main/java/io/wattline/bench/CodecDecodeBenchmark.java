package io.wattline.bench;

import io.wattline.core.Quantity;
import io.wattline.profiles.DataType;
import io.wattline.profiles.PointDefinition;
import io.wattline.profiles.RegisterFunction;
import io.wattline.profiles.WordOrder;
import io.wattline.profiles.codec.RegisterCodec;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Decode rate of {@link RegisterCodec} for CDAB FLOAT32 points against a hand-written
 * {@link ByteBuffer} loop doing the same word swap, in the same run. The codec sits on the
 * collector's hot path, so it must stay close to the raw loop.
 */
final class CodecDecodeBenchmark implements Benchmark {

    private static final int REGISTERS = 1 << 16;

    @Override
    public String name() {
        return "codec-decode";
    }

    @Override
    public String description() {
        return "RegisterCodec FLOAT32/CDAB decodes per second vs a raw ByteBuffer loop";
    }

    @Override
    public void run(List<String> args, PrintStream out) {
        int rounds = args.isEmpty() ? 200 : Integer.parseInt(args.get(0));
        int[] regs = new int[REGISTERS];
        SplittableRandom rnd = new SplittableRandom(42);
        for (int i = 0; i < regs.length; i++) {
            regs[i] = rnd.nextInt(0x10000);
        }
        PointDefinition p = new PointDefinition("p", Quantity.ACTIVE_POWER, RegisterFunction.HOLDING,
                0, DataType.FLOAT32, WordOrder.CDAB, 1.0, 0.0, "kW", -1, null, "fast", "bench");
        ByteBuffer buf = ByteBuffer.allocate(4);
        // warm-up both paths so the JIT has compiled them before measuring
        double sink = codec(regs, p, 20) + raw(regs, buf, 20);
        long t0 = System.nanoTime();
        sink += raw(regs, buf, rounds);
        long rawNs = System.nanoTime() - t0;
        t0 = System.nanoTime();
        sink += codec(regs, p, rounds);
        long codecNs = System.nanoTime() - t0;
        double values = (double) rounds * (REGISTERS / 2);
        double codecRate = values / (codecNs / 1e9);
        double rawRate = values / (rawNs / 1e9);
        out.printf("codec: %.0f values/s, raw ByteBuffer loop: %.0f values/s (checksum %.3g)%n",
                codecRate, rawRate, sink);
        out.printf("RESULT values_per_s=%.0f baseline_values_per_s=%.0f ratio=%.2f%n",
                codecRate, rawRate, codecRate / rawRate);
    }

    private static double codec(int[] regs, PointDefinition p, int rounds) {
        double sum = 0;
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i + 1 < regs.length; i += 2) {
                double v = RegisterCodec.decode(p, regs, i);
                if (Double.isFinite(v)) {
                    sum += v * 1e-30;
                }
            }
        }
        return sum;
    }

    private static double raw(int[] regs, ByteBuffer buf, int rounds) {
        double sum = 0;
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i + 1 < regs.length; i += 2) {
                buf.clear();
                buf.putShort((short) regs[i + 1]).putShort((short) regs[i]);
                double v = buf.getFloat(0);
                if (Double.isFinite(v)) {
                    sum += v * 1e-30;
                }
            }
        }
        return sum;
    }
}
