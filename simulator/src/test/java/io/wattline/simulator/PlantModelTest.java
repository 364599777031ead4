package io.wattline.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.Quantity;
import io.wattline.core.plant.ConnectionType;
import io.wattline.core.plant.Meter;
import io.wattline.core.plant.Plant;
import io.wattline.core.QuantityKind;
import io.wattline.profiles.PointDefinition;
import io.wattline.profiles.ProfileCatalog;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo plant's load model over one simulated day, stepped in 1 s without sleeping. */
class PlantModelTest {

    private static final List<String> ELECTRIC_SUBS =
            List.of("line1-power", "line2-power", "compressor-power", "boiler-aux-power");

    private static Plant plant;
    private static Instant dayStart;
    private static PlantModel model;
    /** Minute means of the primary gauge, per meter, over the simulated day (1440 values). */
    private static Map<String, double[]> minuteMeans;
    /** Σ gauge · 1 s, per meter, summed by the test while stepping: the independent integral. */
    private static Map<String, Double> summedByTest;
    private static Map<String, Map<Quantity, Double>> truthAtStart;
    private static double unmeteredAtStart;
    /** Σ steam MASS_FLOW reading · 1 s in t, summed by the test while stepping. */
    private static double steamMassFlowSum;
    /** Per meter and quantity the largest |reading| over minute samples of the day. */
    private static Map<String, Map<Quantity, Double>> largestReading;
    /** Steam readings sampled once a minute. */
    private static List<Map<Quantity, Double>> steamSamples;

    @BeforeAll
    static void simulateOneDay() {
        plant = DemoPlant.load(ProfileCatalog.builtIn());
        dayStart = LocalDate.of(2026, 3, 2).atStartOfDay(plant.zone()).toInstant();
        model = PlantModel.create(plant, LoadModels.fromResource(DemoPlant.LOADS_RESOURCE), dayStart);
        minuteMeans = new HashMap<>();
        summedByTest = new HashMap<>();
        truthAtStart = new HashMap<>();
        for (String id : model.meterIds()) {
            minuteMeans.put(id, new double[1440]);
            summedByTest.put(id, 0.0);
            Map<Quantity, Double> t = new HashMap<>();
            for (Quantity q : model.counters(id)) {
                t.put(q, model.truth(id, q));
            }
            truthAtStart.put(id, t);
        }
        unmeteredAtStart = model.unmeteredIntegral("main-incomer");
        steamMassFlowSum = 0;
        largestReading = new HashMap<>();
        steamSamples = new ArrayList<>();
        for (int s = 0; s < 86_400; s++) {
            for (String id : model.meterIds()) {
                double g = model.gauge(id);          // the gauge over [s, s + 1)
                minuteMeans.get(id)[s / 60] += g / 60.0;
                summedByTest.merge(id, g / 3600.0, Double::sum);
                if (s % 60 == 7) {
                    Map<Quantity, Double> largest = largestReading.computeIfAbsent(id, k -> new HashMap<>());
                    model.readings(id).forEach((q, v) -> largest.merge(q, Math.abs(v), Math::max));
                }
            }
            steamMassFlowSum += model.value("boiler-steam", Quantity.MASS_FLOW) / 3600.0;
            if (s % 60 == 7) {
                steamSamples.add(model.readings("boiler-steam"));
            }
            model.advanceTo(dayStart.plusSeconds(s + 1));
        }
    }

    private static double mean(String meter, String from, String to) {
        int a = LocalTime.parse(from).toSecondOfDay() / 60;
        int b = LocalTime.parse(to).toSecondOfDay() / 60;
        double sum = 0;
        for (int m = a; m < b; m++) {
            sum += minuteMeans.get(meter)[m];
        }
        return sum / (b - a);
    }

    private static double delta(String meter, Quantity q) {
        return model.truth(meter, q) - truthAtStart.get(meter).get(q);
    }

    @Test
    void nightShiftRunsLowerThanTheDayShifts() {
        for (String line : List.of("line1-power", "line2-power")) {
            double morning = mean(line, "07:00", "11:30");
            double afternoon = mean(line, "14:30", "17:30");
            double night = mean(line, "22:30", "23:59");
            assertTrue(night < 0.6 * morning, line + ": night " + night + " vs morning " + morning);
            assertTrue(night < 0.6 * afternoon, line + ": night " + night + " vs afternoon " + afternoon);
            assertTrue(afternoon < morning, line + ": afternoon " + afternoon + " vs morning " + morning);
        }
    }

