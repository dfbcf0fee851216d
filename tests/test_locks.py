"""The Python dependency tree is locked with hashes, the locks agree with pyproject.toml, and the
environment the tests run in is exactly what the locks say (make install installs from them)."""

import re
import tomllib
from importlib import metadata

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from conftest import PROJECT

LOCKS = ["requirements-build.lock", "requirements.lock", "requirements-test.lock", "requirements-tools.lock"]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\;]+) \\$")
HASH = re.compile(r"^    --hash=sha256:[0-9a-f]{64}( \\)?$")


def pins(name: str) -> dict[str, str]:
    """Package -> version of a lock, checking that every package has its hashes and nothing else
    (no index, no link, no editable) is in it."""
    found: dict[str, str] = {}
    lines = (PROJECT / name).read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        if not line or line.lstrip().startswith("#") or HASH.match(line):
            continue
        match = PIN.match(line)
        assert match, f"{name}:{i + 1}: {line!r}"
        assert HASH.match(lines[i + 1]), f"{name}:{i + 1}: {match.group(1)} has no hash"
        found[canonicalize_name(match.group(1))] = match.group(2)
    return found


def declared(requirements: list[str]) -> dict[str, str]:
    out = {}
    for text in requirements:
        requirement = Requirement(text)
        [spec] = requirement.specifier  # every dependency of ours is pinned exactly
        assert spec.operator == "==", text
        out[canonicalize_name(requirement.name)] = spec.version
    return out


PYPROJECT = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", LOCKS)
def test_every_locked_package_is_pinned_with_hashes(name):
    assert pins(name)


def test_the_locks_hold_what_pyproject_pins():
    runtime = declared(PYPROJECT["project"]["dependencies"])
    test = declared(PYPROJECT["project"]["optional-dependencies"]["test"])
    site, tests = pins("requirements.lock"), pins("requirements-test.lock")
    assert runtime.items() <= site.items(), "pyproject.toml changed: run make lock"
    assert (runtime | test).items() <= tests.items(), "pyproject.toml changed: run make lock"
    assert site.items() <= tests.items()  # the tests run on the very packages the site is built with
    tools = declared([line for line in (PROJECT / "requirements-tools.in").read_text().splitlines()
                      if line and not line.startswith("#")])
    assert tools.items() <= pins("requirements-tools.lock").items()
    [backend] = PYPROJECT["build-system"]["requires"]
    assert Requirement(backend).specifier.contains(pins("requirements-build.lock")[canonicalize_name(
        Requirement(backend).name)])


def test_the_test_environment_is_exactly_the_lock():
    locked = pins("requirements-test.lock") | pins("requirements-build.lock")
    installed = {canonicalize_name(d.metadata["Name"]): d.version for d in metadata.distributions()}
    installed.pop("pip")  # the virtual environment's own installer
    assert installed.pop("antq") == PYPROJECT["project"]["version"]
    assert installed == locked, "the environment differs from the lock: run make install"
