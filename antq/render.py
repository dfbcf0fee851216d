"""Pure renderers: models in, Markdown (with escaped HTML blocks) out."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date

from .dates import show
from .html import Html, block, esc, front_matter, join, link, md, table, tag
from .checks import CHECK_EVERY_DAYS
from .dataset import Dataset
from .hotlines import (HOTLINES_PAGE, area_hotlines, commune_anchor, current_communes, current_hotlines,
                       emergency_hotlines)
from .model import EMERGENCY, Commune, Hotline, NewsItem, Person, SecurityModel, phone_digits
from .quota import GroupResult, YearResult, pace_text, status_text

CHANNEL = {"call": "Gọi điện", "sms": "Nhắn tin SMS", "zalo": "Zalo"}
MONTHS = [f"T{m}" for m in range(1, 13)]


# -- shared pieces ---------------------------------------------------------------------------

def unit_words(communes) -> str:
    """What the listed units are called together: "xã, thị trấn" before 07/2025, "xã, phường" after."""
    kinds = {c.kind for c in communes}
    return ", ".join(k for k in ("xã", "phường", "thị trấn") if k in kinds) or "xã"


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

# "gọi 113" in running text: the number becomes a link (any emergency short code).
CALL = re.compile(r"(?<![\w])([Gg]ọi\s+)(11[1-5])(?![\w])")


def call_links(text: str) -> Html:
    """`text` escaped, with the number of each "gọi 113" made a tel: link."""
    parts, last = [], 0
    for found in CALL.finditer(text):
        parts += [text[last:found.start(2)], link(f"tel:{found.group(2)}", found.group(2))]
        last = found.end()
    return join(parts + [text[last:]])


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
    return join(links, " ")


def checked_text(hotline: Hotline, today: date) -> Html:
    """When someone last called the number, in a citizen's words (the staff's reminder is validate.py's)."""
    if (today - hotline.checked).days < CHECK_EVERY_DAYS:
        return Html(esc(f"Đã gọi thử, liên lạc được ngày {show(hotline.checked)}."))
    text = f"Lần gọi thử gần nhất ngày {show(hotline.checked)}, đã lâu."
    if phone_digits(hotline.number) in EMERGENCY:
        return Html(esc(text))
    return call_links(text + " Nếu không liên lạc được, hãy gọi 113.")


def hotline_card(hotline: Hotline, today: date) -> Html:
    details = [f"Người nghe: {hotline.answered_by}", f"Giờ trực: {hotline.hours}",
               "Kênh: " + ", ".join(CHANNEL[c] for c in hotline.channels), checked_text(hotline, today)]
    if hotline.note:
        details.append(call_links(hotline.note))
    return tag("div", join([tag("p", tag("strong", hotline.name), cls="name"), tag("p", number_html(hotline)),
                            tag("ul", join(tag("li", d) for d in details))]), cls="hotline")


def place_text(site, today: date) -> str:
    """The place as named today, with its earlier names and until when they held."""
    now = site.place_on(today)
    earlier = sorted((p for p in site.places if p.valid_to is not None and p.valid_to < today),
                     key=lambda p: p.valid_to)
    text = f"{now.full_name}, {now.province}"
    if earlier:
        text += " (" + "; ".join(f"đến ngày {show(p.valid_to)} là {p.full_name}, {p.province}" for p in earlier) + ")"
    return text


def urgent_box(emergency: list[Hotline]) -> Html:
    """The first emergency number as a large call button, for the top of a page."""
    first = emergency[0]
    call = link(f"tel:{phone_digits(first.number)}", join(["Gọi ", first.number]), cls="call-now")
    return tag("div", join([call, tag("p", f"{first.name} · miễn phí · {first.hours}")]), cls="urgent")


def commune_picker(communes: list[Commune], page: str = "") -> Html:
    """Links to each commune's numbers on the hotline page (`page` is its address from here)."""
    words = unit_words(communes)
    items = join(tag("li", link(f"{page}#{commune_anchor(c)}", c.name)) for c in communes)
    return tag("nav", join([tag("p", f"Số của Công an {words} nơi bạn ở (gọi điện, nhắn tin, Zalo):",
                                cls="picker-title"),
                            tag("ul", items)]), cls="picker", aria_label=f"Chọn {words}")


def no_local_number(commune: Commune, area: list[Hotline]) -> Html:
    """What to call where the commune has no number of its own."""
    lines = [tag("p", call_links(f"Công an {commune.name} chưa có số đường dây nóng riêng. "
                                 "Khi khẩn cấp, hãy gọi 113."))]
    if area:
        lines.append(tag("p", "Việc không khẩn cấp, hãy gọi:"))
        lines.append(tag("ul", join(tag("li", join([h.name, ": ", number_html(h)])) for h in area)))
    lines.append(tag("p", f"Hoặc đến trụ sở Công an {commune.name} để trình báo trực tiếp."))
    return tag("div", join(lines), cls="no-local")


