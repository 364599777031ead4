package io.wattline.web;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.properties.HasOwner;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.wattline.analytics.consumption.ConsumptionFlags;
import io.wattline.analytics.service.CounterSource;
import io.wattline.historian.SeriesReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Enforces the module table of ARCHITECTURE.md on the main classes of every module (this module's
 * test classpath holds them all): data flows collector → historian → analytics → web-ui, never back,
 * and each vendor library stays behind its one adapter.
 */
class ModuleDependencyTest {

    private static final String CORE = "io.wattline.core..";
    private static final String PROFILES = "io.wattline.profiles..";
    private static final String CONFIG = "io.wattline.config..";
    private static final String COLLECTOR = "io.wattline.collector..";
    private static final String SIMULATOR = "io.wattline.simulator..";
    private static final String HISTORIAN = "io.wattline.historian..";
    private static final String ANALYTICS = "io.wattline.analytics..";
    private static final String ALARMS = "io.wattline.alarms..";
    private static final String NOTIFY = "io.wattline.notify..";
    private static final String REPORTS = "io.wattline.reports..";
    private static final String WEB = "io.wattline.web..";
    private static final String FLEET = "io.wattline.fleet..";

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // other modules' test jars (collector's pymodbus and node-opcua peers) are test code, not main classes
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("io.wattline");
        // Guard against a rule set that passes because nothing was imported.
        assertTrue(classes.stream().anyMatch(c -> c.getPackageName().startsWith("io.wattline.core")),
                "core classes must be on the classpath");
    }

    private static void check(ArchRule rule) {
        // A module with no code yet (analytics, notify) must not fail its rule for being empty.
        rule.allowEmptyShould(true).check(classes);
    }

    @Test
    void coreImportsOnlyTheJdk() {
        check(classes().that().resideInAPackage(CORE)
                .should().onlyDependOnClassesThat().resideInAnyPackage(CORE, "java..")
                .because("core holds plain domain records"));
    }

    @Test
    void deviceProfilesImportOnlyCoreOfOurModules() {
        check(noClasses().that().resideInAPackage(PROFILES)
                .should().dependOnClassesThat()
                .resideInAnyPackage(CONFIG, COLLECTOR, SIMULATOR, HISTORIAN, ANALYTICS, ALARMS, NOTIFY, REPORTS, WEB));
    }

    @Test
    void configImportsOnlyCoreAndDeviceProfilesOfOurModules() {
        check(noClasses().that().resideInAPackage(CONFIG)
                .should().dependOnClassesThat()
                .resideInAnyPackage(COLLECTOR, SIMULATOR, HISTORIAN, ANALYTICS, ALARMS, NOTIFY, REPORTS, WEB));
    }

    @Test
    void alarmsImportOnlyCore() {
        check(classes().that().resideInAPackage(ALARMS)
                .should().onlyDependOnClassesThat().resideInAnyPackage(CORE, ALARMS, "java..", "org.slf4j..")
                .because("alarms is plain Java over core's listener interfaces (ADR 0006)"));
    }

    @Test
    void collectorDoesNotReachDownstreamOrIntoTheSimulator() {
        check(noClasses().that().resideInAPackage(COLLECTOR)
                .should().dependOnClassesThat()
                .resideInAnyPackage(CONFIG, HISTORIAN, ANALYTICS, ALARMS, NOTIFY, REPORTS, WEB, SIMULATOR));
    }

    @Test
    void simulatorIsIndependentOfTheSystemItSimulatesFor() {
        check(noClasses().that().resideInAPackage(SIMULATOR)
                .should().dependOnClassesThat()
                .resideInAnyPackage(COLLECTOR, HISTORIAN, ANALYTICS, ALARMS, NOTIFY, REPORTS, WEB));
    }

    @Test
    void historianImportsOnlyCoreOfOurModules() {
        check(noClasses().that().resideInAPackage(HISTORIAN)
                .should().dependOnClassesThat()
                .resideInAnyPackage(COLLECTOR, ANALYTICS, ALARMS, NOTIFY, REPORTS, WEB, SIMULATOR, PROFILES, CONFIG));
    }

    @Test
    void analyticsDoesNotReachBackIntoCollectionOrOut() {
        check(noClasses().that().resideInAPackage(ANALYTICS)
                .should().dependOnClassesThat().resideInAnyPackage(COLLECTOR, ALARMS, NOTIFY, REPORTS, WEB));
    }

    @Test
    void analyticsReadsTheHistorianOnlyThroughItsPorts() {
        check(noClasses().that().resideInAPackage(ANALYTICS)
                .should().dependOnClassesThat()
                .resideInAnyPackage("io.wattline.historian.duckdb..", "io.wattline.historian.influx..",
                        "io.wattline.historian.forward..")
                .because("analytics reads SeriesReader/SampleWriter, never a store's internals"));
    }

    @Test
    void notifyDependsOnlyOnCoreAndAlarms() {
        check(noClasses().that().resideInAPackage(NOTIFY)
                .should().dependOnClassesThat()
                .resideInAnyPackage(WEB, COLLECTOR, HISTORIAN, ANALYTICS, CONFIG, PROFILES, SIMULATOR, REPORTS));
    }

    @Test
    void reportsImportOnlyCoreAndAnalytics() {
        check(noClasses().that().resideInAPackage(REPORTS)
                .should().dependOnClassesThat()
                .resideInAnyPackage(COLLECTOR, SIMULATOR, CONFIG, PROFILES, ALARMS, NOTIFY, WEB,
                        "io.wattline.historian.duckdb..", "io.wattline.historian.influx..",
                        "io.wattline.historian.forward..")
                .because("reports render analytics' figures (ARCHITECTURE.md: reports imports core and analytics;"
                        + " the historian only through its ports)"));
    }

    @Test
    void onlyReportsImportPdfChartSchedulerAndMailLibraries() {
        check(noClasses().that().resideOutsideOfPackage(REPORTS)
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.pdfbox..", "org.jfree..", "org.quartz..",
                        "jakarta.mail..")
                .because("PDF, charts, schedules and mail are the reports module's adapters (ADR 0014)"));
    }

    // webUiComputesNoFigures*: no class in web-ui computes a figure (ADR 0006); the web layer binds,
    // validates, calls a module and renders. Named exceptions: PlantWiring opens the historian (its
    // InfluxDB options), PointsController serves stored samples as they are; on a central node
    // SiteHistory reads each site's samples from InfluxDB as they are, and FleetWiring hands the
    // edge's stored samples to its Sparkplug backlog unchanged (ADR 0012).

    @Test
    void webUiComputesNoFiguresNorKnowsTheHistoriansStores() {
        check(noClasses().that().resideInAPackage(WEB).and().doNotHaveFullyQualifiedName(WEB_HISTORIAN_WIRING)
                .and().doNotHaveFullyQualifiedName(WEB_SITE_HISTORY)
                .should().dependOnClassesThat().resideInAnyPackage("io.wattline.historian.duckdb..",
                        "io.wattline.historian.influx..", "io.wattline.historian.forward..")
                .because("only the wiring that opens the historian may know its stores"));
    }

    @Test
    void webUiComputesNoFiguresFromCounters() {
        check(noClasses().that().resideInAPackage(WEB)
                .should().dependOnClassesThat(COUNTER_MACHINERY)
                .because("counters are unwrapped and read in analytics; web-ui renders its reports"));
    }

    @Test
    void webUiComputesNoFiguresFromStoredSeries() {
        check(noClasses().that().resideInAPackage(WEB).and().doNotHaveFullyQualifiedName(WEB_SAMPLES_ENDPOINT)
                .and().doNotHaveFullyQualifiedName(WEB_FLEET_WIRING)
                .should().callMethodWhere(JavaCall.Predicates.target(HasOwner.Predicates.With.<JavaClass>owner(
                        JavaClass.Predicates.assignableTo(SeriesReader.class))))
                .because("figures are computed from stored series in analytics, never in a controller"));
    }

    /** The wiring class that opens the historian, and the endpoint that serves raw samples as stored. */
    private static final String WEB_HISTORIAN_WIRING = "io.wattline.web.PlantWiring";
    private static final String WEB_SAMPLES_ENDPOINT = "io.wattline.web.api.PointsController";
    /** A central node's raw history per site from InfluxDB, and the edge's backlog from its local store. */
    private static final String WEB_SITE_HISTORY = "io.wattline.web.fleet.SiteHistory";
    private static final String WEB_FLEET_WIRING = "io.wattline.web.fleet.FleetWiring";

    /** Analytics' counter machinery: all of analytics.consumption but a report row's flags, and CounterSource. */
    private static final DescribedPredicate<JavaClass> COUNTER_MACHINERY =
            JavaClass.Predicates.resideInAPackage("io.wattline.analytics.consumption..")
                    .and(DescribedPredicate.not(JavaClass.Predicates.equivalentTo(ConsumptionFlags.class)))
                    .or(JavaClass.Predicates.equivalentTo(CounterSource.class))
                    .as("analytics' counter machinery (analytics.consumption except ConsumptionFlags, CounterSource)");

    @Test
    void springStaysInTheWebModule() {
        check(noClasses().that().resideOutsideOfPackage(WEB)
                .should().dependOnClassesThat().resideInAPackage("org.springframework.."));
    }

    @Test
    void onlyModbusAdaptersImportJ2mod() {
        check(noClasses().that().resideOutsideOfPackages(COLLECTOR, SIMULATOR)
                .should().dependOnClassesThat().resideInAPackage("com.ghgande.j2mod.."));
    }

    @Test
    void onlyTheHistorianImportsDuckDb() {
        check(noClasses().that().resideOutsideOfPackage(HISTORIAN)
                .should().dependOnClassesThat().resideInAPackage("org.duckdb.."));
    }

    @Test
    void onlyTheInfluxAdapterImportsTheInfluxClient() {
        check(noClasses().that().resideOutsideOfPackage("io.wattline.historian.influx..")
                .should().dependOnClassesThat().resideInAPackage("com.influxdb.."));
    }

    @Test
    void onlyOpcUaCodeImportsMilo() {
        // collector (client), simulator (test server), web (the north-bound server)
        check(noClasses().that().resideOutsideOfPackages(COLLECTOR, SIMULATOR, WEB)
                .should().dependOnClassesThat().resideInAPackage("org.eclipse.milo.."));
    }

    @Test
    void onlyTheSmsTransportImportsJsmpp() {
        check(noClasses().that().resideOutsideOfPackage(NOTIFY)
                .should().dependOnClassesThat().resideInAPackage("org.jsmpp.."));
    }

    @Test
    void fleetImportsOnlyCoreAndItsTwoLibraries() {
        check(classes().that().resideInAPackage(FLEET)
                .should().onlyDependOnClassesThat().resideInAnyPackage(CORE, FLEET, "java..", "org.slf4j..",
                        "com.google.protobuf..", "org.eclipse.paho..")
                .because("fleet is plain Java over core with its Paho and protobuf adapters (ADR 0012)"));
    }

    @Test
    void onlyTheWebLayerWiresTheFleet() {
        check(noClasses().that().resideOutsideOfPackages(FLEET, WEB)
                .should().dependOnClassesThat().resideInAPackage(FLEET)
                .because("edge and central roles are wired by web-ui; no module below it publishes (ADR 0012)"));
    }

    @Test
    void onlyTheMqttAdapterImportsPahoAndOnlyTheCodecImportsProtobuf() {
        check(noClasses().that().resideOutsideOfPackage("io.wattline.fleet.mqtt..")
                .should().dependOnClassesThat().resideInAPackage("org.eclipse.paho.."));
        check(noClasses().that().resideOutsideOfPackage("io.wattline.fleet.sparkplug..")
                .should().dependOnClassesThat().resideInAPackage("com.google.protobuf.."));
    }
}
