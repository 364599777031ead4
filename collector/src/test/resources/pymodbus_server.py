#!/usr/bin/python3
"""Modbus slave for the collector's interop tests, built on pymodbus (Debian python3-pymodbus).

Usage: /usr/bin/python3 pymodbus_server.py PORT SPEC.json [rtu]
       /usr/bin/python3 pymodbus_server.py serial:DEVICE SPEC.json [BAUD]

With "rtu" the server speaks RTU frames (CRC, no MBAP header) over TCP, like a serial gateway
in transparent mode. With "serial:DEVICE" it is an RTU slave on that serial line (a socat pty
in the tests), which answers every unit id of the spec.

SPEC.json maps unit ids to tables, each a list of [start, [values...]] blocks at PDU addresses:
  {"1": {"hr": [[0, [17254, 32768]]], "ir": [], "co": [[0, [1, 0]]], "di": []}}
Addresses that no block covers answer exception 2 (illegal data address); unit ids that the
spec does not name get no answer at all, which is how the tests produce a timeout. A unit's
"delay" (seconds) makes it answer that late, like a slow meter behind a busy gateway.
"""
import json
import logging
import sys
import time

from pymodbus.datastore import ModbusServerContext, ModbusSlaveContext, ModbusSparseDataBlock
from pymodbus.framer.rtu_framer import ModbusRtuFramer
from pymodbus.framer.socket_framer import ModbusSocketFramer
from pymodbus.server import StartSerialServer, StartTcpServer


def block(blocks):
    values = {}
    for start, words in blocks:
        for i, word in enumerate(words):
            values[start + i] = word
    # An empty sparse block would answer nothing; address -1 never matches a request.
    return ModbusSparseDataBlock(values or {-1: 0})


class SlowSlaveContext(ModbusSlaveContext):
    """A slave that answers every read "delay" seconds late (blocking the server, as a slow gateway does)."""

    def __init__(self, delay, **kwargs):
        super().__init__(**kwargs)
        self.delay = delay

    def getValues(self, fc_as_hex, address, count=1):
        time.sleep(self.delay)
        return super().getValues(fc_as_hex, address, count)


def main():
    with open(sys.argv[2], encoding="utf-8") as f:
        spec = json.load(f)
    slaves = {}
    for unit, tables in spec.items():
        # zero_mode=True: request address N reads block address N. pymodbus' default (False)
        # shifts every address by one, which is the off-by-one the ARCHITECTURE notes warn of.
        blocks = dict(hr=block(tables.get("hr", [])), ir=block(tables.get("ir", [])),
                      co=block(tables.get("co", [])), di=block(tables.get("di", [])), zero_mode=True)
        delay = tables.get("delay", 0)
        slaves[int(unit)] = SlowSlaveContext(delay, **blocks) if delay else ModbusSlaveContext(**blocks)
    logging.basicConfig(level=logging.WARNING)
    context = ModbusServerContext(slaves=slaves, single=False)
    if sys.argv[1].startswith("serial:"):
        baud = int(sys.argv[3]) if len(sys.argv) > 3 else 9600
        print("serving RTU on", sys.argv[1][7:], flush=True)
        StartSerialServer(context=context, framer=ModbusRtuFramer, port=sys.argv[1][7:], baudrate=baud,
                          bytesize=8, parity="N", stopbits=1, timeout=0.005)
        return
    port = int(sys.argv[1])
    framer = ModbusRtuFramer if len(sys.argv) > 3 and sys.argv[3] == "rtu" else ModbusSocketFramer
    StartTcpServer(context=context, address=("127.0.0.1", port), framer=framer)


if __name__ == "__main__":
    main()
