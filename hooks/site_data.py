"""MkDocs hook: validate the data folder and add the generated pages in memory.

Thin on purpose: the domain package does the work; this only adapts it to MkDocs.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from antq.dates import today
from antq.load import DataError, Dataset, load_dataset
from antq.pages import site_pages
from antq.paths import data_dir

_state: dict[str, Dataset] = {}


def on_config(config):
    # Loaded here, inside the event, so that `mkdocs serve` reloads data on every rebuild,
    # and before anything is written, so bad data publishes nothing.
    try:
        data = load_dataset(data_dir())
    except DataError as error:
        raise PluginError(f"{error}\n{error.summary}; chưa xuất bản gì.") from None
    _state["data"] = data
    config.extra["demo"] = data.site.demo
    return config


def on_files(files, config):
    data = _state["data"]
    for page in site_pages(data, today(data.site.timezone), config.site_url):
        files.append(File.generated(config, page.uri, content=page.content))
    return files


def on_serve(server, config, builder):
    server.watch(str(data_dir()))
    return server
