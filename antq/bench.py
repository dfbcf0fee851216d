"""The build benchmark: a synthetic data set built by this site, by plain MkDocs and by Material's
blog plugin, interleaved, each build in a fresh process; figures as ratios to plain MkDocs.
`scripts/bench.py` is its command; its help says what is measured."""

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
from pathlib import Path

import yaml

from .dataset import Dataset
from .dates import show
from .html import md
from .load import load_dataset
from .model import NewsItem
from .problems import DataError, UserError
from .synthetic import TODAY, synthetic_files, write_files

PROJECT = Path(__file__).resolve().parent.parent
LABELS = {"site": "Trang này (hook)", "baseline": "MkDocs thuần", "blog": "Plugin blog Material"}
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


def run_build(label: str, config: Path, site_dir: Path, env: dict, log: Path) -> dict:
    """One `mkdocs build --strict` in a fresh process: wall time, CPU time, peak RSS of that process."""
    shutil.rmtree(site_dir, ignore_errors=True)
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config), "--site-dir", str(site_dir)]
    with log.open("wb") as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=config.parent, env=env, stdout=out, stderr=subprocess.STDOUT)
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


def bench(items: int, repeat: int, blog: bool, seed: int, progress) -> dict:
    with tempfile.TemporaryDirectory(prefix="antq-bench-") as temp:
        work = Path(temp)
        progress(f"Tạo bộ dữ liệu tổng hợp {items} tin bài...")
        write_files(work / "data", synthetic_files(items, seed))
        try:
            data = load_dataset(work / "data")
        except DataError as error:
            raise BenchError(f"bộ dữ liệu tổng hợp không hợp lệ: {error.problems[0]}") from None
        configs = {"site": PROJECT / "mkdocs.yml", "baseline": make_baseline(work / "baseline", data)}
        if blog:
            configs["blog"] = make_blog(work / "blog", data)
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_DATA_DIR": str(work / "data"), "SITE_TODAY": TODAY}
        runs: dict[str, list[dict]] = {label: [] for label in configs}
        for round_ in range(1, repeat + 1):
            for label, config in configs.items():  # interleaved, so that a change in load hits every build alike
                run = run_build(label, config, work / f"site-{label}", env, work / f"{label}.log")
                runs[label].append(run)
                progress(f"Lần {round_}/{repeat}: {LABELS[label]} {run['seconds']:.1f} s")
        builds = {label: summarise(runs[label], work / f"site-{label}") for label in configs}
    base = builds["baseline"]
    for result in builds.values():
        result["time_ratio"] = round(result["median_seconds"] / base["median_seconds"], 3)
        result["memory_ratio"] = round(result["peak_memory_bytes"] / base["peak_memory_bytes"], 3)
    return {"items": items, "repeat": repeat, "seed": seed, "today": TODAY, "machine": machine(),
            "memory_method": MEMORY_METHOD, "builds": builds}


def as_table(result: dict) -> str:
    m = result["machine"]
    headers = ["Bản dựng", "Thời gian (s)", "× thuần", "CPU (s)", "Bộ nhớ đỉnh (MB)", "× thuần",
               "Trang dựng (MB)", "Tìm kiếm (MB)", "Tệp HTML"]
    rows = [[LABELS[label], f"{b['median_seconds']:.2f}", f"{b['time_ratio']:.2f}", f"{b['median_cpu_seconds']:.2f}",
             f"{b['peak_memory_bytes'] / 2**20:.0f}", f"{b['memory_ratio']:.2f}", f"{b['site_bytes'] / 2**20:.1f}",
             f"{b['search_bytes'] / 2**20:.2f}", str(b["html_pages"])] for label, b in result["builds"].items()]
    widths = [max(len(r[i]) for r in [headers, *rows]) for i in range(len(headers))]

    def line(cells: list[str]) -> str:
        return "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths)))
    return "\n".join([f"{result['items']} tin bài, trung vị của {result['repeat']} lần chạy xen kẽ; "
                      f"máy: {m['cores']} nhân, {m['cpu']}, Python {m['python']}",
                      line(headers), line(["-" * w for w in widths]), *map(line, rows)])
