#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""`make run` during an all-CPU IPI storm, driven through a pseudo-terminal:
does minivmm still answer its console escapes promptly?

Starts `make -s run` with guest.img's IPI storm on 4 vCPUs, sized never to
end (inside sh, which records `stty -g` before and after), waits for the
guest's self-test header, lets the storm run for STORM_SECONDS, then types
as a person would:

  - Ctrl-A h: minivmm's escape help appears within ANSWER_LIMIT seconds;
  - Ctrl-A x: minivmm quits with status 0 within ANSWER_LIMIT seconds, and
    `make run` ends (the nested host powers off);
  - the terminal settings afterwards are the ones before.

In the nested host QEMU's own console escape is Ctrl-] (boot-l1.sh), so
Ctrl-A goes through to minivmm. Prints "ok - ..." / "not ok - ..." lines,
the screen on a failure, and "console: N passed, N failed".

Usage: drive-escape.py BUILD_DIR
"""
import os
import sys
import tempfile
import time

sys.dont_write_bytecode = True   # no __pycache__ in the tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pty_terminal import Checks, SttySession, Terminal, show_screen_on_failure  # noqa: E402

BOOT_LIMIT = 300      # nested host boot + guest boot, on a loaded 2-core machine
STORM_SECONDS = 15
ANSWER_LIMIT = 3      # "promptly": the storm must not starve the console thread
END_LIMIT = 90


def main():
    build = os.path.abspath(sys.argv[1])
    top = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    session = SttySession(tempfile.mkdtemp(prefix="drive-escape."),
                          f'make -s -C {top} BUILD={build} run RUN_ARGS="-c 4 -a \'storm storm=100000000\'"; '
                          f'echo "make run exited $?"')
    check = Checks()
    term = Terminal(["sh", "-c", session.script])
    try:
        m = term.expect(r"^# guest self-tests: 4 CPU\(s\) online.*\n", BOOT_LIMIT)
        if not check("guest.img up on 4 vCPUs", m is not None, f"no self-test header in {BOOT_LIMIT} s"):
            return check
        # The storm runs; nothing to wait for but time (reading keeps the pty drained).
        term.expect(r"^never printed\n", STORM_SECONDS)

        t0 = time.monotonic()
        term.type("\x01h")
        m = term.expect(r"^C-a x +quit minivmm$", ANSWER_LIMIT)
        check(f"Ctrl-A h answers during the storm ({time.monotonic() - t0:.1f} s)", m is not None,
              f"no escape help in {ANSWER_LIMIT} s")

        t0 = time.monotonic()
        term.type("\x01x")
        m = term.expect(r"^\[run\] minivmm exited with status (\d+)\n", ANSWER_LIMIT)
        check(f"Ctrl-A x ends minivmm during the storm ({time.monotonic() - t0:.1f} s)",
              m is not None and m.group(1) == "0",
              f"no exit in {ANSWER_LIMIT} s" if m is None else f"status {m.group(1)}")
        session.ended(term, check, "make run exits 0 after it", r"^make run exited (\d+)\n", END_LIMIT)
    finally:
        show_screen_on_failure(term, check)
    return check


if __name__ == "__main__":
    sys.exit(main().summary("console"))
