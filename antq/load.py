"""The one loader: a data folder in, a validated `Dataset` out, or every problem at once.

Problems are collected over all files, then raised together as `DataError`, each naming the
file, the line, the field, what was found and what is expected. Each record keeps where it was
read (`Record._where`), so that the checks across records name its own line.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from pathlib import Path

import yaml
from pydantic import BaseModel, ValidationError

from .checks import InvalidRecord, check_dataset
from .dataset import Dataset
from .dates import today as local_today
from .messages import describe, field_label, inner_type, shown, yaml_error
from .model import FILE_KINDS, NewsItem, Record, Site
from .problems import DataError, Loc, Problems, Where
from .source import Loader, has_alias
from .target_checks import TARGET_KEYS, check_targets

NEWS_NAME = re.compile(r"\d{4}-\d{2}-\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*\.yml")
NEWS_FOLDER = re.compile(r"\d{4}")
# Control characters other than tab and line breaks, and the bidirectional controls that can
# reverse the text after them on a page: never meant in a title, a name or a summary.
FORBIDDEN_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


class _Reading:
    """State of one load: the problems found, where each record was read, the invalid records."""

    def __init__(self, root: Path, added: dict[str, str] | None) -> None:
        self.root = root
        self.inside = root.resolve()
        self.found = Problems({root / rel: text for rel, text in (added or {}).items()})
        self.invalid: list[InvalidRecord] = []

    def text(self, path: Path) -> str | None:
        """A file's text, or None with the reason recorded."""
        if path in self.found.texts:
            return self.found.texts[path]
        if not path.resolve().is_relative_to(self.inside):
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

    def read_yaml(self, path: Path) -> tuple[bool, object]:
        text = self.text(path)
        if text is None:
            return False, None
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
        records: dict[str, list] = {key: [] for key in file_model.model_fields}
        ok, raw = self.read_yaml(path)
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
        ok, raw = self.read_yaml(path)
        return self.validate(model, {} if raw is None else raw, Where(path)) if ok else None

    def news_paths(self) -> list[Path]:
        news_dir = self.root / "news"
        paths = []
        on_disk = list(news_dir.rglob("*")) if news_dir.is_dir() else []
        for path in sorted(set(on_disk) | self.found.texts.keys()):
            if (path.is_dir() and not path.is_symlink()) or path.name.lower() == "readme.md":
                continue
            rel = path.relative_to(news_dir).parts
            if (path.suffix == ".yml" and len(rel) == 2 and NEWS_FOLDER.fullmatch(rel[0])
                    and NEWS_NAME.fullmatch(rel[1])):
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
    dataset = Dataset(
        root=root, site=site, outlets=tuple(lists["outlets"]), communes=tuple(lists["communes"]),
        hotlines=tuple(lists["hotlines"]), model_types=tuple(lists["types"]), models=tuple(lists["models"]),
        people=tuple(lists["people"]), news=tuple(news), keywords=tuple(lists["keywords"]),
        staff=tuple(lists["staff"]), **{key: tuple(lists[key]) for key in TARGET_KEYS})
    if today is None:
        today = local_today(site.timezone if site is not None else "Asia/Ho_Chi_Minh")
    check_dataset(dataset, reading.invalid, found, today)
    check_targets(dataset, reading.invalid, found)
    if found:
        raise DataError(found.problems())
    return dataset
