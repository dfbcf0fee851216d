"""The printable report of a year or a half-year ("Báo cáo kết quả ..."), that a reviewer files.

A pure renderer: the counted span in, a page out. On A4 the summary fills the first sheet,
no table row is cut across sheets and every sheet is numbered (see docs/assets/site.css).
"""

from __future__ import annotations

from datetime import date

from .dates import show
from .html import Html, block, front_matter, join, tag
from .dataset import Dataset
from .model import NewsItem
from .quota import SpanResult
from .render import (approval, change_lines, days_text, evidence, place_text, report_name, staff_name, status_text,
                     sum_text, threshold_note, year_label)


BR = Html("<br>")


def _table(headers: list[str], rows: list[tuple], cls: str, numeric: set[int] = frozenset()) -> Html:
    head = tag("thead", tag("tr", join((tag("th", h, scope="col") for h in headers), " ")))
    body = tag("tbody", join((tag("tr", join((tag("td", v, cls="num" if i in numeric else None)
                                              for i, v in enumerate(row)), " ")) for row in rows), " "))
    return tag("table", join([head, body], " "), cls=cls)


def _item_cell(data: Dataset, item: NewsItem) -> Html:
    return join([tag("span", item.title, cls="title"), BR,
                 tag("span", f"{data.outlet[item.outlet].name}, {item.kind}", cls="meta"), BR,
                 tag("span", "data/" + data.file_of(item), cls="file")])


def _summary(data: Dataset, span: SpanResult) -> list[str]:
    rows = [(g.group.name, year_label(g).removeprefix(f"Năm {g.year}").strip(" ()") or "cả năm",
             g.rule_text, g.target, g.count, status_text(g)) for g in span.groups]
    parts = [block(_table(["Nhóm chỉ tiêu", "Thời gian", "Chỉ tiêu", "Cần đạt", "Đã có", "Kết quả"], rows,
                          "report-summary", numeric={3, 4}))]
    notes = [f"{g.group.name}, {days_text(g.start, g.end)}: {threshold_note(g)}." for g in span.groups
             if threshold_note(g)]
    notes += [f"{line}." for line in change_lines(span)]
    notes.append(sum_text(span, report_name(span)).replace(" (lý do ở dưới)", " (mục 3)"))
    notes.append(f"{len(span.pending)} tin bài đang chờ duyệt, chưa được tính (mục 4).")
    parts.append(block(tag("ul", join(tag("li", n) for n in notes), cls="report-notes")))
    return parts


def render_report(data: Dataset, span: SpanResult, today: date) -> str:
    site = data.site
    plans = "; ".join(f"{p.title} ({show(p.start)} – {show(p.end)})" for p in span.periods) or "không có"
    meta = [f"Địa phương: {place_text(site, span.end, since=span.start)}.", f"Kế hoạch: {plans}.",
            f"Thời gian báo cáo: từ {show(span.start)} đến {show(span.end)}.",
            f"Số liệu tính đến ngày {show(today)}, từ dữ liệu của trang {site.name}."]
    # Every item is already on the year's pages: the report stays out of the search index.
    parts = [front_matter(search={"exclude": True}),
             f"# Báo cáo kết quả thực hiện chỉ tiêu tin bài {report_name(span)}\n",
             block(tag("div", join(tag("p", line) for line in meta), cls="report-meta"))]
    if site.demo:
        parts.append(block(tag("p", "DỮ LIỆU MINH HỌA: báo cáo này dựng từ dữ liệu ví dụ, không phải kết quả thật.",
                               cls="report-demo")))
    parts.append(block(tag("h2", "1. Kết quả theo nhóm chỉ tiêu")))
    parts += _summary(data, span)

    parts.append(block(tag("h2", f"2. Tin bài được tính ({len(span.counted)})")))
    for g in span.groups:
        parts.append(block(tag("h3", f"{g.group.name} – {year_label(g)}: {g.count} tin bài")))
        if g.items:
            rows = [(i, show(n.date), _item_cell(data, n), evidence(data, n), approval(data, n))
                    for i, n in enumerate(g.items, 1)]
            parts.append(block(_table(["STT", "Ngày", "Tin bài", "Bằng chứng", "Người nhập, người duyệt"], rows,
                                      "report-items", numeric={0})))
        else:
            parts.append(block(tag("p", "Không có tin bài nào.")))

    parts.append(block(tag("h2", f"3. Tin bài đã duyệt nhưng không tính ({len(span.not_counted)})")))
    if span.not_counted:
        rows = [(i, show(n.date), _item_cell(data, n), reason) for i, (n, reason) in enumerate(span.not_counted, 1)]
        parts.append(block(_table(["STT", "Ngày", "Tin bài", "Lý do không tính"], rows, "report-items", numeric={0})))
    else:
        parts.append(block(tag("p", "Không có.")))

    parts.append(block(tag("h2", f"4. Tin bài chờ duyệt ({len(span.pending)})")))
    if span.pending:
        rows = [(i, show(n.date), _item_cell(data, n), approval(data, n)) for i, n in enumerate(span.pending, 1)]
        parts.append(block(_table(["STT", "Ngày", "Tin bài", "Người nhập"], rows, "report-items", numeric={0})))
    else:
        parts.append(block(tag("p", "Không có.")))

    people = sorted({n.entered_by for n in span.published + span.pending if n.entered_by}
                    | {n.approved_by for n in span.published if n.approved_by})
    parts.append(block(tag("h2", "5. Người nhập, người duyệt")))
    rows = [(staff_name(data, s), data.staff_member[s].role if s in data.staff_member else "",
             "có" if s in data.staff_member and data.staff_member[s].approves else "không") for s in people]
    parts.append(block(_table(["Họ tên", "Chức vụ, đơn vị", "Được duyệt tin"], rows, "report-items report-staff")
                       if rows else tag("p", "Không có.")))
    return "".join(parts)
