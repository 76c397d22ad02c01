# SPDX-License-Identifier: GPL-2.0
"""A command on a new pseudo-terminal, read and typed at the way a person
would: the pty drivers of the check stages (tests/linux/drive-shell.py,
tests/nested/drive-escape.py) use it. Every wait is bounded."""
import os
import pty
import re
import select
import signal
import time


class Terminal:
    def __init__(self, argv):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.execvp(argv[0], argv)
        self.screen = ""   # everything read, CRs dropped
        self.mark = 0      # expect() looks only after this point

    def read_some(self, timeout):
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return True
        try:
            data = os.read(self.fd, 4096)
        except OSError:    # EIO: the other side closed
            return False
        if not data:
            return False
        self.screen += data.decode("utf-8", "replace").replace("\r", "")
        return True

    def expect(self, pattern, limit):
        """Wait for @pattern after the mark; move the mark past it. A
        pattern that can match a line cut short by a read ends in \\n."""
        rx = re.compile(pattern, re.M)
        deadline = time.monotonic() + limit
        while True:
            m = rx.search(self.screen, self.mark)
            if m:
                self.mark = m.end()
                return m
            left = deadline - time.monotonic()
            if left <= 0 or not self.read_some(min(left, 1.0)):
                m = rx.search(self.screen, self.mark)
                if m:
                    self.mark = m.end()
                return m

    def type(self, text):
        os.write(self.fd, text.encode())

    def close(self):
        try:
            os.kill(self.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass


class Checks:
    """The "ok - NAME" / "not ok - NAME: WHY" lines of a driver, kept."""

    def __init__(self):
        self.results = []

    def __call__(self, name, ok, why=""):
        self.results.append(bool(ok))
        print(f"ok - {name}" if ok else f"not ok - {name}: {why}", flush=True)
        return ok

    def summary(self, stage):
        r = self.results
        print(f"{stage}: {sum(r)} passed, {len(r) - sum(r)} failed")
        return 0 if r and all(r) else 1


class SttySession:
    """A shell command line run between two `stty -g`, so that a driver can
    check that the terminal settings afterwards are the ones before."""

    def __init__(self, tmpdir, command):
        self.before = os.path.join(tmpdir, "before")
        self.after = os.path.join(tmpdir, "after")
        self.script = f"stty -g > {self.before}; {command}; stty -g > {self.after}"

    def ended(self, term, check, name, pattern, limit):
        """The command ended: @pattern's status group is 0 within @limit
        seconds (checked as @name), then the terminal settings are back."""
        m = term.expect(pattern, limit)
        check(name, m is not None and m.group(1) == "0",
              "no exit in time" if m is None else f"status {m.group(1)}")
        self.restored(term, check)

    def restored(self, term, check):
        term.expect(r"\Z", 5)   # let sh write the second stty -g
        for _ in range(50):
            if os.path.exists(self.after) and os.path.getsize(self.after):
                break
            time.sleep(0.1)
        exists = os.path.exists(self.after)
        same = exists and open(self.before).read() == open(self.after).read()
        return check("terminal settings restored", same,
                     "stty -g differs" if exists else "no second stty -g")


def show_screen_on_failure(term, checks):
    if not all(checks.results):
        print("---- the screen (last 3000 characters):")
        print(term.screen[-3000:])
    term.close()
