"""The build benchmark: a synthetic data set built by this site, by plain MkDocs, by Material's blog
plugin and by Hugo (when installed), interleaved, each build in a fresh process; then the preview:
an item added while `mkdocs serve` (and `hugo server`) runs, until the server shows it. Figures as
ratios to plain MkDocs and to Hugo, measured in the same run. `scripts/bench.py` is its command; its
help says what is measured."""

from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import yaml

from . import render
from .dataset import Dataset
from .dates import show
from .html import md
from .hugo import hugo_files
from .load import load_dataset
from .model import NewsItem
from .preview import measure_preview
from .problems import DataError, UserError
from .synthetic import TODAY, synthetic_files, write_files

PROJECT = Path(__file__).resolve().parent.parent
LABELS = {"site": "Trang này (hook)", "baseline": "MkDocs thuần", "blog": "Plugin blog Material", "hugo": "Hugo"}
MEMORY_METHOD = "ru_maxrss (RSS đỉnh) của chính tiến trình dựng, lấy bằng os.wait4 (Linux); lớn nhất qua các lần chạy"


class BenchError(UserError):
    """The benchmark cannot run; the message says why."""


def machine() -> dict:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cores": os.cpu_count(), "cpu": cpu, "python": platform.python_version(),
            "system": platform.platform()}


def markdown_extensions() -> str:
    """The `markdown_extensions:` block of the site's mkdocs.yml, copied as written (tags included)."""
    text = (PROJECT / "mkdocs.yml").read_text(encoding="utf-8")
    root = yaml.compose(text, Loader=yaml.SafeLoader)  # composing does not resolve custom tags
    for key, value in root.value:
        if key.value == "markdown_extensions":
            lines = text[key.start_mark.index:value.end_mark.index].rstrip().splitlines()
            while lines[-1].lstrip().startswith("#"):  # comments above the next key
                lines.pop()
            return "\n".join(lines).rstrip() + "\n"
    return ""


def config_text(name: str, plugins: str, nav: str) -> str:
    return (f"site_name: {json.dumps(name, ensure_ascii=False)}\nstrict: true\n"
            "theme:\n  name: material\n  language: vi\n  font: false\n"
            f"plugins:\n  - search:\n      lang: vi\n{plugins}{markdown_extensions()}{nav}")


def item_body(data: Dataset, item: NewsItem) -> str:
    """One news item as a plain Markdown page body, the same facts the site shows and downloads."""
    lines = [f"{show(item.date)} · {md(data.outlet[item.outlet].name)}, {item.kind}", md(item.summary)]
    if item.url:
        lines.append(f"[Xem bài gốc]({item.url})")
    lines.append(f"Chủ đề: {md(', '.join(item.topics))} · Xã, thị trấn: "
                 + md(", ".join(data.commune[c].name for c in item.communes)))
    return "\n\n".join(lines) + "\n"


def make_baseline(folder: Path, data: Dataset) -> Path:
    docs = folder / "docs"
    for item, rel in ((n, data.file_of(n)) for n in data.news):
        path = docs / "tin-bai" / Path(rel).relative_to("news").with_suffix(".md")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"# {md(item.title)}\n\n" + item_body(data, item), encoding="utf-8")
    (docs / "index.md").write_text(f"# MkDocs thuần\n\n{len(data.news)} trang tin bài.\n", encoding="utf-8")
    config = folder / "mkdocs.yml"
    config.write_text(config_text("MkDocs thuần (đối chứng)", "", "nav:\n  - index.md\nnot_in_nav: |\n  /tin-bai/\n"),
                      encoding="utf-8")
    return config


def make_blog(folder: Path, data: Dataset) -> Path:
    posts = folder / "docs" / "blog" / "posts"
    posts.mkdir(parents=True)
    for item, rel in ((n, data.file_of(n)) for n in data.news):
        slug = Path(rel).stem[len("YYYY-MM-DD-"):]
        meta = yaml.safe_dump({"date": item.date, "slug": slug, "categories": [data.outlet[item.outlet].name]},
                              allow_unicode=True, sort_keys=False)
        (posts / f"{Path(rel).stem}.md").write_text(
            f"---\n{meta}---\n\n# {md(item.title)}\n\n{md(item.summary)}\n\n<!-- more -->\n\n" + item_body(data, item),
            encoding="utf-8")
    (folder / "docs" / "index.md").write_text("# Plugin blog\n\n[Tin bài](blog/index.md)\n", encoding="utf-8")
    (folder / "docs" / "blog" / "index.md").write_text("# Tin bài\n", encoding="utf-8")
    config = folder / "mkdocs.yml"
    config.write_text(config_text("Plugin blog (so sánh)", "  - blog\n",
                                  "nav:\n  - index.md\n  - Tin bài:\n      - blog/index.md\n"), encoding="utf-8")
    return config


