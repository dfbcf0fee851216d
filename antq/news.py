"""Writing news item files: the conventional path, the YAML text, a safe write."""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from datetime import date
from functools import lru_cache
from pathlib import Path

import yaml

from .model import NewsItem
from .schemas import modeline

FIELD_ORDER = ["title", "date", "outlet", "url", "kind", "status", "summary", "topics", "communes", "guid"]


@lru_cache(maxsize=65536)  # the search index folds the same words many times over
def fold(text: str) -> str:
    """Lowercase, without diacritics; đ becomes d (decomposition alone keeps it)."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def slugify(title: str, limit: int = 60) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", fold(title)).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0]
    return slug or "tin-bai"


def heading_slug(text: str, separator: str = "-") -> str:
    """A heading's anchor, as Python-Markdown's toc `slugify` is called: folded like search, so
    "Đường dây nóng" is #duong-day-nong (the default drops đ: #uong-day-nong)."""
    return re.sub(r"[^a-z0-9]+", separator, fold(text)).strip(separator)


def news_path(day: date, title: str) -> str:
    """news/YYYY/YYYY-MM-DD-slug.yml, relative to the data folder."""
    return f"news/{day.year}/{day.isoformat()}-{slugify(title)}.yml"


def news_text(fields: dict) -> str:
    """A news file as staff would write it: the schema line, then fields in the usual order."""
    ordered = {k: fields[k] for k in FIELD_ORDER if fields.get(k) not in (None, "", [])}
    body = yaml.safe_dump(ordered, allow_unicode=True, sort_keys=False, width=1000, default_flow_style=False)
    return modeline(NewsItem, depth=2) + body


def write_new(path: Path, text: str) -> None:
    """Write a file atomically; never overwrite one (FileExistsError)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".yml")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.link(temp, path)  # fails if the path exists: nothing is overwritten
    finally:
        os.unlink(temp)
