"""Pure renderers: models in, Markdown (with escaped HTML blocks) out."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date

from .dates import show
from .html import Html, block, esc, front_matter, join, link, md, table, tag
from .checks import CHECK_EVERY_DAYS
from .dataset import Dataset
from .memo import per_item
from .hotlines import (HOTLINES_PAGE, area_hotlines, commune_anchor, current_communes, current_hotlines,
                       emergency_hotlines)
from .model import EMERGENCY, FEED_IMPORT, Commune, Hotline, NewsItem, Person, SecurityModel, phone_digits
from .quota import GroupResult, SpanResult, YearResult, pace_text, status_text, threshold_note
from .text import fold
from .urls import clean_url

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


@per_item
def news_parts(data: Dataset, item: NewsItem) -> Html:
    outlet = data.outlet[item.outlet].name
    title = link(item.url, item.title) if item.url else esc(item.title)
    return join([tag("time", show(item.date), datetime=item.date.isoformat()), " · ",
                 title, " · ", tag("span", f"{outlet}, {item.kind}", cls="meta")])


@per_item
def news_line(data: Dataset, item: NewsItem) -> Html:
    return tag("li", news_parts(data, item))


def days_text(start: date, end: date) -> str:
    """`01/07–31/12/2025`: the days of one year a result covers."""
    return f"{start:%d/%m}–{show(end)}"


def year_label(result: GroupResult) -> str:
    """`Năm 2025`, or `Năm 2025 (01/07–31/12)` for a part of the year."""
    return f"Năm {result.year}" if result.whole_year else f"Năm {result.year} ({result.start:%d/%m}–{result.end:%d/%m})"


def quota_table(groups: list[GroupResult], year_href: str) -> Html:
    """One row per year (or part of a year) and group; `year_href` (with {year}) links each year to its page."""
    rows = [(link(year_href.format(year=g.year), year_label(g).removeprefix("Năm ")), g.group.name,
             g.rule_text, g.count, g.target, status_text(g), pace_text(g) or "—")
            for g in groups]
    return table(["Năm", "Nhóm", "Chỉ tiêu", "Đã có", "Cần đạt", "Kết quả", "Tiến độ"], rows,
                 numeric={3, 4})


def quota_card(result: GroupResult, href: str | None = None) -> Html:
    """One group's result at a glance, readable on a narrow screen."""
    state = "met" if result.met else ("behind" if result.state == "done" or not result.on_track else "on-track")
    year = link(href, year_label(result)) if href else year_label(result)
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


def place_text(site, day: date, since: date | None = None) -> str:
    """The place as named on `day`, with the names it had before (since `since`) and until when."""
    now = site.place_on(day)
    earlier = sorted((p for p in site.places if p.valid_to is not None and p.valid_to < day
                      and (since is None or p.valid_to >= since)), key=lambda p: p.valid_to)
    text = f"{now.full_name}, {now.province}"
    if earlier:
        text += " (" + "; ".join(f"đến ngày {show(p.valid_to)} là {p.full_name}, {p.province}" for p in earlier) + ")"
    return text


def former_units(data: Dataset, commune: Commune) -> list[Commune]:
    """The earlier communes merged into `commune` (their `merged_into`)."""
    return sorted((c for c in data.communes if c.merged_into == commune.id and c.id != commune.id),
                  key=lambda c: (fold(c.name), c.name))


