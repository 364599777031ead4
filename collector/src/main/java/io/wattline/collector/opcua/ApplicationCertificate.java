package io.wattline.collector.opcua;

import io.wattline.core.files.PrivateFiles;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Period;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An OPC UA application instance certificate with its key, generated on first start and kept in
 * a PKCS#12 file, so that servers that trusted it once keep trusting it after a restart. The
 * certificate's DER copy next to it is what an operator copies into a server's trust list.
 */
public record ApplicationCertificate(KeyPair keyPair, X509Certificate certificate, String applicationUri, Path file) {

    private static final Logger log = LoggerFactory.getLogger(ApplicationCertificate.class);
    /** What protected key stores written before per-installation passwords; only read, to re-protect them. */
    private static final char[] LEGACY_PASSWORD = {'w', 'a', 't', 't', 'l', 'i', 'n', 'e'};
    private static final String ALIAS = "application";

    /**
     * Loads {@code dir/<name>.p12}, or generates a 2048-bit RSA key and a self-signed certificate
     * valid for 10 years with the application URI and this host's name, and stores both there
     * (plus {@code <name>.der}). The folder is 0700, the key store 0600, protected by a random
     * per-installation password kept beside it in {@code <name>.password} (0600).
     */
    public static ApplicationCertificate loadOrCreate(Path dir, String name, String applicationUri) {
        Path file = dir.resolve(name + ".p12");
        try {
            PrivateFiles.folder(dir);
            Path passwordFile = dir.resolve(name + ".password");
            boolean legacy = Files.isRegularFile(file) && !Files.isRegularFile(passwordFile);
            char[] password = PrivateFiles.installationPassword(passwordFile);
            if (Files.isRegularFile(file)) {
                PrivateFiles.restrict(file);
                KeyStore store = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(file)) {
                    store.load(in, legacy ? LEGACY_PASSWORD : password);
                }
                X509Certificate cert = (X509Certificate) store.getCertificate(ALIAS);
                PrivateKey key = (PrivateKey) store.getKey(ALIAS, legacy ? LEGACY_PASSWORD : password);
                if (cert == null || key == null) {
                    throw new IllegalStateException(file + " holds no entry '" + ALIAS
                            + "'; delete it to generate a new application certificate");
                }
                if (legacy) {
                    save(file, key, cert, password);
                    log.info("re-protected {} with this installation's own key-store password ({})", file, passwordFile);
                }
                return new ApplicationCertificate(new KeyPair(cert.getPublicKey(), key), cert, applicationUri, file);
            }
            KeyPair keyPair = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
            String host = hostName();
            X509Certificate cert = new SelfSignedCertificateBuilder(keyPair)
                    .setCommonName("Wattline " + name)
                    .setOrganization("Wattline")
                    .setApplicationUri(applicationUri)
                    .addDnsName("localhost")
                    .addDnsName(host)
                    .addIpAddress("127.0.0.1")
                    .setValidityPeriod(Period.ofYears(10))
                    .build();
            save(file, keyPair.getPrivate(), cert, password);
            Files.write(dir.resolve(name + ".der"), cert.getEncoded());
            log.info("generated OPC UA application certificate {} ({}); give {} to servers that must trust it",
                    file, applicationUri, dir.resolve(name + ".der"));
            return new ApplicationCertificate(keyPair, cert, applicationUri, file);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load or create the OPC UA application certificate " + file
                    + ": " + e.getMessage(), e);
        } catch (Exception e) {
            // SelfSignedCertificateBuilder.build() declares Exception.
            throw new IllegalStateException("cannot generate the OPC UA application certificate " + file
                    + ": " + e.getMessage(), e);
        }
    }

    /** Writes the key store 0600, atomically, protected by {@code password}. */
    private static void save(Path file, PrivateKey key, X509Certificate cert, char[] password)
            throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, password);
        store.setKeyEntry(ALIAS, key, password, new Certificate[] {cert});
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        store.store(bytes, password);
        PrivateFiles.write(file, bytes.toByteArray());
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
