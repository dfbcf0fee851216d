"""The one loader: a data folder in, a validated `Dataset` out, or every problem at once.

Problems are collected over all files, then raised together as `DataError`,
each naming the file, the line, the field, what was found and what is expected.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import yaml
from pydantic import BaseModel, ValidationError

from .checks import check_references
from .messages import inner_type, describe, field_label, shown
from .model import (FILE_KINDS, Commune, Hotline, ModelType, NewsItem, Outlet, Person, SecurityModel, Site,
                    StaffMember)

# The C loader is ~20x faster than the pure-Python one, which matters at thousands of files.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Loader(_BaseLoader):
    """Safe loader that keeps dates as text, so an impossible date such as
    2024-02-30 becomes a field error with a line number, not a crash."""


Loader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))
# YAML 1.1 reads 18:30 as the number 1110 (base 60); read it as text, as YAML 1.2 and the editors do,
# so that an air time or a duration is what staff typed.
Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if not (tag == "tag:yaml.org,2002:int" and regexp.match("18:30"))]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()}
Loader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(
    r"^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+)$"), list("-+0123456789"))

Loc = tuple[str | int, ...]
NEWS_NAME = re.compile(r"\d{4}-\d{2}-\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*\.yml")


def display_path(path: Path) -> str:
    rel = os.path.relpath(path)
    return path.as_posix() if rel.startswith("..") else Path(rel).as_posix()


@dataclass(frozen=True)
class Problem:
    path: Path
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{display_path(self.path)}:{self.line}: {self.field}: {self.message}"


class DataError(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(map(str, problems)))

    @property
    def summary(self) -> str:
        files = len({p.path for p in self.problems})
        return f"Dữ liệu có {len(self.problems)} lỗi trong {files} tệp"


@dataclass(frozen=True)
class Dataset:
    root: Path
    site: Site
    outlets: tuple[Outlet, ...]
    communes: tuple[Commune, ...]
    hotlines: tuple[Hotline, ...]
    model_types: tuple[ModelType, ...]
    models: tuple[SecurityModel, ...]
    people: tuple[Person, ...]
    news: tuple[NewsItem, ...] = field(repr=False)
    # Path of each news item's file, relative to the data folder, in the order of `news`.
    news_files: tuple[str, ...] = field(repr=False)
    # Words that make a feed entry relevant (data/keywords.yml), for the feed import.
    keywords: tuple[str, ...] = ()
    # The register of staff who enter and approve news items (data/staff.yml).
    staff: tuple[StaffMember, ...] = ()

    @cached_property
    def outlet(self) -> dict[str, Outlet]:
        return {o.id: o for o in self.outlets}

    @cached_property
    def commune(self) -> dict[str, Commune]:
        return {c.id: c for c in self.communes}

    @cached_property
    def staff_member(self) -> dict[str, StaffMember]:
        return {s.id: s for s in self.staff}

    @cached_property
    def model_type(self) -> dict[str, ModelType]:
        return {t.id: t for t in self.model_types}

    @cached_property
    def published(self) -> tuple[NewsItem, ...]:
        """Published items, newest first."""
        return tuple(sorted((n for n in self.news if n.status == "published"),
                            key=lambda n: (n.date, n.title), reverse=True))

    @cached_property
    def news_file(self) -> dict[int, str]:
        return {id(item): path for item, path in zip(self.news, self.news_files)}


class _Collector:
    """Collects problems; the line of each is looked up only when a problem exists."""

    def __init__(self, added: dict[Path, str]) -> None:
        self.added = added
        self.located: list[Problem] = []
        self.pending: list[tuple[Path, Loc, str, str]] = []
        # (kind, id) of records that failed validation: references to them are not errors.
        self.ids: set[tuple[str, str]] = set()

    def add(self, path: Path, loc: Loc, field_name: str, message: str) -> None:
        self.pending.append((path, loc, field_name, message))

    def add_at(self, path: Path, line: int, field_name: str, message: str) -> None:
        self.located.append(Problem(path, line, field_name, message))

    def problems(self) -> list[Problem]:
        trees: dict[Path, yaml.Node | None] = {}
        found = list(self.located)
        for path, loc, field_name, message in self.pending:
            if path not in trees:
                trees[path] = _compose(path, self.added)
            found.append(Problem(path, _line_of(trees[path], loc), field_name, message))
        return sorted(found, key=lambda p: (str(p.path), p.line))


def _compose(path: Path, added: dict[Path, str]) -> yaml.Node | None:
    try:
        return yaml.compose(added.get(path) or path.read_text(encoding="utf-8"), Loader=Loader)
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return None


def _line_of(node: yaml.Node | None, loc: Loc) -> int:
    """1-based line of the deepest node of `loc` that exists in the file."""
    if node is None:
        return 1
    line = node.start_mark.line + 1
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            pair = next(((k, v) for k, v in node.value if k.value == part), None)
            if pair is None:
                break
            line, node = pair[0].start_mark.line + 1, pair[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            break
    return line


def _read_yaml(path: Path, found: _Collector) -> tuple[bool, object]:
    try:
        text = found.added[path] if path in found.added else path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        found.add_at(path, 1, "(tệp)", "tệp không phải văn bản UTF-8; cần lưu lại với mã hóa UTF-8")
        return False, None
    try:
        return True, yaml.load(text, Loader=Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        found.add_at(path, mark.line + 1 if mark else 1, "(cú pháp)",
                     f"YAML không đọc được ({error.problem}); cần kiểm tra dấu hai chấm, "
                     "thụt lề bằng dấu cách và dấu ngoặc kép")
        return False, None


def _validate(model: type[BaseModel], raw: object, path: Path, loc: Loc, found: _Collector):
    try:
        return model.model_validate(raw)
    except ValidationError as error:
        for err in error.errors(include_url=False):
            found.add(path, loc + tuple(err["loc"]), field_label(err["loc"]), describe(err, model))
        return None


def _load_list_file(path: Path, file_model: type[BaseModel], found: _Collector) -> dict[str, list]:
    """Validate each record on its own, so one bad record does not hide the others.

    Returns, per top-level key, the valid records; `found.ids` also receives the
    ids of invalid records so that references to them do not cascade into more errors."""
    records: dict[str, list] = {key: [] for key in file_model.model_fields}
    ok, raw = _read_yaml(path, found)
    if not ok:
        return records
    if not isinstance(raw, dict):
        found.add_at(path, 1, "(tệp)", f"nhận được {shown(raw)}, cần các mục: {', '.join(records)}")
        return records
    for key in raw.keys() - records.keys():
        found.add(path, (key,), str(key), describe({"type": "extra_forbidden", "loc": (key,)}, file_model))
    for key, info in file_model.model_fields.items():
        items = raw.get(key)
        if not isinstance(items, list):
            found.add(path, (key,), key, f"nhận được {shown(items)}, cần danh sách các mục (mỗi mục bắt đầu bằng \"- \")")
            continue
        item_model = inner_type(info.annotation)
        for i, item in enumerate(items):
            record = _validate(item_model, item, path, (key, i), found)
            if record is not None:
                records[key].append(record)
            elif isinstance(item, dict) and isinstance(item.get("id"), str):
                found.ids.add((key, item["id"]))
    return records


def _is_record_list(file_model: type[BaseModel]) -> bool:
    """Files of record lists are validated record by record; others (keywords) whole."""
    return all(isinstance(t, type) and issubclass(t, BaseModel)
               for t in (inner_type(f.annotation) for f in file_model.model_fields.values()))


def _load_whole_file(path: Path, file_model: type[BaseModel], found: _Collector) -> dict[str, list]:
    ok, raw = _read_yaml(path, found)
    record = _validate(file_model, {} if raw is None else raw, path, (), found) if ok else None
    return {key: list(getattr(record, key)) if record else [] for key in file_model.model_fields}


def _news_paths(root: Path, found: _Collector) -> list[Path]:
    news_dir = root / "news"
    paths = []
    on_disk = list(news_dir.rglob("*")) if news_dir.is_dir() else []
    for path in sorted(set(on_disk) | found.added.keys()):
        if path.is_dir() or path.name.lower() == "readme.md":
            continue
        rel = path.relative_to(news_dir).parts
        if path.suffix == ".yml" and len(rel) == 2 and NEWS_NAME.fullmatch(rel[1]):
            paths.append(path)
        else:
            found.add_at(path, 1, "(tệp)", "tệp đặt sai chỗ hoặc sai tên; cần đặt tin bài tại "
                         "data/news/YYYY/YYYY-MM-DD-ten-ngan.yml (chữ thường không dấu, đuôi .yml)")
    return paths


def load_dataset(root: Path | str, added: dict[str, str] | None = None) -> Dataset:
    """Load and validate a data folder; raise `DataError` listing every problem.

    `added` maps news file paths (relative to the folder) to their text: the data set is
    checked as if they were written, so that commands validate before they write."""
    root = Path(root)
    found = _Collector({root / rel: text for rel, text in (added or {}).items()})
    ok, raw_site = _read_yaml(root / "site.yml", found) if (root / "site.yml").is_file() else (False, None)
    if not (root / "site.yml").is_file():
        found.add_at(root / "site.yml", 1, "(tệp)", "không tìm thấy tệp; cần có site.yml trong thư mục dữ liệu")
    site = _validate(Site, raw_site, root / "site.yml", (), found) if ok else None
    lists: dict[str, list] = {}
    for name, file_model in FILE_KINDS.items():
        path = root / name
        if file_model is Site:
            continue
        if not path.is_file():
            found.add_at(path, 1, "(tệp)", f"không tìm thấy tệp; cần có {name} trong thư mục dữ liệu")
            lists.update({key: [] for key in file_model.model_fields})
            continue
        load_file = _load_list_file if _is_record_list(file_model) else _load_whole_file
        lists.update(load_file(path, file_model, found))
    news, news_files = [], []
    for path in _news_paths(root, found):
        ok, raw = _read_yaml(path, found)
        item = _validate(NewsItem, {} if raw is None else raw, path, (), found) if ok else None
        if item is not None:
            news.append(item)
            news_files.append(path.relative_to(root).as_posix())
    dataset = Dataset(
        root=root, site=site, outlets=tuple(lists["outlets"]), communes=tuple(lists["communes"]),
        hotlines=tuple(lists["hotlines"]), model_types=tuple(lists["types"]), models=tuple(lists["models"]),
        people=tuple(lists["people"]), news=tuple(news), news_files=tuple(news_files),
        keywords=tuple(lists["keywords"]), staff=tuple(lists["staff"]))
    check_references(dataset, found)
    problems = found.problems()
    if problems:
        raise DataError(problems)
    return dataset
