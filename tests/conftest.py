import contextlib
import functools
import importlib.util
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
PROJECT = TESTS.parent
FIXTURES = TESTS / "fixtures"
VALID = FIXTURES / "valid"
# The consent of the valid fixture's person, as written in its people.yml.
CONSENT = 'consent: {document: "01/ĐY-CA", date: 2024-05-10}'


def approved(day: str) -> str:
    """The lines of a published item entered and approved (on `day`) by two people of the valid set's register."""
    return f"entered_by: nhap\napproved_by: duyet\napproved_on: {day}\n"


def fixture_header(path: Path) -> dict[str, str]:
    """The `# key: value` lines that start a self-describing fixture (the last of a repeated key)."""
    return {key: values[-1] for key, values in fixture_headers(path).items()}


def fixture_headers(path: Path) -> dict[str, list[str]]:
    """Every `# key: value` line that starts a fixture, by key: a fixture may expect several problems."""
    header: dict[str, list[str]] = {}
    for line in path.read_bytes().decode("utf-8", errors="replace").splitlines():
        if not line.startswith("# ") or ": " not in line:
            break
        key, value = line[2:].split(": ", 1)
        header.setdefault(key, []).append(value)
    return header


@pytest.fixture
def data_copy(tmp_path):
    """A fresh copy of the small valid data set."""
    target = tmp_path / "data"
    shutil.copytree(VALID, target)
    return target


@functools.cache
def script_main(name: str):
    """The `main(argv)` of scripts/<name>, imported once."""
    spec = importlib.util.spec_from_file_location(f"script_{Path(name).stem}", PROJECT / "scripts" / name)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.main


def run_script(name: str, *args: str, env: dict | None = None, stdin: str = "") -> subprocess.CompletedProcess:
    """Run a command in this process (its `main(argv)`), with `env` added, `stdin` as input and its
    output captured, as the shell would see it (text and bytes written to stdout alike)."""
    main = script_main(name)
    out, err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8"), io.StringIO()
    saved_env, saved_cwd = dict(os.environ), os.getcwd()
    os.environ.update(env or {})
    os.chdir(PROJECT)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), \
                _stdin(io.StringIO(stdin)):
            try:
                code = main(list(args))
            except SystemExit as stop:  # argparse: --help, or a wrong argument
                code = stop.code if isinstance(stop.code, int) else 1
    finally:
        os.environ.clear()
        os.environ.update(saved_env)
        os.chdir(saved_cwd)
    out.flush()
    return subprocess.CompletedProcess([name, *args], code, out.buffer.getvalue().decode("utf-8"), err.getvalue())


@contextlib.contextmanager
def _stdin(stream):
    saved, sys.stdin = sys.stdin, stream
    try:
        yield
    finally:
        sys.stdin = saved


def run_process(name: str, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run a command as its own process, for what only a process shows (the installed environment)."""
    return subprocess.run([sys.executable, str(PROJECT / "scripts" / name), *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, cwd=PROJECT, timeout=120)

# Session fixtures of the browser tests (Chromium, the built test sites), shared by every module.
from browser import big_site, browser, demo_build, demo_host, demo_site  # noqa: E402,F401
