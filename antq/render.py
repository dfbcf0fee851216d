"""Pure renderers: models in, Markdown (with escaped HTML blocks) out."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from .dates import show
from .html import Html, block, esc, front_matter, join, link, md, table, tag
from .dataset import Dataset
from .hotlines import current_hotlines, emergency_hotlines, hotline_sections
from .model import EMERGENCY, Hotline, NewsItem, Person, SecurityModel, phone_digits
from .quota import GroupResult, YearResult, pace_text, status_text

CHANNEL = {"call": "Gọi điện", "sms": "Nhắn tin SMS", "zalo": "Zalo"}
MONTHS = [f"T{m}" for m in range(1, 13)]


# -- shared pieces ---------------------------------------------------------------------------

def edit_footer(data: Dataset, source: str) -> str:
    href = data.site.edit_url + "data/" + source
    return block(tag("p", join([link(href, "Sửa trang này"), f" (dữ liệu: data/{source})"]), cls="edit-data"))


def news_line(data: Dataset, item: NewsItem) -> Html:
    outlet = data.outlet[item.outlet].name
    title = link(item.url, item.title) if item.url else esc(item.title)
    return tag("li", join([tag("time", show(item.date), datetime=item.date.isoformat()), " · ",
                           title, " · ", tag("span", f"{outlet}, {item.kind}", cls="meta")]))


def quota_table(results: list[YearResult], year_href: str) -> Html:
    """One row per year and group; `year_href` (with {year}) links each year to its page."""
    rows = [(link(year_href.format(year=r.year), str(r.year)), g.group.name,
             g.rule_text, g.count, g.target, status_text(g), pace_text(g) or "—")
            for r in results for g in r.groups]
    return table(["Năm", "Nhóm", "Chỉ tiêu", "Đã có", "Cần đạt", "Kết quả", "Tiến độ"], rows,
                 numeric={3, 4})


def quota_card(result: GroupResult, href: str | None = None) -> Html:
    """One group's result at a glance, readable on a narrow screen."""
    state = "met" if result.met else ("behind" if result.state == "done" or not result.on_track else "on-track")
    year = link(href, f"Năm {result.year}") if href else f"Năm {result.year}"
    lines = [tag("p", join([year, " · ", result.group.name]), cls="group"),
             tag("p", join([tag("strong", f"{result.count}/{result.target}"), f" tin bài ({result.rule_text}) – ",
                            tag("strong", status_text(result))]), cls="figure")]
    if pace_text(result):
        lines.append(tag("p", pace_text(result).capitalize()))
    return tag("div", join(lines), cls=f"quota {state}")


# -- hotlines --------------------------------------------------------------------------------

def number_html(hotline: Hotline) -> Html:
    """A tappable number; an invented one is shown as an example, never as a link."""
    if hotline.example:
        return tag("span", join([tag("span", hotline.number, cls="number"), " ",
                                 tag("strong", "(số ví dụ minh họa, không phải số thật)")]), cls="example")
    digits = phone_digits(hotline.number)
    links = [link(f"tel:{digits}", hotline.number, cls="number")]
    if "sms" in hotline.channels:
        links.append(link(f"sms:{digits}", "Nhắn tin"))
    if "zalo" in hotline.channels:
        links.append(link(f"https://zalo.me/{digits}", "Zalo"))
    return join(links, " · ")


def hotline_card(hotline: Hotline) -> Html:
    details = [f"Người nghe: {hotline.answered_by}", f"Giờ trực: {hotline.hours}",
               "Kênh: " + ", ".join(CHANNEL[c] for c in hotline.channels),
               f"Kiểm tra lần cuối {show(hotline.checked)}"]
    if hotline.note:
        details.append(hotline.note)
    return tag("div", join([tag("p", tag("strong", hotline.name), cls="name"), tag("p", number_html(hotline)),
                            tag("ul", join(tag("li", d) for d in details))]), cls="hotline")


