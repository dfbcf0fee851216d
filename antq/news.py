"""News item files: the conventional path and the YAML text as staff would write it."""

from __future__ import annotations

from datetime import date

from .model import NewsItem
from .schemas import modeline
from .source import dump
from .text import slugify

FIELD_ORDER = ["title", "date", "outlet", "url", "broadcast", "print", "kind", "status", "entered_by", "approved_by",
               "approved_on", "summary", "topics", "communes", "guid"]


def news_path(day: date, title: str) -> str:
    """news/YYYY/YYYY-MM-DD-slug.yml, relative to the data folder."""
    return f"news/{day.year}/{day.isoformat()}-{slugify(title) or 'tin-bai'}.yml"


def news_text(fields: dict) -> str:
    """A news file as staff would write it: the schema line, then fields in the usual order."""
    ordered = {k: fields[k] for k in FIELD_ORDER if fields.get(k) not in (None, "", [], {})}
    return modeline(NewsItem, depth=2) + dump(ordered)
