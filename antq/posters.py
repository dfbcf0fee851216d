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
from .hotlines import poster_hotlines
from .model import Commune, Hotline
from .page import Page
from .render import CHANNEL, number_html

FOLDER = "ap-phich"
WHOLE_AREA = "toan-dia-ban"  # reserved: see RESERVED_IDS in model.py
HOTLINES_PAGE = "duong-day-nong/"
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


def render_poster(data: Dataset, today: date, commune: Commune | None, hotlines_url: str | None) -> str:
    place = commune.name if commune else f"toàn {data.site.locality}"
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
    parts += [_number_card(h) for h in local]
    if commune is None:
        parts.append(tag("p", "Số của Công an từng xã, phường: quét mã bên dưới hoặc xem áp phích của xã, phường.",
                         cls="poster-lead-small"))
    if emergency[1:]:
        parts.append(tag("ul", join(tag("li", join([number_html(h), " ", h.name])) for h in emergency[1:]),
                         cls="poster-other"))
    parts.append(tag("p", PROMISE, cls="poster-promise"))
    if hotlines_url:
        parts.append(tag("div", join([qr_svg(hotlines_url), tag("p", join(
            ["Quét mã để xem mọi số đường dây nóng: ", link(hotlines_url, hotlines_url)]))]), cls="poster-qr"))
    parts.append(tag("p", f"Cập nhật ngày {show(today)}.", cls="poster-date"))
    return (front_matter(description="Áp phích đường dây nóng tố giác tội phạm, in trên một trang A4.",
                         search={"exclude": True})
            + f"# Đường dây nóng tố giác tội phạm – {md(place)}\n"
            + block(tag("div", join(parts), cls="poster")))


def poster_communes(data: Dataset, today: date) -> list[Commune]:
    return sorted((c for c in data.communes if c.valid_on(today)), key=lambda c: c.name)


def render_poster_index(data: Dataset, today: date) -> str:
    items = [tag("li", link(f"{WHOLE_AREA}/", f"Toàn {data.site.locality}"))]
    items += [tag("li", link(f"{c.id}/", c.name)) for c in poster_communes(data, today)]
    return ("# Áp phích đường dây nóng\n\n"
            "Mỗi áp phích vừa một trang giấy A4: số điện thoại cỡ lớn, cách báo tin, lời cam kết giữ bí mật "
            "và mã QR mở trang [đường dây nóng](../duong-day-nong.md). Mở áp phích của xã, phường mình, "
            "chọn In (Ctrl+P) rồi dán ở nhà văn hóa, trụ sở thôn, tổ dân phố, chợ, trường học.\n"
            + block(tag("ul", join(items), cls="posters")))


def poster_pages(data: Dataset, today: date, site_url: str | None) -> list[Page]:
    url = urljoin(site_url, HOTLINES_PAGE) if site_url else None
    pages = [Page(f"{FOLDER}/index.md", render_poster_index(data, today), "hotlines.yml"),
             Page(f"{FOLDER}/{WHOLE_AREA}.md", render_poster(data, today, None, url), "hotlines.yml")]
    pages += [Page(f"{FOLDER}/{c.id}.md", render_poster(data, today, c, url), "hotlines.yml")
              for c in poster_communes(data, today)]
    return pages
