package io.wattline.analytics.kpi;

import java.util.List;

/**
 * Ordinary least squares with an intercept, solved from the normal equations by Gaussian
 * elimination with partial pivoting: enough for the handful of variables an energy baseline uses.
 */
public final class LinearBaseline {

    private LinearBaseline() {
    }

    /**
     * Fits consumption against the named variables over the baseline periods.
     *
     * @throws IllegalArgumentException with fewer periods than parameters, or when the variables are
     *     collinear (for example production that never changes)
     */
    public static BaselineModel fit(List<String> variables, List<BaselineObservation> baseline) {
        int p = variables.size() + 1;
        if (baseline.size() < p) {
            throw new IllegalArgumentException("a baseline with " + variables.size() + " variables needs at least "
                    + p + " periods, got " + baseline.size());
        }
        double[][] a = new double[p][p + 1];
        for (BaselineObservation o : baseline) {
            double[] x = row(o, variables.size());
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < p; j++) {
                    a[i][j] += x[i] * x[j];
                }
                a[i][p] += x[i] * o.consumption();
            }
        }
        double[] beta = solve(a, p, variables);
        double mean = baseline.stream().mapToDouble(BaselineObservation::consumption).average().orElse(0);
        double ssRes = 0;
        double ssTot = 0;
        for (BaselineObservation o : baseline) {
            double[] x = row(o, variables.size());
            double fitted = 0;
            for (int i = 0; i < p; i++) {
                fitted += beta[i] * x[i];
            }
            ssRes += (o.consumption() - fitted) * (o.consumption() - fitted);
            ssTot += (o.consumption() - mean) * (o.consumption() - mean);
        }
        double[] coefficients = new double[p - 1];
        System.arraycopy(beta, 1, coefficients, 0, p - 1);
        double r2 = ssTot == 0 ? 1.0 : 1.0 - ssRes / ssTot;
        return new BaselineModel(variables, beta[0], coefficients, r2, baseline.size());
    }

    private static double[] row(BaselineObservation o, int k) {
        double[] v = o.variables();
        if (v.length != k) {
            throw new IllegalArgumentException("baseline period " + o.label() + " has " + v.length
                    + " variables, expected " + k);
        }
        double[] x = new double[k + 1];
        x[0] = 1;
        System.arraycopy(v, 0, x, 1, k);
        return x;
    }

    private static double[] solve(double[][] a, int p, List<String> variables) {
        for (int col = 0; col < p; col++) {
            int pivot = col;
            for (int r = col + 1; r < p; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            double scale = Math.abs(a[col][col]) + 1.0;
            if (Math.abs(a[pivot][col]) < 1e-12 * scale) {
                throw new IllegalArgumentException("baseline variables " + variables
                        + " are collinear or constant over the baseline period; drop one");
            }
            double[] tmp = a[col];
            a[col] = a[pivot];
            a[pivot] = tmp;
            for (int r = 0; r < p; r++) {
                if (r != col) {
                    double f = a[r][col] / a[col][col];
                    for (int c = col; c <= p; c++) {
                        a[r][c] -= f * a[col][c];
                    }
                }
            }
        }
        double[] beta = new double[p];
        for (int i = 0; i < p; i++) {
            beta[i] = a[i][p] / a[i][i];
        }
        return beta;
    }
}