def render_hotlines(data: Dataset, today: date) -> str:
    description = "Số điện thoại tố giác tội phạm và báo tin khẩn cấp theo từng xã, phường; cuộc gọi được giữ bí mật."
    parts = [front_matter(description=description), "# Đường dây nóng tố giác tội phạm\n",
             "Khi thấy tội phạm, việc làm vi phạm pháp luật hoặc cần giúp đỡ khẩn cấp, hãy gọi **113**. "
             "Cuộc gọi được giữ bí mật. Các số dưới đây đang dùng đến ngày " + show(today) + ".\n"]
    for title, hotlines in hotline_sections(data, today):
        parts.append(f"\n## {md(title)}\n")
        parts.append(block(join(hotline_card(h) for h in hotlines)))
    parts.append("\nXem thêm: [cách tố giác tội phạm](huong-dan/to-giac-toi-pham.md) · "
                 "[áp phích đường dây nóng để in](ap-phich/index.md) cho từng xã, phường.\n")
    return "".join(parts)


# -- home ------------------------------------------------------------------------------------

def render_home(data: Dataset, today: date, leading: list[YearResult]) -> str:
    site = data.site
    parts = [f"# {md(site.name)}\n",
             f"Trang công khai kết quả thực hiện kế hoạch phong trào toàn dân bảo vệ an ninh Tổ quốc "
             f"của {md(site.locality)}, {md(site.province)}.\n",
             "\n## Đường dây nóng\n"]
    emergency = emergency_hotlines(current_hotlines(data, today))
    parts.append(block(tag("ul", join(tag("li", join([number_html(h), " ", h.name, f" ({h.hours})"]))
                                      for h in emergency), cls="hotlines-short")))
    parts.append("\n[Tất cả đường dây nóng theo xã, thị trấn](duong-day-nong.md) · "
                 "[Cách tố giác tội phạm](huong-dan/to-giac-toi-pham.md)\n")
    if leading:
        period = leading[0].period
        if len(leading) == 1 and leading[0].groups and leading[0].groups[0].state == "current":
            parts.append(f"\n## Chỉ tiêu tin bài năm {leading[0].year}\n")
        else:
            parts.append(f"\n## Kết quả cuối cùng giai đoạn {md(period.id)}\n")
            parts.append(f"\nGiai đoạn {md(period.id)} đã kết thúc ngày {show(period.end)}; "
                         "đây là kết quả chính thức theo từng năm.\n")
        parts.append(block(join(quota_card(g, f"chi-tieu/{r.year}/") for r in leading for g in r.groups)))
        parts.append("\n[Xem bảng theo dõi chỉ tiêu tin bài](chi-tieu/index.md) · "
                     "[Mục tiêu của kế hoạch, năm theo năm](muc-tieu/index.md)\n")
    else:
        parts.append("\n[Mục tiêu của kế hoạch, năm theo năm](muc-tieu/index.md)\n")
    parts.append("\n## Tin bài mới nhất\n")
    parts.append(block(tag("ul", join(news_line(data, n) for n in data.published[:10]), cls="news")))
    parts.append("\n[Tất cả tin bài theo năm](tin-bai/index.md)\n")
    return "".join(parts)


# -- models ----------------------------------------------------------------------------------

def _model_rows(data: Dataset, models: list[SecurityModel], by: str):
    for m in models:
        latest = max(m.evaluations, key=lambda e: e.year, default=None)
        evaluation = f"{'Hiệu quả' if latest.result == 'effective' else 'Hình thức'} ({latest.year})" if latest else "Chưa đánh giá"
        column = data.commune[m.commune].name if by == "type" else data.model_type[m.type].name
        yield (m.name, column, m.place, show(m.established), m.members, m.officer, evaluation)


