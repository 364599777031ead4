package io.wattline.collector.opcua;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether a trusted server certificate was issued for the server we meant: its subject alternative
 * names must hold the host we connect to (a DNS name, or an IP address) and the application URI
 * the endpoint announces. A trust list alone accepts a trusted certificate copied to another
 * machine; these checks do not.
 */
final class ServerIdentity {

    private static final int SAN_DNS = 2;
    private static final int SAN_URI = 6;
    private static final int SAN_IP = 7;
    private static final Pattern IP_LITERAL = Pattern.compile("^[0-9.]+$|^\\[?[0-9a-fA-F:]+]?$");

    /** The names a certificate holds. */
    record Names(List<String> dns, List<String> ips, List<String> uris) {

        static Names of(X509Certificate certificate) {
            List<String> dns = new ArrayList<>();
            List<String> ips = new ArrayList<>();
            List<String> uris = new ArrayList<>();
            Collection<List<?>> all;
            try {
                all = certificate.getSubjectAlternativeNames();
            } catch (CertificateParsingException e) {
                all = null;
            }
            if (all != null) {
                for (List<?> entry : all) {
                    if (entry.size() < 2 || !(entry.get(0) instanceof Integer type)) {
                        continue;
                    }
                    String value = String.valueOf(entry.get(1));
                    switch (type) {
                        case SAN_DNS -> dns.add(value);
                        case SAN_IP -> ips.add(value);
                        case SAN_URI -> uris.add(value);
                        default -> { }
                    }
                }
            }
            return new Names(List.copyOf(dns), List.copyOf(ips), List.copyOf(uris));
        }

        @Override
        public String toString() {
            List<String> parts = new ArrayList<>();
            dns.forEach(d -> parts.add("DNS " + d));
            ips.forEach(i -> parts.add("IP " + i));
            return parts.isEmpty() ? "no host name" : String.join(", ", parts);
        }
    }

    private ServerIdentity() {
    }

    /**
     * Why {@code certificate} is not the one of {@code host} and {@code applicationUri} (bilingual,
     * with what to do), or empty when it is.
     *
     * @param applicationUri what the endpoint announces; null or blank: not checked
     * @param url            the endpoint, for the message
     */
    static Optional<String> mismatch(X509Certificate certificate, String host, String applicationUri, String url) {
        Names names = Names.of(certificate);
        if (!namesHost(names, host)) {
            return Optional.of("certificate of server " + url + " is not issued for host " + host + " (it names "
                    + names + "): connect with a name or address the certificate holds, give the server a"
                    + " certificate for " + host + ", or set opcua.checkServerHostname: false for this connection"
                    + " (服务器证书不包含主机名 " + host + "，已拒绝连接：请使用证书中的主机名或地址连接，"
                    + "为服务器签发包含该主机名的证书，或为此连接设置 opcua.checkServerHostname: false)");
        }
        if (applicationUri != null && !applicationUri.isBlank() && !names.uris().contains(applicationUri)) {
            return Optional.of("certificate of server " + url + " is not issued for application " + applicationUri
                    + " (it names " + (names.uris().isEmpty() ? "no application URI" : String.join(", ", names.uris()))
                    + "): the server must present the certificate of the application it announces; renew it, or"
                    + " set opcua.checkServerHostname: false for this connection"
                    + " (服务器证书的应用 URI 与端点声明的 " + applicationUri + " 不符，已拒绝连接：请更新服务器证书，"
                    + "或为此连接设置 opcua.checkServerHostname: false)");
        }
        return Optional.empty();
    }

    static boolean namesHost(Names names, String host) {
        String h = host.strip();
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (IP_LITERAL.matcher(h).matches() && (h.contains(":") || h.chars().filter(c -> c == '.').count() == 3)) {
            Optional<InetAddress> wanted = address(h);
            return wanted.isPresent() && names.ips().stream().map(ServerIdentity::address)
                    .anyMatch(a -> a.isPresent() && a.get().equals(wanted.get()));
        }
        String lower = h.toLowerCase(Locale.ROOT);
        for (String d : names.dns()) {
            String name = d.toLowerCase(Locale.ROOT);
            if (name.equals(lower)) {
                return true;
            }
            // One wildcard label on the left, as in TLS (RFC 6125): *.plant.example matches plc1.plant.example.
            if (name.startsWith("*.") && lower.indexOf('.') > 0 && lower.substring(lower.indexOf('.')).equals(
                    name.substring(1))) {
                return true;
            }
        }
        return false;
    }

    /** An IP literal as an address, without a name lookup. */
    private static Optional<InetAddress> address(String literal) {
        try {
            return literal.matches("[0-9a-fA-F:.]+") ? Optional.of(InetAddress.getByName(literal)) : Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
