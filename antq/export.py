"""The open-data records: one record shape per news item and per quota group, written as CSV and JSON.

The site's downloads and `scripts/quota.py` use these same functions, so they always agree.
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from .dataset import Dataset
from .memo import SERVING, joined, per_item
from .model import NewsItem
from .quota import RULE_TEXT, GroupResult, YearResult, status_text, threshold_note
from .urls import clean_url

# Each item's evidence and approval follow its description, as flat columns a spreadsheet can filter.
NEWS_COLUMNS = ["date", "title", "outlet", "outlet_name", "quota_group", "kind", "url", "communes", "summary", "file",
                "programme", "air_time", "duration", "recording", "log_number", "log_date", "print_issue",
                "print_page", "entered_by", "approved_by", "approved_on"]


class QuotaRecord(BaseModel):
    """One quota group's result for one year or part of a year. The keys, in this order, are the JSON
    download's and the CSV's columns; each title is the CSV header. Reviewers' scripts read the first
    nine: add keys, rename none."""
    model_config = ConfigDict(extra="forbid")
    year: int = Field(title="Năm")
    id: str = Field(title="Mã nhóm", description="Mã nhóm chỉ tiêu (data/site.yml)")
    name: str = Field(title="Nhóm chỉ tiêu")
    outlets: list[str] = Field(title="Nơi đăng được tính", description="Mã các nơi đăng được tính vào nhóm")
    rule: Literal["at_least", "more_than"] = Field(title="Quy định",
                                                    description="at_least: ít nhất ngưỡng; more_than: trên ngưỡng")
    threshold: int = Field(title="Ngưỡng", description="Ngưỡng số tin bài mỗi năm theo kế hoạch")
    count: int = Field(title="Đã có", description="Số tin bài được tính")
    met: bool = Field(title="Kết quả", description="true khi đạt chỉ tiêu")
    remaining: int = Field(title="Còn thiếu")
    target: int = Field(title="Cần đạt", description="Số tin bài nhỏ nhất để đạt")
    result: str = Field(title="Kết quả chi tiết")
    period: str = Field(title="Giai đoạn")
    start: str = Field(title="Từ ngày", description="Ngày đầu của phần năm được tính (YYYY-MM-DD)")
    end: str = Field(title="Đến ngày", description="Ngày cuối của phần năm được tính (YYYY-MM-DD)")
    threshold_applied: int | float = Field(title="Ngưỡng áp dụng",
                                           description="Ngưỡng cho phần năm này (chia theo số ngày khi cần)")
    basis: str = Field(title="Cách tính chỉ tiêu", description="year, part hoặc prorated")


class QuotaGroupDetail(QuotaRecord):
    by_month: list[int] = Field(description="Số tin bài được tính theo tháng 1-12")
    by_outlet: dict[str, int] = Field(description="Số tin bài được tính theo nơi đăng")
    items: list[dict[str, Any]] = Field(description="Các tin bài được tính, như trong tin-bai-YYYY.json")


class QuotaYear(BaseModel):
    """A year's quota download (chi-tieu-YYYY.json), and what `scripts/quota.py --format json` prints."""
    model_config = ConfigDict(extra="forbid", title="Kết quả chỉ tiêu tin bài một năm")
    year: int
    periods: list[str] = Field(description="Các giai đoạn kế hoạch có ngày trong năm")
    groups: list[QuotaGroupDetail]
    published: int = Field(description="Số tin bài đã duyệt có ngày trong năm")
    counted: int = Field(description="Số tin bài được tính vào một nhóm")
    not_counted: list[dict[str, Any]] = Field(description="Tin bài đã duyệt không được tính, kèm lý do (reason)")
    pending: int = Field(description="Số tin bài đang chờ duyệt")


QUOTA_KEYS = list(QuotaRecord.model_fields)
# The CSV says the same in Vietnamese, for people opening it in a spreadsheet.
QUOTA_HEADERS = {key: info.title for key, info in QuotaRecord.model_fields.items()}
# `basis` in the CSV, when the threshold is not the period's own for the whole span.
BASIS_TEXT = {"year": "ngưỡng năm", "part": "chỉ tiêu riêng cho phần năm", "prorated": "chia theo số ngày"}
# Spreadsheets run a cell starting with these as a formula (OWASP's list).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def news_record(data: Dataset, item: NewsItem) -> dict:
    outlet = data.outlet[item.outlet]
    return {"date": item.date.isoformat(), "title": item.title, "outlet": outlet.id, "outlet_name": outlet.name,
            "quota_group": outlet.quota, "kind": item.kind, "url": item.url, "communes": list(item.communes),
            "summary": item.summary, "file": "data/" + data.file_of(item), **evidence_record(item)}


def evidence_record(item: NewsItem) -> dict:
    """What the item is checked against, and who entered and approved it (None where not given)."""
    b, printed = item.broadcast, item.print
    log = b.log if b else None
    return {"url": clean_url(item.url) if item.url else None,
            "programme": b and b.programme, "air_time": b and b.time, "duration": b and b.duration,
            "recording": b and b.recording, "log_number": log and log.number,
            "log_date": log.date.isoformat() if log else None,
            "print_issue": printed and printed.issue, "print_page": printed and printed.page,
            "entered_by": item.entered_by, "approved_by": item.approved_by,
            "approved_on": item.approved_on.isoformat() if item.approved_on else None}