def former_text(data: Dataset, commune: Commune) -> str:
    """Who lived in a merged commune finds their number under its successor's name."""
    former = former_units(data, commune)
    ends = sorted({c.valid_to for c in former if c.valid_to})
    until = f" (đến ngày {show(ends[-1])})" if ends else ""
    return f"Gồm địa bàn cũ{until}: " + ", ".join(c.name for c in former) + "."


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
        "Số điện thoại để báo tin, tố giác tội phạm với Công an. Khi thấy tội phạm, việc làm vi phạm pháp luật hoặc cần giúp đỡ "
        f"khẩn cấp, hãy gọi 113. Cuộc gọi được giữ bí mật. Danh sách cập nhật ngày {show(today)}."))))
    if communes:
        parts.append(block(commune_picker(communes)))
    parts.append("\nXem thêm: [cách tố giác tội phạm](huong-dan/to-giac-toi-pham.md) · "
                 f"[áp phích để in](ap-phich/index.md) cho từng {words}.\n")
    for commune in communes:
        parts.append(f"\n## {md(commune.name)} {{#{commune_anchor(commune)}}}\n")
        if former_units(data, commune):
            parts.append(block(tag("p", former_text(data, commune), cls="former")))
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
        if len(leading) == 1 and leading[0].year == today.year:
            parts.append(f"\n## Chỉ tiêu tin bài năm {leading[0].year}\n")
            groups = list(leading[0].groups)
        else:
            period = max((p for r in leading for p in r.periods if p.end < today), key=lambda p: p.end)
            parts.append(f"\n## Kết quả cuối cùng giai đoạn {md(period.id)}\n")
            parts.append(f"\nGiai đoạn {md(period.id)} đã kết thúc ngày {show(period.end)}; "
                         "đây là kết quả chính thức theo từng năm.\n")
            groups = [g for r in leading for g in r.groups if g.period is period]
        parts.append(block(join(quota_card(g, f"chi-tieu/{g.year}/") for g in groups)))
        parts.append("\n[Xem bảng theo dõi chỉ tiêu tin bài](chi-tieu/index.md) · "
                     "[Mục tiêu của kế hoạch, năm theo năm](muc-tieu/index.md)\n")
    else:
        parts.append("\n[Mục tiêu của kế hoạch, năm theo năm](muc-tieu/index.md)\n")
    parts.append("\n## Tin bài mới nhất\n")
    parts.append(block(tag("ul", join(news_line(data, n) for n in data.published[:10]), cls="news")))
    parts.append("\n[Tất cả tin bài theo năm](tin-bai/index.md)\n")
    return "".join(parts)


# -- models ----------------------------------------------------------------------------------

def model_commune_text(data: Dataset, model: SecurityModel, today: date) -> str:
    """The commune a model belongs to today, and where it was set up when that unit no longer exists."""
    now = data.model_commune(model, today)
    founded = data.commune[model.commune]
    if now is None or now.id == founded.id:
        return founded.name
    return f"{now.name} (thành lập tại {founded.name} cũ)"


def _model_rows(data: Dataset, models: list[SecurityModel], by: str, today: date):
    for m in models:
        latest = max(m.evaluations, key=lambda e: e.year, default=None)
        evaluation = f"{'Hiệu quả' if latest.result == 'effective' else 'Hình thức'} ({latest.year})" if latest else "Chưa đánh giá"
        column = model_commune_text(data, m, today) if by == "type" else data.model_type[m.type].name
        yield (m.name, column, m.place, show(m.established), m.members, m.officer, evaluation)