def mkdocs_build(config: Path, site_dir: Path) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config), "--site-dir", str(site_dir)]


def hugo_build(source: Path, site_dir: Path) -> list[str]:
    return ["hugo", "--quiet", "--source", str(source), "--destination", str(site_dir)]


def run_build(label: str, command: list[str], cwd: Path, site_dir: Path, env: dict, log: Path) -> dict:
    """One build in a fresh process: wall time, CPU time, peak RSS of that process."""
    shutil.rmtree(site_dir, ignore_errors=True)
    with log.open("wb") as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)  # this child's own resource usage, not all children's
        seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-5:]
        raise BenchError(f"bản dựng {LABELS[label]} thất bại (mã {process.returncode}): " + " | ".join(tail))
    return {"seconds": seconds, "cpu_seconds": usage.ru_utime + usage.ru_stime, "peak_rss_bytes": usage.ru_maxrss * 1024}


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def summarise(runs: list[dict], site_dir: Path) -> dict:
    search = site_dir / "search"
    return {"seconds": [round(r["seconds"], 3) for r in runs],
            "median_seconds": round(statistics.median(r["seconds"] for r in runs), 3),
            "median_cpu_seconds": round(statistics.median(r["cpu_seconds"] for r in runs), 3),
            "peak_memory_bytes": max(r["peak_rss_bytes"] for r in runs),
            "site_bytes": folder_bytes(site_dir), "search_bytes": folder_bytes(search) if search.is_dir() else 0,
            "html_pages": sum(1 for _ in site_dir.rglob("*.html"))}


def site_page(data: Path, item: Path) -> str:
    """Where this site lists a news item: its year's page, or its month's when the year is long (an
    added item is the first of its month, see antq/preview.py)."""
    year, month = int(item.parent.name), int(item.name[5:7])
    published = sum(1 for p in (data / "news" / str(year)).glob("*.yml")
                    if "\nstatus: published" in p.read_text(encoding="utf-8"))
    return f"tin-bai/{year}/{month:02d}/" if published > render.PAGE_ITEMS else f"tin-bai/{year}/"


def bench(items: int, repeat: int, blog: bool, seed: int, progress, *, baseline: bool = True, hugo: bool = True,
          preview: int = 0, communes: int | None = None, years: int | None = None) -> dict:
    """Measure; `hugo` when the `hugo` command is installed; `preview` items added, per server and round."""
    hugo = hugo and shutil.which("hugo") is not None
    with tempfile.TemporaryDirectory(prefix="antq-bench-") as temp:
        work = Path(temp)
        progress(f"Tạo bộ dữ liệu tổng hợp {items} tin bài...")
        folder = work / "data"
        write_files(folder, synthetic_files(items, seed, communes, years))
        try:
            data = load_dataset(folder, today=date.fromisoformat(TODAY))
        except DataError as error:
            raise BenchError(f"bộ dữ liệu tổng hợp không hợp lệ: {error.problems[0]}") from None
        commands = {"site": (mkdocs_build(PROJECT / "mkdocs.yml", work / "site-site"), PROJECT)}
        if baseline:
            config = make_baseline(work / "baseline", data)
            commands["baseline"] = (mkdocs_build(config, work / "site-baseline"), config.parent)
        if blog:
            config = make_blog(work / "blog", data)
            commands["blog"] = (mkdocs_build(config, work / "site-blog"), config.parent)
        if hugo:
            write_files(work / "hugo", hugo_files(folder, sorted({n.date.year for n in data.published})))
            commands["hugo"] = (hugo_build(work / "hugo", work / "site-hugo"), work / "hugo")
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_DATA_DIR": str(folder), "SITE_TODAY": TODAY}
        runs: dict[str, list[dict]] = {label: [] for label in commands}
        for round_ in range(1, repeat + 1):
            for label, (command, cwd) in commands.items():  # interleaved: a change in load hits every build alike
                run = run_build(label, command, cwd, work / f"site-{label}", env, work / f"{label}.log")
                runs[label].append(run)
                progress(f"Lần {round_}/{repeat}: {LABELS[label]} {run['seconds']:.1f} s")
        builds = {label: summarise(runs[label], work / f"site-{label}") for label in commands}
        previews = measure_previews(folder, work, env, repeat, preview, hugo, progress) if preview else {}
    for result in builds.values():
        base = builds.get("baseline")
        result["time_ratio"] = round(result["median_seconds"] / base["median_seconds"], 3) if base else None
        result["memory_ratio"] = round(result["peak_memory_bytes"] / base["peak_memory_bytes"], 3) if base else None
    report = {"items": items, "communes": len(data.communes), "years": len({n.date.year for n in data.news}),
              "repeat": repeat, "seed": seed, "today": TODAY, "machine": machine(), "memory_method": MEMORY_METHOD,
              "builds": builds}
    if previews:
        report["preview"] = previews
    if hugo:
        report["hugo_ratio"] = {"build": round(builds["site"]["median_seconds"] / builds["hugo"]["median_seconds"], 3)}
        if previews:
            report["hugo_ratio"]["preview"] = round(previews["site"]["median_seconds"]
                                                    / previews["hugo"]["median_seconds"], 3)
    return report


