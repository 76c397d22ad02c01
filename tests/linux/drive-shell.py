#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""`make run-linux` driven through a pseudo-terminal, the way a person uses it.

Starts `make -s run-linux` on a new pty, inside sh, which records `stty -g`
before and after. Then it waits for the guest's banner and shell prompt,
types commands and reads what comes back on the screen:

  - the banner names the CPUs and minivmm's userspace GIC;
  - echo and nproc answer;
  - /proc/interrupts has the IPI0 (rescheduling) and IPI1 (function call)
    rows and the timer row;
  - Ctrl-C interrupts `sleep 100` and the shell, not the VM, gets it back;
  - `poweroff -f` ends minivmm with status 0;
  - the terminal settings afterwards are the ones before.

Every wait is bounded. Prints "ok - ..." / "not ok - ..." lines, the screen
on a failure, and "shell: N passed, N failed".

Usage: drive-shell.py BUILD_DIR [CPUS]
"""
import os
import re
import sys
import tempfile
import time

sys.dont_write_bytecode = True   # no __pycache__ in the tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "nested"))
from pty_terminal import Checks, SttySession, Terminal, show_screen_on_failure  # noqa: E402

BOOT_LIMIT = 300      # nested host boot + Linux boot, on a loaded 2-core machine
COMMAND_LIMIT = 30
POWEROFF_LIMIT = 90


def main():
    build = os.path.abspath(sys.argv[1])
    cpus = sys.argv[2] if len(sys.argv) > 2 else "2"
    top = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    session = SttySession(tempfile.mkdtemp(prefix="drive-shell."),
                          f'make -s -C {top} BUILD={build} run-linux RUN_LINUX_ARGS="-c {cpus} -m 512M"; '
                          f'echo "run-linux exited $?"')
    check = Checks()
    term = Terminal(["sh", "-c", session.script])
    # busybox ash's prompt as root, maybe followed by its cursor-position query
    prompt = r"^/\S* # (\x1b\[6n)?"
    try:
        m = term.expect(r"^minivmm Linux guest: Linux (\S+), (\d+) CPUs, ([^,]+), features:(.*)\n", BOOT_LIMIT)
        if not check("banner", m is not None, f"no banner in {BOOT_LIMIT} s"):
            return check
        check(f"banner: {m.group(2)} CPUs", m.group(2) == cpus, f"wanted {cpus}")
        check("banner: minivmm's userspace GIC", m.group(3) == "minivmm's userspace GICv2", m.group(3))
        check("shell prompt", term.expect(prompt, COMMAND_LIMIT) is not None, "no '# ' prompt")

        term.type("echo mark-$((6*7))\r")
        check("echo", term.expect(r"^mark-42$", COMMAND_LIMIT) is not None, "no mark-42")
        term.type("echo nproc=$(nproc)\r")
        check("nproc", term.expect(rf"^nproc={cpus}$", COMMAND_LIMIT) is not None, f"no nproc={cpus}")
        term.type("cat /proc/interrupts; echo end-of-interrupts\r")
        m = term.expect(r"^end-of-interrupts$", COMMAND_LIMIT)
        table = term.screen[:term.mark]
        table = table[table.rfind("cat /proc/interrupts"):]
        ok = (m is not None and re.search(r"^IPI0:(\s+\d+){%s}\s+Rescheduling interrupts" % cpus, table, re.M)
              and re.search(r"^IPI1:(\s+\d+){%s}\s+Function call interrupts" % cpus, table, re.M)
              and re.search(r"GIC-0 +27 Level +arch_timer", table))
        check("/proc/interrupts: IPI0, IPI1 and timer rows", bool(ok), "rows missing")

        term.type("sleep 100\r")
        term.expect(r"sleep 100$", COMMAND_LIMIT)
        time.sleep(2)
        t0 = time.monotonic()
        term.type("\x03")
        # SIGINT to the foreground job: sleep dies (status 130), the prompt is back.
        back = term.expect(prompt, 20) is not None
        term.type("echo status-$?\r")
        m = term.expect(r"^status-(\d+)\n", COMMAND_LIMIT)
        check("Ctrl-C interrupts sleep 100", back and m is not None and m.group(1) == "130",
              "no prompt in 20 s" if not back else "no status" if m is None else f"status {m.group(1)}")
        term.type("echo alive-$((1+1))\r")
        check("the VM survives Ctrl-C", term.expect(r"^alive-2$", COMMAND_LIMIT) is not None,
              f"no answer {time.monotonic() - t0:.0f} s after Ctrl-C")

        term.type("poweroff -f\r")
        session.ended(term, check, "poweroff -f: make run-linux exits 0",
                      r"^run-linux exited (\d+)\n", POWEROFF_LIMIT)
    finally:
        show_screen_on_failure(term, check)
    return check


if __name__ == "__main__":
    sys.exit(main().summary("shell"))
