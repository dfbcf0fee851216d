"""A command typed in a real terminal (a pseudo-terminal): what staff see, and their answers."""

from __future__ import annotations

import os
import pty
import re
import select
import signal
import subprocess
import time
from pathlib import Path

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


class Terminal:
    """`command` run by bash in a pseudo-terminal (so the command knows a person is typing)."""

    def __init__(self, command: str, cwd: Path, env: dict[str, str]):
        self.leader, follower = pty.openpty()
        self.process = subprocess.Popen(["bash", "-c", command], cwd=cwd, env=env, stdin=follower,
                                        stdout=follower, stderr=follower, start_new_session=True, close_fds=True)
        os.close(follower)
        self.output = ""
        self.seen = 0  # how much of `output` expect() has gone past

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.leader], [], [], timeout)
        if not ready:
            return False
        try:
            chunk = os.read(self.leader, 65536)
        except OSError:  # the command ended and closed the terminal
            return False
        if not chunk:
            return False
        self.output += ANSI.sub("", chunk.decode("utf-8", errors="replace")).replace("\r\n", "\n")
        return True

    def expect(self, text: str, timeout: float = 20) -> str:
        """Wait until `text` is shown after what was already expected; return what came before it."""
        deadline = time.monotonic() + timeout
        while text not in self.output[self.seen:]:
            if time.monotonic() > deadline:
                self.stop()  # no command left running after a failed test
                raise AssertionError(f"{text!r} never shown; the terminal shows:\n{self.output[self.seen:]}")
            if not self._read(0.2) and self.process.poll() is not None and not self._read(0.2):
                self.stop()
                raise AssertionError(f"{text!r} never shown before the command ended:\n{self.output[self.seen:]}")
        start = self.output.index(text, self.seen)
        before, self.seen = self.output[self.seen:start], start + len(text)
        return before

    def type(self, line: str) -> None:
        os.write(self.leader, (line + "\n").encode("utf-8"))

    def finish(self, timeout: float = 120) -> int:
        """Read everything until the command ends; its exit code."""
        deadline = time.monotonic() + timeout
        while self.process.poll() is None or self._read(0.1):
            if time.monotonic() > deadline:
                self.stop()
                raise AssertionError(f"still running after {timeout} s:\n{self.output}")
            self._read(0.1)
        os.close(self.leader)
        return self.process.returncode

    def stop(self) -> None:
        """End a command that runs until stopped (a server), as Ctrl+C would."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        try:
            os.close(self.leader)
        except OSError:
            pass
