"""The open-data records: one record shape per news item and per quota group, written as CSV and JSON.

The site's downloads and `scripts/quota.py` use these same functions, so they always agree.
"""

from __future__ import annotations

import csv
import io
import json

from .dataset import Dataset
from .model import NewsItem
from .quota import RULE_TEXT, GroupResult, YearResult, status_text

NEWS_COLUMNS = ["date", "title", "outlet", "outlet_name", "quota_group", "kind", "url", "communes", "summary", "file"]
# The keys of one quota group's record, in order. Reviewers' scripts read the first ones: add keys, rename none.
QUOTA_KEYS = ["year", "id", "name", "outlets", "rule", "threshold", "count", "met", "remaining", "target", "result"]
# The CSV says the same in Vietnamese, for people opening it in a spreadsheet.
QUOTA_HEADERS = {"year": "Năm", "id": "Mã nhóm", "name": "Nhóm chỉ tiêu", "outlets": "Nơi đăng được tính",
                 "rule": "Quy định", "threshold": "Ngưỡng", "count": "Đã có", "met": "Kết quả",
                 "remaining": "Còn thiếu", "target": "Cần đạt", "result": "Kết quả chi tiết"}
# Spreadsheets run a cell starting with these as a formula (OWASP's list).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def news_record(data: Dataset, item: NewsItem) -> dict:
    outlet = data.outlet[item.outlet]
    return {"date": item.date.isoformat(), "title": item.title, "outlet": outlet.id, "outlet_name": outlet.name,
            "quota_group": outlet.quota, "kind": item.kind, "url": item.url, "communes": list(item.communes),
            "summary": item.summary, "file": "data/" + data.file_of(item)}


def quota_record(result: GroupResult) -> dict:
    """One group's result in one year: the record of the JSON downloads, the CSV rows and quota.py."""
    g = result.group
    return {"year": result.year, "id": g.id, "name": g.name, "outlets": list(result.outlets), "rule": g.rule,
            "threshold": g.threshold, "count": result.count, "met": result.met, "remaining": result.remaining,
            "target": result.target, "result": status_text(result)}


def quota_detail(year: YearResult, record: dict[int, dict]) -> dict:
    """A year's JSON download: each group's record with its monthly, per-outlet figures and counted items.
    `record` maps id(item) to the item's `news_record`."""
    return {"year": year.year, "period": year.period.id, "groups": [
        {**quota_record(g), "by_month": list(g.by_month), "by_outlet": g.by_outlet,
         "items": [record[id(n)] for n in g.items]} for g in year.groups]}


def quota_csv_rows(years: list[YearResult]) -> list[dict]:
    """Quota records in Vietnamese words: Đạt / Không đạt, ít nhất / trên."""
    rows = []
    for year in years:
        for g in year.groups:
            row = quota_record(g)
            rows.append({**row, "met": "Đạt" if row["met"] else "Không đạt", "rule": RULE_TEXT[row["rule"]]})
    return rows


def _csv_cell(value: object) -> str:
    text = ";".join(value) if isinstance(value, list) else ("" if value is None else str(value))
    return "'" + text if text.startswith(FORMULA_START) else text


def to_csv(columns: list[str], records: list[dict], headers: dict[str, str] | None = None) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([(headers or {}).get(c, c) for c in columns])
    writer.writerows([_csv_cell(r[c]) for c in columns] for r in records)
    # With a BOM, spreadsheet programs read the Vietnamese text as UTF-8.
    return out.getvalue().encode("utf-8-sig")


def quota_csv(years: list[YearResult]) -> bytes:
    return to_csv(QUOTA_KEYS, quota_csv_rows(years), QUOTA_HEADERS)


def to_json(value: object) -> bytes:
    # No indent: with one, json falls back from its C encoder to pure Python (10x slower on big downloads).
    return (json.dumps(value, ensure_ascii=False) + "\n").encode("utf-8")
