"""Reviewing pending news items: list them, and mark the chosen ones published or rejected.

Only the value of a file's top-level `status:` field changes, found through the YAML structure
(never a line that merely looks like one, inside a summary), and a published item gains two lines
after it: who approved it and when (`approved_by`, `approved_on`). Every other line (comments,
quoting, field order) stays as the person or the import wrote it. The whole data set is checked
with the changes before anything is written (the approver is someone else than the enterer, from
the staff register, and the item carries its evidence); each file is read again after writing to
confirm the change before it is reported done.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from .dataset import Dataset
from .files import write_atomic
from .load import load_dataset
from .model import NewsItem
from .problems import UserError
from .source import Loader

DECISIONS = ("published", "rejected")


class ReviewError(UserError):
    """A choice that cannot be carried out; the message says which and why, in Vietnamese."""


@dataclass(frozen=True)
class Pending:
    number: int  # as listed, from 1
    rel: str  # path relative to the data folder
    item: NewsItem


def pending_items(data: Dataset) -> list[Pending]:
    """Pending items, oldest first, numbered as `review.py` lists them."""
    items = sorted(((n, data.file_of(n)) for n in data.news if n.status == "pending"),
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
    raise ReviewError(f"{choice!r} không phải một tin đang chờ duyệt (xem danh sách: make duyet)")


def with_status(text: str, status: str) -> str:
    """The file's text with its top-level `status: pending` set to `status`, nothing else changed."""
    try:
        root = yaml.compose(text, Loader=Loader)
    except yaml.YAMLError:
        raise ReviewError("tệp có lỗi cú pháp YAML; hãy chạy lệnh kiểm tra dữ liệu và sửa trước") from None
    pairs = [(k, v) for k, v in root.value if k.value == "status"] if isinstance(root, yaml.MappingNode) else []
    if len(pairs) != 1:
        raise ReviewError(f"tệp có {len(pairs)} trường status ở cấp ngoài cùng, cần đúng 1; hãy sửa tay tệp")
    node = pairs[0][1]
    if not isinstance(node, yaml.ScalarNode) or node.value != "pending":
        raise ReviewError("trường status không phải pending; tin này không chờ duyệt")
    return text[:node.start_mark.index] + status + text[node.end_mark.index:]


def with_approval(text: str, approver: str, day: date) -> str:
    """The file's text with `approved_by` and `approved_on` on the lines after its top-level `status:`."""
    root = yaml.compose(text, Loader=Loader)
    keys = {k.value: v for k, v in root.value} if isinstance(root, yaml.MappingNode) else {}
    already = [k for k in ("approved_by", "approved_on") if k in keys]
    if already:
        raise ReviewError(f"tệp đã có {', '.join(already)}; hãy xem lại và sửa tay tệp")
    end = text.find("\n", keys["status"].end_mark.index)
    newline = "\r\n" if end > 0 and text[end - 1] == "\r" else "\n"
    at = len(text) if end < 0 else end + 1
    lines = f"approved_by: {approver}{newline}approved_on: {day.isoformat()}{newline}"
    return text[:at] + (newline if end < 0 else "") + lines + text[at:]


def decide(root: Path, decisions: dict[str, str], approver: str | None = None, today: date | None = None) -> list[str]:
    """Set each file's status (rel path -> published/rejected), after validating all of them together.
    A published item records `approver` (an id of data/staff.yml) and `today` as its approval."""
    texts = {}
    for rel, status in decisions.items():
        if status not in DECISIONS:
            raise ReviewError(f"trạng thái {status!r} không hợp lệ; cần published hoặc rejected")
        if status == "published" and (approver is None or today is None):
            raise ReviewError("cần mã người duyệt (--approver, trong data/staff.yml) để duyệt tin")
        try:
            # Bytes decoded as they are: line endings (CRLF from a web editor) are kept too.
            text = with_status((root / rel).read_bytes().decode("utf-8"), status)
            texts[rel] = with_approval(text, approver, today) if status == "published" else text
        except ReviewError as error:
            raise ReviewError(f"data/{rel}: {error}") from None
    load_dataset(root, added=texts, today=today)  # raises DataError before anything is written
    for rel, text in texts.items():
        write_atomic(root / rel, text, replace=True)
    return _confirmed(root, decisions, today)


def _confirmed(root: Path, decisions: dict[str, str], today: date | None) -> list[str]:
    """The files whose status now reads as decided, read again from the disk; ReviewError otherwise."""
    after = load_dataset(root, today=today)
    status = {after.file_of(n): n.status for n in after.news}
    wrong = [rel for rel, wanted in decisions.items() if status.get(rel) != wanted]
    if wrong:
        raise ReviewError(f"sau khi ghi, trạng thái của {', '.join(wrong)} chưa đổi; hãy kiểm tra tệp")
    return list(decisions)
