package io.wattline.reports;

import io.wattline.analytics.InvalidQueryException;
import io.wattline.core.report.ReportDefinition;
import io.wattline.core.report.ReportFormat;
import io.wattline.core.report.SmtpSettings;
import io.wattline.core.secrets.Secrets;
import io.wattline.reports.archive.ArchivedRun;
import io.wattline.reports.archive.ReportArchive;
import io.wattline.reports.build.ReportBuilder;
import io.wattline.reports.build.ReportContext;
import io.wattline.reports.delivery.MailSender;
import io.wattline.reports.delivery.ReportAudit;
import io.wattline.reports.model.ReportDocument;
import io.wattline.reports.period.ReportPeriod;
import io.wattline.reports.period.ReportPeriods;
import io.wattline.reports.render.CsvRenderer;
import io.wattline.reports.render.PdfRenderer;
import io.wattline.reports.render.XlsxRenderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a configured report for a period: builds its content from the accounting, renders each of its
 * formats, archives the files with an index entry, delivers them (e-mail when a mail server and
 * recipients are configured, a copy into the folder when one is), and records the run and every
 * delivery in the audit log. A failed delivery is recorded and does not lose the archived run.
 */
public final class ReportService {

    /** Why a run happened. */
    public enum Trigger { SCHEDULED, CATCH_UP, ON_DEMAND, COMMAND }

    private static final Logger LOG = LoggerFactory.getLogger(ReportService.class);
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

    private final ReportContext ctx;
    private final ReportArchive archive;
    private final ReportAudit audit;
    private final Clock clock;
    private final Secrets secrets;
    private final ReportPeriods periods;
    private final String site;

    /**
     * @param environment looks up the SMTP password's environment variable ({@code System::getenv});
     *                    {@code secret:name} references read the secrets file of the archive's data directory
     */
    public ReportService(ReportContext ctx, ReportArchive archive, ReportAudit audit, Clock clock,
            Function<String, String> environment) {
        this(ctx, archive, audit, clock, new Secrets(environment, archive.root().getParent()));
    }

    /** @param secrets resolves the SMTP password's reference */
    public ReportService(ReportContext ctx, ReportArchive archive, ReportAudit audit, Clock clock, Secrets secrets) {
        this(ctx, archive, audit, clock, secrets, null);
    }

    /**
     * One site's reports at a central node: only the definitions that name no site or {@code site}
     * ({@code site: site-b} in the plant file) are listed, run and scheduled.
     */
    public ReportService(ReportContext ctx, ReportArchive archive, ReportAudit audit, Clock clock, Secrets secrets,
            String site) {
        this.site = site;
        this.ctx = ctx;
        this.archive = archive;
        this.audit = audit;
        this.clock = clock;
        this.secrets = secrets;
        this.periods = new ReportPeriods(ctx.plant().zone(), ctx.plant().shiftCalendar());
    }

    public List<ReportDefinition> definitions() {
        List<ReportDefinition> all = ctx.plant().reports().definitions();
        return site == null ? all : all.stream().filter(d -> d.forSite(site)).toList();
    }

    public ReportArchive archive() {
        return archive;
    }

    public ReportPeriods periods() {
        return periods;
    }

    public ReportContext context() {
        return ctx;
    }

    /** @throws UnknownReportException when no report has this id */
    public ReportDefinition definition(String id) {
        return ctx.plant().reports().definition(id).filter(d -> site == null || d.forSite(site))
                .orElseThrow(() -> new UnknownReportException(id,
                definitions().stream().map(ReportDefinition::id).toList()));
    }

    /**
     * Runs report {@code id} for the period labelled {@code periodLabel} (e.g. {@code 2026-10}).
     *
     * @throws UnknownReportException for an unknown report
     * @throws InvalidQueryException naming {@code period} when the label is no period of the report's kind
     */
    public ArchivedRun run(String id, String periodLabel, String actor, Trigger trigger) {
        ReportDefinition def = definition(id);
        ReportPeriod period;
        try {
            period = periods.parse(def.type().periodKind(), periodLabel);
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException("period", e.getMessage(), periodLabel);
        }
        return run(def, period, actor, trigger);
    }

