"""Reviewing pending news items: list them, and mark the chosen ones published or rejected.

Only the `status:` line of a file changes; every other line (comments, quoting, field order)
stays as the person or the import wrote it.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .load import Dataset, load_dataset
from .model import NewsItem

STATUS_LINE = re.compile(r"^(status:[ \t]*)([\"']?)pending\2([ \t]*(?:#[^\r\n]*)?\r?)$", re.MULTILINE)
DECISIONS = ("published", "rejected")


class ReviewError(Exception):
    """A choice that cannot be carried out; the message says which and why, in Vietnamese."""


@dataclass(frozen=True)
class Pending:
    number: int  # as listed, from 1
    rel: str  # path relative to the data folder
    item: NewsItem


def pending_items(data: Dataset) -> list[Pending]:
    """Pending items, oldest first, numbered as `review.py` lists them."""
    items = sorted(((n, data.news_file[id(n)]) for n in data.news if n.status == "pending"),
                   key=lambda pair: (pair[0].date, pair[1]))
    return [Pending(i, rel, item) for i, (item, rel) in enumerate(items, start=1)]


def find_pending(pending: list[Pending], root: Path, choice: str) -> Pending:
    """A listed number, or a file given as a path (from here, from the data folder) or a bare name."""
    if choice.isdigit():
        number = int(choice)
        if not 1 <= number <= len(pending):
            raise ReviewError(f"không có tin chờ duyệt số {number}; danh sách có {len(pending)} tin")
        return pending[number - 1]
    wanted = {Path(choice).resolve(), (root / choice).resolve(), (root.parent / choice).resolve()}
    for entry in pending:
        path = (root / entry.rel).resolve()
        if path in wanted or entry.rel.rsplit("/", 1)[-1] == choice:
            return entry
    raise ReviewError(f"{choice!r} không phải một tin đang chờ duyệt (xem danh sách: python scripts/review.py)")


def with_status(text: str, status: str) -> str:
    """The file's text with its `status: pending` line set to `status`, nothing else changed."""
    changed, count = STATUS_LINE.subn(lambda m: f"{m[1]}{status}{m[3]}", text, count=1)
    if count != 1:
        raise ReviewError("không thấy dòng 'status: pending' để sửa; hãy sửa tay trường status trong tệp")
    return changed


def decide(root: Path, decisions: dict[str, str]) -> list[str]:
    """Set each file's status (rel path -> published/rejected), after validating all of them together."""
    texts = {}
    for rel, status in decisions.items():
        if status not in DECISIONS:
            raise ReviewError(f"trạng thái {status!r} không hợp lệ; cần published hoặc rejected")
        try:
            # Bytes decoded as they are: line endings (CRLF from a web editor) are kept too.
            texts[rel] = with_status((root / rel).read_bytes().decode("utf-8"), status)
        except ReviewError as error:
            raise ReviewError(f"data/{rel}: {error}") from None
    load_dataset(root, added=texts)  # raises DataError before anything is written
    for rel, text in texts.items():
        _replace(root / rel, text)
    return list(texts)


def _replace(path: Path, text: str) -> None:
    """Write a file atomically: a reader sees the old text or the new, never half."""
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".yml")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.replace(temp, path)
    except BaseException:
        os.unlink(temp)
        raise
