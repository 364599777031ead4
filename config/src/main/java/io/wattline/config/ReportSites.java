package io.wattline.config;

import static io.wattline.config.ConfigNodes.text;

import io.wattline.core.report.ReportDefinition;
import io.wattline.profiles.yaml.ValidationError;
import io.wattline.profiles.yaml.YamlDocument;
import io.wattline.profiles.yaml.YamlSyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Checks the {@code site:} of report definitions against a group (a central node runs a definition
 * naming a site only for that site): the site must be one of the group's, and one that accounts
 * with the plant file holding the definition, else the report would silently never run.
 */
public final class ReportSites {

    private ReportSites() {
    }

    /**
     * Every definition of {@code plantFile} whose {@code site} is not in {@code sitesOfFile} (the
     * group's sites accounted with this file), as {@code file:line:column: field: message}.
     */
    public static List<ValidationError> check(Path plantFile, Collection<String> sitesOfFile,
            Collection<String> groupSites, String groupFile) {
        YamlDocument doc;
        try {
            doc = YamlDocument.parse(plantFile.toString(), ConfigFiles.read(plantFile));
        } catch (ConfigException e) {
            return e.errors();
        } catch (YamlSyntaxException e) {
            return List.of(e.error());
        }
        List<ValidationError> errors = new ArrayList<>();
        JsonNode definitions = doc.root().path("reports").path("definitions");
        for (int i = 0; i < definitions.size(); i++) {
            JsonNode d = definitions.get(i);
            String at = "/reports/definitions/" + i + "/site";
            problem(text(d, "id"), text(d, "site"), sitesOfFile, groupSites, groupFile)
                    .ifPresent(p -> errors.add(doc.error(at, p)));
        }
        return errors;
    }

    /** The same check on definitions without a file (the demo plant a central runs): messages only. */
    public static List<String> check(List<ReportDefinition> definitions, Collection<String> sitesOfFile,
            Collection<String> groupSites, String groupFile) {
        List<String> problems = new ArrayList<>();
        for (ReportDefinition d : definitions) {
            problem(d.id(), d.site(), sitesOfFile, groupSites, groupFile)
                    .ifPresent(p -> problems.add("reports.definitions[" + d.id() + "].site: " + p));
        }
        return problems;
    }

    private static Optional<String> problem(String id, String site, Collection<String> sitesOfFile,
            Collection<String> groupSites, String groupFile) {
        if (site == null || sitesOfFile.contains(site)) {
            return Optional.empty();
        }
        if (!groupSites.contains(site)) {
            return Optional.of("report '" + id + "' names site '" + site + "', which is not a site of group file "
                    + groupFile + " " + groupSites + ": name one of them or leave site out"
                    + " (报表 " + id + " 的厂区 " + site + " 不在群组文件中: 请填写群组中的厂区, 或删除 site)");
        }
        return Optional.of("report '" + id + "' names site '" + site + "', which group file " + groupFile
                + " accounts with another plant file: move the definition to that site's plant file, or leave site out"
                + " (报表 " + id + " 的厂区 " + site + " 使用另一个工厂配置文件: 请把该报表移到那个文件中, 或删除 site)");
    }
}