def measure_previews(folder: Path, work: Path, env: dict, repeat: int, edits: int, hugo: bool, progress) -> dict:
    """`edits` items added to each server in turn, `repeat` rounds: `mkdocs serve`, then `hugo server`."""
    servers = {"site": (lambda port: [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                        PROJECT, lambda item: site_page(folder, item))}
    if hugo:
        servers["hugo"] = (lambda port: ["hugo", "server", "--source", str(work / "hugo"), "--bind", "127.0.0.1",
                                         "--port", str(port), "--baseURL", f"http://127.0.0.1:{port}/"],
                           work / "hugo", lambda item: f"tin-bai/{item.parent.name}/")
    measured: dict[str, list[dict]] = {label: [] for label in servers}
    for round_ in range(1, repeat + 1):
        for label, (command, cwd, page) in servers.items():
            progress(f"Lần {round_}/{repeat}: xem trước với {LABELS[label]}")
            measured[label].append(measure_preview(command, env, cwd, folder, page, edits, progress))
    return {label: {"seconds": [s for run in runs for s in run["seconds"]],
                    "median_seconds": round(statistics.median(s for run in runs for s in run["seconds"]), 3),
                    "first_build_seconds": max(run["first_build_seconds"] for run in runs),
                    "idle_cpu_percent": max((run["idle_cpu_percent"] for run in runs
                                             if run["idle_cpu_percent"] is not None), default=None)}
            for label, runs in measured.items()}


def _ratio(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def as_table(result: dict) -> str:
    m = result["machine"]
    headers = ["Bản dựng", "Thời gian (s)", "× thuần", "CPU (s)", "Bộ nhớ đỉnh (MB)", "× thuần",
               "Trang dựng (MB)", "Tìm kiếm (MB)", "Tệp HTML"]
    rows = [[LABELS[label], f"{b['median_seconds']:.2f}", _ratio(b["time_ratio"]), f"{b['median_cpu_seconds']:.2f}",
             f"{b['peak_memory_bytes'] / 2**20:.0f}", _ratio(b["memory_ratio"]), f"{b['site_bytes'] / 2**20:.1f}",
             f"{b['search_bytes'] / 2**20:.2f}", str(b["html_pages"])] for label, b in result["builds"].items()]
    widths = [max(len(r[i]) for r in [headers, *rows]) for i in range(len(headers))]

    def line(cells: list[str]) -> str:
        return "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths)))
    lines = [f"{result['items']} tin bài ({result['communes']} xã, {result['years']} năm), trung vị của "
             f"{result['repeat']} lần chạy xen kẽ; máy: {m['cores']} nhân, {m['cpu']}, Python {m['python']}",
             line(headers), line(["-" * w for w in widths]), *map(line, rows)]
    for label, p in result.get("preview", {}).items():
        idle = "" if p["idle_cpu_percent"] is None else f"; lúc không có gì thay đổi: {p['idle_cpu_percent']:.1f}% một nhân"
        lines.append(f"Xem trước với {LABELS[label]}: thêm một tin bài -> trang hiện tin đó sau {p['median_seconds']:.2f} s "
                     f"(trung vị của {len(p['seconds'])} lần, {min(p['seconds']):.2f}–{max(p['seconds']):.2f} s){idle}")
    if "hugo_ratio" in result:
        lines.append("Trang này so với Hugo: dựng " + _ratio(result["hugo_ratio"]["build"]) + " lần"
                     + (", xem trước " + _ratio(result["hugo_ratio"]["preview"]) + " lần"
                        if "preview" in result["hugo_ratio"] else ""))
    return "\n".join(lines)
