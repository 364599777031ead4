package io.wattline.reports.build;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Splits an amount over weights in whole fen so that the shares add up to the rounded amount exactly
 * (largest remainder): a demand charge allocated to cost centres sums to the bill's figure.
 */
final class FenSplit {

    private FenSplit() {
    }

    static List<Double> split(double amount, List<Double> weights) {
        long totalFen = BigDecimal.valueOf(amount).movePointRight(2).setScale(0, RoundingMode.HALF_UP).longValue();
        double weightSum = weights.stream().mapToDouble(w -> Math.max(0, w)).sum();
        List<Double> out = new ArrayList<>();
        if (weights.isEmpty()) {
            return out;
        }
        if (weightSum <= 0) {
            weights.forEach(w -> out.add(0.0));
            return out;
        }
        long[] fen = new long[weights.size()];
        double[] remainder = new double[weights.size()];
        long given = 0;
        for (int i = 0; i < fen.length; i++) {
            double exact = totalFen * Math.max(0, weights.get(i)) / weightSum;
            fen[i] = (long) Math.floor(exact);
            remainder[i] = exact - fen[i];
            given += fen[i];
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < fen.length; i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble((Integer i) -> -remainder[i]).thenComparingInt(i -> i));
        for (int k = 0; k < totalFen - given; k++) {
            fen[order.get(k % fen.length)]++;
        }
        for (long f : fen) {
            out.add(f / 100.0);
        }
        return out;
    }
}
