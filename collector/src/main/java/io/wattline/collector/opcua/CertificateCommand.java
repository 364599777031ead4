package io.wattline.collector.opcua;

import io.wattline.core.device.DeviceDiagnostics.CertificateStatus;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code ./wattline opcua-cert show|renew [--data DIR]}: shows the OPC UA client's application
 * certificate (thumbprint, expiry) or renews it: a new key pair and certificate replace the old
 * ones, which are kept next to them with a {@code .old-<time>} suffix. Wattline loads the
 * certificate at start; give the new {@code collector.der} to every server before restarting.
 */
public final class CertificateCommand {

    static final String NAME = "collector";
    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    private CertificateCommand() {
    }

    /** Runs the command; returns the exit status (0 done, 2 usage). */
    public static int run(String[] args, PrintStream out, Clock clock) {
        if (args.length == 0 || !(args[0].equals("show") || args[0].equals("renew"))) {
            out.println("usage: opcua-cert show|renew [--data DIR]");
            return 2;
        }
        Path data = Path.of("data");
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--data") && i + 1 < args.length) {
                data = Path.of(args[++i]);
            } else {
                out.println("unknown option '" + args[i] + "'; usage: opcua-cert show|renew [--data DIR]");
                return 2;
            }
        }
        Path dir = data.resolve("opcua");
        ApplicationCertificate certificate = args[0].equals("renew") ? renew(dir, clock, out)
                : ApplicationCertificate.loadOrCreate(dir, NAME, OpcUaCollector.APPLICATION_URI);
        CertificateStatus status = CertificateFacts.status("application", certificate.certificate(), clock.instant(),
                "run ./wattline opcua-cert renew");
        out.println("OPC UA application certificate " + certificate.file());
        out.println("  subject     " + status.subject());
        out.println("  thumbprint  " + status.thumbprint());
        out.println("  valid until " + status.notAfter());
        out.println("  for servers " + ConnectFailure.derOf(certificate));
        if (status.warning() != null) {
            out.println("  WARNING     " + status.warning());
        }
        return 0;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, Clock.systemUTC()));
    }

    /**
     * Generates a new certificate into {@code dir}: the files of the current one are kept with a
     * {@code .old-<time>} suffix. The storage is whatever {@link ApplicationCertificate} writes:
     * the new one is made in a scratch folder and its files moved over.
     */
    static ApplicationCertificate renew(Path dir, Clock clock, PrintStream out) {
        String suffix = ".old-" + SUFFIX.format(clock.instant());
        Path scratch = dir.resolve(".renewing" + suffix);
        try {
            Files.createDirectories(dir);
            ApplicationCertificate fresh = ApplicationCertificate.loadOrCreate(scratch, NAME,
                    OpcUaCollector.APPLICATION_URI);
            List<Path> made;
            try (Stream<Path> files = Files.list(scratch)) {
                made = files.toList();
            }
            List<Path> kept = new ArrayList<>();
            for (Path f : made) {
                Path target = dir.resolve(f.getFileName());
                if (Files.exists(target)) {
                    Path old = dir.resolve(f.getFileName() + suffix);
                    Files.move(target, old);
                    kept.add(old);
                }
                Files.move(f, target, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.delete(scratch);
            kept.forEach(k -> out.println("kept the previous " + k));
            out.println("renewed: give " + dir.resolve(NAME + ".der") + " to every server that must trust Wattline,"
                    + " then restart Wattline to use it");
            return new ApplicationCertificate(fresh.keyPair(), fresh.certificate(), fresh.applicationUri(),
                    dir.resolve(fresh.file().getFileName()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot renew the OPC UA application certificate in " + dir + ": "
                    + e.getMessage(), e);
        }
    }
}