def render_models(data: Dataset, by: str) -> str:
    """Models grouped `by` type or by commune; retired ones listed apart."""
    title = "Mô hình tự quản theo loại" if by == "type" else "Mô hình tự quản theo xã, thị trấn"
    other = "Xã, thị trấn" if by == "type" else "Loại"
    headers = ["Tên mô hình", other, "Nơi hoạt động", "Thành lập", "Thành viên", "Cán bộ phụ trách", "Đánh giá gần nhất"]
    active = [m for m in data.models if not m.retired]
    retired = [m for m in data.models if m.retired]
    groups: dict[str, list[SecurityModel]] = defaultdict(list)
    for m in active:
        groups[m.type if by == "type" else m.commune].append(m)
    names = data.model_type if by == "type" else data.commune
    switch = "[Xem theo xã, thị trấn](theo-xa.md)" if by == "type" else "[Xem theo loại mô hình](index.md)"
    parts = [f"# {title}\n", f"{len(active)} mô hình đang hoạt động, {len(retired)} mô hình đã thanh loại "
             f"vì hoạt động hình thức. {switch}. "
             "[Các mô hình là gì?](../huong-dan/mo-hinh-tu-quan.md)\n"]
    for key in sorted(groups, key=lambda k: names[k].name):
        parts.append(f"\n## {md(names[key].name)} ({len(groups[key])})\n")
        parts.append(block(table(headers, _model_rows(data, groups[key], by), numeric={4})))
    if retired:
        parts.append("\n## Đã thanh loại (hoạt động hình thức)\n")
        parts.append(block(table(headers, _model_rows(data, retired, by), numeric={4})))
    return "".join(parts)


# -- people ----------------------------------------------------------------------------------

def render_people(data: Dataset) -> str:
    quarters: dict[tuple[int, int], list[Person]] = defaultdict(list)
    for p in data.people:
        quarters[p.quarter].append(p)
    parts = ["# Gương người tốt, việc tốt\n",
             "Hằng quý, những người có việc làm tốt trong phòng, chống tội phạm được thông báo biểu dương. "
             "Chỉ công bố khi người được biểu dương (hoặc người giám hộ) đã ký văn bản đồng ý; người chưa thành niên chỉ ghi chữ cái đầu của tên.\n"]
    roman = {1: "I", 2: "II", 3: "III", 4: "IV"}
    for (year, q) in sorted(quarters, reverse=True):
        people = sorted(quarters[year, q], key=lambda p: p.date)
        parts.append(f"\n## Quý {roman[q]}/{year}\n")
        rows = [(p.name, data.commune[p.commune].name, p.deed, show(p.date), p.recognition) for p in people]
        parts.append(block(table(["Họ tên", "Xã, thị trấn", "Việc làm", "Ngày", "Biểu dương"], rows)))
    return "".join(parts)


# -- news ------------------------------------------------------------------------------------

def published_by_year(data: Dataset) -> dict[int, list[NewsItem]]:
    years: dict[int, list[NewsItem]] = defaultdict(list)
    for item in data.published:
        years[item.date.year].append(item)
    return dict(sorted(years.items(), reverse=True))


def render_news_index(data: Dataset, years: dict[int, list[NewsItem]]) -> str:
    rows = [(link(f"{y}/", str(y)), len(items)) for y, items in years.items()]
    return ("# Tin bài theo năm\n\nCác tin bài đã được duyệt về an ninh, trật tự và phong trào toàn dân "
            "bảo vệ an ninh Tổ quốc. Tin chờ duyệt không được hiện và không được tính chỉ tiêu.\n"
            + block(table(["Năm", "Số tin bài"], rows, numeric={1})))


def render_news_year(data: Dataset, year: int, items: list[NewsItem], has_quota: bool) -> str:
    by_month: dict[int, list[NewsItem]] = defaultdict(list)
    for item in items:
        by_month[item.date.month].append(item)
    outlets: dict[str, int] = defaultdict(int)
    for item in items:
        outlets[data.outlet[item.outlet].name] += 1
    quota = f"[Đối chiếu chỉ tiêu năm {year}](../chi-tieu/{year}.md) · " if has_quota else ""
    parts = [f"# Tin bài năm {year}\n", f"{len(items)} tin bài đã duyệt. {quota}"
             f"[Tải CSV](../du-lieu/tin-bai-{year}.csv) · [Tải JSON](../du-lieu/tin-bai-{year}.json)\n",
             block(table(["Nơi đăng, phát", "Số tin bài"], sorted(outlets.items()), numeric={1}))]
    for month in sorted(by_month, reverse=True):
        parts.append(f"\n## Tháng {month}/{year} ({len(by_month[month])})\n")
        parts.append(block(tag("ul", join(news_line(data, n) for n in by_month[month]), cls="news")))
    return "".join(parts)


# -- quota dashboard -------------------------------------------------------------------------

