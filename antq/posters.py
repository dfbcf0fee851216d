"""Printable A4 hotline posters, for the whole area and for each commune: pure renderers.

Each poster carries the numbers in large type, the channels, the promise that reports are
kept confidential, and a QR code (SVG, made at build time) that opens the hotline page.
"""

from __future__ import annotations

from datetime import date
from urllib.parse import urljoin

import segno

from .dates import show
from .html import Html, block, esc, front_matter, join, link, md, tag
from .dataset import Dataset
from .hotlines import HOTLINES_PAGE, commune_anchor, current_communes, poster_hotlines
from .model import Commune, Hotline
from .page import Page
from .render import CHANNEL, call_links, number_html, unit_words

FOLDER = "ap-phich"
WHOLE_AREA = "toan-dia-ban"  # reserved: see RESERVED_IDS in model.py
PROMISE = ("Mọi tin báo đều được giữ bí mật. Người tố giác tội phạm được giữ bí mật danh tính "
           "và được pháp luật bảo vệ.")


def qr_svg(url: str) -> Html:
    """A QR code opening `url`, as inline SVG that scales with its box."""
    label = f"Mã QR mở trang {url}"
    svg = segno.make(url, error="m").svg_inline(omitsize=True, svgclass="qr", title=label)
    return Html(svg.replace("<svg ", f'<svg role="img" aria-label="{esc(label)}" ', 1))


def _number_card(hotline: Hotline) -> Html:
    facts = "Kênh: " + ", ".join(CHANNEL[c] for c in hotline.channels) + f" · Giờ trực: {hotline.hours}"
    return tag("div", join([tag("p", hotline.name, cls="name"), tag("p", number_html(hotline), cls="call"),
                            tag("p", facts, cls="facts")]), cls="poster-line")


def poster_url(hotlines_url: str, commune: Commune | None) -> str:
    """What a poster's QR code opens: the commune's own numbers on the hotline page, or its top."""
    return f"{hotlines_url}#{commune_anchor(commune)}" if commune else hotlines_url


def render_poster(data: Dataset, today: date, commune: Commune | None, hotlines_url: str | None) -> str:
    place = commune.name if commune else f"toàn {data.site.place_on(today).full_name}"
    emergency, local = poster_hotlines(data, today, commune)
    parts: list[object] = []
    if data.site.demo:
        parts.append(tag("p", "Dữ liệu minh họa: các số địa phương trên áp phích này là ví dụ, không phải số thật.",
                         cls="poster-demo"))
    parts.append(tag("p", "Thấy tội phạm, việc làm vi phạm pháp luật? Hãy báo ngay cho Công an.", cls="poster-lead"))
    if emergency:
        first = emergency[0]
        parts.append(tag("div", join([tag("p", first.name, cls="name"), tag("p", number_html(first), cls="call"),
                                      tag("p", "Miễn phí · " + first.hours, cls="facts")]), cls="poster-main"))
    if commune is not None and not any(h.commune == commune.id for h in local):
        parts.append(tag("p", call_links(f"Công an {commune.name} chưa có số đường dây nóng riêng: khi khẩn cấp "
                                         "hãy gọi 113, việc không khẩn cấp gọi các số dưới đây hoặc đến trụ sở "
                                         f"Công an {commune.name}."), cls="poster-lead-small"))
    parts += [_number_card(h) for h in local]
    if commune is None:
        words = unit_words(current_communes(data, today))
        parts.append(tag("p", f"Số của Công an từng {words}: quét mã bên dưới hoặc xem áp phích của {words}.",
                         cls="poster-lead-small"))
    if emergency[1:]:
        parts.append(tag("ul", join(tag("li", join([number_html(h), " ", h.name])) for h in emergency[1:]),
                         cls="poster-other"))
    parts.append(tag("p", PROMISE, cls="poster-promise"))
    if hotlines_url:
        url = poster_url(hotlines_url, commune)
        what = f"số của Công an {commune.name}" if commune else "mọi số đường dây nóng"
        parts.append(tag("div", join([qr_svg(url), tag("p", join(
            [f"Quét mã để xem {what}: ", link(url, url)]))]), cls="poster-qr"))
    parts.append(tag("p", f"Cập nhật ngày {show(today)}.", cls="poster-date"))
    return (front_matter(description="Áp phích đường dây nóng tố giác tội phạm, in trên một trang A4.",
                         search={"exclude": True})
            + f"# Đường dây nóng tố giác tội phạm – {md(place)}\n"
            + block(tag("div", join(parts), cls="poster")))


def poster_communes(data: Dataset, today: date) -> list[Commune]:
    return current_communes(data, today)


def render_poster_index(data: Dataset, today: date) -> str:
    items = [tag("li", link(f"{WHOLE_AREA}/", f"Toàn {data.site.place_on(today).full_name}"))]
    items += [tag("li", link(f"{c.id}/", c.name)) for c in poster_communes(data, today)]
    words = unit_words(poster_communes(data, today))
    return ("# Áp phích đường dây nóng\n\n"
            "Mỗi áp phích vừa một trang giấy A4: số điện thoại cỡ lớn, cách báo tin, lời cam kết giữ bí mật "
            f"và mã QR mở số của {words} đó trên trang [đường dây nóng](../duong-day-nong.md). Mở áp phích của {words} mình, "
            "chọn In (Ctrl+P) rồi dán ở nhà văn hóa, trụ sở thôn, tổ dân phố, chợ, trường học.\n"
            + block(tag("ul", join(items), cls="posters")))


def poster_pages(data: Dataset, today: date, site_url: str | None) -> list[Page]:
    url = urljoin(site_url, HOTLINES_PAGE) if site_url else None
    pages = [Page(f"{FOLDER}/index.md", render_poster_index(data, today), "hotlines.yml"),
             Page(f"{FOLDER}/{WHOLE_AREA}.md", render_poster(data, today, None, url), "hotlines.yml")]
    pages += [Page(f"{FOLDER}/{c.id}.md", render_poster(data, today, c, url), "hotlines.yml")
              for c in poster_communes(data, today)]
    return pages
