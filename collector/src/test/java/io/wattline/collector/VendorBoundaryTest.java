package io.wattline.collector;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Vendor libraries stay behind their adapter: only {@code modbus.link} may touch j2mod and jSerialComm. */
class VendorBoundaryTest {

    private static final JavaClasses COLLECTOR = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.wattline.collector");

    @Test
    void onlyTheLinkAdapterUsesJ2mod() {
        noClasses().that().resideOutsideOfPackage("io.wattline.collector.modbus.link..")
                .should().dependOnClassesThat().resideInAPackage("com.ghgande..")
                .check(COLLECTOR);
    }

    @Test
    void onlyTheLinkAdapterUsesJSerialComm() {
        noClasses().that().resideOutsideOfPackage("io.wattline.collector.modbus.link..")
                .should().dependOnClassesThat().resideInAPackage("com.fazecast..")
                .check(COLLECTOR);
    }

    @Test
    void collectorNeverReachesDownstreamModules() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "io.wattline.historian..", "io.wattline.analytics..", "io.wattline.notify..",
                        "io.wattline.web..", "io.wattline.simulator..", "org.springframework..")
                .check(COLLECTOR);
    }
}
