package io.wattline.collector.output;

import io.wattline.collector.modbus.ModbusLink;
import io.wattline.collector.modbus.ModbusReadException;
import io.wattline.collector.modbus.link.ModbusTcpLink;
import io.wattline.core.alarm.BeaconSettings;
import io.wattline.core.device.OutputSwitch;
import io.wattline.core.plant.Connection;
import io.wattline.core.plant.ConnectionType;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A beacon or horn relay on a Modbus I/O module: a coil (FC 5) or a holding register (FC 6) written
 * on a link of its own to a TCP gateway, on a thread of its own. The wanted state is written at once
 * when it changes, written again every {@code refresh} (a module that restarted gets it back), and
 * retried every {@link #RETRY} while the module does not answer.
 */
public final class ModbusOutputSwitch implements OutputSwitch {

    private static final Logger LOG = LoggerFactory.getLogger(ModbusOutputSwitch.class);
    static final Duration RETRY = Duration.ofSeconds(2);

    private final String name;
    private final ModbusLink link;
    private final int unitId;
    private final boolean coil;
    private final int address;
    private final int onValue;
    private final int offValue;
    private final ScheduledExecutorService thread;
    private volatile Boolean wanted;
    private volatile Boolean written;
    private boolean failing;
    private boolean retryPending;

    public ModbusOutputSwitch(String name, ModbusLink link, int unitId, boolean coil, int address, int onValue,
            int offValue, Duration refresh) {
        this.name = name;
        this.link = link;
        this.unitId = unitId;
        this.coil = coil;
        this.address = address;
        this.onValue = onValue;
        this.offValue = offValue;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "output-" + name);
            t.setDaemon(true);
            return t;
        });
        long every = refresh.toMillis();
        thread.scheduleWithFixedDelay(this::write, every, every, TimeUnit.MILLISECONDS);
    }

    /** The beacon of the plant file on its (TCP) connection. */
    public static ModbusOutputSwitch open(BeaconSettings beacon, Connection connection) {
        ModbusLink link = switch (connection.type()) {
            case MODBUS_TCP -> new ModbusTcpLink(connection.host(), connection.port(), connection.timeout());
            case MODBUS_RTU_OVER_TCP -> ModbusTcpLink.rtuOverTcp(connection.host(), connection.port(),
                    connection.timeout());
            default -> throw new IllegalArgumentException("beacon " + beacon.id() + ": connection " + connection.id()
                    + " is " + connection.type() + "; a beacon needs " + ConnectionType.MODBUS_TCP + " or "
                    + ConnectionType.MODBUS_RTU_OVER_TCP);
        };
        return new ModbusOutputSwitch(beacon.id() + "@" + connection.id(), link, beacon.unitId(), beacon.coil(),
                beacon.address(), beacon.onValue(), beacon.offValue(), beacon.refresh());
    }

    @Override
    public void set(boolean on) {
        wanted = on;
        thread.execute(this::write);
    }

    /** What the module last confirmed (empty before its first answer). */
    public Optional<Boolean> written() {
        return Optional.ofNullable(written);
    }

    private void retry() {
        retryPending = false;
        write();
    }

    private void write() {
        Boolean target = wanted;
        if (target == null) {
            return;
        }
        try {
            if (coil) {
                link.writeCoil(unitId, address, target);
            } else {
                link.writeRegister(unitId, address, target ? onValue : offValue);
            }
            if (!target.equals(written) || failing) {
                LOG.info("{} switched {}", describe(), target ? "on" : "off");
            }
            written = target;
            failing = false;
        } catch (ModbusReadException | RuntimeException e) {
            if (!failing) {
                LOG.warn("{} could not be switched {}: {}; retrying every {} s", describe(), target ? "on" : "off",
                        e.getMessage(), RETRY.toSeconds());
            }
            failing = true;
            if (!retryPending) {
                retryPending = true;
                thread.schedule(this::retry, RETRY.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    @Override
    public String describe() {
        return name + " (" + (coil ? "coil " : "register ") + address + " of unit " + unitId + " at " + link.endpoint()
                + ")";
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        link.close();
    }
}
