"""Checks across records: references, duplicates, and rules no single field shows."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from .dates import show
from .model import EMERGENCY, phone_digits

if TYPE_CHECKING:
    from .load import Dataset, Problem, _Collector


# Query parameters that say how a reader arrived, not which article: campaign tags, click ids.
TRACKING = re.compile(r"utm_.*|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|igshid|mc_cid|mc_eid|_ga|_gl|zarsrc|gidzl",
                      re.IGNORECASE)


def clean_url(url: str) -> str:
    """An article's address without fragment or tracking parameters, otherwise as given."""
    parts = urlsplit(url.strip())
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    kept = [(k, v) for k, v in pairs if not TRACKING.fullmatch(k)]
    # The query is rewritten only when something was removed, so its spelling is otherwise kept.
    query = parts.query if kept == pairs else urlencode(kept)
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path, query, ""))

# A number nobody has called for this long may have stopped working.
CHECK_EVERY_DAYS = 180


def canonical_url(url: str) -> str:
    """The form under which two addresses of one article compare equal."""
    parts = urlsplit(clean_url(url))  # already lowercased scheme and host, no fragment
    return urlunsplit((parts.scheme, parts.netloc, parts.path.rstrip("/") or "/", parts.query, ""))


def _duplicates(records, path: Path, prefix: tuple, found: _Collector) -> None:
    seen: set[str] = set()
    for i, record in enumerate(records):
        if record.id in seen:
            found.add(path, prefix + (i, "id"), "id",
                      f"mã {record.id!r} đã dùng cho một mục khác trong tệp; cần mã riêng cho mỗi mục")
        seen.add(record.id)


def _span(record) -> str:
    start = record.valid_from.isoformat() if record.valid_from else "..."
    end = record.valid_to.isoformat() if record.valid_to else "nay"
    return f"{start} đến {end}"


def _known(found: _Collector, kind: str, valid_ids) -> set[str]:
    return set(valid_ids) | {i for k, i in found.ids if k == kind}


def check_references(data: Dataset, found: _Collector) -> None:
    root = data.root
    communes = _known(found, "communes", data.commune)

    def check_commune(path: Path, loc, value: str | None) -> None:
        if value is not None and value not in communes:
            found.add(path, loc, loc[-1] if isinstance(loc[-1], str) else "communes",
                      f"không có xã, thị trấn mã {value!r}; cần một mã có trong danh sách (xem data/communes.yml)")

    if data.site is not None:
        site_path = root / "site.yml"
        for i, period in enumerate(data.site.periods):
            if period.end < period.start:
                found.add(site_path, ("periods", i, "end"), "end",
                          f"ngày kết thúc {period.end.isoformat()} trước ngày bắt đầu {period.start.isoformat()}; cần sau ngày bắt đầu")
            _duplicates(period.quotas, site_path, ("periods", i, "quotas"), found)
        _duplicates(data.site.periods, site_path, ("periods",), found)
        group_ids = {g.id for p in data.site.periods for g in p.quotas}
        for i, outlet in enumerate(data.outlets):
            if outlet.quota is not None and outlet.quota not in group_ids:
                found.add(root / "outlets.yml", ("outlets", i, "quota"), "quota",
                          f"không có nhóm chỉ tiêu {outlet.quota!r}; cần một trong: {', '.join(sorted(group_ids))} (xem data/site.yml)")

    for name, key, records in (("outlets.yml", "outlets", data.outlets), ("communes.yml", "communes", data.communes),
                               ("hotlines.yml", "hotlines", data.hotlines), ("models.yml", "types", data.model_types),
                               ("models.yml", "models", data.models), ("people.yml", "people", data.people)):
        _duplicates(records, root / name, (key,), found)

    path = root / "hotlines.yml"
    for i, hotline in enumerate(data.hotlines):
        check_commune(path, ("hotlines", i, "commune"), hotline.commune)
        if data.site is not None and data.site.demo and not hotline.example and phone_digits(hotline.number) not in EMERGENCY:
            found.add(path, ("hotlines", i, "example"), "example",
                      "đây là dữ liệu minh họa nhưng số này không được đánh dấu là ví dụ; "
                      "cần example: true cho mọi số không phải số khẩn cấp 111-115")

    path = root / "models.yml"
    types = _known(found, "types", data.model_type)
    for i, model in enumerate(data.models):
        check_commune(path, ("models", i, "commune"), model.commune)
        if model.type not in types:
            found.add(path, ("models", i, "type"), "type",
                      f"không có loại mô hình {model.type!r}; cần một mã trong mục types: {', '.join(sorted(types))}")

    path = root / "people.yml"
    for i, person in enumerate(data.people):
        check_commune(path, ("people", i, "commune"), person.commune)
        if not person.consent:
            found.add(path, ("people", i, "consent"), "consent",
                      "nhận được false, cần true: chỉ công bố khi đã có văn bản đồng ý; "
                      "chưa có thì bỏ người này khỏi tệp")

    _check_news(data, found, check_commune)


def _check_news(data: Dataset, found: _Collector, check_commune) -> None:
    outlets = _known(found, "outlets", data.outlet)
    first_with_url: dict[str, str] = {}
    for item, rel in zip(data.news, data.news_files):
        path = data.root / rel
        if item.outlet not in outlets:
            found.add(path, ("outlet",), "outlet",
                      f"không có cơ quan báo chí {item.outlet!r}; cần một mã trong data/outlets.yml: {', '.join(sorted(outlets))}")
        outlet = data.outlet.get(item.outlet)
        if outlet is not None and outlet.medium == "online" and item.url is None:
            found.add(path, ("url",), "url", f"không có, cần địa chỉ bài viết vì {outlet.name} là báo điện tử/trang mạng")
        if outlet is not None and not outlet.valid_on(item.date):
            found.add(path, ("date",), "date",
                      f"{outlet.name} không hoạt động vào ngày {item.date.isoformat()} "
                      f"(hiệu lực {_span(outlet)}); cần sửa ngày hoặc cơ quan báo chí")
        name = Path(rel).name
        if not (name.startswith(item.date.isoformat()) and Path(rel).parent.name == str(item.date.year)):
            found.add(path, ("date",), "date",
                      f"ngày {item.date.isoformat()} không khớp với tên tệp {rel}; cần đổi tên tệp thành "
                      f"news/{item.date.year}/{item.date.isoformat()}-... hoặc sửa ngày")
        for j, commune in enumerate(item.communes):
            check_commune(path, ("communes", j), commune)
        if item.url is not None:
            key = canonical_url(item.url)
            if key in first_with_url:
                found.add(path, ("url",), "url",
                          f"địa chỉ {item.url!r} đã có trong {first_with_url[key]}; mỗi tin bài chỉ được ghi một lần")
            else:
                first_with_url[key] = rel


def find_warnings(data: Dataset, today: date) -> list[Problem]:
    """What to look at soon without stopping publication: each hotline shown today whose number
    nobody has checked for CHECK_EVERY_DAYS days, located like the problems of `load_dataset`."""
    from .load import _Collector  # the loader imports this module
    found = _Collector({})
    path = data.root / "hotlines.yml"
    for i, hotline in enumerate(data.hotlines):
        days = (today - hotline.checked).days
        if hotline.valid_on(today) and days >= CHECK_EVERY_DAYS:
            found.add(path, ("hotlines", i, "checked"), "checked",
                      f"số {hotline.number} của {hotline.name} được kiểm tra lần cuối ngày {show(hotline.checked)}, "
                      f"đã {days} ngày (quá {CHECK_EVERY_DAYS} ngày); cần gọi thử lại và ghi ngày kiểm tra mới")
    return found.problems()
