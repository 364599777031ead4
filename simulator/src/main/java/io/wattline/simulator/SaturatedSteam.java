package io.wattline.simulator;

/**
 * Properties of dry saturated steam as functions of absolute pressure: saturation temperature
 * by the IAPWS-IF97 region-4 equation, specific volume by a power-law fit to the steam tables.
 */
final class SaturatedSteam {

    /** Standard atmosphere in kPa: gauge + this = absolute. */
    static final double ATMOSPHERE_KPA = 101.325;

    // IAPWS-IF97, equation 31 (saturation temperature), coefficients n1..n10 of table 34
    private static final double[] N = {
        0.11670521452767e4, -0.72421316598842e6, -0.17073846940092e2, 0.12020824702470e5,
        -0.32325550322333e7, 0.14915108613530e2, -0.48232657361591e4, 0.40511340542057e6,
        -0.23855557567849, 0.65017534844798e3,
    };

    private SaturatedSteam() {
    }

    /** Saturation temperature in degC at {@code kPaAbsolute} (IF97 is valid 0.611 kPa .. 22.064 MPa). */
    static double temperature(double kPaAbsolute) {
        double beta = Math.pow(kPaAbsolute / 1000.0, 0.25);
        double e = beta * beta + N[2] * beta + N[5];
        double f = N[0] * beta * beta + N[3] * beta + N[6];
        double g = N[1] * beta * beta + N[4] * beta + N[7];
        double d = 2 * g / (-f - Math.sqrt(f * f - 4 * e * g));
        double kelvin = (N[9] + d - Math.sqrt((N[9] + d) * (N[9] + d) - 4 * (N[8] + N[9] * d))) / 2;
        return kelvin - 273.15;
    }

    /**
     * Specific volume of dry saturated steam in m3/kg at {@code kPaAbsolute}: 0.1944 m3/kg at
     * 1 MPa(a) scaled by p^-0.958, within 1 % of the steam tables from 0.5 to 2 MPa(a).
     */
    static double specificVolume(double kPaAbsolute) {
        return 0.1944 * Math.pow(kPaAbsolute / 1000.0, -0.958);
    }
}
