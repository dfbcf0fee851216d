"""The one loader: a data folder in, a validated `Dataset` out, or every problem at once.

Problems are collected over all files, then raised together as `DataError`, each naming the
file, the line, the field, what was found and what is expected. Each record keeps where it was
read (`Record._where`), so that the checks across records name its own line.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from .checks import InvalidRecord, check_dataset
from .dataset import Dataset
from .dates import today as local_today
from .memo import SERVING
from .messages import describe, field_label, inner_type, shown, yaml_error
from .model import FILE_KINDS, NewsItem, Record, Site
from .problems import DataError, Loc, Problems, Where
from .source import Loader, has_alias, load_simple
from .target_checks import TARGET_KEYS, check_targets

T = TypeVar("T")
NEWS_NAME = re.compile(r"\d{4}-\d{2}-\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*\.yml")
NEWS_FOLDER = re.compile(r"\d{4}")
# Control characters other than tab and line breaks, and the bidirectional controls that can
# reverse the text after them on a page: never meant in a title, a name or a summary.
FORBIDDEN_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")

# What the last load read from each file without a problem, by path and model, with the digest of the
# file's content and its status (inode, size, times); and the data set it made. `mkdocs serve` loads the
# whole folder again after every change: a file of the same content is not parsed and validated again
# (nor read again if its status is the same: any write changes it), and an unchanged folder gives back
# the same data set (the package stays loaded between rebuilds; the hook does not).
_last_read: dict[tuple[str, type], tuple[bytes, object, tuple | None]] = {}
_last_dataset: list[tuple[tuple, Dataset]] = []
_last_paths: dict[tuple[tuple[str, ...], tuple[str, ...]], Path] = {}  # the news files' paths, made once


class _Reading:
    """State of one load: the problems found, where each record was read, the invalid records."""

    def __init__(self, root: Path, added: dict[str, str] | None) -> None:
        self.root = root
        self.inside = root.resolve()
        self.found = Problems({root / rel: text for rel, text in (added or {}).items()})
        self.invalid: list[InvalidRecord] = []
        # Regular files found in real folders of a news folder inside the data folder (inside it too),
        # with their status.
        self.plain: dict[str, tuple] = {}
        self.read: dict[tuple[str, type], tuple[bytes, object, tuple | None]] = {}  # becomes _last_read
        self.all_reused = True

    def text(self, path: Path) -> str | None:
        """A file's text, or None with the reason recorded."""
        if self.found.texts and path in self.found.texts:  # (hashing a path takes time: most loads have none)
            return self.found.texts[path]
        if str(path) not in self.plain and not path.resolve().is_relative_to(self.inside):
            # Not read at all: its content could end up in public pages and logs.
            self.found.add_at(path, 1, "(tệp)", "tệp là liên kết trỏ ra ngoài thư mục dữ liệu; "
                              "cần thay bằng một tệp thật trong thư mục dữ liệu")
            return None
        try:
            return path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            self.found.add_at(path, 1, "(tệp)", "tệp không phải văn bản UTF-8; cần lưu lại với mã hóa UTF-8")
        except OSError as error:
            self.found.add_at(path, 1, "(tệp)", f"không đọc được tệp ({type(error).__name__}); "
                              "cần kiểm tra tệp còn tồn tại và có quyền đọc")
        return None

    def reused(self, path: Path, model: type, read: Callable[[str | None], T]) -> T:
        """`read(text)` of the file at `path`, or what the last load read from the same path and content
        (a file with a problem is read again, so that its problems are reported again)."""
        key = (str(path), model)
        last = _last_read.get(key)
        status = self.plain.get(key[0]) if not (self.found.texts and path in self.found.texts) else None
        if status is not None and last is not None and last[2] == status:
            self.read[key] = last
            return last[1]
        text = self.text(path)
        if not SERVING[0]:  # nothing is kept for a next load
            return read(text)
        digest = None if text is None else hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()
        if digest is not None and last is not None and last[0] == digest:
            self.read[key] = (digest, last[1], status)
            return last[1]
        self.all_reused = False
        problems = self.count()
        result = read(text)
        if digest is not None and self.count() == problems:
            self.read[key] = (digest, result, status)
        return result

    def count(self) -> int:
        return len(self.found.located) + len(self.found.pending) + len(self.invalid)

    def parse(self, path: Path, text: str | None) -> tuple[bool, object]:
        if text is None:
            return False, None
        raw = load_simple(text)
        if raw is not None and not FORBIDDEN_CHARS.search(text) and unicodedata.is_normalized("NFC", text):
            return True, raw  # its values are parts of a clean text, with nothing composed across them: clean
        if raw is None:
            if has_alias(text):
                self.found.add_at(path, has_alias(text), "(cú pháp)",
                                  "không được dùng bí danh YAML (&tên, *tên); cần viết đầy đủ từng giá trị")
                return False, None
            try:
                raw = yaml.load(text, Loader=Loader)
            except yaml.YAMLError as error:
                line, message = yaml_error(error, text)
                self.found.add_at(path, line, "(cú pháp)", message)
                return False, None
        return True, self.clean(raw, path, ())

    def clean(self, value: object, path: Path, loc: Loc) -> object:
        """Text in composed form (NFC), so that what staff see and what is compared agree;
        control and bidirectional characters are refused where they are."""
        if isinstance(value, str):
            bad = FORBIDDEN_CHARS.search(value)
            if bad:
                self.found.add(path, loc, field_label(loc), f"có ký tự điều khiển U+{ord(bad[0]):04X} không nhìn thấy "
                               "(có thể làm đảo hoặc ẩn chữ); cần xóa ký tự này")
            return value if unicodedata.is_normalized("NFC", value) else unicodedata.normalize("NFC", value)
        if isinstance(value, dict):
            return {k: self.clean(v, path, loc + (k,)) for k, v in value.items()}
        if isinstance(value, list):
            return [self.clean(v, path, loc + (i,)) for i, v in enumerate(value)]
        return value

    def validate(self, model: type[BaseModel], raw: object, where: Where):
        """The record, or None; an invalid mapping is kept, without its bad fields, for the checks."""
        try:
            record = model.model_validate(raw)
        except ValidationError as error:
            bad = set()
            for err in error.errors(include_url=False):
                self.found.add(where.path, where.loc + tuple(err["loc"]), field_label(err["loc"]), describe(err, model))
                bad.add(err["loc"][0] if err["loc"] else None)
            if isinstance(raw, dict):
                self.invalid.append(InvalidRecord(where, model, {k: v for k, v in raw.items() if k not in bad}))
            return None
        record._where = where
        return record

    def list_file(self, path: Path, file_model: type[BaseModel]) -> dict[str, list]:
        """Validate each record on its own, so one bad record does not hide the others."""
        return self.reused(path, file_model, lambda text: self._records(path, file_model, text))

    def _records(self, path: Path, file_model: type[BaseModel], text: str | None) -> dict[str, list]:
        records: dict[str, list] = {key: [] for key in file_model.model_fields}
        ok, raw = self.parse(path, text)
        if not ok:
            return records
        if not isinstance(raw, dict):
            self.found.add_at(path, 1, "(tệp)", f"nhận được {shown(raw)}, cần các mục: {', '.join(records)}")
            return records
        for key in raw.keys() - records.keys():
            self.found.add(path, (key,), str(key), describe({"type": "extra_forbidden", "loc": (key,)}, file_model))
        for key, info in file_model.model_fields.items():
            items = raw.get(key)
            if not isinstance(items, list):
                self.found.add(path, (key,), key,
                               f"nhận được {shown(items)}, cần danh sách các mục (mỗi mục bắt đầu bằng \"- \")")
                continue
            item_model = inner_type(info.annotation)
            for i, item in enumerate(items):
                record = self.validate(item_model, item, Where(path, (key, i)))
                if record is not None:
                    records[key].append(record)
        return records

    def whole_file(self, path: Path, model: type[BaseModel]) -> Record | None:
        return self.reused(path, model, lambda text: self._record(path, model, text))

    def _record(self, path: Path, model: type[BaseModel], text: str | None) -> Record | None:
        ok, raw = self.parse(path, text)
        return self.validate(model, {} if raw is None else raw, Where(path)) if ok else None

    def news_paths(self) -> list[Path]:
        news_dir = self.root / "news"
        on_disk: list[tuple[str, ...]] = []  # relative parts of everything but real folders

        def walk(folder: str, rel: tuple[str, ...]) -> None:
            with os.scandir(folder) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):  # a link to a folder is not walked, but refused
                        walk(entry.path, rel + (entry.name,))
                    else:
                        on_disk.append(rel + (entry.name,))
                        if entry.is_file(follow_symlinks=False):
                            status = entry.stat(follow_symlinks=False)
                            self.plain[entry.path] = (status.st_ino, status.st_size, status.st_mtime_ns,
                                                      status.st_ctime_ns)
        if news_dir.is_dir() and news_dir.resolve().is_relative_to(self.inside):
            walk(str(news_dir), ())
        elif news_dir.is_dir():
            on_disk = [p.relative_to(news_dir).parts for p in news_dir.rglob("*")
                       if not (p.is_dir() and not p.is_symlink())]
        added = [p.relative_to(news_dir).parts for p in self.found.texts if p.is_relative_to(news_dir)]
        paths = []
        global _last_paths
        made, _last_paths, folder = _last_paths, {}, news_dir.parts
        keep = _last_paths if SERVING[0] else {}
        for rel in sorted(set(on_disk) | set(added)):  # in the order of Path's, part by part
            path = keep[folder, rel] = made.get((folder, rel)) or news_dir.joinpath(*rel)
            if rel[-1].lower() == "readme.md" or (rel in added and path.is_dir() and not path.is_symlink()):
                continue
            if len(rel) == 2 and rel[1].endswith(".yml") and NEWS_FOLDER.fullmatch(rel[0]) and NEWS_NAME.fullmatch(rel[1]):
                paths.append(path)
            else:
                self.found.add_at(path, 1, "(tệp)", "tệp đặt sai chỗ hoặc sai tên; cần đặt tin bài tại "
                                  "data/news/YYYY/YYYY-MM-DD-ten-ngan.yml (chữ thường không dấu, đuôi .yml)")
        return paths


