package io.wattline.alarms;

/** Told of every alarm change; must return quickly and never block (it runs on the engine's thread). */
@FunctionalInterface
public interface AlarmListener {

    void onAlarm(AlarmEvent event);
}