def quota_record(result: GroupResult) -> dict:
    """One group's result in one year: the record of the JSON downloads, the CSV rows and quota.py."""
    g = result.group
    return QuotaRecord(**{"year": result.year, "id": g.id, "name": g.name, "outlets": list(result.outlets), "rule": g.rule,
            "threshold": g.threshold, "count": result.count, "met": result.met, "remaining": result.remaining,
            "target": result.target, "result": status_text(result),
            "period": result.period.id, "start": result.start.isoformat(), "end": result.end.isoformat(),
            # Exact when whole; a pro-rated threshold such as 9.92 is rounded here, `target` is exact.
            "threshold_applied": (result.threshold.value.numerator if result.threshold.value.denominator == 1
                                  else round(float(result.threshold.value), 2)),
            "basis": result.threshold.basis}).model_dump()


def quota_detail(year: YearResult, record: dict[int, dict | JsonText]) -> dict:
    """A year's JSON download: each group's record with its monthly, per-outlet figures and counted items,
    then every published item not counted with the reason, and how many wait for review.
    `record` maps id(item) to the item's `news_record` (or its JSON: `news_json`)."""
    return {"year": year.year, "periods": [p.id for p in year.periods], "groups": [
        {**quota_record(g), "by_month": [dict(zip(g.months, g.by_month)).get(m, 0) for m in range(1, 13)],
         "by_outlet": g.by_outlet, "items": _listed(f"{g.year}/{g.period.id}/{g.group.id}/{g.start}",
                                                     [record[id(n)] for n in g.items])} for g in year.groups],
        "published": len(year.published), "counted": len(year.counted),
        "not_counted": [_with_reason(record[id(n)], reason) for n, reason in year.not_counted],
        "pending": len(year.pending)}


def _listed(name: str, values: list) -> list | JsonText:
    """A list; of encoded values, encoded as one rather than one by one (and once while the same)."""
    if values and all(isinstance(v, JsonText) for v in values):
        return joined(name, values, json_list, SERVING[0])
    return values


def json_list(values: list[JsonText]) -> JsonText:
    """A list of encoded values, encoded as json writes a list."""
    return JsonText("[" + ", ".join(v.text for v in values) + "]")


def quota_csv_rows(years: list[YearResult]) -> list[dict]:
    """Quota records in Vietnamese words: Đạt / Không đạt, ít nhất / trên."""
    rows = []
    for year in years:
        for g in year.groups:
            row = quota_record(g)
            rows.append({**row, "met": "Đạt" if row["met"] else "Không đạt", "rule": RULE_TEXT[row["rule"]],
                         "threshold_applied": str(row["threshold_applied"]).replace(".", ","),
                         "basis": threshold_note(g) or BASIS_TEXT[row["basis"]]})
    return rows


def _with_reason(record: dict | JsonText, reason: str) -> dict | JsonText:
    if isinstance(record, JsonText):  # the same as encoding {**record, "reason": reason}: the key is last
        return JsonText(record.text[:-1] + ', "reason": ' + json.dumps(reason, ensure_ascii=False) + "}")
    return {**record, "reason": reason}


# -- the news items' downloads: each item encoded once, for every file it is in ------------------

@per_item
def news_json(data: Dataset, item: NewsItem) -> JsonText:
    return JsonText(json.dumps(news_record(data, item), ensure_ascii=False))


@per_item
def news_csv_row(data: Dataset, item: NewsItem) -> str:
    return csv_row(NEWS_COLUMNS, news_record(data, item))


def _csv_cell(value: object) -> str:
    text = ";".join(value) if isinstance(value, list) else ("" if value is None else str(value))
    return "'" + text if text.startswith(FORMULA_START) else text


def to_csv(columns: list[str], records: list[dict], headers: dict[str, str] | None = None) -> bytes:
    return csv_file(columns, [csv_row(columns, r) for r in records], headers)


_row_out = io.StringIO()
_row_writer = csv.writer(_row_out, lineterminator="\r\n")


def _csv_line(cells: list[str]) -> str:
    _row_out.seek(0)
    _row_out.truncate()
    _row_writer.writerow(cells)
    return _row_out.getvalue()


def csv_row(columns: list[str], record: dict) -> str:
    """One record as a CSV line, its line break included."""
    return _csv_line([_csv_cell(record[c]) if record[c].__class__ is not str or record[c].startswith(FORMULA_START)
                      else record[c] for c in columns])


def csv_file(columns: list[str], rows: list[str], headers: dict[str, str] | None = None) -> bytes:
    """A CSV file of the header row and `rows` (from `csv_row`)."""
    return csv_head(columns, headers) + "".join(rows).encode("utf-8")


def csv_head(columns: list[str], headers: dict[str, str] | None = None) -> bytes:
    """The start of a CSV file: a byte order mark and the header row."""
    # With a BOM, spreadsheet programs read the Vietnamese text as UTF-8.
    return _csv_line([(headers or {}).get(c, c) for c in columns]).encode("utf-8-sig")


def quota_csv(years: list[YearResult]) -> bytes:
    return to_csv(QUOTA_KEYS, quota_csv_rows(years), QUOTA_HEADERS)


class JsonText:
    """A value already encoded as JSON, which `to_json` writes as it is."""
    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


# A string of a NUL, digits and a NUL, as json writes it: no data value holds a NUL (the loader refuses them).
_PLACED = re.compile(r'"\\u0000([0-9]+)\\u0000"')


def to_json(value: object) -> bytes:
    return (json_text(value) + "\n").encode("utf-8")


def json_text(value: object) -> str:
    """`value` as JSON (its `JsonText` parts as they are), as one line."""
    texts: list[str] = []

    def place(obj: object) -> str:
        if not isinstance(obj, JsonText):
            raise TypeError(f"{type(obj).__name__} is not JSON")
        texts.append(obj.text)
        return f"\x00{len(texts) - 1}\x00"
    # No indent: with one, json falls back from its C encoder to pure Python (10x slower on big downloads).
    text = json.dumps(value, ensure_ascii=False, default=place)
    return _PLACED.sub(lambda match: texts[int(match[1])], text) if texts else text