def render_models(data: Dataset, by: str, today: date) -> str:
    """Models grouped `by` type or by the commune they belong to today; retired ones listed apart."""
    words = unit_words(data.model_commune(m, today) or data.commune[m.commune] for m in data.models
                       if m.commune in data.commune)
    title = "Mô hình tự quản theo loại" if by == "type" else f"Mô hình tự quản theo {words}"
    other = words.capitalize() if by == "type" else "Loại"
    headers = ["Tên mô hình", other, "Nơi hoạt động", "Thành lập", "Thành viên", "Cán bộ phụ trách", "Đánh giá gần nhất"]
    active = [m for m in data.models if not m.retired]
    retired = [m for m in data.models if m.retired]
    groups: dict[str, list[SecurityModel]] = defaultdict(list)
    for m in active:
        now = data.model_commune(m, today)
        groups[m.type if by == "type" else (now.id if now else m.commune)].append(m)
    names = data.model_type if by == "type" else data.commune
    switch = f"[Xem theo {words}](theo-xa.md)" if by == "type" else "[Xem theo loại mô hình](index.md)"
    parts = [f"# {title}\n", f"{len(active)} mô hình đang hoạt động, {len(retired)} mô hình đã thanh loại "
             f"vì hoạt động hình thức. {switch}. "
             "[Các mô hình là gì?](../huong-dan/mo-hinh-tu-quan.md)\n"]
    for key in sorted(groups, key=lambda k: names[k].name):
        parts.append(f"\n## {md(names[key].name)} ({len(groups[key])})\n")
        parts.append(block(table(headers, _model_rows(data, groups[key], by, today), numeric={4})))
    if retired:
        parts.append("\n## Đã thanh loại (hoạt động hình thức)\n")
        parts.append(block(table(headers, _model_rows(data, retired, by, today), numeric={4})))
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
    outlets: dict[str, int] = defaultdict(int)
    for item in items:
        outlets[data.outlet[item.outlet].name] += 1
    quota = f"[Đối chiếu chỉ tiêu năm {year}](../chi-tieu/{year}.md) · " if has_quota else ""
    parts = [f"# Tin bài năm {year}\n", f"{len(items)} tin bài đã duyệt. {quota}"
             f"[Tải CSV](../du-lieu/tin-bai-{year}.csv) · [Tải JSON](../du-lieu/tin-bai-{year}.json)\n",
             block(table(["Nơi đăng, phát", "Số tin bài"], sorted(outlets.items()), numeric={1}))]
    if len(items) > PAGE_ITEMS:
        rows = [(link(f"{name}/", month_label(year, month, part, count)), len(chunk))
                for name, month, part, count, chunk in month_pages(items)]
        parts.append("\n## Theo tháng\n\nMỗi tháng một trang, để đọc nhẹ trên điện thoại.\n")
        parts.append(block(table(["Tháng", "Số tin bài"], rows, numeric={1})))
        return "".join(parts)
    by_month: dict[int, list[NewsItem]] = defaultdict(list)
    for item in items:
        by_month[item.date.month].append(item)
    for month in sorted(by_month, reverse=True):
        parts.append(f"\n## Tháng {month}/{year} ({len(by_month[month])})\n")
        parts.append(block(tag("ul", join(news_line(data, n) for n in by_month[month]), cls="news")))
    return "".join(parts)


# -- long lists: a page to a month, or to so many items ---------------------------------------

# Lists longer than these have pages of their own (a month's news; so many items of a quota year's
# lists, each with its evidence, twice as long): about 170 KB of page, which a phone loads with the
# theme (about 270 KB) within the 500 KB of a first visit.
PAGE_ITEMS = 500
QUOTA_PAGE_ITEMS = 250


def month_pages(items: list[NewsItem]) -> list[tuple[str, int, int, int, list[NewsItem]]]:
    """A year's news a month to a page, newest month first, a month longer than PAGE_ITEMS in parts:
    (name of the page beside the year's, `05` or `05-2`; month; part; parts; items)."""
    by_month: dict[int, list[NewsItem]] = defaultdict(list)
    for item in items:
        by_month[item.date.month].append(item)
    pages = []
    for month in sorted(by_month, reverse=True):
        chunks = [by_month[month][i:i + PAGE_ITEMS] for i in range(0, len(by_month[month]), PAGE_ITEMS)]
        pages += [(f"{month:02d}" + (f"-{part}" if part > 1 else ""), month, part, len(chunks), chunk)
                  for part, chunk in enumerate(chunks, 1)]
    return pages


def month_label(year: int, month: int, part: int, parts: int) -> str:
    return f"Tháng {month}/{year}" + (f", phần {part}/{parts}" if parts > 1 else "")


def render_news_month(data: Dataset, year: int, month: int, part: int, parts: int, items: list[NewsItem]) -> str:
    """A page of a year's news (`month_pages`), beside the year's page."""
    others = " · ".join(f"[{p}]({month:02d}{f'-{p}' if p > 1 else ''}.md)" if p != part else str(p)
                        for p in range(1, parts + 1))
    return (f"# Tin bài {month_label(year, month, part, parts).lower()}\n\n"
            f"{len(items)} tin bài đã duyệt. [Tin bài năm {year}](../{year}.md)"
            + (f" · Các phần của tháng: {others}" if parts > 1 else "") + "\n"
            + block(tag("ul", join(news_line(data, n) for n in items), cls="news")))


