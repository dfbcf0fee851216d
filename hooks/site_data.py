"""MkDocs hook: validate the data folder and add the generated pages in memory.

Thin on purpose: the domain package does the work; this only adapts it to MkDocs.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
from pathlib import Path

from mkdocs.exceptions import Abort, BuildError, PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from antq.cms import editor_assets, editor_settings, render_cms_config
from antq.dataset import Dataset
from antq.dates import today
from antq.load import load_dataset
from antq.pages import site_pages
from antq.paths import data_dir
from antq.problems import DataError, UserError
from antq.search import search_files

_state: dict[str, Dataset] = {}
log = logging.getLogger("mkdocs")


def on_config(config):
    # Loaded here, inside the event, so that `mkdocs serve` reloads data on every rebuild,
    # and before anything is written, so bad data publishes nothing.
    try:
        data = load_dataset(data_dir())
        _state["today"] = today(data.site.timezone)
    except DataError as error:
        raise PluginError(f"{error}\n{error.summary}; chưa xuất bản gì.") from None
    except UserError as error:
        raise PluginError(f"Lỗi: {error}; chưa xuất bản gì.") from None
    _state["data"] = data
    config.extra["demo"] = data.site.demo
    return config


def on_files(files, config):
    data = _state["data"]
    for page in site_pages(data, _state["today"], config.site_url):
        files.append(File.generated(config, page.uri, content=page.content))
    # The staff editor: its configuration from the model, its code from npm (package-lock.json).
    try:
        assets = editor_assets()
    except FileNotFoundError as error:
        raise PluginError(str(error)) from None
    settings = editor_settings(config.extra.get("editor", {}), config.site_url)
    files.append(File.generated(config, "quan-tri/config.yml", content=render_cms_config(settings)))
    for uri, path in assets.items():
        files.append(File.generated(config, uri, abs_src_path=str(path)))
    return files


def on_serve(server, config, builder):
    server.watch(str(data_dir()))
    return server


@event_priority(-100)  # after the search plugin has written its index
def on_post_build(config):
    # Search in small pieces, found without diacritics (see antq/search.py).
    folder = Path(config.site_dir) / "search"
    index = folder / "search_index.json"
    if not index.is_file():
        return
    files = search_files(json.loads(index.read_text(encoding="utf-8")))
    shutil.rmtree(folder)  # nothing left from an earlier build
    for name, content in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(content)


def on_build_error(error):
    # MkDocs would end a failed build with "Aborted with a BuildError!" or "Aborted with 2
    # warnings in strict mode!": the same end, in Vietnamese. (Abort is what `mkdocs serve` expects.)
    if isinstance(error, BuildError):
        log.error(str(error))
        raise Abort("Đã dừng: trang chưa được dựng, chưa xuất bản gì.") from None
    strict = re.fullmatch(r"Aborted with (.*) in strict mode!", str(error))
    if isinstance(error, Abort) and strict:
        counts = strict.group(1).replace("warnings", "cảnh báo").replace("warning", "cảnh báo")
        counts = counts.replace("errors", "lỗi").replace("error", "lỗi")
        raise Abort(f"Đã dừng: {counts} (chế độ nghiêm ngặt coi mọi cảnh báo là lỗi), chưa xuất bản gì.") from None
