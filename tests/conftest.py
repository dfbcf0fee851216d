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


def fixture_header(path: Path) -> dict[str, str]:
    """The `# key: value` lines that start a self-describing fixture."""
    header = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("# ") or ": " not in line:
            break
        key, value = line[2:].split(": ", 1)
        header[key] = value
    return header


@pytest.fixture
def data_copy(tmp_path):
    """A fresh copy of the small valid data set."""
    target = tmp_path / "data"
    shutil.copytree(VALID, target)
    return target


def run_script(name: str, *args: str, env: dict | None = None, stdin: str = ""):
    return subprocess.run([sys.executable, str(PROJECT / "scripts" / name), *args], capture_output=True, text=True,
                          input=stdin, env={**os.environ, **(env or {})}, cwd=PROJECT, timeout=120)

# Session fixtures of the browser tests (Chromium, the built test sites), shared by every module.
from browser import big_site, browser, demo_site  # noqa: E402,F401