def list_pages(items: list) -> list[list]:
    """A quota list in pages of QUOTA_PAGE_ITEMS."""
    return [items[i:i + QUOTA_PAGE_ITEMS] for i in range(0, len(items), QUOTA_PAGE_ITEMS)] or [[]]


def quota_paged(year: YearResult) -> bool:
    """Whether the quota year's lists are too long for its page: then each has pages of its own."""
    return sum(len(g.items) for g in year.groups) + len(year.not_counted) > QUOTA_PAGE_ITEMS


# -- evidence and approval -------------------------------------------------------------------

def duration_text(duration: str) -> str:
    """`3:20` -> `3 phút 20 giây`."""
    minutes, seconds = (int(x) for x in duration.split(":"))
    return " ".join(x for x in (f"{minutes} phút" if minutes else "", f"{seconds} giây" if seconds else "") if x)


def shown_url(url: str) -> str:
    """An article's address as shown to reviewers: its canonical form."""
    return clean_url(url)


@per_item
def evidence(data: Dataset, item: NewsItem) -> Html:
    """What a reviewer checks the item against: the address, the broadcast's records, the printed page."""
    parts: list[Html] = []
    b = item.broadcast
    if b is not None:
        aired = f"phát trong “{b.programme}”" if b.programme else "phát sóng"
        aired += f" lúc {b.time}" if b.time else ""
        aired += f" ngày {show(item.date)}"
        aired += f", dài {duration_text(b.duration)}" if b.duration else ""
        parts.append(esc(aired))
        if b.log is not None:
            parts.append(esc(f"nhật ký phát sóng số {b.log.number} ngày {show(b.log.date)}"))
        if b.recording is not None:
            parts.append(link(b.recording, "bản ghi"))
    if item.print is not None:
        printed = [f"báo in số {item.print.issue}"] if item.print.issue else []
        printed += [f"trang {item.print.page}"] if item.print.page else []
        parts.append(esc(", ".join(printed)))
    if item.url is not None:
        parts.append(link(shown_url(item.url), shown_url(item.url), cls="url"))
    return join(parts, "; ") if parts else Html("chưa có bằng chứng")


def staff_name(data: Dataset, staff_id: str | None) -> str:
    if staff_id == FEED_IMPORT:
        return "nhập tự động từ RSS/Atom"
    member = data.staff_member.get(staff_id) if staff_id else None
    return member.name if member else (staff_id or "không ghi")


@per_item
def approval(data: Dataset, item: NewsItem) -> str:
    """Who entered and who approved the item, and when."""
    entered = f"Nhập: {staff_name(data, item.entered_by)}"
    if item.approved_by is None:
        if item.status != "published":
            return entered
        rule_from = data.site.two_person_rule_from
        since = f" ({show(rule_from)})" if rule_from else ""
        return f"Duyệt trước khi áp dụng quy định hai người{since}: không ghi người nhập, người duyệt"
    day = f", ngày {show(item.approved_on)}" if item.approved_on else ""
    return f"{entered} · Duyệt: {staff_name(data, item.approved_by)}{day}"


@per_item
def counted_line(data: Dataset, item: NewsItem) -> Html:
    """A counted item with its evidence and its approver, on the year's quota page."""
    outlet = data.outlet[item.outlet].name
    return tag("li", join([
        tag("time", show(item.date), datetime=item.date.isoformat()), " · ", esc(item.title), " · ",
        tag("span", f"{outlet}, {item.kind}", cls="meta"),
        tag("span", join(["Bằng chứng: ", evidence(data, item)]), cls="evidence"),
        tag("span", approval(data, item), cls="approval")]))


# -- quota dashboard -------------------------------------------------------------------------

