package io.wattline.web.audit;

import io.wattline.core.audit.AuditEntry;
import io.wattline.core.audit.AuditTrail;
import io.wattline.reports.delivery.ReportAudit;
import io.wattline.web.WattlineProperties;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one audit log of the installation ({@code <data>/audit/}) behind the core {@link AuditTrail}
 * port, and the reports module's {@link ReportAudit} port fed into it.
 */
@Configuration(proxyBeanMethods = false)
public class AuditWiring {

    @Bean(destroyMethod = "close")
    public AuditLog auditLog(WattlineProperties properties) {
        return new AuditLog(properties.dataDir());
    }

    @Bean
    public AuditedRequests auditedRequests(AuditTrail audit, Clock clock) {
        return new AuditedRequests(audit, clock);
    }

    @Bean
    public ReportAudit reportAudit(AuditTrail audit, Clock clock) {
        return reportAudit(audit, clock, "");
    }

    /** Report runs, deliveries and bill entries as audit entries ({@code address}: where they were asked from). */
    public static ReportAudit reportAudit(AuditTrail audit, Clock clock, String address) {
        return (actor, action, target, detail) -> audit.record(new AuditEntry(clock.instant(), actor, address, action,
                target, detail));
    }
}
