"""Every command the guides show is typed, as shown, in a terminal at the project's root after the
README's set-up, and does what the guide says. Commands that write work on a copy of the data
($SITE_DATA_DIR); servers listen on free ports of 127.0.0.1 (SERVE_PORT, EDITOR_PORT)."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
import urllib.request

import pytest

from antq.interview import MEDIA, questions
from conftest import PROJECT
from terminal import Terminal

GUIDES = ["README.md", "data/README.md", "data/news/README.md", "docs/maintainers/quan-tri.md"]
# Not typed here, and why.
NOT_TYPED = {
    "make test": "runs the whole suite, this test among it (CI types it on every push)",
    "make lock": "asks PyPI to resolve the versions again: needs the network",
    "make audit": "asks PyPI's advisory database: needs the network",
}


def documented() -> set[str]:
    """Commands in the guides: lines of code blocks that are not YAML, and inline code that starts
    like a command. A `# comment` after a command is not part of it."""
    found = set()
    for guide in GUIDES:
        text = (PROJECT / guide).read_text(encoding="utf-8")
        for language, block in re.findall(r"^```(\w*)\n(.*?)^```", text, re.M | re.S):
            if language not in ("", "sh"):
                continue
            for line in block.splitlines():
                command = line.split("  #", 1)[0].strip()
                if command.startswith(("make ", ".venv/bin/")):
                    found.add(command)
        for span in re.findall(r"`([^`\n]+)`", text):
            placeholder = "..." in span or re.search(r"\b[^\W\d_a-zà-ỹđ]{2,}\b", span)  # MÃ, TỆP, SỐ
            if span.startswith(("make ", ".venv/bin/")) and not placeholder:
                found.add(span)
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def env(tmp_path) -> dict[str, str]:
    data = tmp_path / "data"
    shutil.copytree(PROJECT / "data", data)
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("SITE_", "MAKE", "MFLAGS"))}
    return {**environ, "SITE_DATA_DIR": str(data), "SITE_TODAY": "2026-11-26", "TERM": "dumb"}


def typed(command: str, env: dict, timeout: float = 180) -> tuple[int, str]:
    term = Terminal(command, PROJECT, env)
    code = term.finish(timeout)
    return code, term.output


def get(url: str, timeout: float = 90) -> str:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def answer_new_item(term: Terminal) -> None:
    """A member of staff's answers to every question of `make tin-moi` about a broadcast item
    (Enter where a field may stay empty)."""
    answers = {"entered_by": "1", "title": "Thử lệnh trong hướng dẫn", "date": "15/03/2024",
               "outlet": "Trung tâm Văn hoá", "broadcast.programme": "Thời sự", "broadcast.time": "18:30",
               "broadcast.duration": "3:20", "broadcast.log.number": "01/NKPS", "broadcast.log.date": "15/03/2024"}
    for question in questions():
        if question.path[0] in MEDIA and question.path[0] != "broadcast":
            continue
        term.expect(question.label)
        term.type(answers.get(question.name, ""))


def check_new_item(command: str, env: dict) -> None:
    term = Terminal(command, PROJECT, env)
    answer_new_item(term)
    term.expect("2024-03-15-thu-lenh-trong-huong-dan.yml, trạng thái chờ duyệt (pending).")
    assert term.finish() == 0


def check_review(command: str, env: dict) -> None:
    """A reviewer approves the first pending item, names themselves, and stops."""
    term = Terminal(command, PROJECT, env)
    listed = term.expect("Tin 1 – [d] duyệt, [l] loại, [Enter] để sau, [q] dừng: ")
    assert "tin chờ duyệt:" in listed
    term.type("d")
    term.expect("Mã người duyệt (trong data/staff.yml, khác người nhập): ")
    term.type("vi-van-long")
    term.expect("Tin 2 – [d] duyệt, [l] loại, [Enter] để sau, [q] dừng: ")
    term.type("q")
    term.expect("(người duyệt: vi-van-long)")
    assert term.finish() == 0


def check_server(command: str, env: dict) -> None:
    port, backend = free_port(), free_port()
    env = {**env, "SERVE_PORT": str(port), "EDITOR_PORT": str(backend)}
    term = Terminal(command, PROJECT, env)
    try:
        assert "Cảnh sát 113" in get(f"http://127.0.0.1:{port}/duong-day-nong/")
        config = get(f"http://127.0.0.1:{port}/quan-tri/config.yml")
        if command == "make edit":  # the editor talks to the local decap-server
            assert f"url: http://127.0.0.1:{backend}/api/v1" in config
            assert "Detected" in get_info(backend)
        else:
            assert "local_backend" not in config
    finally:
        term.stop()


def get_info(port: int) -> str:
    request = urllib.request.Request(f"http://127.0.0.1:{port}/api/v1", data=b'{"action":"info"}',
                                     headers={"Content-Type": "application/json"})
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(request, timeout=5) as response:
                return "Detected " + response.read().decode("utf-8")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


# What each command must show (a check of its output), or a function that drives it.
EXPECTED = {
    "make install": lambda code, out: code == 0,
    "make build": lambda code, out: code == 0 and (PROJECT / "site/quan-tri/config.yml").is_file(),
    "make check": lambda code, out: code == 0 and "Dữ liệu hợp lệ:" in out,
    ".venv/bin/python scripts/validate.py": lambda code, out: code == 0 and "Dữ liệu hợp lệ:" in out,
    ".venv/bin/python scripts/quota.py --year 2024 --format csv":
        lambda code, out: code == 0 and out.splitlines()[0].lstrip("\ufeff").startswith("Năm,Mã nhóm"),
    ".venv/bin/python scripts/export_schemas.py": lambda code, out: code == 0 and "schemas/news.schema.json" in out,
    ".venv/bin/python scripts/import_feeds.py": lambda code, out: code == 0 and "nguồn tin" in out,
    ".venv/bin/python scripts/import_feeds.py --dry-run": lambda code, out: code == 0 and "nguồn tin" in out,
    ".venv/bin/python scripts/import_feeds.py --outlet bao-bac-giang tests/fixtures/feeds/rss-basic.xml":
        lambda code, out: code == 0 and "3 tin mới chờ duyệt" in out,
    ".venv/bin/python scripts/review.py --approver vi-van-long --publish 1 3 --reject 2":
        lambda code, out: code == 0 and out.count("Đã duyệt:") == 2 and out.count("Đã loại:") == 1,
    ".venv/bin/python scripts/bench.py --items 100 --repeat 1 --no-blog":
        lambda code, out: code == 0 and "Trang này (hook)" in out and "MkDocs thuần" in out,
    "make tin-moi": check_new_item,
    ".venv/bin/python scripts/new_article.py": check_new_item,
    "make duyet": check_review,
    ".venv/bin/python scripts/review.py": check_review,
    "make serve": check_server,
    "make edit": check_server,
}


def test_every_documented_command_is_typed_here():
    assert documented() == set(EXPECTED) | set(NOT_TYPED)


@pytest.mark.parametrize("command", sorted(EXPECTED))
def test_documented_command_works_as_typed(command, env):
    # `make install` on an out-of-date .venv would rebuild the environment these tests run in.
    up_to_date = subprocess.run(["make", "-q", "install"], cwd=PROJECT, env=env).returncode == 0
    assert up_to_date, "run `make install` (or `make test`) first: .venv is older than the locks"
    expected = EXPECTED[command]
    if expected in (check_new_item, check_review, check_server):
        expected(command, env)
        return
    code, out = typed(command, env)
    assert expected(code, out), out
    assert "Traceback" not in out and "usage:" not in out and "Aborted" not in out
