"""A generated page or download: its address in the site and its content."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    uri: str
    # A download of every year of a big site is tens of megabytes: it comes in parts (bytes), made one
    # after another as they are written (`site_pages` puts them together).
    content: str | bytes | Iterable[bytes]
    source: str | None = None  # data file or folder the page comes from, for "Sửa trang này"
