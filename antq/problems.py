"""Data problems located in their files: what is wrong, in which file, on which line, in which field.

Problems are collected over a whole data folder and raised together as `DataError`. A problem
is given as a location inside the file's YAML (`("hotlines", 3, "commune")`); its line is looked
up only when there is a problem, by composing that one file again.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import yaml

from .source import Loader

Loc = tuple[str | int, ...]


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


class UserError(Exception):
    """Something a person asked for cannot be done; the message says what and why, in Vietnamese."""


class DataError(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(map(str, problems)))

    @property
    def summary(self) -> str:
        files = len({p.path for p in self.problems})
        return f"Dữ liệu có {len(self.problems)} lỗi trong {files} tệp"


@dataclass(frozen=True)
class Where:
    """Where a record was read: its file and its location inside the file's YAML."""
    path: Path
    loc: Loc = ()


class Problems:
    """Collects problems; the line of each is looked up only when a problem exists.

    `texts` are files checked before they are written (path -> text), read instead of the disk."""

    def __init__(self, texts: dict[Path, str] | None = None) -> None:
        self.texts = texts or {}
        self.located: list[Problem] = []
        self.pending: list[tuple[Path, Loc, str, str]] = []

    def add(self, path: Path, loc: Loc, field_name: str, message: str) -> None:
        self.pending.append((path, loc, field_name, message))

    def add_in(self, where: Where, field_name: str, message: str, *sub: str | int) -> None:
        """A problem in field `field_name` (then `sub`, e.g. a list index) of the record read at `where`."""
        self.add(where.path, where.loc + (field_name, *sub), field_name, message)

    def add_at(self, path: Path, line: int, field_name: str, message: str) -> None:
        self.located.append(Problem(path, line, field_name, message))

    def __bool__(self) -> bool:
        return bool(self.located or self.pending)

    def problems(self) -> list[Problem]:
        trees: dict[Path, yaml.Node | None] = {}
        found = list(self.located)
        for path, loc, field_name, message in self.pending:
            if path not in trees:
                trees[path] = self._compose(path)
            found.append(Problem(path, line_of(trees[path], loc), field_name, message))
        return sorted(found, key=lambda p: (str(p.path), p.line))

    def _compose(self, path: Path) -> yaml.Node | None:
        try:
            text = self.texts[path] if path in self.texts else path.read_text(encoding="utf-8")
            return yaml.compose(text, Loader=Loader)
        except (OSError, yaml.YAMLError, UnicodeDecodeError):
            return None


def line_of(node: yaml.Node | None, loc: Loc) -> int:
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