def month_chart(result: GroupResult) -> Html:
    """Monthly counts as an inline SVG bar chart; the same figures follow in a table."""
    width, height, top, bottom, left = 600, 200, 20, 30, 30
    months = list(result.months)
    peak = max(max(result.by_month), 1)
    step = (width - left) / len(months)
    bars = []
    for i, (month, value) in enumerate(zip(months, result.by_month)):
        h = (height - top - bottom) * value / peak
        x = left + i * step
        y = height - bottom - h
        bars.append(f'<rect x="{x + 4:.1f}" y="{y:.1f}" width="{step - 8:.1f}" height="{h:.1f}" class="bar"></rect>'
                    f'<text x="{x + step / 2:.1f}" y="{y - 4:.1f}" text-anchor="middle">{value}</text>'
                    f'<text x="{x + step / 2:.1f}" y="{height - 10}" text-anchor="middle">{MONTHS[month - 1]}</text>')
    label = f"Số tin bài theo tháng năm {result.year}, nhóm {result.group.name}: " + ", ".join(
        f"tháng {m}: {v}" for m, v in zip(months, result.by_month))
    return Html(f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="{esc(label)}">'
                f"<title>{esc(label)}</title>{''.join(bars)}</svg>")


def outlet_dates(data: Dataset, outlet_id: str, start: date, end: date) -> str:
    """An outlet's name, with the day it opened or closed when that falls in `start`..`end`."""
    outlet = data.outlet[outlet_id]
    notes = []
    if outlet.valid_from and start < outlet.valid_from <= end:
        notes.append(f"từ {show(outlet.valid_from)}")
    if outlet.valid_to and start <= outlet.valid_to < end:
        notes.append(f"đến {show(outlet.valid_to)}")
    return f"{outlet.name} ({', '.join(notes)})" if notes else outlet.name


def change_lines(span: SpanResult) -> list[str]:
    """Outlets that opened or closed during the span, in words."""
    lines = []
    for change in span.changes:
        if change.closed:
            lines.append(f"{change.outlet.name} ngừng hoạt động sau ngày {show(change.closed)}")
        if change.opened:
            lines.append(f"{change.outlet.name} bắt đầu hoạt động từ ngày {show(change.opened)}")
    return lines


def sum_text(span: SpanResult, what: str) -> str:
    return (f"{len(span.published)} tin bài đã duyệt có ngày trong {what} = {len(span.counted)} tin bài được tính "
            f"+ {len(span.not_counted)} tin bài không tính (lý do ở dưới).")


def render_quota_group(data: Dataset, result: GroupResult, number: int | None = None) -> str:
    """One group's section of its quota year page; `number` (its place among the year's groups), when
    the year's lists are too long for its page (`quota_paged`), names the pages of its counted items."""
    g = result.group
    when = "" if result.whole_year else f" ({days_text(result.start, result.end)})"
    facts = [("Quy định", f"{result.rule_text} ({g.source})" if g.source else result.rule_text)]
    if not result.whole_year or len(data.site.periods) > 1:
        facts.append(("Giai đoạn", f"{result.period.id}, tính từ {show(result.start)} đến {show(result.end)}"))
    if threshold_note(result):
        facts.append(("Cách tính chỉ tiêu", threshold_note(result)))
    facts += [("Nơi đăng được tính", ", ".join(outlet_dates(data, o, result.start, result.end)
                                               for o in result.outlets) or "chưa có"),
              ("Cần đạt", f"{result.target} tin bài trước {show(result.end)}"),
              ("Đã có", str(result.count)), ("Kết quả", status_text(result)),
              ("Còn thiếu", str(result.remaining))]
    if pace_text(result):
        facts.append(("Tiến độ", pace_text(result)))
    rows = [(tag("th", k, scope="row"), tag("td", v)) for k, v in facts]
    parts = [f"\n## {md(g.name)}{md(when)}\n",
             block(tag("table", tag("tbody", join(tag("tr", join(r, " ")) for r in rows)), cls="facts")),
             "\n### Theo tháng\n", block(tag("figure", month_chart(result))),
             block(table(["Tháng", "Số tin bài"],
                         [(f"Tháng {m}", n) for m, n in zip(result.months, result.by_month)]
                         + [("Cả năm" if result.whole_year else "Cộng", result.count)],
                         caption=f"Số tin bài theo tháng năm {result.year}", numeric={1})),
             "\n### Theo nơi đăng\n",
             block(table(["Nơi đăng, phát", "Số tin bài"],
                         [(data.outlet[o].name, n) for o, n in result.by_outlet.items()], numeric={1})),
             f"\n### Các tin bài được tính ({result.count})\n"]
    if number is not None and result.items:
        parts.append(f"\n{list_links(result.year, f'tinh-{number}', list(result.items))}\n")
    elif result.items:
        # The year's news page lists these items already: keep them out of the search index once more.
        parts.append(block(tag("ol", join(counted_line(data, n) for n in result.items), cls="news counted",
                               data_search_exclude="true")))
    else:
        parts.append("\nChưa có tin bài nào.\n")
    return "".join(parts)


