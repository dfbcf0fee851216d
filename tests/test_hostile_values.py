"""A hostile value in any free-text field of any record renders inert in every output.

The valid fixture data set gets, in every free-text field of every record kind (found from the
model's schema: strings with no pattern and no fixed choices), a value that closes the page
title, opens a script, an event handler and a Markdown link. The site is built once; every
output (HTML, feeds, JSON, CSV, the search index) is read as its own format, and every page type
is opened in Chromium, where no dialog may fire.
"""

from __future__ import annotations

import json
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from antq.model import FILE_KINDS, NewsItem
from browser import build_site, search, serve
from conftest import VALID

PAYLOAD = "</title><script>alert(1)</script><img src=x onerror=alert(2)>\"' [x](javascript:alert(3)) *{n}*"


def free_text_fields(schema: dict) -> set[str]:
    """Properties of a record's JSON Schema that take any text."""
    def free(prop: dict) -> bool:
        options = prop.get("anyOf", [prop])
        return any(o.get("type") == "string" and not ({"pattern", "enum", "const", "format"} & o.keys())
                   and "ngày" not in prop.get("description", "").lower() for o in options)
    return {name for name, prop in schema.get("properties", {}).items() if free(prop)}


def spoil(value: object, schema: dict, defs: dict, counter: list[int]) -> object:
    """`value` (a file's YAML data) with every free-text field of every record replaced."""
    if "$ref" in schema:
        schema = defs[schema["$ref"].rsplit("/", 1)[-1]]
    if isinstance(value, list):
        return [spoil(v, schema.get("items", {}), defs, counter) for v in value]
    if isinstance(value, dict):
        fields = free_text_fields(schema)
        out = {}
        for key, item in value.items():
            prop = schema.get("properties", {}).get(key, {})
            if key in fields:
                counter[0] += 1
                out[key] = PAYLOAD.format(n=counter[0])
            else:
                out[key] = spoil(item, prop, defs, counter)
        return out
    return value


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    data = tmp_path_factory.mktemp("hostile") / "data"
    shutil.copytree(VALID, data)
    counter = [0]
    files = [(data / name, model) for name, model in FILE_KINDS.items()]
    files += [(path, NewsItem) for path in sorted((data / "news").rglob("*.yml"))]
    for path, model in files:
        schema = model.model_json_schema()
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        path.write_text(yaml.safe_dump(spoil(raw, schema, schema.get("$defs", {}), counter), allow_unicode=True),
                        encoding="utf-8")
    assert counter[0] >= 25  # every kind of record got its share
    site = build_site(tmp_path_factory.mktemp("hostile-site"), data, today="2025-06-15")
    yield from serve(site)


class _Elements(HTMLParser):
    """Scripts and event-handler attributes as a browser's parser would find them."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str] = []
        self.handlers: list[tuple[str, str]] = []
        self.links: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.handlers += [(tag, name) for name, _ in attrs if name.startswith("on")]
        self.links += [value or "" for name, value in attrs if name == "href"]
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def test_every_html_page_keeps_hostile_values_as_text(hostile_site):
    pages = sorted(hostile_site.root.rglob("*.html"))
    assert len(pages) >= 15
    shown = 0
    for page in pages:
        text = page.read_text(encoding="utf-8")
        parsed = _Elements()
        parsed.feed(text)
        assert not [s for s in parsed.scripts if "alert(" in s], page
        assert not parsed.handlers, (page, parsed.handlers)
        assert not [h for h in parsed.links if h.lower().startswith("javascript:")], page
        title = text.split("<title>", 1)[1].split("</title>", 1)[0]
        assert "<" not in title, (page, title)
        shown += "&lt;script&gt;alert(1)" in text
    assert shown >= 10


def test_feeds_json_csv_and_search_index_keep_hostile_values_as_data(hostile_site):
    root = hostile_site.root
    for name in ("rss.xml", "atom.xml"):
        feed = (root / "tin-bai" / name).read_text(encoding="utf-8")
        assert "<script>" not in feed and "&lt;script&gt;alert(1)" in feed
    feed = json.loads((root / "tin-bai/feed.json").read_text(encoding="utf-8"))
    assert any("<script>alert(1)</script>" in item["title"] for item in feed["items"])
    assert all("<script" not in item.get("content_html", "") for item in feed["items"])
    for path in (root / "du-lieu").glob("*.json"):
        json.loads(path.read_text(encoding="utf-8"))  # well-formed whatever the values
    for path in (root / "du-lieu").glob("*.csv"):
        assert all(not cell.startswith(("=", "+", "-", "@")) for line in path.read_text("utf-8-sig").splitlines()
                   for cell in line.split(","))
    for path in (root / "search").rglob("*.json"):
        json.loads(path.read_text(encoding="utf-8"))  # text for the search worker, which escapes it


def page_types(root: Path) -> list[str]:
    """One page of each kind: every generated page's folder, and the hand-written ones."""
    chosen: dict[str, str] = {}
    for page in sorted(root.rglob("index.html")):
        rel = page.parent.relative_to(root).as_posix()
        kind = rel.split("/")[0] if rel != "." else "."
        chosen.setdefault(kind + ("/*" if "/" in rel else ""), "" if rel == "." else rel + "/")
    return list(chosen.values())


def test_no_dialog_fires_on_any_page_type(hostile_site, browser):
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(f"{page.url}: {dialog.message}"), dialog.dismiss()))
    visited = page_types(hostile_site.root)
    assert len(visited) >= 10
    for path in visited:
        page.goto(hostile_site / path)
        page.wait_for_load_state("load")
    search(page, "alert script onerror")  # the search results show the values too
    shown = page.locator(".md-search-result").inner_text()
    context.close()
    assert dialogs == []
    assert "<script>alert(1)</script>" in shown
