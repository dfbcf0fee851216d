"""Measuring the preview: a development server (`mkdocs serve`, `hugo server`) started on 127.0.0.1 over
a data folder, a news item added to the folder, and the time until the server's page shows it.

For the benchmark (antq/bench.py). The item is a copy of the newest published item that has an
address, under a title of its own (first in its month's list); the page polled is the one that lists
it. Between the start of the write and the first answer that holds the title: the server's watcher,
its rebuild and one request.
"""

from __future__ import annotations

import os
import re
import socket
import statistics
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from .problems import UserError

# How long to watch a server that has nothing to do, for its cost while idle.
IDLE_SECONDS = 10
POLL = 0.02
WAIT = 300  # at most, for a server to show an added item (or its first build)


class PreviewError(UserError):
    """The preview cannot be measured; the message says why."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _page(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=WAIT) as answer:
            return answer.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, OSError):
        return None


def _cpu_seconds(pid: int) -> float | None:
    """CPU time of a process so far (Linux), or None."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def template_item(data: Path) -> Path:
    """The newest published news file with an address and no broadcast or print record (a copy of one
    would be the same broadcast twice): what an added item is a copy of."""
    for path in sorted(data.glob("news/*/*.yml"), reverse=True):
        text = path.read_text(encoding="utf-8")
        if (re.search(r"^status: published$", text, re.M) and re.search(r"^url: ", text, re.M)
                and not re.search(r"^(broadcast|print):", text, re.M)):
            return path
    raise PreviewError("không có tin bài điện tử đã duyệt nào để sao chép")


def add_item(template: Path, number: int) -> tuple[Path, str]:
    """A copy of `template` with its own title and address, beside it: (its file, its title)."""
    title = f"Xem trước {number} – {time.time_ns()}"
    text = re.sub(r"^title: .*$", f"title: {title}", template.read_text(encoding="utf-8"), count=1, flags=re.M)
    text = re.sub(r"^url: (.*)$", lambda m: f"url: {m[1].strip(chr(34))}?xem-truoc={number}", text, count=1, flags=re.M)
    path = template.with_name(template.name[:11] + f"xem-truoc-{number}.yml")
    path.write_text(text, encoding="utf-8")
    return path, title


def measure_preview(command: Callable[[int], list[str]], env: dict[str, str], cwd: Path, data: Path,
                    page: Callable[[Path], str], edits: int, progress: Callable[[str], None]) -> dict:
    """Start the server (`command(port)`), wait for its first build, watch it idle, then add `edits`
    items one after another, each once the last is shown. `page(item file)` is the address, relative to
    the server's root, of the page that lists the newest item (and the added ones)."""
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    template = template_item(data)
    added: list[Path] = []
    with open(os.devnull, "wb") as quiet:
        server = subprocess.Popen(command(port), cwd=cwd, env={**env, "SITE_URL": base},
                                  stdout=quiet, stderr=quiet)
    try:
        start = time.perf_counter()
        first = base + page(template)
        while _page(first) is None:
            if server.poll() is not None:
                raise PreviewError(f"máy chủ xem trước dừng ngay (mã {server.returncode}): {' '.join(command(port))}")
            if time.perf_counter() - start > WAIT:
                raise PreviewError(f"sau {WAIT} s, máy chủ xem trước vẫn chưa trả lời {first}")
            time.sleep(0.2)
        first_build = time.perf_counter() - start
        time.sleep(1)
        before = _cpu_seconds(server.pid)
        time.sleep(IDLE_SECONDS)
        after = _cpu_seconds(server.pid)
        seconds = []
        url = first  # an added item has the date of the newest: it is listed on the same page
        for number in range(1, edits + 1):
            start = time.perf_counter()
            path, title = add_item(template, number)
            added.append(path)
            while title not in (_page(url) or ""):
                if server.poll() is not None:
                    raise PreviewError(f"máy chủ xem trước dừng giữa chừng (mã {server.returncode})")
                if time.perf_counter() - start > WAIT:
                    raise PreviewError(f"sau {WAIT} s, {url} vẫn chưa hiện tin bài vừa thêm ({path.name})")
                time.sleep(POLL)
            seconds.append(time.perf_counter() - start)
            progress(f"  thêm tin bài {number}/{edits}: hiện sau {seconds[-1]:.2f} s")
            time.sleep(1)  # the watcher settles before the next change
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        for path in added:
            path.unlink(missing_ok=True)
    return {"seconds": [round(s, 3) for s in seconds], "median_seconds": round(statistics.median(seconds), 3),
            "first_build_seconds": round(first_build, 3),
            "idle_cpu_percent": None if before is None or after is None else round(100 * (after - before) / IDLE_SECONDS, 1)}
