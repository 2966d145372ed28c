#!/usr/bin/python3
"""Plays systemd for one run of the installed daemon: listens on an abstract AF_UNIX datagram socket,
starts the command given after '--' with NOTIFY_SOCKET and WATCHDOG_USEC set, and checks the sd_notify
conversation: READY=1, regular WATCHDOG=1 pings, then STOPPING=1 after SIGTERM. Exit 0 when all came.

    notify-harness.py --watchdog-sec 2 --ready-timeout 90 -- chroot ... /usr/bin/evsed
"""
import argparse
import os
import signal
import socket
import subprocess
import sys
import time


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--watchdog-sec", type=float, default=2.0)
    parser.add_argument("--ready-timeout", type=float, default=90.0)
    parser.add_argument("--pings", type=int, default=3)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no command after --")

    name = f"evse-pkg-test/{os.getpid()}"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind("\0" + name)
    env = dict(os.environ, NOTIFY_SOCKET="@" + name, WATCHDOG_USEC=str(int(args.watchdog_sec * 1_000_000)))
    env.pop("WATCHDOG_PID", None)

    started = time.monotonic()
    proc = subprocess.Popen(command, env=env)
    log = []

    def receive_until(predicate, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                print(f"harness: daemon exited early with {proc.returncode}", file=sys.stderr)
                return False
            sock.settimeout(min(0.5, max(0.01, deadline - time.monotonic())))
            try:
                data = sock.recv(4096).decode("utf-8", "replace")
            except socket.timeout:
                continue
            at = time.monotonic() - started
            log.append((at, data))
            print(f"harness: {at:7.3f}s  {data!r}")
            if predicate(data):
                return True
        return False

    ok = True
    try:
        if not receive_until(lambda d: "READY=1" in d.split("\n"), args.ready_timeout):
            print("harness: FAIL no READY=1", file=sys.stderr)
            return 1
        ready_at = log[-1][0]
        print(f"harness: READY after {ready_at:.2f}s")
        ping_times = [ready_at] if "WATCHDOG=1" in log[-1][1].split("\n") else []
        while len(ping_times) < args.pings + 1:
            if not receive_until(lambda d: "WATCHDOG=1" in d.split("\n"), args.watchdog_sec * 2):
                print("harness: FAIL watchdog pings stopped", file=sys.stderr)
                return 1
            ping_times.append(log[-1][0])
        gaps = [b - a for a, b in zip(ping_times, ping_times[1:])]
        print("harness: ping gaps " + ", ".join(f"{g:.3f}s" for g in gaps))
        if max(gaps) > args.watchdog_sec:
            print("harness: FAIL a ping came later than WatchdogSec", file=sys.stderr)
            ok = False
        proc.send_signal(signal.SIGTERM)
        if not receive_until(lambda d: "STOPPING=1" in d.split("\n"), 20):
            print("harness: FAIL no STOPPING=1 after SIGTERM", file=sys.stderr)
            return 1
        code = proc.wait(timeout=30)
        print(f"harness: daemon exited with {code} after SIGTERM")
        if code != 0:
            ok = False
        return 0 if ok else 1
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        sock.close()


if __name__ == "__main__":
    sys.exit(main())
