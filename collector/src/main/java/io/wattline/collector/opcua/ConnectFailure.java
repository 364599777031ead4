package io.wattline.collector.opcua;

import io.wattline.core.plant.OpcUaEndpoint;
import java.net.ConnectException;
import java.util.Set;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;

/** Turns a failed connect into one sentence an operator can act on (no stack trace). */
final class ConnectFailure {

    private static final Set<Long> WE_ARE_REJECTED = Set.of(StatusCodes.Bad_SecurityChecksFailed,
            StatusCodes.Bad_CertificateUntrusted, StatusCodes.Bad_CertificateInvalid,
            StatusCodes.Bad_CertificateUriInvalid, StatusCodes.Bad_CertificateRevoked);
    private static final Set<Long> USER_REJECTED = Set.of(StatusCodes.Bad_IdentityTokenRejected,
            StatusCodes.Bad_IdentityTokenInvalid, StatusCodes.Bad_UserAccessDenied);

    private ConnectFailure() {
    }

    static String describe(Throwable e, String url, ApplicationCertificate certificate, OpcUaEndpoint endpoint) {
        UaException ua = null;
        boolean ourValidatorRejected = false;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ClientFactory.ServerCertificateRejected) {
                ourValidatorRejected = true;
            }
            if (t instanceof UaException u && ua == null) {
                ua = u;
            }
            if (t instanceof ConnectException) {
                return "cannot reach " + url + ": " + t.getMessage();
            }
        }
        if (ua == null) {
            return "cannot connect to " + url + ": " + e.getMessage();
        }
        long code = ua.getStatusCode().value();
        String name = StatusQuality.reason(ua.getStatusCode());
        if (ourValidatorRejected) {
            return "certificate of server " + url + " is not trusted (" + name + "): move it from "
                    + "<trustDir>/rejected to <trustDir>/trusted/certs if it is the right server";
        }
        if (WE_ARE_REJECTED.contains(code)) {
            return "server " + url + " rejected our application certificate (" + name + "): add "
                    + certificate.file().resolveSibling(stripExtension(certificate.file().getFileName().toString())
                    + ".der") + " to its trusted certificates";
        }
        if (USER_REJECTED.contains(code)) {
            return "server " + url + " rejected user '" + (endpoint.hasUser() ? endpoint.username() : "anonymous")
                    + "' (" + name + ")";
        }
        return "cannot connect to " + url + " (" + name + "): " + firstLine(ua.getMessage());
    }

    private static String stripExtension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