    @Test
    void breaksDipTheLoad() {
        for (String line : List.of("line1-power", "line2-power")) {
            double before = mean(line, "10:00", "11:55");
            double lunch = mean(line, "12:10", "12:30");
            double evening = mean(line, "18:10", "18:30");
            double afternoon = mean(line, "16:00", "17:55");
            assertTrue(lunch < 0.5 * before, line + ": lunch " + lunch + " vs before " + before);
            assertTrue(evening < 0.5 * afternoon, line + ": dinner " + evening + " vs afternoon " + afternoon);
        }
    }

    @Test
    void countersGrowExactlyByTheIntegralOfTheGauge() {
        for (String id : model.meterIds()) {
            for (Quantity q : List.of(Quantity.ACTIVE_ENERGY_IMPORT, Quantity.VOLUME)) {
                if (!model.counters(id).contains(q)) {
                    continue;
                }
                double expected = summedByTest.get(id);
                assertEquals(expected, delta(id, q), 1e-9 * Math.max(1, expected), id + " " + q);
                assertTrue(expected > 0, id + " consumed nothing in a day");
            }
        }
    }

    @Test
    void mainIncomerIsTheSumOfItsSubMetersPlusAPlausibleLoss() {
        double main = delta("main-incomer", Quantity.ACTIVE_ENERGY_IMPORT);
        double subs = 0;
        for (String sub : ELECTRIC_SUBS) {
            subs += delta(sub, Quantity.ACTIVE_ENERGY_IMPORT);
        }
        double loss = main - subs;
        assertTrue(loss > 0, "loss " + loss);
        // the model's own record of the unmetered part closes the balance exactly
        double unmetered = model.unmeteredIntegral("main-incomer") - unmeteredAtStart;
        assertEquals(main, subs + unmetered, 1e-9 * main);
        assertTrue(loss / main > 0.02 && loss / main < 0.15, "loss share " + loss / main + " of " + main + " kWh");
        // the plant's meters all say who their parent is: the sub-meters of the model are exactly those
        List<String> children = plant.meters().stream().filter(m -> "main-incomer".equals(m.parentMeterId()))
                .map(Meter::id).sorted().toList();
        assertEquals(ELECTRIC_SUBS.stream().sorted().toList(), children);
        // a day of a plant this size: a few MWh
        assertTrue(main > 2_000 && main < 12_000, "main incomer " + main + " kWh in a day");
    }

    @Test
    void waterMainCoversItsSubMeter() {
        double main = delta("water-main", Quantity.VOLUME);
        double sub = delta("line1-water", Quantity.VOLUME);
        assertTrue(main > sub && sub > 0, "water main " + main + " m3, line 1 " + sub + " m3");
    }

    @Test
    void compressorCyclesBetweenLoadAndUnload() {
        PlantModel fresh = PlantModel.create(plant, model.loads(), dayStart.plusSeconds(9 * 3600));
        int loaded = 0;
        int unloaded = 0;
        for (int s = 0; s < 900; s++) {
            fresh.advanceTo(dayStart.plusSeconds(9 * 3600 + s));
            double kw = fresh.gauge("compressor-power");
            if (kw > 60) {
                loaded++;
            } else if (kw < 30) {
                unloaded++;
            }
            double air = fresh.gauge("compressed-air");
            assertEquals(kw > 60, air > 300, "air flows only while loaded: " + kw + " kW, " + air + " m3/h");
        }
        assertTrue(loaded > 300 && unloaded > 60, "loaded " + loaded + " s, unloaded " + unloaded + " s");
    }

    @Test
    void stepSizeDoesNotChangeTheCounters() {
        Instant start = dayStart.plusSeconds(11 * 3600);
        PlantModel coarse = PlantModel.create(plant, model.loads(), start);
        PlantModel fine = PlantModel.create(plant, model.loads(), start);
        coarse.advanceTo(start.plusSeconds(3600));
        for (long ms = 0; ms <= 3_600_000; ms += 300) {
            fine.advanceTo(start.plusMillis(ms));
        }
        fine.advanceTo(start.plusSeconds(3600));
        for (String id : List.of("main-incomer", "line2-power", "boiler-gas")) {
            Quantity q = id.startsWith("boiler") ? Quantity.VOLUME : Quantity.ACTIVE_ENERGY_IMPORT;
            assertEquals(coarse.truth(id, q), fine.truth(id, q), 1e-9 * coarse.truth(id, q), id);
        }
    }

