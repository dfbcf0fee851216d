"""Checks across records: references, duplicates, and rules no single field shows.

Every record carries where it was read (`Record._where`), so each problem names its own line.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .dataset import Dataset
from .dates import show
from .model import EMERGENCY, INITIALS, RESERVED_IDS, Hotline, Record, Validity, phone_digits, ref_kind
from .problems import Problem, Problems, Where
from .urls import canonical_url

# A number nobody has called for this long may have stopped working.
CHECK_EVERY_DAYS = 180

UNKNOWN = {
    "outlets": "không có cơ quan báo chí {value!r}; cần một mã trong data/outlets.yml: {known}",
    "communes": "không có xã, thị trấn mã {value!r}; cần một mã có trong danh sách (xem data/communes.yml)",
    "types": "không có loại mô hình {value!r}; cần một mã trong mục types: {known}",
    "quotas": "không có nhóm chỉ tiêu {value!r}; cần một trong: {known} (xem data/site.yml)",
}


@dataclass(frozen=True)
class InvalidRecord:
    """A record that failed validation, with its valid fields: still checked for references,
    so that every problem of a file is reported in one run, and still known by its id."""
    where: Where
    model: type[Record]
    values: Mapping[str, object]


def _span(record: Validity) -> str:
    start = record.valid_from.isoformat() if record.valid_from else "..."
    end = record.valid_to.isoformat() if record.valid_to else "nay"
    return f"{start} đến {end}"


def _records(data: Dataset) -> Iterable[tuple[str, Record]]:
    for kind, records in (("outlets", data.outlets), ("communes", data.communes), ("hotlines", data.hotlines),
                          ("types", data.model_types), ("models", data.models), ("people", data.people),
                          ("news", data.news)):
        for record in records:
            yield kind, record


def check_dataset(data: Dataset, invalid: list[InvalidRecord], found: Problems) -> None:
    known = _known_ids(data, invalid)
    for _, record in _records(data):
        _check_refs(data.where_of(record), type(record), vars(record), known, found)
    for bad in invalid:
        _check_refs(bad.where, bad.model, bad.values, known, found)
    _check_ids(data, found)
    _check_validity(data, found)
    if data.site is not None:
        _check_periods(data, found)
    _check_hotlines(data, found)
    _check_people(data, found)
    _check_news(data, found)


def _known_ids(data: Dataset, invalid: list[InvalidRecord]) -> dict[str, set[str]]:
    """Ids each reference may name: those of valid records, and of invalid ones (so that one
    bad record does not set off a chain of 'unknown id' errors)."""
    known = {kind: set() for kind in UNKNOWN}
    for kind, record in _records(data):
        if kind in known:
            known[kind].add(record.id)
    for bad in invalid:
        kind = bad.where.loc[0] if bad.where.loc else None
        if kind in known and isinstance(bad.values.get("id"), str):
            known[kind].add(bad.values["id"])
    if data.site is not None:
        known["quotas"] = {g.id for p in data.site.periods for g in p.quotas}
    else:
        del known["quotas"]  # site.yml has its own problems: no cascade from it
    return known


def _check_refs(where: Where, model: type[Record], values: Mapping[str, object],
                known: dict[str, set[str]], found: Problems) -> None:
    for name, info in model.model_fields.items():
        kind = ref_kind(info)
        value = values.get(name)
        if kind is None or kind not in known or value is None:
            continue
        for sub, one in ([((), value)] if not isinstance(value, list) else [((j,), v) for j, v in enumerate(value)]):
            if isinstance(one, str) and one not in known[kind]:
                found.add_in(where, name, UNKNOWN[kind].format(value=one, known=", ".join(sorted(known[kind]))), *sub)


def _check_ids(data: Dataset, found: Problems) -> None:
    groups = [data.outlets, data.communes, data.hotlines, data.model_types, data.models, data.people]
    if data.site is not None:
        groups += [data.site.periods] + [p.quotas for p in data.site.periods]
    for records in groups:
        seen: set[str] = set()
        for record in records:
            if record.id in seen:
                where = record._where or _nested_where(data, record)
                found.add_in(where, "id", f"mã {record.id!r} đã dùng cho một mục khác trong tệp; cần mã riêng cho mỗi mục")
            seen.add(record.id)
    for commune in data.communes:
        if commune.id in RESERVED_IDS:
            found.add_in(data.where_of(commune), "id", f"mã {commune.id!r} trùng tên một trang của trang web; "
                         "cần mã khác (ví dụ thêm tên xã)")


def _nested_where(data: Dataset, record: Record) -> Where:
    """Periods and quota groups live inside site.yml's one record."""
    site = data.where_of(data.site)
    for i, period in enumerate(data.site.periods):
        if period is record:
            return Where(site.path, ("periods", i))
        for j, group in enumerate(period.quotas):
            if group is record:
                return Where(site.path, ("periods", i, "quotas", j))
    return site


