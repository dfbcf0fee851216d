"""Questions that fill in a news item in the terminal: every field of the model, in its order.

Each answer is checked as it is given and asked again when wrong, keeping the earlier ones.
Choices and other records (outlets, communes) are offered by number and name; dates may be
typed dd/mm/yyyy. The questions come from the same schema as the browser editor's form
(antq/cms.py): labels, hints, required fields, choices, `x-ref` pickers.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from pydantic import ValidationError

from .cms import resolve_node, model_schema, choice_labels, label_of, picker_label
from .dataset import Dataset
from .messages import describe
from .model import NewsItem, Outlet
from .news import FIELD_ORDER
from .text import fold

# Written by commands, never asked: the feed's id, the status (a new item waits for review), and
# who approved it when (the reviewer's command writes them).
NOT_ASKED = {"guid", "status", "approved_by", "approved_on"}
# Whoever types an item names themselves: the two-person rule needs it.
ALWAYS_ASKED = {"entered_by"}
# Evidence records named after a medium (broadcast, print): asked only for an outlet of that medium.
MEDIA = set(typing.get_args(Outlet.model_fields["medium"].annotation))
NEW_STATUS = "pending"
# The data set's records that an `x-ref` names.
RECORDS = {"outlets": "outlets", "communes": "communes", "types": "model_types"}
DAY = re.compile(r"\s*(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})\s*")

Ask = Callable[[str], str]
Say = Callable[[str], None]


class Again(ValueError):
    """The answer cannot be used; the message says why, in Vietnamese."""


@dataclass(frozen=True)
class Question:
    name: str  # dotted for a field of a nested record: "broadcast.programme"
    label: str
    hint: str
    required: bool
    node: dict  # the field's JSON Schema, resolved

    @property
    def path(self) -> tuple[str, ...]:
        return tuple(self.name.split("."))

    @property
    def ref(self) -> str | None:
        return self.node.get("x-ref")

    @property
    def many(self) -> bool:
        return self.node.get("type") == "array"

    @property
    def choices(self) -> list[dict] | None:
        values = self.node.get("enum") or self.node.get("items", {}).get("enum")
        return choice_labels(values, self.node.get("description", "")) if values else None


def questions(model: type = NewsItem) -> list[Question]:
    """One question per field, in the model's order; the fields of a nested record one by one."""
    schema = model_schema(model)
    asked = list(_questions(schema, schema.get("$defs", {}), (), "", True))
    if model is NewsItem:  # who is typing first, then the fields in the order files are written
        place: dict[str, int] = {}
        for name in ["entered_by", *FIELD_ORDER]:
            place.setdefault(name, len(place))
        asked.sort(key=lambda q: place.get(q.path[0], len(place)))
    return asked


def _questions(schema: dict, defs: dict, prefix: tuple, above: str, needed: bool):
    required = set(schema.get("required", []))
    for name, raw in schema["properties"].items():
        if not prefix and name in NOT_ASKED:
            continue
        node, _ = resolve_node(raw, defs)
        label = label_of(name, node)
        if node.get("x-ref"):
            label = picker_label(label)
        if node.get("type") == "object" or "properties" in node:
            yield from _questions(node, defs, prefix + (name,), f"{above}{label} – ", needed and name in required)
        else:
            yield Question(".".join(prefix + (name,)), above + label, node.get("description", ""),
                           needed and (name in required or (not prefix and name in ALWAYS_ASKED)), node)


def nest(answers: dict) -> dict:
    """Answers keyed by dotted names, as the item's nested fields."""
    out: dict = {}
    for name, value in answers.items():
        *parents, last = name.split(".")
        place = out
        for parent in parents:
            place = place.setdefault(parent, {})
        place[last] = value
    return out


def parse_day(text: str) -> str:
    """dd/mm/yyyy (or d/m/yyyy) as YYYY-MM-DD; anything else as typed, for the model to judge."""
    found = DAY.fullmatch(text)
    if not found:
        return text.strip()
    day, month, year = (int(g) for g in found.groups())
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        raise Again(f"nhận được {text.strip()!r}, ngày này không có trên lịch; cần ngày có thật, "
                    "dạng dd/mm/yyyy (ví dụ 05/03/2024) hoặc YYYY-MM-DD") from None


def _records(data: Dataset, question: Question, answers: dict) -> list:
    """The records one may pick: those valid on the item's date when it is known."""
    records = [r for r in getattr(data, RECORDS.get(question.ref, question.ref or ""), ())
               if hasattr(r, "id") and hasattr(r, "name")]
    day = answers.get("date")
    if day and all(hasattr(r, "valid_on") for r in records):
        records = [r for r in records if r.valid_on(date.fromisoformat(day))]
    return records


