"""MkDocs hook: validate the data folder and add the generated pages in memory.

Thin on purpose: the domain package does the work; this only adapts it to MkDocs.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from watchdog.events import FileClosedEvent, FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent
from watchdog.observers import Observer

from antq.dataset import Dataset
from antq.dates import today
from antq.html import block_ids, put_blocks, take_blocks
from antq.load import load_dataset
from antq.pages import site_pages
from antq.paths import data_dir
from antq.problems import DataError, UserError
from antq.search import merge_entries, page_entries, search_files

_state: dict[str, Dataset] = {}
CHANGES = [FileCreatedEvent, FileModifiedEvent, FileDeletedEvent, FileMovedEvent, FileClosedEvent]


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
    for page in site_pages(data, _state["today"], config.site_url):
        content = page.content
        if isinstance(content, str) and page.uri.endswith(".md"):
            content, _state["blocks"][page.uri] = take_blocks(content)
        files.append(File.generated(config, page.uri, content=content))
    return files


def on_page_content(html, page, config, files):
    # The generated pages' HTML blocks skipped Markdown (see antq/html.py): back in place, with their
    # anchors; their search entries are made here, and the theme's search plugin skips them.
    blocks = _state["blocks"].get(page.file.src_uri)
    if blocks is None:
        return html
    search = page.meta.get("search") or {}
    entries = None if search.get("exclude") else page_entries(page.url, str(page.meta.get("title", page.title)),
                                                              html, blocks, search.get("boost"))
    if entries is not None:
        _state["entries"][page.url] = entries
        _state["meta"][page.url] = page.meta  # back after the search plugin: the theme shows some of it
        page.meta = {**page.meta, "search": {**search, "exclude": True}}
    page.present_anchor_ids = (page.present_anchor_ids or set()) | block_ids(blocks)
    return put_blocks(html, blocks)


def on_env(env, config, files):
    # Templates compiled once, not on every build and `mkdocs serve` rebuild: Jinja's own cache, in a
    # folder of the user's that nobody else may write (its default), keyed by each template's source.
    try:
        env.bytecode_cache = FileSystemBytecodeCache()
    except (OSError, RuntimeError):  # no such folder can be made safely: compile as usual
        pass
    return env


@event_priority(-50)  # after the search plugin
def on_page_context(context, page, config, nav):
    _state["order"].append(page.url)  # the order of the search plugin's entries
    page.meta = _state["meta"].pop(page.url, page.meta)
    return context


def on_serve(server, config, builder):
    server.watch(str(data_dir()))
    _watch_events(server)
    return server


def _watch_events(server) -> None:
    # MkDocs polls every watched file twice a second (with 10,000 data files, a good part of a core
    # while nothing changes); the system's file events cost nothing while idle, and come at once.
    # Where they are not available (or MkDocs keeps its watches otherwise), polling stays.
    watched = getattr(server, "_watched_paths", None)
    if isinstance(watched, dict) and not isinstance(server.observer, Observer):
        counts, polling = dict(watched), server.observer
        _move_watches(server, counts, _Changes()) or _move_watches(server, counts, polling)


class _Changes(Observer):
    """Events of changes only: the system also tells of files opened and read, and every build reads them."""

    def schedule(self, event_handler, path, *, recursive=False, event_filter=None, follow_symlink=False):
        return super().schedule(event_handler, path, recursive=recursive, follow_symlink=follow_symlink,
                                event_filter=event_filter or CHANGES)


def _move_watches(server, counts: dict[str, int], observer) -> bool:
    for path in list(server._watched_paths):
        while path in server._watched_paths:
            server.unwatch(path)
    server.observer = observer
    try:
        for path, count in counts.items():
            for _ in range(count):
                server.watch(path)
    except OSError:  # no inotify instance left, for one
        return False
    return True


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