    /** Runs, archives, delivers and audits one report over one period. */
    public synchronized ArchivedRun run(ReportDefinition def, ReportPeriod period, String actor, Trigger trigger) {
        Instant now = clock.instant();
        ReportDocument doc = new ReportBuilder(ctx).build(def, period, now, actor);
        List<ReportArchive.NewFile> files = new ArrayList<>();
        String base = def.id() + "-" + period.label();
        for (ReportFormat f : def.formats()) {
            byte[] content = switch (f) {
                case XLSX -> new XlsxRenderer().render(doc);
                case PDF -> new PdfRenderer().render(doc);
                case CSV -> new CsvRenderer().render(doc);
            };
            files.add(new ReportArchive.NewFile(base + "." + f.extension(), f.extension(), content));
        }
        String id = uniqueId(RUN_ID.format(now) + "-" + base);
        var stored = archive.store(id, files);
        audit.record(actor, "report.run", id, def.type().id() + " " + period.label() + " (" + trigger.name()
                .toLowerCase(java.util.Locale.ROOT) + "): " + stored.size() + " file(s)");
        List<String> deliveries = new ArrayList<>();
        deliverByMail(def, period, id, files, actor).ifPresent(deliveries::add);
        copyToFolder(def, id, files, actor).ifPresent(deliveries::add);
        ArchivedRun run = new ArchivedRun(id, def.id(), def.name(), def.type().id(), period.label(), period.from(),
                period.to(), now, actor, trigger.name().toLowerCase(java.util.Locale.ROOT), def.language(), stored,
                deliveries);
        archive.index(run);
        LOG.info("report {} for {} archived as {} ({})", def.id(), period.label(), id, String.join("; ", deliveries));
        return run;
    }

    private String uniqueId(String candidate) {
        String id = candidate.replaceAll("[^A-Za-z0-9._-]", "_");
        String out = id;
        for (int i = 2; Files.exists(archive.root().resolve(out)); i++) {
            out = id + "-" + i;
        }
        return out;
    }

    private Optional<String> deliverByMail(ReportDefinition def, ReportPeriod period, String id,
            List<ReportArchive.NewFile> files, String actor) {
        Optional<SmtpSettings> smtp = ctx.plant().reports().smtp();
        if (def.recipients().isEmpty() || smtp.isEmpty()) {
            return Optional.empty();
        }
        String subject = ctx.plant().name() + " · " + def.name() + " · " + period.label();
        String body = (def.chinese() ? "附件为 Wattline 生成的报表：" : "Attached is the report Wattline made: ") + def.name()
                + ", " + period.label() + ".\n" + (def.chinese() ? "存档编号 " : "Archive id ") + id + "\n";
        try {
            new MailSender(smtp.get(), secrets).send(def.recipients(), subject, body, files);
            audit.record(actor, "report.email", id, "sent to " + String.join(", ", def.recipients()) + " via "
                    + smtp.get().host());
            return Optional.of("email " + String.join(", ", def.recipients()));
        } catch (jakarta.mail.MessagingException | RuntimeException e) {
            LOG.warn("report {} could not be e-mailed to {}: {}", id, def.recipients(), e.getMessage());
            audit.record(actor, "report.email.failed", id, "to " + String.join(", ", def.recipients()) + ": "
                    + e.getMessage());
            return Optional.of("email failed: " + e.getMessage());
        }
    }

    private Optional<String> copyToFolder(ReportDefinition def, String id, List<ReportArchive.NewFile> files,
            String actor) {
        if (def.folder() == null) {
            return Optional.empty();
        }
        Path folder = Path.of(def.folder());
        try {
            Files.createDirectories(folder);
            for (ReportArchive.NewFile f : files) {
                Path tmp = folder.resolve("." + f.name() + ".part");
                Files.write(tmp, f.content());
                Files.move(tmp, folder.resolve(f.name()), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            }
            audit.record(actor, "report.folder", id, "copied to " + folder.toAbsolutePath());
            return Optional.of("folder " + folder.toAbsolutePath());
        } catch (IOException e) {
            LOG.warn("report {} could not be copied to {}: {}", id, folder, e.getMessage());
            audit.record(actor, "report.folder.failed", id, folder.toAbsolutePath() + ": " + e.getMessage());
            return Optional.of("folder failed: " + e.getMessage());
        }
    }
}
