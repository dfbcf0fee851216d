"""What one news item looks like in a page or a download, made once while the data around it is the same
(while `mkdocs serve` builds again and again, and within one build of a data set of moderate size).

An item shows in several places (its year's page, its quota year, the printed reports, four download
files), and `mkdocs serve` rebuilds after each change from the records of the last load that did not
change (antq/load.py keeps them, and the package stays loaded between rebuilds). A function decorated
with `per_item` is called as `fn(data, item, *more)` and reads from `data` nothing that depends on the
other news items: its result is kept by the item's identity (records are frozen) and `more`, for as
long as every other record of the data set is the same object.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from .dataset import Dataset
from .model import NewsItem

T = TypeVar("T")
# Results kept beyond this many per item of the data set are dropped (items edited away in a long session).
KEEP_PER_ITEM = 4
# Whether the process builds the site again and again (`mkdocs serve`): only then is anything kept from
# one build for the next (here, and by the loader and the search index). A single build keeps what it
# uses twice only up to a size: at 100,000 items, all of it would take more memory than the build.
SERVING = [False]
BUILD_ITEMS = 20_000  # a single build of more news items makes each item's renderings again where needed
BUILD_BYTES = 64 << 20  # and keeps at most this much of put-together lists


def keep_between_builds() -> None:
    SERVING[0] = True


def _same(frame: tuple, other: tuple) -> bool:
    """Whether two data sets' records other than the news are the same objects."""
    for mine, theirs in zip(frame, other, strict=True):
        if mine is theirs or (isinstance(mine, Path) and mine == theirs):
            continue
        if not (isinstance(mine, tuple) and isinstance(theirs, tuple) and len(mine) == len(theirs)
                and all(a is b for a, b in zip(mine, theirs))):
            return False
    return True


def keeping(data: Dataset) -> bool:
    """Whether renderings of `data`'s items are kept (see SERVING)."""
    return SERVING[0] or len(data.news) <= BUILD_ITEMS


def per_item(fn: Callable[..., T]) -> Callable[..., T]:
    kept: dict[tuple, tuple[NewsItem, T]] = {}
    made_with: list[tuple] = []  # the frame of the data set the kept results were made from

    @functools.wraps(fn)
    def cached(data: Dataset, item: NewsItem, *more) -> T:
        if not keeping(data):
            return fn(data, item, *more)
        frame = data.frame
        if not made_with or (made_with[0] is not frame and not _same(frame, made_with[0])):
            kept.clear()
        made_with[:] = [frame]
        key = (id(item), *more)
        hit = kept.get(key)
        if hit is not None and hit[0] is item:  # the item itself is kept: its id is not another's
            return hit[1]
        if len(kept) > KEEP_PER_ITEM * len(data.news) + 1024:
            kept.clear()
        value = kept[key] = (item, fn(data, item, *more))
        return value[1]
    return cached


# -- files made of many items' pieces ------------------------------------------------------------

_joined: dict[str, tuple[list, object]] = {}
_joined_size = [0]


def joined(name: str, parts: list, make: Callable[[list], T], keep: bool = True) -> T:
    """`make(parts)`, or what it gave for `name` the last time when `parts` are the same objects: a
    download or a list of a year that did not change is not put together again on the next rebuild,
    nor for the download of every year. Nothing is kept without `keep` (`keeping(data)`: the parts
    are not kept either, so would not be the same objects)."""
    if not keep:
        return make(parts)
    last = _joined.get(name)
    if last is not None and len(last[0]) == len(parts) and all(a is b for a, b in zip(last[0], parts)):
        return last[1]
    value = make(parts)
    size = len(getattr(value, "text", value))
    kept = len(getattr(last[1], "text", last[1])) if last is not None else 0
    if SERVING[0] or _joined_size[0] - kept + size <= BUILD_BYTES:
        _joined[name] = (parts, value)
        _joined_size[0] += size - kept
    return value