def menu(question: Question, data: Dataset, answers: dict) -> list[tuple[str, str]]:
    """(value, shown) for each numbered option, or [] when the answer is free text."""
    records = _records(data, question, answers) if question.ref else []
    if records:
        return [(r.id, f"{r.name} ({r.id})") for r in records]
    if question.choices:
        return [(str(o["value"]), o["label"] if o["label"] == o["value"] else f"{o['label']} ({o['value']})")
                for o in question.choices]
    return []


def _pick(typed: str, options: list[tuple[str, str]], question: Question) -> str:
    if typed.isdigit() and 1 <= int(typed) <= len(options):
        return options[int(typed) - 1][0]
    for value, shown in options:
        if fold(typed) in (fold(value), fold(shown), fold(shown.rsplit(" (", 1)[0])):
            return value
    close = [value for value, shown in options if fold(typed) in fold(shown)]
    if len(close) == 1:
        return close[0]
    raise Again(f"không có {question.label.lower()} {typed!r}; cần một số từ 1 đến {len(options)} "
                "trong danh sách, hoặc tên, mã như trong danh sách")


def _check(question: Question, value: object, model: type = NewsItem) -> object:
    """The value as the model reads it, or Again with the model's own Vietnamese message."""
    try:
        model.model_validate(nest({question.name: value}))
    except ValidationError as error:
        for err in error.errors(include_url=False):
            if tuple(err["loc"][:len(question.path)]) == question.path:
                raise Again(describe(err, model)) from None
    return value


def _required_url(data: Dataset, answers: dict) -> Outlet | None:
    outlet = data.outlet.get(answers.get("outlet", ""))
    return outlet if outlet is not None and outlet.medium == "online" else None


def answer(question: Question, typed: str, data: Dataset, answers: dict, model: type = NewsItem) -> object:
    """What to store for `typed`; None when the field is left out. Raises Again."""
    typed = typed.strip()
    options = menu(question, data, answers)
    needed = question.required or (question.name == "url" and _required_url(data, answers))
    if not typed:
        if needed:
            raise Again("để trống, cần có nội dung" + (
                f" vì {_required_url(data, answers).name} là báo điện tử, trang mạng" if question.name == "url" else ""))
        return [] if question.many else None
    if question.many:
        parts = [p.strip() for p in typed.split(",") if p.strip()]
        values = [_pick(p, options, question) for p in parts] if options else parts
        return _check(question, values, model)
    if options:
        return _check(question, _pick(typed, options, question), model)
    if question.node.get("format") == "date":
        return _check(question, parse_day(typed), model)
    return _check(question, typed, model)


def prompt(question: Question, data: Dataset, answers: dict) -> str:
    """The question as shown: label, what is optional, the numbered options."""
    lines = []
    options = menu(question, data, answers)
    if options:
        lines += [f"  {i}. {shown}" for i, (_, shown) in enumerate(options, 1)]
    how = []
    if question.node.get("format") == "date":
        how.append("dd/mm/yyyy")
    if options:
        how.append("số, tên hoặc mã" + (", nhiều mục cách nhau bởi dấu phẩy" if question.many else ""))
    elif question.many:
        how.append("nhiều mục cách nhau bởi dấu phẩy")
    default = question.node.get("default")
    if default not in (None, "", []):
        how.append(f"Enter: {default}")
    elif not question.required and not (question.name == "url" and _required_url(data, answers)):
        how.append("Enter để bỏ trống")
    suffix = f" ({'; '.join(how)})" if how else ""
    return "\n".join(lines + [f"{question.label}{suffix}: "])


def interview(data: Dataset, ask: Ask, say: Say, answers: dict, only: set[str] | None = None) -> dict:
    """Ask each question not answered yet (or those in `only` again), until each answer is usable."""
    for question in questions():
        if (question.name not in only) if only is not None else answers.get(question.name) is not None:
            continue
        outlet = data.outlet.get(answers.get("outlet", ""))
        if question.path[0] in MEDIA and len(question.path) > 1 and (outlet is None or outlet.medium != question.path[0]):
            continue
        while True:
            try:
                value = answer(question, ask(prompt(question, data, answers)), data, answers)
                break
            except Again as again:
                say(f"  {question.label}: {again}. Hãy nhập lại.")
        if value is None:
            answers.pop(question.name, None)
            default = question.node.get("default")
            if default not in (None, "", []):
                answers[question.name] = default
        else:
            answers[question.name] = value
    return answers