def _not_counted_list(data: Dataset, entries: list[tuple[NewsItem, str]]) -> Html:
    return tag("ul", join(tag("li", join([news_parts(data, n), tag("span", f"Lý do: {reason}", cls="reason")]))
                          for n, reason in entries), cls="news not-counted", data_search_exclude="true")


def list_links(year: int, name: str, entries: list) -> str:
    """Markdown links from a quota year page to the pages of one of its long lists, with the days of each."""
    chunks = list_pages(entries)
    day = (lambda entry: entry.date) if isinstance(entries[0], NewsItem) else (lambda entry: entry[0].date)
    return f"Mỗi trang {QUOTA_PAGE_ITEMS} tin bài: " + " · ".join(
        f"[{show(day(chunk[0]))} – {show(day(chunk[-1]))}]({year}/{name}-{k}.md)" for k, chunk in enumerate(chunks, 1))


def quota_list_pages(data: Dataset, year: YearResult) -> list[tuple[str, str]]:
    """The pages of the quota year's long lists, beside its page: (name, Markdown)."""
    if not quota_paged(year):
        return []
    lists = [(f"tinh-{i}", f"Tin bài được tính – {g.group.name}" + (f" ({days_text(g.start, g.end)})"
                                                                  if not g.whole_year else ""), list(g.items))
             for i, g in enumerate(year.groups, 1) if g.items]
    if year.not_counted:
        lists.append(("khong-tinh", "Tin bài đã duyệt nhưng không tính", list(year.not_counted)))
    pages = []
    for name, title, entries in lists:
        chunks = list_pages(entries)
        for k, chunk in enumerate(chunks, 1):
            others = " · ".join(f"[{p}]({name}-{p}.md)" if p != k else str(p) for p in range(1, len(chunks) + 1))
            if isinstance(chunk[0], NewsItem):
                body = tag("ol", join(counted_line(data, n) for n in chunk), cls="news counted",
                           start=(k - 1) * QUOTA_PAGE_ITEMS + 1)
            else:
                body = _not_counted_list(data, chunk)
            pages.append((f"{name}-{k}", front_matter(search={"exclude": True})
                          + f"# {md(title)}, năm {year.year} (trang {k}/{len(chunks)})\n\n"
                          f"{len(chunk)} tin bài. [Chỉ tiêu tin bài năm {year.year}](../{year.year}.md) · "
                          f"Các trang: {others}\n" + block(body)))
    return pages


HALF = {1: ("6 tháng đầu năm", "6-thang-dau"), 7: ("6 tháng cuối năm", "6-thang-cuoi")}


def report_uri(span: SpanResult) -> str:
    """`bao-cao/2025.md`, or `bao-cao/2025-6-thang-dau.md` for a half-year."""
    whole = (span.start, span.end) == (date(span.year, 1, 1), date(span.year, 12, 31))
    return f"bao-cao/{span.year}.md" if whole else f"bao-cao/{span.year}-{HALF[span.start.month][1]}.md"


