"""MkDocs hook: validate the data folder and add the generated pages (and write the downloads).

Thin on purpose: the domain package does the work; this only adapts it to MkDocs. How `mkdocs serve`
watches and keeps work between rebuilds is in hooks/serve.py.
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
from antq.html import block_ids, put_blocks, take_blocks
from antq.load import load_dataset
from antq.pages import site_files
from antq.paths import data_dir
from antq.problems import DataError, UserError
from antq.search import merge_entries, page_entries, search_files

_state: dict[str, Dataset] = {}
# What the theme's search plugin removes from a page it has read (material/plugins/search/plugin.py).
SEARCH_MARKS = re.compile(r"\s?data-search-\w+=\"[^\"]+\"")
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
    _state.update(blocks={}, entries={}, meta={}, order=[])
    for page in site_files(data, _state["today"], config.site_url):
        if page.uri.endswith(".md"):
            markdown, blocks = take_blocks(page.content)
            # Kept as UTF-8 until the page is written (a third less memory for a big site's pages).
            _state["blocks"][page.uri] = [b.encode("utf-8") for b in blocks]
            files.append(File.generated(config, page.uri, content=markdown))
        else:
            # Written now, into the (cleaned) site folder, rather than kept until MkDocs copies them:
            # a big site's downloads would all be in memory at once.
            path = Path(config.site_dir) / page.uri
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("wb") as out:
                for part in [page.content] if isinstance(page.content, (str, bytes)) else page.content:
                    out.write(part.encode("utf-8") if isinstance(part, str) else part)
            files.append(File.generated(config, page.uri, abs_src_path=str(path)))
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


def on_page_content(html, page, config, files):
    # A generated page's HTML blocks skipped Markdown (antq/html.py); its search entries are made from
    # them here, and the theme's search plugin, which comes later, skips the page (its `search` meta
    # is back before the page is written). Where this cannot make them, the plugin reads the whole page.
    held = _state["blocks"].get(page.file.src_uri)
    if held is None:
        return html
    blocks = [b.decode("utf-8") for b in held]
    page.present_anchor_ids = (page.present_anchor_ids or set()) | block_ids(blocks)
    search = page.meta.get("search") or {}
    if search.get("exclude"):
        return html
    entries = page_entries(page.url, str(page.meta.get("title", page.title)), html, blocks, search.get("boost"))
    if entries is None:
        del _state["blocks"][page.file.src_uri]
        return put_blocks(html, blocks)
    _state["entries"][page.url] = entries
    _state["meta"][page.url] = page.meta
    page.meta = {**page.meta, "search": {**search, "exclude": True}}
    return html


@event_priority(-50)  # after the search plugin
def on_page_context(context, page, config, nav):
    _state["order"].append(page.url)  # the order of the search plugin's entries
    page.meta = _state["meta"].pop(page.url, page.meta)  # the theme shows some of it
    held = _state["blocks"].pop(page.file.src_uri, None)
    if held is not None:
        # The blocks back, without the marks the search plugin removes from what it reads.
        page.content = SEARCH_MARKS.sub("", put_blocks(page.content, [b.decode("utf-8") for b in held]))
    return context


def on_post_page(output, page, config):
    if page.file.generated_by is not None:
        page.content = ""  # written: a big site's pages are not all kept until the end of the build
    return output


@event_priority(-100)  # after the search plugin has written its index
def on_post_build(config):
    # Search in small pieces, found without diacritics (see antq/search.py).
    folder = Path(config.site_dir) / "search"
    index = folder / "search_index.json"
    if not index.is_file():
        return
    index = json.loads(index.read_text(encoding="utf-8"))
    files = search_files({**index, "docs": merge_entries(index["docs"], _state["order"], _state["entries"])})
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