    @Test
    void electricalReadingsAreConsistent() {
        Map<Quantity, Double> r = model.readings("line1-power");
        double p = r.get(Quantity.ACTIVE_POWER);
        assertEquals(p, r.get(Quantity.ACTIVE_POWER_L1) + r.get(Quantity.ACTIVE_POWER_L2)
                + r.get(Quantity.ACTIVE_POWER_L3), 1e-9 * p);
        for (Quantity v : List.of(Quantity.VOLTAGE_L1_N, Quantity.VOLTAGE_L2_N, Quantity.VOLTAGE_L3_N)) {
            assertTrue(Math.abs(r.get(v) - 230) < 8, v + " = " + r.get(v));
        }
        assertEquals(50.0, r.get(Quantity.FREQUENCY), 0.2);
        double pf = r.get(Quantity.POWER_FACTOR);
        assertTrue(pf > 0.5 && pf <= 1.0, "pf " + pf);
        // P = V · I · pf per phase
        double p1 = r.get(Quantity.VOLTAGE_L1_N) * r.get(Quantity.CURRENT_L1) * pf / 1000;
        assertEquals(r.get(Quantity.ACTIVE_POWER_L1), p1, 1e-9 * p1);
        assertEquals(Math.hypot(p, r.get(Quantity.REACTIVE_POWER)), r.get(Quantity.APPARENT_POWER), 1e-9 * p);
    }

    @Test
    void temperaturesDriftSlowly() {
        double[] t = minuteMeans.get("workshop-temp");
        double maxStep = 0;
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (int m = 1; m < t.length; m++) {
            maxStep = Math.max(maxStep, Math.abs(t[m] - t[m - 1]));
            min = Math.min(min, t[m]);
            max = Math.max(max, t[m]);
        }
        assertTrue(maxStep < 0.5, "workshop temperature moved " + maxStep + " K in a minute");
        assertTrue(min > 12 && max < 32 && max - min > 1, "workshop temperature " + min + ".." + max);
        double steam = mean("steam-temp", "09:00", "11:00");
        assertTrue(steam > 180 && steam < 192, "steam at " + steam + " degC");
    }

    @Test
    void sameSeedSameDaySameValues() {
        ZonedDateTime noon = LocalDate.of(2026, 3, 2).atTime(10, 0).atZone(plant.zone());
        PlantModel a = PlantModel.create(plant, model.loads(), noon.toInstant());
        PlantModel b = PlantModel.create(plant, model.loads(), noon.toInstant());
        PlantModel other = PlantModel.create(plant, model.loads().withSeed(7), noon.toInstant());
        a.advanceTo(noon.toInstant().plusSeconds(100));
        b.advanceTo(noon.toInstant().plusSeconds(100));
        other.advanceTo(noon.toInstant().plusSeconds(100));
        assertEquals(a.readings("line2-power"), b.readings("line2-power"));
        assertNotEquals(a.gauge("line2-power"), other.gauge("line2-power"));
    }

    @Test
    void steamMassGrowsByTheIntegralOfMassFlow() {
        assertEquals(List.of(Quantity.MASS), model.counters("boiler-steam"), "steam is counted in t only");
        double grown = delta("boiler-steam", Quantity.MASS);
        assertEquals(steamMassFlowSum, grown, 1e-9 * steamMassFlowSum);
        // two shifts at 1..2.8 t/h and a night at about 1.5 t/h
        assertTrue(grown > 25 && grown < 60, "steam " + grown + " t in a day");
        // the InnovaMass totalizer is a UINT32 in kg: the simulated total stays below its wrap
        assertTrue(model.truth("boiler-steam", Quantity.MASS) < 4_294_967, "steam total "
                + model.truth("boiler-steam", Quantity.MASS) + " t");
    }

    @Test
    void steamIsSaturatedAtItsPressureAndItsVolumeFollowsItsDensity() {
        for (Map<Quantity, Double> r : steamSamples) {
            double kpaAbsolute = r.get(Quantity.PRESSURE);
            double degC = r.get(Quantity.TEMPERATURE);
            double tPerH = r.get(Quantity.MASS_FLOW);
            double m3PerH = r.get(Quantity.VOLUME_FLOW);
            // 1.0..1.2 MPa(g) shown absolute
            assertTrue(kpaAbsolute > 1100 && kpaAbsolute < 1320, "steam at " + kpaAbsolute + " kPa(a)");
            assertTrue(degC > 180 && degC < 192, "steam at " + degC + " degC");
            assertEquals(SaturatedSteam.temperature(kpaAbsolute), degC, 1e-9);
            double specificVolume = m3PerH / (tPerH * 1000);
            assertTrue(specificVolume > 0.15 && specificVolume < 0.19, "steam at " + specificVolume + " m3/kg");
        }
        // the pressure sags when the load is high: morning shift below the night
        double day = 0;
        double night = 0;
        int nDay = 0;
        int nNight = 0;
        for (int m = 0; m < steamSamples.size(); m++) {
            double p = steamSamples.get(m).get(Quantity.PRESSURE);
            if (m >= 7 * 60 && m < 11 * 60) {
                day += p;
                nDay++;
            } else if (m >= 23 * 60) {
                night += p;
                nNight++;
            }
        }
        assertTrue(day / nDay < night / nNight - 20, "pressure " + day / nDay + " kPa by day, "
                + night / nNight + " kPa at night");
    }