def render_hotlines(data: Dataset, today: date) -> str:
    current = current_hotlines(data, today)
    emergency, area = emergency_hotlines(current), area_hotlines(current)
    communes = current_communes(data, today)
    words = unit_words(communes)
    by_commune: dict[str, list[Hotline]] = defaultdict(list)
    for h in current:
        if h.commune is not None:
            by_commune[h.commune].append(h)
    description = f"Số điện thoại tố giác tội phạm và báo tin khẩn cấp của Công an từng {words}; cuộc gọi được giữ bí mật."
    # The page people look for when they search for a number: it ranks above pages that only mention one.
    parts = [front_matter(description=description, search={"boost": 3}),
             f"# Đường dây nóng – số điện thoại Công an {words}\n"]
    if emergency:
        parts.append(block(urgent_box(emergency)))
    parts.append(block(tag("p", call_links(
        "Số điện thoại để báo tin cho Công an. Khi thấy tội phạm, việc làm vi phạm pháp luật hoặc cần giúp đỡ "
        f"khẩn cấp, hãy gọi 113. Cuộc gọi được giữ bí mật. Danh sách cập nhật ngày {show(today)}."))))
    if communes:
        parts.append(block(commune_picker(communes)))
    parts.append("\nXem thêm: [cách tố giác tội phạm](huong-dan/to-giac-toi-pham.md) · "
                 f"[áp phích để in](ap-phich/index.md) cho từng {words}.\n")
    for commune in communes:
        parts.append(f"\n## {md(commune.name)} {{#{commune_anchor(commune)}}}\n")
        own = by_commune.get(commune.id)
        parts.append(block(join(hotline_card(h, today) for h in own) if own else no_local_number(commune, area)))
    if area:
        parts.append(f"\n## Dùng cho mọi {words}\n")
        parts.append(block(join(hotline_card(h, today) for h in area)))
    if emergency:
        parts.append("\n## Số khẩn cấp toàn quốc (miễn phí, 24/7)\n")
        parts.append(block(join(hotline_card(h, today) for h in emergency)))
    return "".join(parts)


# -- home ------------------------------------------------------------------------------------

def render_home(data: Dataset, today: date, leading: list[YearResult]) -> str:
    site = data.site
    current = current_hotlines(data, today)
    emergency, communes = emergency_hotlines(current), current_communes(data, today)
    parts = [f"# {md(site.name)}\n"]
    if emergency:
        parts.append(block(urgent_box(emergency)))
    parts.append("\n## Đường dây nóng\n")
    if communes:
        parts.append(block(commune_picker(communes, HOTLINES_PAGE)))
    if emergency[1:]:
        parts.append(block(tag("ul", join(tag("li", join([number_html(h), " ", h.name, f" ({h.hours})"]))
                                          for h in emergency[1:]), cls="hotlines-short")))
    parts.append(f"\n[Tất cả đường dây nóng theo {unit_words(communes)}](duong-day-nong.md) · "
                 "[Cách tố giác tội phạm](huong-dan/to-giac-toi-pham.md)\n")
    parts.append(f"\nTrang công khai kết quả thực hiện kế hoạch phong trào toàn dân bảo vệ an ninh Tổ quốc "
                 f"ở {md(place_text(site, today))}.\n")
    if leading:
        period = leading[0].period
        if len(leading) == 1 and leading[0].groups and leading[0].groups[0].state == "current":
            parts.append(f"\n## Chỉ tiêu tin bài năm {leading[0].year}\n")
        else:
            parts.append(f"\n## Kết quả cuối cùng giai đoạn {md(period.id)}\n")
            parts.append(f"\nGiai đoạn {md(period.id)} đã kết thúc ngày {show(period.end)}; "
                         "đây là kết quả chính thức theo từng năm.\n")
        parts.append(block(join(quota_card(g, f"chi-tieu/{r.year}/") for r in leading for g in r.groups)))
        parts.append("\n[Xem bảng theo dõi chỉ tiêu](chi-tieu/index.md)\n")
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
    words = unit_words(data.commune[m.commune] for m in data.models if m.commune in data.commune)
    title = "Mô hình tự quản theo loại" if by == "type" else f"Mô hình tự quản theo {words}"
    other = words.capitalize() if by == "type" else "Loại"
    headers = ["Tên mô hình", other, "Nơi hoạt động", "Thành lập", "Thành viên", "Cán bộ phụ trách", "Đánh giá gần nhất"]
    active = [m for m in data.models if not m.retired]
    retired = [m for m in data.models if m.retired]
    groups: dict[str, list[SecurityModel]] = defaultdict(list)
    for m in active:
        groups[m.type if by == "type" else m.commune].append(m)
    names = data.model_type if by == "type" else data.commune
    switch = f"[Xem theo {words}](theo-xa.md)" if by == "type" else "[Xem theo loại mô hình](index.md)"
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
        words = unit_words(data.commune[p.commune] for p in people if p.commune in data.commune)
        parts.append(block(table(["Họ tên", words.capitalize(), "Việc làm", "Ngày", "Biểu dương"], rows)))
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
    # The dashboard ranks above the year pages, which share its words, when people search for quotas.
    parts = [front_matter(search={"boost": 2}), "# Theo dõi chỉ tiêu tin bài\n",
             "Kế hoạch đặt chỉ tiêu số tin bài mỗi năm. Bảng dưới đây ghi kết quả từng năm: đạt hay chưa, "
             "còn thiếu bao nhiêu. Chọn một năm để xem từng tin bài được tính và đường dẫn kiểm chứng.\n"]
    for period in data.site.periods:
        years = [r for r in results.values() if r.period is period]
        if years:
            parts.append(f"\n## Giai đoạn {md(period.id)}\n\n{md(period.title)}\n")
            parts.append(block(quota_table(sorted(years, key=lambda r: r.year, reverse=True), "{year}/")))
    return "".join(parts)
