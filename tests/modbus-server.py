#!/usr/bin/python3
# modbus-server.py — an independent Modbus TCP server for tests, built on
# Debian's python3-pymodbus (3.0), so that the engine is checked against a
# peer that shares no code with Plantdesk.
#
# Copyright 2026 The Plantdesk authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: modbus-server.py [CONFIG]
#
# CONFIG is JSON (from the first argument, or from the first line of
# standard input when there is no argument):
#
#   {"unit": 1,
#    "holding":  {"0": [word, …], "100": [word, …]},
#    "input":    {"0": [word, …]},
#    "coils":    {"0": [0, 1, …]},
#    "discrete": {"0": [1, 0, …]}}
#
# Keys are 0-based protocol addresses where a run of values starts; words
# are raw 16-bit register contents (0 … 65535), bits are 0 or 1. Only the
# addresses given exist: a request touching any other address is answered
# with exception 2 (illegal data address). Values are stored as given and
# never encoded here: the test does its own encoding.
#
# The server binds 127.0.0.1 on a port the system picks, prints
# "ready port=P" on standard output, flushed, and then reads commands, one
# a line, from standard input, each answered with one line:
#
#   get AREA ADDRESS COUNT    → "values V1 V2 …" (bits as 0 / 1)
#   set AREA ADDRESS V1 V2 …  → "ok"
#
# or "error: REASON". It exits with status 0 on SIGTERM, SIGINT or end of
# file on standard input.

import asyncio
import json
import logging
import os
import signal
import sys

from pymodbus.datastore import (
    ModbusServerContext,
    ModbusSlaveContext,
    ModbusSparseDataBlock,
)
from pymodbus.server.async_io import ModbusTcpServer
from pymodbus.transaction import ModbusSocketFramer

AREAS = {
    "coils": ("co", "c", True),
    "discrete": ("di", "d", True),
    "input": ("ir", "i", False),
    "holding": ("hr", "h", False),
}
# "coil" in commands, as plantdesk-sim and the tag CSV name it.
AREA_ALIASES = {"coil": "coils", "coils": "coils", "discrete": "discrete",
                "input": "input", "holding": "holding"}


def fail(message):
    print(f"modbus-server.py: {message}", file=sys.stderr, flush=True)
    sys.exit(2)


def check_value(value, is_bits):
    if isinstance(value, bool):
        value = int(value)
    if not isinstance(value, int):
        raise ValueError(f"{value!r} is not an integer")
    if is_bits and value not in (0, 1):
        raise ValueError(f"{value} is not a bit")
    if not is_bits and not 0 <= value <= 0xFFFF:
        raise ValueError(f"{value} is not a 16-bit word")
    return bool(value) if is_bits else value


def make_block(spec, is_bits):
    values = {}
    if not isinstance(spec, dict):
        raise ValueError("an area must be an object of address: [values]")
    for key, run in spec.items():
        address = int(key)
        if not isinstance(run, list):
            run = [run]
        for i, value in enumerate(run):
            if not 0 <= address + i <= 0xFFFF:
                raise ValueError(f"address {address + i} is out of range")
            values[address + i] = check_value(value, is_bits)
    # Not mutable: a write can only change addresses that were given.
    return ModbusSparseDataBlock(values, mutable=False)


class Commands:
    """Answers the test's get / set lines on standard input."""

    def __init__(self, slave, stop):
        self.slave = slave
        self.stop = stop
        self.buffer = b""

    def block(self, name):
        area = AREA_ALIASES.get(name)
        if area is None:
            raise ValueError(f"unknown area “{name}”")
        _, store, is_bits = AREAS[area]
        return self.slave.store[store], is_bits

    def run(self, line):
        words = line.split()
        if words[0] == "get" and len(words) == 4:
            block, is_bits = self.block(words[1])
            address, count = int(words[2]), int(words[3])
            if count < 1 or not block.validate(address, count):
                raise ValueError("no such addresses")
            values = block.getValues(address, count)
            return "values " + " ".join(str(int(v)) for v in values)
        if words[0] == "set" and len(words) >= 4:
            block, is_bits = self.block(words[1])
            address = int(words[2])
            values = [check_value(int(w), is_bits) for w in words[3:]]
            if not block.validate(address, len(values)):
                raise ValueError("no such addresses")
            block.setValues(address, values)
            return "ok"
        raise ValueError(f"unknown command “{line}”")

    def readable(self):
        data = os.read(sys.stdin.fileno(), 65536)
        if not data:
            self.stop.set()
            return
        self.buffer += data
        while b"\n" in self.buffer:
            raw, self.buffer = self.buffer.split(b"\n", 1)
            line = raw.decode("utf-8", "replace").strip()
            if not line:
                continue
            try:
                answer = self.run(line)
            except (ValueError, IndexError) as exc:
                answer = f"error: {exc}"
            print(answer, flush=True)


async def serve(config):
    unit = int(config.get("unit", 1))
    if not 0 <= unit <= 247:
        fail(f"unit {unit} is out of range")
    blocks = {}
    for area, (kwarg, _, is_bits) in AREAS.items():
        try:
            blocks[kwarg] = make_block(config.get(area, {}), is_bits)
        except ValueError as exc:
            fail(f"{area}: {exc}")
    unknown = set(config) - set(AREAS) - {"unit"}
    if unknown:
        fail(f"unknown keys {sorted(unknown)}")

    # zero_mode: datastore addresses are the protocol's 0-based addresses.
    slave = ModbusSlaveContext(zero_mode=True, **blocks)
    context = ModbusServerContext(slaves={unit: slave}, single=False)
    loop = asyncio.get_running_loop()
    server = ModbusTcpServer(context, ModbusSocketFramer, None,
                             ("127.0.0.1", 0), loop=loop)
    stop = asyncio.Event()

    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)

    task = asyncio.create_task(server.serve_forever())
    await server.serving
    port = server.server.sockets[0].getsockname()[1]
    print(f"ready port={port}", flush=True)

    commands = Commands(slave, stop)
    loop.add_reader(sys.stdin.fileno(), commands.readable)
    await stop.wait()
    loop.remove_reader(sys.stdin.fileno())
    await server.server_close()
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        pass


def read_line():
    # Unbuffered, so that the commands after it are still there for the
    # reader installed on the same descriptor.
    data = b""
    while not data.endswith(b"\n"):
        byte = os.read(sys.stdin.fileno(), 1)
        if not byte:
            break
        data += byte
    return data.decode("utf-8", "replace")


def main():
    # pymodbus configures the root logger when imported and reports every
    # exception answer and closed connection as an error: the tests cause
    # those on purpose.
    logging.getLogger().setLevel(logging.CRITICAL)
    if len(sys.argv) > 2:
        fail("usage: modbus-server.py [CONFIG]")
    text = sys.argv[1] if len(sys.argv) == 2 else read_line()
    try:
        config = json.loads(text)
    except json.JSONDecodeError as exc:
        fail(f"bad configuration: {exc}")
    if not isinstance(config, dict):
        fail("the configuration must be a JSON object")
    asyncio.run(serve(config))


if __name__ == "__main__":
    main()
