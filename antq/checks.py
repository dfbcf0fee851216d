"""Checks across records: references, duplicates, and rules no single field shows.

Every record carries where it was read (`Record._where`), so each problem names its own line.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from datetime import date, timedelta

from .dataset import Dataset
from .dates import show
from .model import (EMERGENCY, FEED_IMPORT, INITIALS, RESERVED_IDS, Commune, Hotline, NewsItem, Outlet, Record,
                    Validity, phone_digits, ref_kind)
from .problems import Problem, Problems, Where
from .text import title_key
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


def span(record: Validity) -> str:
    """A record's validity in words: `2020-01-01 đến nay`."""
    start = record.valid_from.isoformat() if record.valid_from else "..."
    end = record.valid_to.isoformat() if record.valid_to else "nay"
    return f"{start} đến {end}"


def _records(data: Dataset) -> Iterable[tuple[str, Record]]:
    for kind, records in (("outlets", data.outlets), ("communes", data.communes), ("hotlines", data.hotlines),
                          ("types", data.model_types), ("models", data.models), ("people", data.people),
                          ("news", data.news), ("units", data.units), ("unit_years", data.unit_years),
                          ("locality_years", data.locality_years), ("directives", data.directives),
                          ("targets", data.targets), ("agencies", data.agencies), ("tasks", data.tasks)):
        for record in records:
            yield kind, record


def check_dataset(data: Dataset, invalid: list[InvalidRecord], found: Problems, today: date) -> None:
    """Every rule across records; `today` is the site's local date (nothing published is dated after it)."""
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
    _check_approvals(data, found, today)
    _check_same_item(data, found)
    _check_commune_dates(data, found, today)


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


@lru_cache(maxsize=None)
def _ref_fields(model: type[Record]) -> tuple[tuple[str, str], ...]:
    """The fields of `model` that name another record, with the kind they name."""
    return tuple((name, ref_kind(info)) for name, info in model.model_fields.items() if ref_kind(info) is not None)


def _check_refs(where: Where, model: type[Record], values: Mapping[str, object],
                known: dict[str, set[str]], found: Problems) -> None:
    for name, kind in _ref_fields(model):
        value = values.get(name)
        if kind not in known or value is None:
            continue
        for sub, one in ([((), value)] if not isinstance(value, list) else [((j,), v) for j, v in enumerate(value)]):
            if isinstance(one, str) and one not in known[kind]:
                found.add_in(where, name, UNKNOWN[kind].format(value=one, known=", ".join(sorted(known[kind]))), *sub)


def _check_ids(data: Dataset, found: Problems) -> None:
    groups = [data.outlets, data.communes, data.hotlines, data.model_types, data.models, data.people,
              data.units, data.directives, data.agencies, data.tasks]
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
    for item in data.news:
        where = data.where_of(item)
        rel = data.file_of(item)
        outlet = data.outlet.get(item.outlet)
        if outlet is not None and outlet.medium == "online" and item.url is None:
            found.add_in(where, "url", f"không có, cần địa chỉ bài viết vì {outlet.name} là báo điện tử/trang mạng")
        if outlet is not None:
            _check_evidence(item, outlet, where, found)
        if outlet is not None and not outlet.valid_on(item.date):
            found.add_in(where, "date", f"{outlet.name} không hoạt động vào ngày {item.date.isoformat()} "
                         f"(hiệu lực {span(outlet)}); cần sửa ngày hoặc cơ quan báo chí")
        folder, name = (["", ""] + rel.split("/"))[-2:]
        if not (name.startswith(item.date.isoformat()) and folder == str(item.date.year)):
            found.add_in(where, "date", f"ngày {item.date.isoformat()} không khớp với tên tệp {rel}; cần đổi tên tệp "
                         f"thành news/{item.date.year}/{item.date.isoformat()}-... hoặc sửa ngày")


MEDIUM = {"online": "báo điện tử, trang mạng", "broadcast": "đài phát thanh, truyền hình", "print": "báo in"}


def _check_evidence(item: NewsItem, outlet: Outlet, where: Where, found: Problems) -> None:
    """A published item carries the evidence of its medium; evidence of another medium is a mistake."""
    for name, medium, block in (("broadcast", "broadcast", item.broadcast), ("print", "print", item.print)):
        if block is not None and outlet.medium != medium:
            found.add_in(where, name, f"mục {name} chỉ dành cho tin {MEDIUM[medium]}, còn {outlet.name} là "
                         f"{MEDIUM[outlet.medium]}; cần bỏ mục này hoặc sửa outlet")
        if item.status == "published" and outlet.medium == medium:
            missing = block.missing() if block is not None else [f"cả mục {name}"]
            if missing:
                # Without the block, the line of `status: published` is the one to look at.
                loc = where.loc + ((name,) if block is not None else ("status",))
                found.add(where.path, loc, name, f"tin {MEDIUM[medium]} đã duyệt cần bằng chứng, còn thiếu: "
                          f"{', '.join(missing)}; cần ghi đủ (xem data/news/README.md) hoặc để status: pending")