def _check_validity(data: Dataset, found: Problems) -> None:
    for _, record in _records(data):
        if isinstance(record, Validity) and record.valid_from and record.valid_to and record.valid_to < record.valid_from:
            found.add_in(data.where_of(record), "valid_to",
                         f"ngày hết hiệu lực {record.valid_to.isoformat()} trước ngày bắt đầu "
                         f"{record.valid_from.isoformat()}; cần ngày sau ngày bắt đầu")


def _check_periods(data: Dataset, found: Problems) -> None:
    periods = data.site.periods
    for period in periods:
        if period.end < period.start:
            found.add_in(_nested_where(data, period), "end",
                         f"ngày kết thúc {period.end.isoformat()} trước ngày bắt đầu {period.start.isoformat()}; "
                         "cần sau ngày bắt đầu")
    ordered = sorted(periods, key=lambda p: p.start)
    for before, after in zip(ordered, ordered[1:]):
        if after.start <= before.end:
            found.add_in(_nested_where(data, after), "start",
                         f"giai đoạn {after.id} bắt đầu {after.start.isoformat()} khi giai đoạn {before.id} "
                         f"chưa kết thúc ({before.end.isoformat()}); cần các giai đoạn không chồng lên nhau")


def _check_hotlines(data: Dataset, found: Problems) -> None:
    if data.site is None or not data.site.demo:
        return
    for hotline in data.hotlines:
        if not hotline.example and phone_digits(hotline.number) not in EMERGENCY:
            found.add_in(data.where_of(hotline), "example",
                         "đây là dữ liệu minh họa nhưng số này không được đánh dấu là ví dụ; "
                         "cần example: true cho mọi số không phải số khẩn cấp 111-115")


def _check_people(data: Dataset, found: Problems) -> None:
    for person in data.people:
        if person.minor and not INITIALS.fullmatch(person.name):
            found.add_in(data.where_of(person), "name",
                         "người chưa thành niên chỉ được ghi chữ cái đầu của tên (ví dụ N.M.A.), không ghi họ tên "
                         "đầy đủ: kho dữ liệu là công khai")


def _check_news(data: Dataset, found: Problems) -> None:
    first_with_url: dict[str, str] = {}
    for item in data.news:
        where = data.where_of(item)
        rel = data.file_of(item)
        outlet = data.outlet.get(item.outlet)
        if outlet is not None and outlet.medium == "online" and item.url is None:
            found.add_in(where, "url", f"không có, cần địa chỉ bài viết vì {outlet.name} là báo điện tử/trang mạng")
        if outlet is not None and not outlet.valid_on(item.date):
            found.add_in(where, "date", f"{outlet.name} không hoạt động vào ngày {item.date.isoformat()} "
                         f"(hiệu lực {_span(outlet)}); cần sửa ngày hoặc cơ quan báo chí")
        name = Path(rel).name
        if not (name.startswith(item.date.isoformat()) and Path(rel).parent.name == str(item.date.year)):
            found.add_in(where, "date", f"ngày {item.date.isoformat()} không khớp với tên tệp {rel}; cần đổi tên tệp "
                         f"thành news/{item.date.year}/{item.date.isoformat()}-... hoặc sửa ngày")
        if item.url is not None:
            key = canonical_url(item.url)
            if key in first_with_url:
                found.add_in(where, "url", f"địa chỉ {item.url!r} đã có trong {first_with_url[key]}; "
                             "mỗi tin bài chỉ được ghi một lần")
            else:
                first_with_url[key] = rel


def stale_hotlines(data: Dataset, today: date) -> list[tuple[Hotline, int]]:
    """Hotlines shown today whose number nobody has checked for CHECK_EVERY_DAYS days, with the days."""
    return [(h, (today - h.checked).days) for h in data.hotlines
            if h.valid_on(today) and (today - h.checked).days >= CHECK_EVERY_DAYS]


def find_warnings(data: Dataset, today: date) -> list[Problem]:
    """What to look at soon without stopping publication, located like the problems of `load_dataset`."""
    found = Problems()
    for hotline, days in stale_hotlines(data, today):
        found.add_in(data.where_of(hotline), "checked",
                     f"số {hotline.number} của {hotline.name} được kiểm tra lần cuối ngày {show(hotline.checked)}, "
                     f"đã {days} ngày (quá {CHECK_EVERY_DAYS} ngày); cần gọi thử lại và ghi ngày kiểm tra mới")
    return found.problems()