def _is_record_list(file_model: type[BaseModel]) -> bool:
    """Files of record lists are validated record by record; others (keywords) whole."""
    return all(isinstance(t, type) and issubclass(t, BaseModel)
               for t in (inner_type(f.annotation) for f in file_model.model_fields.values()))


def load_dataset(root: Path | str, added: dict[str, str] | None = None, today: date | None = None) -> Dataset:
    """Load and validate a data folder; raise `DataError` listing every problem.

    `added` maps news file paths (relative to the folder) to their text: the data set is
    checked as if they were written, so that commands validate before they write. `today`
    (default: the site's local date, or $SITE_TODAY) is the last day a published item may have."""
    root = Path(root)
    reading = _Reading(root, added)
    found = reading.found
    site = None
    lists: dict[str, list] = {}
    for name, file_model in FILE_KINDS.items():
        path = root / name
        if not (path.is_file() or path.is_symlink()):
            found.add_at(path, 1, "(tệp)", f"không tìm thấy tệp; cần có {name} trong thư mục dữ liệu")
            lists.update({key: [] for key in file_model.model_fields})
        elif file_model is Site:
            site = reading.whole_file(path, Site)
        elif _is_record_list(file_model):
            lists.update(reading.list_file(path, file_model))
        else:
            whole = reading.whole_file(path, file_model)
            lists.update({key: list(getattr(whole, key)) if whole else [] for key in file_model.model_fields})
    news = [item for item in (reading.whole_file(path, NewsItem) for path in reading.news_paths()) if item]
    if today is None:
        today = local_today(site.timezone if site is not None else "Asia/Ho_Chi_Minh")
    global _last_read
    if not SERVING[0]:  # nothing to keep for a next load
        reading.read, reading.all_reused = {}, False
    _last_read = reading.read
    same = (str(root), tuple(reading.read), today)  # the checks depend on the day too
    if reading.all_reused and not found and _last_dataset and _last_dataset[0][0] == same:
        return _last_dataset[0][1]
    dataset = Dataset(
        root=root, site=site, outlets=tuple(lists["outlets"]), communes=tuple(lists["communes"]),
        hotlines=tuple(lists["hotlines"]), model_types=tuple(lists["types"]), models=tuple(lists["models"]),
        people=tuple(lists["people"]), news=tuple(news), keywords=tuple(lists["keywords"]),
        staff=tuple(lists["staff"]), **{key: tuple(lists[key]) for key in TARGET_KEYS})
    check_dataset(dataset, reading.invalid, found, today)
    check_targets(dataset, reading.invalid, found)
    if found:
        raise DataError(found.problems())
    _last_dataset[:] = [(same, dataset)] if SERVING[0] else []
    return dataset