def _staff_problem(data: Dataset, staff_id: str, approver: bool, day: date | None) -> str | None:
    """Why `staff_id` cannot enter (or approve, on `day`) an item, or None."""
    member = data.staff_member.get(staff_id)
    if member is None:
        if staff_id == FEED_IMPORT and not approver:
            return None
        known = ", ".join(sorted(s.id for s in data.staff if s.approves or not approver)) or "(chưa có ai)"
        return f"không có {staff_id!r} trong danh sách cán bộ (data/staff.yml); cần một mã trong: {known}"
    if approver and not member.approves:
        return (f"{member.name} không được giao duyệt tin bài (approves trong data/staff.yml không phải true); "
                "cần người có nhiệm vụ duyệt")
    if approver and day is not None and not member.valid_on(day):
        return (f"{member.name} không làm nhiệm vụ vào ngày duyệt {day.isoformat()} (hiệu lực {span(member)}); "
                "cần người duyệt còn nhiệm vụ ngày đó")
    return None


def _check_approvals(data: Dataset, found: Problems, today: date) -> None:
    """A published item was entered by one person and approved by another, from the register, on a day
    between its own date and today; nothing dated after today is published. Items dated before
    `two_person_rule_from` were approved before the rule and may lack who and when."""
    rule_from = data.site.two_person_rule_from if data.site is not None else None
    for item in data.news:
        where = data.where_of(item)
        if item.entered_by is not None:
            problem = _staff_problem(data, item.entered_by, False, None)
            if problem:
                found.add_in(where, "entered_by", problem)
        if item.approved_by is not None:
            problem = _staff_problem(data, item.approved_by, True, item.approved_on)
            if problem:
                found.add_in(where, "approved_by", problem)
            if item.approved_by == item.entered_by:
                name = data.staff_member[item.approved_by].name if item.approved_by in data.staff_member else item.approved_by
                found.add_in(where, "approved_by", f"{name} vừa nhập vừa duyệt tin này; cần một người khác "
                             "người nhập (entered_by) duyệt")
        if item.approved_on is not None and item.approved_on < item.date:
            found.add_in(where, "approved_on", f"ngày duyệt {item.approved_on.isoformat()} trước ngày đăng, phát "
                         f"{item.date.isoformat()}; cần ngày duyệt từ ngày đăng, phát trở đi")
        if item.approved_on is not None and item.approved_on > today:
            found.add_in(where, "approved_on", f"ngày duyệt {item.approved_on.isoformat()} sau hôm nay "
                         f"({today.isoformat()}); cần ngày đã duyệt thật")
        if item.status != "published":
            continue
        if item.date > today:
            found.add_in(where, "date", f"ngày {item.date.isoformat()} sau hôm nay ({today.isoformat()}): tin chưa "
                         "đăng, phát thì chưa duyệt được; cần status: pending (duyệt từ ngày đó) hoặc sửa ngày")
        if rule_from is not None and item.date < rule_from:
            continue
        for name, what in (("entered_by", "mã người nhập tin (trong data/staff.yml)"),
                           ("approved_by", "mã người duyệt (trong data/staff.yml, khác người nhập)"),
                           ("approved_on", "ngày duyệt (YYYY-MM-DD)")):
            if getattr(item, name) is None:
                found.add(where.path, where.loc + ("status",), name,
                          f"không có, cần {what} vì tin đã duyệt (status: published)")


