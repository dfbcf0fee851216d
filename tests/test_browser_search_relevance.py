"""Search that answers tasks: what people type, in the site's own search box in Chromium, leads
first to the page (or the commune's section) they look for.

Each case is (what is typed, the expected first result). A result with `#` is a commune's section
of the hotline page: the first result group must be that page with the section as its first sub-result.
"""

import pytest

from browser import search

RELEVANCE = [
    # Numbers: the hotline page, typed the way people do (mostly without diacritics).
    ("duong day nong", "duong-day-nong/"),
    ("đường dây nóng", "duong-day-nong/"),
    ("so dien thoai cong an", "duong-day-nong/"),
    ("số điện thoại công an", "duong-day-nong/"),
    ("cong an xa", "duong-day-nong/"),
    ("sdt cong an", "duong-day-nong/"),
    ("113", "duong-day-nong/"),
    ("zalo cong an", "duong-day-nong/"),
    ("nhan tin cho cong an", "duong-day-nong/"),
    ("cap cuu", "duong-day-nong/"),
    ("so khan cap", "duong-day-nong/"),
    # A commune named: its own section, with its number or what to call instead.
    ("cong an xa tan son", "duong-day-nong/#xa-tan-son"),
    ("công an phường chũ", "duong-day-nong/#phuong-chu"),
    ("so dien thoai phuong phuong son", "duong-day-nong/#phuong-phuong-son"),
    ("cong an xa bien dong", "duong-day-nong/#xa-bien-dong"),
    ("xa deo gia", "duong-day-nong/#xa-deo-gia"),
    ("đường dây nóng xã Nam Dương", "duong-day-nong/#xa-nam-duong"),
    ("sdt cong an kien lao", "duong-day-nong/#xa-kien-lao"),
    # A commune merged on 01/07/2025, named as people still call it: its successor's section.
    ("cong an xa hong giang", "duong-day-nong/#phuong-chu"),
    ("so dien thoai xa tan moc", "duong-day-nong/#xa-nam-duong"),
    # Reporting: the how-to page.
    ("to giac toi pham", "huong-dan/to-giac-toi-pham/"),
    ("tố giác tội phạm", "huong-dan/to-giac-toi-pham/"),
    ("cach to giac", "huong-dan/to-giac-toi-pham/"),
    ("bao tin toi pham", "huong-dan/to-giac-toi-pham/"),
    ("nguoi to giac co duoc giu bi mat", "huong-dan/to-giac-toi-pham/"),
    # Quotas: the dashboard.
    ("chi tieu tin bai", "chi-tieu/"),
    ("ket qua chi tieu", "chi-tieu/"),
    ("chỉ tiêu tin bài năm 2024", "chi-tieu/2024/"),
    # The other pages people name.
    ("guong nguoi tot viec tot", "guong-nguoi-tot/"),
    ("tai du lieu csv", "du-lieu/"),
    ("ap phich", "ap-phich/"),
]


def first_result(page, base: str, section: bool) -> str:
    """The first result group's page or, with `section`, its first sub-result shown (the theme
    folds the weaker ones under "more")."""
    links = page.locator(".md-search-result__item").first.evaluate(
        "item => [...item.querySelectorAll(':scope > a')].map(a => a.getAttribute('href'))")
    shown = [href.removeprefix(base) for href in links]
    return shown[1] if section and len(shown) > 1 else shown[0]


@pytest.fixture(scope="module")
def search_page(browser, demo_site):
    context = browser.new_context()
    page = context.new_page()
    page.goto(demo_site.url)
    yield page
    context.close()


def test_the_set_is_large_and_covers_every_task():
    assert len(RELEVANCE) >= 25
    expected = {target.split("#")[0] for _, target in RELEVANCE}
    assert {"duong-day-nong/", "huong-dan/to-giac-toi-pham/", "chi-tieu/"} <= expected
    assert sum("#" in target for _, target in RELEVANCE) >= 5


@pytest.mark.parametrize(("query", "expected"), RELEVANCE, ids=[q for q, _ in RELEVANCE])
def test_what_people_type_finds_what_they_look_for_first(search_page, demo_site, query, expected):
    search(search_page, query)
    assert first_result(search_page, demo_site.url, "#" in expected) == expected