def month_chart(result: GroupResult) -> Html:
    """Monthly counts as an inline SVG bar chart; the same figures follow in a table."""
    width, height, top, bottom, left = 600, 200, 20, 30, 30
    peak = max(max(result.by_month), 1)
    step = (width - left) / 12
    bars = []
    for i, value in enumerate(result.by_month):
        h = (height - top - bottom) * value / peak
        x = left + i * step
        y = height - bottom - h
        bars.append(f'<rect x="{x + 4:.1f}" y="{y:.1f}" width="{step - 8:.1f}" height="{h:.1f}" class="bar"></rect>'
                    f'<text x="{x + step / 2:.1f}" y="{y - 4:.1f}" text-anchor="middle">{value}</text>'
                    f'<text x="{x + step / 2:.1f}" y="{height - 10}" text-anchor="middle">{MONTHS[i]}</text>')
    label = f"Số tin bài theo tháng năm {result.year}, nhóm {result.group.name}: " + ", ".join(
        f"tháng {m + 1}: {v}" for m, v in enumerate(result.by_month))
    return Html(f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="{esc(label)}">'
                f"<title>{esc(label)}</title>{''.join(bars)}</svg>")


def render_quota_group(data: Dataset, result: GroupResult) -> str:
    g = result.group
    facts = [("Quy định", f"{result.rule_text} ({g.source})" if g.source else result.rule_text),
             ("Nơi đăng được tính", ", ".join(data.outlet[o].name for o in result.outlets) or "chưa có"),
             ("Cần đạt", f"{result.target} tin bài trước 31/12/{result.year}"),
             ("Đã có", str(result.count)), ("Kết quả", status_text(result)),
             ("Còn thiếu", str(result.remaining))]
    if pace_text(result):
        facts.append(("Tiến độ", pace_text(result)))
    rows = [(tag("th", k, scope="row"), tag("td", v)) for k, v in facts]
    parts = [f"\n## {md(g.name)}\n",
             block(tag("table", tag("tbody", join(tag("tr", join(r, " ")) for r in rows)), cls="facts")),
             "\n### Theo tháng\n", block(tag("figure", month_chart(result))),
             block(table(["Tháng", "Số tin bài"],
                         [(f"Tháng {m}", n) for m, n in enumerate(result.by_month, 1)] + [("Cả năm", result.count)],
                         caption=f"Số tin bài theo tháng năm {result.year}", numeric={1})),
             "\n### Theo nơi đăng\n",
             block(table(["Nơi đăng, phát", "Số tin bài"],
                         [(data.outlet[o].name, n) for o, n in result.by_outlet.items()], numeric={1})),
             f"\n### Các tin bài được tính ({result.count})\n"]
    if result.items:
        # The year's news page lists these items already: keep them out of the search index once more.
        parts.append(block(tag("ol", join(news_line(data, n) for n in result.items), cls="news counted",
                               data_search_exclude="true")))
    else:
        parts.append("\nChưa có tin bài nào.\n")
    return "".join(parts)


def render_quota_year(data: Dataset, year: YearResult) -> str:
    parts = [f"# Chỉ tiêu tin bài năm {year.year}\n",
             f"Theo {md(year.period.title)}. Mỗi tin bài chỉ tính một lần, vào năm của ngày đăng theo giờ Việt Nam, "
             f"khi đã được duyệt. [Tải CSV](../du-lieu/chi-tieu-{year.year}.csv) · "
             f"[Tải JSON](../du-lieu/chi-tieu-{year.year}.json)\n",
             block(join(quota_card(g) for g in year.groups))]
    parts += [render_quota_group(data, g) for g in year.groups]
    return "".join(parts)


def render_quota_index(data: Dataset, results: dict[int, YearResult]) -> str:
    parts = ["# Theo dõi chỉ tiêu tin bài\n",
             "Kế hoạch đặt chỉ tiêu số tin bài mỗi năm. Chọn một năm để xem từng tin bài được tính "
             "và đường dẫn kiểm chứng.\n"]
    for period in data.site.periods:
        years = [r for r in results.values() if r.period is period]
        if years:
            parts.append(f"\n## Giai đoạn {md(period.id)}\n\n{md(period.title)}\n")
            parts.append(block(quota_table(sorted(years, key=lambda r: r.year, reverse=True), "{year}/")))
    return "".join(parts)