def report_name(span: SpanResult) -> str:
    whole = (span.start, span.end) == (date(span.year, 1, 1), date(span.year, 12, 31))
    return f"năm {span.year}" if whole else f"{HALF[span.start.month][0]} {span.year}"


def report_links(year: YearResult, halves: list[SpanResult]) -> str:
    """Markdown links from a quota year page to its printable reports."""
    return " · ".join(f"[Báo cáo kết quả {report_name(s)}](../{report_uri(s)})" for s in [year, *halves])


def render_quota_year(data: Dataset, year: YearResult, halves: list[SpanResult] = ()) -> str:
    plans = "; ".join(f"{md(p.title)} ({show(p.start)} – {show(p.end)})" for p in year.periods)
    parts = [f"# Chỉ tiêu tin bài năm {year.year}\n",
             (f"Theo {plans}. " if plans else "Không có giai đoạn kế hoạch nào trong năm này. ") +
             "Mỗi tin bài chỉ tính một lần, vào năm của ngày đăng theo giờ Việt Nam, khi đã được một người "
             f"khác người nhập duyệt. [Tải CSV](../du-lieu/chi-tieu-{year.year}.csv) · "
             f"[Tải JSON](../du-lieu/chi-tieu-{year.year}.json)\n",
             f"\nBản in A4 để nộp kèm hồ sơ sơ kết, tổng kết: {report_links(year, list(halves))}\n"]
    waiting = len(year.pending)
    parts.append(block(tag("p", f"{waiting} tin bài có ngày trong năm {year.year} đang chờ duyệt, chưa được tính."
                            if waiting else f"Không có tin bài nào của năm {year.year} đang chờ duyệt.",
                            cls="pending")))
    if len(year.parts) > 1 or any((p.start, p.end) != (date(year.year, 1, 1), date(year.year, 12, 31))
                                  for p in year.parts):
        spans = "; ".join(f"từ {show(p.start)} đến {show(p.end)} theo giai đoạn {p.period.id}" for p in year.parts)
        parts.append(f"\nNăm {year.year} được tính theo từng phần: {md(spans)}. Mỗi phần có chỉ tiêu riêng "
                     "cho số ngày của nó (xem \"Cách tính chỉ tiêu\" ở từng nhóm).\n")
    if year.changes:
        parts.append("\nThay đổi nơi đăng, phát trong năm: " + md("; ".join(change_lines(year))) + ".\n")
    parts.append(block(join(quota_card(g) for g in year.groups)))
    paged = quota_paged(year)
    parts += [render_quota_group(data, g, i if paged else None) for i, g in enumerate(year.groups, 1)]
    parts.append(f"\n## Tin bài đã duyệt nhưng không tính ({len(year.not_counted)})\n")
    parts.append(f"\n{md(sum_text(year, f'năm {year.year}'))}\n")
    if paged and year.not_counted:
        parts.append(f"\n{list_links(year.year, 'khong-tinh', list(year.not_counted))}\n")
    elif year.not_counted:
        parts.append(block(_not_counted_list(data, list(year.not_counted))))
    return "".join(parts)


def render_quota_index(data: Dataset, results: dict[int, YearResult]) -> str:
    # The dashboard ranks above the year pages, which share its words, when people search for quotas.
    parts = [front_matter(search={"boost": 2}), "# Theo dõi chỉ tiêu tin bài\n",
             "Kế hoạch đặt chỉ tiêu số tin bài mỗi năm. Bảng dưới đây ghi kết quả từng năm: đạt hay chưa, "
             "còn thiếu bao nhiêu. Chọn một năm để xem từng tin bài được tính, bằng chứng, người duyệt, "
             "và bản báo cáo để in.\n"]
    for period in data.site.periods:
        groups = [g for r in sorted(results.values(), key=lambda r: r.year, reverse=True)
                  for g in r.groups if g.period is period]
        if groups:
            parts.append(f"\n## Giai đoạn {md(period.id)}\n\n{md(period.title)}\n")
            parts.append(block(quota_table(groups, "{year}/")))
    return "".join(parts)