    @Test
    void gasFollowsSteamAtAboutSeventyFiveCubicMetresPerTonne() {
        double gas = delta("boiler-gas", Quantity.VOLUME);
        double steam = delta("boiler-steam", Quantity.MASS);
        assertEquals(75, gas / steam, 2, "gas " + gas + " m3 for " + steam + " t of steam");
        double[] g = minuteMeans.get("boiler-gas");
        double[] s = minuteMeans.get("boiler-steam");
        for (int m = 0; m < g.length; m++) {
            assertEquals(75, g[m] / s[m], 5, "minute " + m + ": gas " + g[m] + " m3/h, steam " + s[m] + " t/h");
        }
    }

    @Test
    void compressedAirFlowsOnlyWhileLoadedAndItsPressureRidesTheLoadUnloadBand() {
        PlantModel fresh = PlantModel.create(plant, model.loads(), dayStart.plusSeconds(9 * 3600));
        double pipeArea = Math.PI * 0.1 * 0.1 / 4;   // the DN100 header of demo/loads.yaml
        double rise = 0;
        double fall = 0;
        double lowest = Double.MAX_VALUE;
        double highest = 0;
        Boolean wasLoaded = null;
        double lastPressure = Double.NaN;
        for (int s = 0; s < 900; s++) {
            fresh.advanceTo(dayStart.plusSeconds(9 * 3600 + s));
            boolean loaded = fresh.gauge("compressor-power") > 60;
            Map<Quantity, Double> r = fresh.readings("compressed-air");
            double flow = r.get(Quantity.VOLUME_FLOW);
            if (loaded) {
                assertTrue(flow > 600, "loaded, FAD " + flow + " m3/h");
            } else {
                assertEquals(0.0, flow, "unloaded, FAD " + flow + " m3/h");
            }
            assertEquals(flow / 3600 / pipeArea, r.get(Quantity.FLOW_VELOCITY), 1e-9 * (1 + flow));
            double t = r.get(Quantity.TEMPERATURE);
            assertTrue(t > 25 && t < 35, "compressed air at " + t + " degC");
            assertEquals(0.0, r.get(Quantity.ALARM_WORD));
            double p = r.get(Quantity.PRESSURE);
            lowest = Math.min(lowest, p);
            highest = Math.max(highest, p);
            if (wasLoaded != null && wasLoaded == loaded) {
                if (loaded) {
                    rise += p - lastPressure;
                } else {
                    fall += p - lastPressure;
                }
            }
            wasLoaded = loaded;
            lastPressure = p;
        }
        assertTrue(lowest > 640 && highest < 760 && highest - lowest > 50,
                "compressed air between " + lowest + " and " + highest + " kPa(g)");
        assertTrue(rise > 0 && fall < 0, "pressure rises by " + rise + " kPa while loaded, by " + fall + " unloaded");
    }

    @Test
    void noDemoQuantityReadsZeroAllDayExceptStatusWords() {
        ProfileCatalog catalog = ProfileCatalog.builtIn();
        List<String> zero = new ArrayList<>();
        for (Meter m : plant.meters()) {
            if (catalog.find(m.profile()).isEmpty()) {
                // the line PLC is an OPC UA device served by LinePlcServer, not a register map
                assertEquals(ConnectionType.OPC_UA, plant.connection(m.connectionId()).orElseThrow().type(), m.id());
                continue;
            }
            Map<String, Double> fixed = model.loads().fixedPoints().getOrDefault(m.profile(), Map.of());
            for (PointDefinition p : catalog.require(m.profile()).points()) {
                if (fixed.containsKey(p.name()) || p.quantity().kind() == QuantityKind.STATE) {
                    continue;
                }
                Double largest = largestReading.get(m.id()).get(p.quantity());
                if (largest == null || largest == 0.0 || largest.isNaN()) {
                    zero.add(m.id() + " " + p.name() + " (" + p.quantity() + ") = " + largest);
                }
            }
        }
        assertTrue(zero.isEmpty(), "points that never move off 0 (or are not simulated): " + zero);
    }
}
