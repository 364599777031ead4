package io.wattline.web.fleet;

import io.wattline.config.ConfigException;
import io.wattline.config.PointCatalogues;
import io.wattline.config.ProfileLibrary;
import io.wattline.core.catalogue.PointCatalogue;
import io.wattline.core.fleet.FleetGroup;
import io.wattline.core.plant.Plant;
import io.wattline.core.tariff.TouTariff;
import io.wattline.web.InvalidPlantConfigurationException;
import io.wattline.web.accounting.AccountingWiring;
import io.wattline.config.ReportSites;
import io.wattline.profiles.yaml.ValidationError;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The plant model of every site of a group at a central node: a site that names its plant file in
 * the group file ({@code plant: plants/shanghai.yaml}) is accounted with that plant's meters, lines,
 * cost centres, tariff, shifts, time zone and report definitions; a site without one with the
 * central's own plant (a single site, or a group whose edges all run the same plant model). Every
 * site's file is loaded and checked when the central starts, so a broken one stops it with errors
 * naming the site and the file.
 */
public final class SitePlants {

    /** One site's model: its plant, the point catalogue built from it and its tariff (null: no cost figures). */
    public record SitePlant(String site, Plant plant, PointCatalogue catalogue, TouTariff tariff, Path file) {
    }

    private final Map<String, SitePlant> sites;

    private SitePlants(Map<String, SitePlant> sites) {
        this.sites = sites;
    }

    /**
     * Loads each site's plant file; {@code own} and {@code ownTariff} describe the sites that name none.
     * {@code profileFolders} are the central's {@code --profiles} folders, on top of the shipped
     * profiles and of those each plant file names itself.
     */
    public static SitePlants load(FleetGroup group, Path groupFile, PointCatalogue own, TouTariff ownTariff,
            List<Path> profileFolders) {
        return load(group, groupFile, own, null, ownTariff, profileFolders);
    }

    /**
     * As above, {@code ownFile} the central's own plant file (null for the demo plant): the sites a
     * report definition names ({@code site: site-b}) are checked, in each file, to be sites that account
     * with it, so that no definition silently never runs.
     */
    public static SitePlants load(FleetGroup group, Path groupFile, PointCatalogue own, Path ownFile,
            TouTariff ownTariff, List<Path> profileFolders) {
        Map<String, SitePlant> sites = new LinkedHashMap<>();
        for (FleetGroup.Site site : group.sites()) {
            if (site.plant() == null) {
                sites.put(site.id(), new SitePlant(site.id(), own.plant(), own, ownTariff, null));
                continue;
            }
            try {
                ProfileLibrary library = ProfileLibrary.forPlant(site.plant(), profileFolders);
                Plant plant = library.plantLoader().load(site.plant());
                PointCatalogue catalogue = PointCatalogues.build(plant, library::findModbus, library::findOpcUa);
                sites.put(site.id(), new SitePlant(site.id(), plant, catalogue,
                        AccountingWiring.tariff(plant, null), site.plant()));
            } catch (ConfigException e) {
                throw new InvalidPlantConfigurationException("site '" + site.id() + "' of group file " + groupFile
                        + ": plant file " + site.plant() + " (群组文件中厂区 " + site.id() + " 的工厂配置文件有误)", e);
            }
        }
        checkReportSites(group, groupFile, own, ownFile, sites);
        return new SitePlants(Map.copyOf(sites));
    }

    private static void checkReportSites(FleetGroup group, Path groupFile, PointCatalogue own, Path ownFile,
            Map<String, SitePlant> sites) {
        List<String> ids = group.sites().stream().map(FleetGroup.Site::id).toList();
        Map<Path, List<String>> byFile = new LinkedHashMap<>();
        List<String> ownSites = new ArrayList<>();
        for (SitePlant s : sites.values()) {
            if (s.file() == null) {
                ownSites.add(s.site());
            } else {
                byFile.computeIfAbsent(s.file().toAbsolutePath().normalize(), f -> new ArrayList<>()).add(s.site());
            }
        }
        if (ownFile != null) { // the central's own file may also be a site's
            byFile.computeIfAbsent(ownFile.toAbsolutePath().normalize(), f -> new ArrayList<>()).addAll(ownSites);
        }
        List<ValidationError> errors = new ArrayList<>();
        byFile.forEach((file, of) -> errors.addAll(ReportSites.check(file, of, ids, groupFile.toString())));
        if (ownFile == null) {
            ReportSites.check(own.plant().reports().definitions(), ownSites, ids, groupFile.toString())
                    .forEach(p -> errors.add(new ValidationError("the central's plant", 0, 0, "", p)));
        }
        if (!errors.isEmpty()) {
            throw new InvalidPlantConfigurationException("report definitions of group file " + groupFile
                    + " (群组文件的报表定义有误)", new ConfigException(errors));
        }
    }

    /** The model of {@code site}, if the group has that site. */
    public Optional<SitePlant> site(String site) {
        return Optional.ofNullable(site == null ? null : sites.get(site));
    }
}
