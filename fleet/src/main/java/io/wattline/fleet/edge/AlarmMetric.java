package io.wattline.fleet.edge;

import java.time.Instant;

/**
 * The state of one alarm as the edge publishes it: node metrics {@code Alarms/<id>/State} (String:
 * NORMAL, UNACK, ACK, RTN_UNACK...) and {@code Alarms/<id>/Priority} (Int32), so a central node
 * or any Sparkplug host sees the alarm without knowing Wattline.
 */
public record AlarmMetric(String alarmId, String state, int priority, Instant time) {

    public String stateName() {
        return "Alarms/" + alarmId + "/State";
    }

    public String priorityName() {
        return "Alarms/" + alarmId + "/Priority";
    }
}
