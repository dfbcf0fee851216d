"""Small, safe building blocks for generated pages: every data value is escaped
unless it is already `Html` built by these functions."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable


class Html(str):
    """Markup that is already safe to emit as is."""


def esc(value: object) -> Html:
    return value if isinstance(value, Html) else Html(html.escape(str(value), quote=True))


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")


def md(value: object) -> str:
    """A data value placed in Markdown text (a heading, a title): shown as text."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(str(value), quote=False))


def tag(name: str, content: object = "", **attrs: object) -> Html:
    """`<name attrs>content</name>`; attribute names use `_` for `-`, `cls` for class."""
    rendered = "".join(
        f' {"class" if key == "cls" else key.replace("_", "-")}="{esc(value)}"'
        for key, value in attrs.items() if value is not None and value is not False)
    return Html(f"<{name}{rendered}>{esc(content)}</{name}>")


def join(parts: Iterable[object], sep: str = "") -> Html:
    return Html(sep.join(esc(p) for p in parts))


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


def block(content: Html) -> str:
    """Raw HTML as its own Markdown block (blank lines around, none inside)."""
    return "\n\n" + re.sub(r"\n\s*\n", "\n", content) + "\n\n"


def front_matter(**meta: object) -> str:
    """Page metadata (YAML front matter); JSON values are YAML too.

    The theme writes `description` into the page head as it is: give fixed text, not data values."""
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"
