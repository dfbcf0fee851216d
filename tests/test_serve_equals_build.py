"""What `mkdocs serve` shows after a run of edits is what a clean build of the same data gives.

The preview keeps what it can between rebuilds (records of unchanged files, each item's lines and
download rows, search documents, see antq/load.py, antq/memo.py, antq/search.py): after adding,
changing, deleting and renaming news items and renaming an outlet, every file of a clean build is
served byte for byte (the live-reload script MkDocs adds to served pages aside; build dates are
fixed by SOURCE_DATE_EPOCH), and a page of the data before the edits that a clean build no longer
has is not served.
"""

import os
import re
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

from antq.synthetic import TODAY, synthetic_files, write_files

from browser import build
from conftest import PROJECT
from test_serve import fetch, free_port

ITEMS = 300
# MkDocs adds this script before </body> of every page it serves while watching for changes.
LIVE_RELOAD = re.compile(rb"<script>\s*var livereload = .*?</script>(?=</body>)", re.S)


def served(url: str) -> bytes | None:
    try:
        return urllib.request.urlopen(url, timeout=60).read()
    except urllib.error.HTTPError as error:
        if error.code == 404:
            return None
        raise


def files_of(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def published_online(data: Path) -> list[Path]:
    """News files of published items with an address, oldest first."""
    return sorted(p for p in data.glob("news/*/*.yml")
                  if "\nstatus: published" in (text := p.read_text(encoding="utf-8")) and "\nurl: " in text)


def test_served_site_after_edits_equals_a_clean_build(tmp_path):
    data = tmp_path / "data"
    write_files(data, synthetic_files(ITEMS, seed=5))
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    env = {"SITE_DATA_DIR": str(data), "SITE_URL": base, "SITE_TODAY": TODAY, "SOURCE_DATE_EPOCH": "1767225600"}
    before = tmp_path / "before"
    assert build(before, data, TODAY, **env).returncode == 0
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=PROJECT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        items = [p for p in published_online(data) if p.parent.name != "2020"]
        first, changed, renamed = items[0], items[1], items[2]

        def year_page(path: Path) -> str:
            return base + f"tin-bai/{path.parent.name}/"
        fetch(year_page(first), lambda page: "Tin bài năm" in page)

        # Added: a copy of an item with its own title and address.
        added = first.with_name(first.stem[:11] + "tin-moi-them.yml")
        text = re.sub(r"^title: .*$", "title: Tin mới thêm để xem trước", first.read_text(encoding="utf-8"), flags=re.M)
        added.write_text(re.sub(r"^url: (.*)$", r"url: \1?ban=moi", text, flags=re.M), encoding="utf-8")
        fetch(year_page(added), lambda page: "Tin mới thêm để xem trước" in page)

        # Changed: a new title.
        changed.write_text(re.sub(r"^title: .*$", "title: Tiêu đề đã sửa khi xem trước",
                                  changed.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8")
        fetch(year_page(changed), lambda page: "Tiêu đề đã sửa khi xem trước" in page)

        # Deleted: every item of 2020, so that the year's news page and downloads go.
        for path in data.glob("news/2020/*.yml"):
            path.unlink()
        fetch(base + "tin-bai/", lambda page: 'href="2020/"' not in page)

        # Renamed: the same item in another file (its file shows in the downloads).
        moved = renamed.with_name(renamed.stem[:11] + "ten-moi-cua-tep.yml")
        renamed.rename(moved)
        fetch(base + f"du-lieu/tin-bai-{moved.parent.name}.csv", lambda csv: moved.name in csv)

        # An outlet renamed: every line of its items changes.
        outlets = data / "outlets.yml"
        outlets.write_text(outlets.read_text(encoding="utf-8").replace("name: Báo tỉnh\n", "name: Báo tỉnh (tên mới)\n"),
                           encoding="utf-8")
        fetch(base + "tin-bai/2021/", lambda page: "Báo tỉnh (tên mới)" in page)

        after = tmp_path / "after"
        assert build(after, data, TODAY, **env).returncode == 0
        different = []
        for name in sorted(files_of(after)):
            page = served(base + name)
            if page is not None and name.endswith(".html"):
                page = LIVE_RELOAD.sub(b"", page, count=1)
            if page != (after / name).read_bytes():
                different.append(name)
        assert different == []
        gone = files_of(before) - files_of(after)
        assert {"tin-bai/2020/index.html", "du-lieu/tin-bai-2020.csv"} <= gone
        assert [name for name in sorted(gone) if served(base + name) is not None] == []
    finally:
        server.terminate()
        server.wait(timeout=30)
