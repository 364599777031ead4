package io.wattline.reports.archive;

import java.time.Instant;
import java.util.List;

/**
 * One report run as the archive index keeps it: which definition and period, when and for whom it
 * was made and why ({@code trigger}: scheduled, catch-up, on-demand, command), its files, and where it
 * was delivered.
 */
public record ArchivedRun(String id, String definition, String name, String type, String period, Instant from,
        Instant to, Instant generatedAt, String generatedBy, String trigger, String language, List<ArchivedFile> files,
        List<String> deliveries) {

    public ArchivedRun {
        files = List.copyOf(files);
        deliveries = List.copyOf(deliveries);
    }

    /** One rendered file: its name in the run's folder, format, size and SHA-256. */
    public record ArchivedFile(String name, String format, long bytes, String sha256) {
    }
}
