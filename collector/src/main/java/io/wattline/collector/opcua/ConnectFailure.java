package io.wattline.collector.opcua;

import io.wattline.core.plant.OpcUaEndpoint;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;

/**
 * Turns a failed connect into one sentence an operator can act on (no stack trace), naming the
 * real reason: refused, timeout, certificate not trusted (or changed), our certificate or the user
 * rejected by the server, no matching endpoint, no anonymous login offered.
 */
final class ConnectFailure {

    private static final Set<Long> WE_ARE_REJECTED = Set.of(StatusCodes.Bad_SecurityChecksFailed,
            StatusCodes.Bad_CertificateUntrusted, StatusCodes.Bad_CertificateInvalid,
            StatusCodes.Bad_CertificateUriInvalid, StatusCodes.Bad_CertificateRevoked);
    private static final Set<Long> USER_REJECTED = Set.of(StatusCodes.Bad_IdentityTokenRejected,
            StatusCodes.Bad_IdentityTokenInvalid, StatusCodes.Bad_UserAccessDenied);
    private static final Set<Long> TIMEOUTS = Set.of(StatusCodes.Bad_Timeout, StatusCodes.Bad_RequestTimeout);

    /**
     * Where a connect failed.
     *
     * @param ourCertificate      the DER file of our application certificate, for a server's trust list
     * @param trustDir            our trust list for server certificates
     * @param knownServerThumbprint the server certificate we last connected with; null before the first connect
     */
    record Where(String url, Path ourCertificate, OpcUaEndpoint endpoint, Path trustDir, String knownServerThumbprint) {
    }

    private ConnectFailure() {
    }

    static String describe(Throwable e, String url, ApplicationCertificate certificate, OpcUaEndpoint endpoint) {
        return describe(e, new Where(url, derOf(certificate), endpoint, null, null));
    }

    static String describe(Throwable e, Where where) {
        UaException ua = null;
        ClientFactory.ServerCertificateRejected untrusted = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ClientFactory.ServerIdentityMismatch m) {
                return m.getMessage();
            }
            if (t instanceof ClientFactory.ServerCertificateRejected r) {
                untrusted = r;
            }
            if (t instanceof UaException u && ua == null) {
                ua = u;
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException
                    || t instanceof UnknownHostException || t instanceof SocketException) {
                return "cannot reach " + where.url() + ": " + t.getMessage();
            }
            if (t instanceof TimeoutException || t instanceof io.netty.channel.ConnectTimeoutException) {
                return timeout(where, t.getMessage());
            }
            if (t.getMessage() != null && t.getMessage().contains("no anonymous token policy found")) {
                return "server " + where.url() + " accepts no anonymous session on its "
                        + security(where.endpoint()) + " endpoint: configure opcua.username and opcua.password";
            }
        }
        if (untrusted != null) {
            return untrusted(where, untrusted.thumbprint(), ua);
        }
        if (ua == null) {
            return "cannot connect to " + where.url() + ": " + firstLine(e.getMessage());
        }
        long code = ua.getStatusCode().value();
        String name = StatusQuality.reason(ua.getStatusCode());
        if (TIMEOUTS.contains(code)) {
            return timeout(where, name);
        }
        if (WE_ARE_REJECTED.contains(code)) {
            return "server " + where.url() + " rejected our application certificate (" + name + "): add "
                    + where.ourCertificate() + " to its trusted certificates";
        }
        if (USER_REJECTED.contains(code)) {
            OpcUaEndpoint endpoint = where.endpoint();
            return "server " + where.url() + " rejected user '" + (endpoint.hasUser() ? endpoint.username() : "anonymous")
                    + "' (" + name + ")";
        }
        return "cannot connect to " + where.url() + " (" + name + "): " + firstLine(ua.getMessage());
    }

    private static String untrusted(Where where, String thumbprint, UaException ua) {
        String trustDir = where.trustDir() == null ? "<trustDir>" : where.trustDir().toString();
        String move = "move it from " + trustDir + "/rejected to " + trustDir + "/trusted/certs";
        if (thumbprint != null && where.knownServerThumbprint() != null
                && !thumbprint.equals(where.knownServerThumbprint())) {
            return "server certificate changed: not trusted (thumbprint " + thumbprint + ", moved to rejected/); "
                    + move + " if " + where.url() + " renewed its certificate";
        }
        String status = ua == null ? "" : " (" + StatusQuality.reason(ua.getStatusCode()) + ")";
        return "certificate of server " + where.url() + " is not trusted" + status
                + (thumbprint == null ? "" : " (thumbprint " + thumbprint + ")") + ": " + move
                + " if it is the right server";
    }

    private static String timeout(Where where, String detail) {
        return "no answer from " + where.url() + " in time (timeout" + (detail == null || detail.isBlank() ? ""
                : ": " + firstLine(detail)) + ")";
    }

    private static String security(OpcUaEndpoint endpoint) {
        return endpoint.securityPolicy() + "/" + endpoint.securityMode();
    }

    static Path derOf(ApplicationCertificate certificate) {
        String name = certificate.file().getFileName().toString();
        int dot = name.lastIndexOf('.');
        return certificate.file().resolveSibling((dot < 0 ? name : name.substring(0, dot)) + ".der");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
