"""The GitHub workflows: zizmor finds nothing, every action is pinned, tokens are as narrow as they can be."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import PROJECT

WORKFLOWS = sorted((PROJECT / ".github" / "workflows").glob("*.yml"))
PINNED = re.compile(r"^\s*(?:- )?uses: [\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")


def load(path: Path) -> dict:
    # PyYAML reads the key `on` as True; the workflows' keys are what matter here.
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_zizmor_finds_nothing():
    zizmor = Path(sys.executable).parent / "zizmor"  # pinned in the test extras, installed by make install
    assert zizmor.is_file(), "zizmor is missing: run make install"
    result = subprocess.run([str(zizmor), "--offline", "--no-progress", *map(str, WORKFLOWS)], capture_output=True,
                            text=True, cwd=PROJECT, timeout=120, env={**os.environ, "NO_COLOR": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_every_action_is_pinned_to_a_commit_with_its_release_in_a_comment(path):
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if re.match(r"^\s*(- )?uses:", line)]
    assert lines
    for line in lines:
        assert PINNED.match(line), line


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_every_job_has_a_time_limit_and_no_checkout_keeps_the_token(path):
    for name, job in load(path)["jobs"].items():
        assert isinstance(job.get("timeout-minutes"), int), name
        for step in job["steps"]:
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False, name


def test_feeds_are_parsed_with_a_read_only_token_and_only_the_last_job_can_write():
    workflow = load(PROJECT / ".github/workflows/import-feeds.yml")
    assert workflow["permissions"] == {}
    jobs = workflow["jobs"]
    assert jobs["import"]["permissions"] == {"contents": "read"}
    assert jobs["pull-request"]["permissions"] == {"contents": "write", "pull-requests": "write"}
    runs = " ".join(step.get("run", "") for step in jobs["pull-request"]["steps"])
    assert "python" not in runs and "make" not in runs  # the job with the write token runs no project code


def test_the_pull_request_job_applies_nothing_outside_the_news_and_the_feed_state(tmp_path):
    """Even a patch from a compromised import job only adds news items and the feed state."""
    steps = load(PROJECT / ".github/workflows/import-feeds.yml")["jobs"]["pull-request"]["steps"]
    [apply] = [s["run"] for s in steps if s.get("name") == "Apply the imported files"]
    repo = tmp_path / "repo"
    (repo / "data" / "news").mkdir(parents=True)
    (repo / ".github").mkdir()
    (repo / "README.md").write_text("ok\n")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid"]
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run([*git, "-C", str(repo), "add", "-A"], check=True)
    subprocess.run([*git, "-C", str(repo), "commit", "-qm", "base"], check=True)
    for rel, text in [("data/news/2024/2024-03-05-tin.yml", "title: tin\n"), ("data/.feed-state.json", "{}\n"),
                      (".github/workflows/evil.yml", "on: push\n"), ("README.md", "changed\n"),
                      ("scripts/evil.py", "print()\n")]:
        (repo / rel).parent.mkdir(parents=True, exist_ok=True)
        (repo / rel).write_text(text)
    subprocess.run(["git", "-C", str(repo), "add", "-A"], check=True)
    (tmp_path / "import").mkdir()
    patch = subprocess.run(["git", "-C", str(repo), "diff", "--cached", "--binary", "HEAD"], check=True,
                           capture_output=True).stdout
    (tmp_path / "import" / "changes.patch").write_bytes(patch)
    subprocess.run(["git", "-C", str(repo), "reset", "-q", "--hard"], check=True)
    subprocess.run(["git", "-C", str(repo), "clean", "-qfdx"], check=True)
    subprocess.run(["bash", "-e", "-c", apply], cwd=repo, check=True, capture_output=True,
                   env={**os.environ, "RUNNER_TEMP": str(tmp_path)})
    changed = subprocess.run(["git", "-C", str(repo), "status", "--porcelain", "--untracked-files=all"], check=True,
                             capture_output=True, text=True).stdout.split("\n")
    assert sorted(line[3:] for line in changed if line) == ["data/.feed-state.json", "data/news/2024/2024-03-05-tin.yml"]
