"""Hotline posters are pure renderers: the right numbers for the place, escaped, with a QR code."""

import dataclasses
from datetime import date

from antq.load import load_dataset
from antq.posters import poster_pages, qr_svg, render_poster
from conftest import VALID

URL = "https://site.example/antq/duong-day-nong/"
DAY = date(2025, 12, 1)


def test_a_page_for_the_index_the_whole_area_and_each_current_commune():
    data = load_dataset(VALID)
    ended = data.communes[1].model_copy(update={"valid_to": date(2025, 6, 30)})
    data = dataclasses.replace(data, communes=(data.communes[0], ended))
    uris = [p.uri for p in poster_pages(data, DAY, "https://site.example/antq/")]
    assert uris == ["ap-phich/index.md", "ap-phich/toan-dia-ban.md", "ap-phich/an-hoa.md"]
    index = poster_pages(data, DAY, None)[0].content
    assert '<a href="an-hoa/">xã An Hòa</a>' in index and "dong-tam" not in index


def test_commune_poster_has_its_numbers_the_promise_and_a_qr_code_opening_the_hotline_page():
    data = load_dataset(VALID)
    poster = render_poster(data, DAY, data.commune["an-hoa"], URL)
    assert "# Đường dây nóng tố giác tội phạm – xã An Hòa" in poster
    assert '<a href="tel:113" class="number">113</a>' in poster
    assert "0912 345 678" in poster and "Gọi điện, Nhắn tin SMS, Zalo" in poster
    assert "tel:0912345678" not in poster  # an invented number is never a link
    assert "được giữ bí mật" in poster
    own = URL + "#xa-an-hoa"  # the commune's own numbers on the hotline page
    assert qr_svg(own) in poster and f'<a href="{own}">{own}</a>' in poster
    assert poster.startswith("---\n") and 'search: {"exclude": true}' in poster


def test_whole_area_poster_leaves_commune_numbers_to_their_posters():
    data = load_dataset(VALID)
    poster = render_poster(data, DAY, None, URL)
    assert "toàn huyện Thử" in poster and "113" in poster and "0912 345 678" not in poster


def test_a_number_past_its_end_is_not_on_the_poster():
    data = load_dataset(VALID)
    ended = data.hotlines[1].model_copy(update={"valid_to": date(2025, 11, 30)})
    poster = render_poster(dataclasses.replace(data, hotlines=(data.hotlines[0], ended)), DAY,
                           data.commune["an-hoa"], URL)
    assert "0912 345 678" not in poster and "113" in poster


def test_values_are_text_and_without_a_site_address_there_is_no_qr_code():
    data = load_dataset(VALID)
    hostile = data.commune["an-hoa"].model_copy(update={"name": "<script>alert(1)</script>"})
    poster = render_poster(data, DAY, hostile, None)
    assert "<script>" not in poster and "&lt;script&gt;" in poster
    assert "<svg" not in poster


def test_qr_code_is_labelled_for_screen_readers_and_escapes_the_address():
    svg = qr_svg('https://site.example/?a=1&b="2"')
    assert svg.startswith('<svg role="img" aria-label="Mã QR mở trang https://site.example/?a=1&amp;b=&quot;2&quot;"')
    assert "<title>" in svg and "viewBox" in svg
