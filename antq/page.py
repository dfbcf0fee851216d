"""A generated page or download: its address in the site and its content."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    uri: str
    content: str | bytes
    source: str | None = None  # data file or folder the page comes from, for "Sửa trang này"
