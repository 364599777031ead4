package io.wattline.alarms.rule;

import io.wattline.core.alarm.AlarmRuleSettings;
import io.wattline.core.device.DeviceHealth;
import io.wattline.core.device.DeviceState;
import io.wattline.core.plant.Meter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Communication loss, from device health whatever the protocol: a device is lost while it is
 * OFFLINE (it does not answer) or DISABLED (its connection cannot be used); DEGRADED still answers.
 * A device not yet asked anything (OFFLINE before its first request or connection attempt, as every
 * device is at start, and the last meter on a slow RS-485 bus stays for its first scan) is not
 * known to be lost: its health says nothing until the first attempt has an outcome, so a restart
 * never raises a communication alarm for a meter that answers.
 */
public final class CommunicationLossRule implements AlarmRule {

    private final List<AlarmDefinition> definitions = new ArrayList<>();
    private final Map<String, String> keyByMeter = new HashMap<>();

    public CommunicationLossRule(AlarmRuleSettings.CommunicationLoss settings, RuleContext context) {
        List<Meter> meters = settings.meters().isEmpty() ? context.plant().meters()
                : settings.meters().stream().map(id -> context.meter(settings.basics().id(), id)).toList();
        for (Meter m : meters) {
            AlarmDefinition d = RuleContext.definition(settings.basics(), "communication", m.id(), "",
                    context.lineOfMeter(m.id()), null, null, "", false, context.meterNames(settings.basics(), m));
            definitions.add(d);
            keyByMeter.put(m.id(), d.key());
        }
    }

    @Override
    public List<AlarmDefinition> definitions() {
        return definitions;
    }

    @Override
    public void onHealth(DeviceHealth health, List<Observation> out) {
        String key = keyByMeter.get(health.meterId());
        if (key != null && !health.notYetAsked()) {
            boolean lost = health.state() == DeviceState.OFFLINE || health.state() == DeviceState.DISABLED;
            out.add(new Observation(key, lost, null, null));
        }
    }
}
