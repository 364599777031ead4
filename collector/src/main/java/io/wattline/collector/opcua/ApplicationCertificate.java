package io.wattline.collector.opcua;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
    // The key store protects nothing the file permissions do not: the password only satisfies the format.
    private static final char[] STORE_PASSWORD = "wattline".toCharArray();
    private static final String ALIAS = "application";

    /**
     * Loads {@code dir/<name>.p12}, or generates a 2048-bit RSA key and a self-signed certificate
     * valid for 10 years with the application URI and this host's name, and stores both there
     * (plus {@code <name>.der}).
     */
    public static ApplicationCertificate loadOrCreate(Path dir, String name, String applicationUri) {
        Path file = dir.resolve(name + ".p12");
        try {
            Files.createDirectories(dir);
            if (Files.isRegularFile(file)) {
                KeyStore store = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(file)) {
                    store.load(in, STORE_PASSWORD);
                }
                X509Certificate cert = (X509Certificate) store.getCertificate(ALIAS);
                PrivateKey key = (PrivateKey) store.getKey(ALIAS, STORE_PASSWORD);
                if (cert == null || key == null) {
                    throw new IllegalStateException(file + " holds no entry '" + ALIAS
                            + "'; delete it to generate a new application certificate");
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
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, STORE_PASSWORD);
            store.setKeyEntry(ALIAS, keyPair.getPrivate(), STORE_PASSWORD, new Certificate[] {cert});
            Path tmp = dir.resolve(name + ".p12.tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                store.store(out, STORE_PASSWORD);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
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

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
