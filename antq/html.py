"""Small, safe building blocks for generated pages: every data value is escaped
unless it is already `Html` built by these functions."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable


class Html(str):
    """Markup that is already safe to emit as is."""


# These run hundreds of thousands of times for a big site: written for speed, same output as the plain
# `Html(html.escape(str(value)))`.
_escape = html.escape


def esc(value: object) -> Html:
    if isinstance(value, Html):
        return value
    return Html(_escape(value if type(value) is str else str(value)))


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")


def md(value: object) -> str:
    """A data value placed in Markdown text (a heading, a title): shown as text."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(str(value), quote=False))


_ATTRIBUTE_NAMES: dict[str, str] = {}


def _attribute_name(key: str) -> str:
    name = _ATTRIBUTE_NAMES.get(key)
    if name is None:
        name = _ATTRIBUTE_NAMES[key] = "class" if key == "cls" else key.replace("_", "-")
    return name


def tag(name: str, content: object = "", **attrs: object) -> Html:
    """`<name attrs>content</name>`; attribute names use `_` for `-`, `cls` for class."""
    rendered = "".join([f' {_attribute_name(key)}="{esc(value)}"' for key, value in attrs.items()
                        if value is not None and value is not False]) if attrs else ""
    if not isinstance(content, Html):
        content = _escape(content if type(content) is str else str(content))
    return Html(f"<{name}{rendered}>{content}</{name}>")


def join(parts: Iterable[object], sep: str = "") -> Html:
    return Html(sep.join([p if isinstance(p, Html) else _escape(p if type(p) is str else str(p)) for p in parts]))


def link(href: str, text: object, **attrs: object) -> Html:
    return tag("a", text, href=href, **attrs)


def table(headers: list[str], rows: Iterable[Iterable[object]], caption: str | None = None,
          numeric: set[int] = frozenset(), cls: str = "data") -> Html:
    """An HTML table; columns in `numeric` are right-aligned. A table of more than three columns
    reads as one card per row on a phone (site.css), each value after its column's name.

    The class keeps the theme's script from wrapping the table in two scrolling boxes on load:
    on a page of eleven tables that took half of the phone's main-thread time (Lighthouse)."""
    cards = len(headers) > 3

    # Cells apart by a space, so that text taken from the page (the search index) keeps words apart.
    def cells(row, cell_tag):
        return join((tag(cell_tag, value, cls="num" if i in numeric else None,
                         scope="col" if cell_tag == "th" else None,
                         data_label=headers[i] if cards and cell_tag == "td" else None)
                     for i, value in enumerate(row)), " ")
    body = join((tag("tr", cells(row, "td")) for row in rows), " ")
    head = tag("thead", tag("tr", cells(headers, "th")))
    return tag("table", join([tag("caption", caption) if caption else "", head, tag("tbody", body)], " "), cls=cls,
               data_cards="true" if cards else None)


# A raw HTML block is marked, so that the site generator can keep it out of the Markdown converter
# (which would parse hundreds of kilobytes of HTML only to emit them unchanged) and put it back after.
# Neither mark can come from the data (the loader refuses control characters) or from escaped text.
BLOCK_START, BLOCK_END = "\x02", "\x03"
_MARKED = re.compile("\x02([^\x03]*)\x03")
PLACEHOLDER = re.compile("<!--antq-html-([0-9]+)-->")
_ID = re.compile(r' id="([^"]*)"')  # as `tag` writes attributes


def block(content: Html) -> str:
    """Raw HTML as its own Markdown block (blank lines around, none inside), marked: see `take_blocks`."""
    return "\n\n" + BLOCK_START + re.sub(r"\n\s*\n", "\n", content) + BLOCK_END + "\n\n"


def take_blocks(markdown: str) -> tuple[str, list[str]]:
    """The Markdown with each marked HTML block replaced by a placeholder (an HTML comment, which
    Markdown passes through as a block of its own), and the blocks in order."""
    blocks: list[str] = []

    def hold(match: re.Match) -> str:
        blocks.append(match[1])
        return f"<!--antq-html-{len(blocks) - 1}-->"
    return _MARKED.sub(hold, markdown), blocks


def put_blocks(converted: str, blocks: list[str]) -> str:
    """The HTML converted from `take_blocks`' Markdown, with the blocks back in place."""
    return PLACEHOLDER.sub(lambda match: blocks[int(match[1])], converted) if blocks else converted


def block_ids(blocks: list[str]) -> set[str]:
    """The `id`s in the blocks: anchors that links from other pages may point to."""
    return {html.unescape(i) for b in blocks if ' id="' in b for i in _ID.findall(b)}


def front_matter(**meta: object) -> str:
    """Page metadata (YAML front matter); JSON values are YAML too.

    The theme writes `description` into the page head as it is: give fixed text, not data values."""
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"