def _check_same_item(data: Dataset, found: Problems) -> None:
    """Counted once: one address (in canonical form, in any status) is one article; one outlet at one
    air date and time is one broadcast; one title (folded) per outlet and day is one item. Published
    items come first, so that the copy named is the one not yet counted. Rejected items are left out
    of the last two: a rejected copy must not block the item entered right."""
    urls: dict[str, str] = {}
    slots: dict[tuple, str] = {}
    titles: dict[tuple, str] = {}
    for item in sorted(data.news, key=lambda n: (n.status != "published", data.file_of(n))):
        where, rel = data.where_of(item), data.file_of(item)
        if item.url is not None:
            key = canonical_url(item.url)
            if key in urls:
                found.add_in(where, "url", f"địa chỉ {item.url!r} đã có trong {urls[key]}; "
                             "mỗi tin bài chỉ được ghi một lần")
            else:
                urls[key] = rel
        if item.status == "rejected":
            continue
        outlet = data.outlet.get(item.outlet)
        name = outlet.name if outlet else item.outlet
        if item.broadcast is not None and item.broadcast.time is not None:
            slot = (item.outlet, item.date, item.broadcast.time)
            if slot in slots:
                found.add_in(where, "broadcast", f"{name} đã có tin phát lúc {item.broadcast.time} ngày "
                             f"{item.date.isoformat()} trong {slots[slot]}; cùng đài, cùng ngày giờ phát là một lần "
                             "phát sóng, chỉ được ghi một lần", "time")
            else:
                slots[slot] = rel
        key = (item.outlet, item.date, title_key(item.title))
        if key in titles:
            found.add_in(where, "title", f"tiêu đề gần như trùng với tin trong {titles[key]} (cùng {name}, cùng ngày "
                         f"{item.date.isoformat()}, chỉ khác chữ hoa, dấu hoặc dấu câu); mỗi tin bài chỉ được ghi "
                         "một lần")
        else:
            titles[key] = rel


def _not_valid(commune: Commune, day: date, data: Dataset) -> str:
    """Why a commune's code cannot be used on `day`, and what to use instead."""
    instead = data.commune_on(commune.id, day)
    hint = f", ví dụ {instead.id} ({instead.name})" if instead is not None else ""
    return (f"{commune.name} ({commune.id}) không có hiệu lực vào ngày {day.isoformat()} (hiệu lực {span(commune)}); "
            f"cần mã đơn vị hành chính có hiệu lực ngày đó{hint}")


def _check_commune_dates(data: Dataset, found: Problems, today: date) -> None:
    """Every commune code is valid on the date of the record that uses it."""
    for item in data.news:
        for j, code in enumerate(item.communes):
            commune = data.commune.get(code)
            if commune is not None and not commune.valid_on(item.date):
                found.add_in(data.where_of(item), "communes", _not_valid(commune, item.date, data), j)
    for person in data.people:
        commune = data.commune.get(person.commune)
        if commune is not None and not commune.valid_on(person.date):
            found.add_in(data.where_of(person), "commune", _not_valid(commune, person.date, data))
    for model in data.models:
        _check_model_commune(data, model, found, today)
    for hotline in data.hotlines:
        _check_hotline_commune(data, hotline, found, today)


def _check_model_commune(data: Dataset, model, found: Problems, today: date) -> None:
    where = data.where_of(model)
    commune = data.commune.get(model.commune)
    if commune is not None and not commune.valid_on(model.established):
        found.add_in(where, "commune", _not_valid(commune, model.established, data))
    if model.commune_now is not None:
        now = data.commune.get(model.commune_now)
        if now is not None and not now.valid_on(today):
            found.add_in(where, "commune_now", _not_valid(now, today, data))
    elif commune is not None and not model.retired and data.commune_on(commune.id, today) is None:
        found.add_in(where, "commune", f"mô hình còn hoạt động nhưng {commune.name} ({commune.id}) hết hiệu lực "
                     f"(hiệu lực {span(commune)}) và không ghi đơn vị tiếp nhận; cần ghi merged_into cho "
                     f"{commune.id} trong communes.yml, hoặc commune_now cho mô hình")


def _check_hotline_commune(data: Dataset, hotline: Hotline, found: Problems, today: date) -> None:
    commune = data.commune.get(hotline.commune) if hotline.commune else None
    if commune is None:
        return
    where = data.where_of(hotline)
    if hotline.valid_from is not None and not commune.valid_on(hotline.valid_from):
        found.add_in(where, "commune", _not_valid(commune, hotline.valid_from, data))
        return
    last = hotline.valid_to or max(today, hotline.valid_from or today)
    if commune.valid_on(last):
        return
    if hotline.valid_to is not None:
        found.add_in(where, "commune", _not_valid(commune, last, data))
        return
    took_over = data.commune_on(commune.id, today)
    move = f", hoặc chuyển sang {took_over.name} (commune: {took_over.id})" if took_over else ""
    found.add_in(where, "commune", f"{commune.name} ({commune.id}) đã hết hiệu lực ngày "
                 f"{commune.valid_to.isoformat() if commune.valid_to else '?'} nhưng đường dây vẫn đang dùng "
                 f"(không có valid_to); cần ghi valid_to cho đường dây{move}")


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
