"""Every page type in Chromium: accessible (axe-core), untracked, readable without JavaScript,
shareable (Open Graph), and printable on A4."""

import re
from datetime import date
from urllib.parse import urljoin, urlsplit

import pytest

from antq.load import load_dataset
from antq.posters import poster_communes, poster_url, qr_svg
from antq.quota import count_quotas
from antq.hotlines import commune_anchor, current_hotlines
from browser import PROJECT, TODAY, axe_violations, configured_site_url, search

DATA = load_dataset(PROJECT / "data")
DAY = date.fromisoformat(TODAY)
YEAR = DATA.published[0].date.year
PAGES = {"home": "", "hotlines": "duong-day-nong/", "guidance": "huong-dan/to-giac-toi-pham/", "models": "mo-hinh/",
         "people": "guong-nguoi-tot/", "news year": f"tin-bai/{YEAR}/", "quota year": f"chi-tieu/{YEAR}/",
         "downloads": "du-lieu/", "posters": "ap-phich/", "poster": "ap-phich/toan-dia-ban/",
         "quota split year": "chi-tieu/2025/", "report": "bao-cao/2025/", "half-year report": "bao-cao/2025-6-thang-cuoi/",
         "targets": "muc-tieu/", "indicator": "muc-tieu/2020-2025/don-vi-an-toan/", "units": "muc-tieu/don-vi/",
         "duties": "nhiem-vu/"}
CONFIG = (PROJECT / "mkdocs.yml").read_text(encoding="utf-8")
SITE_URL = configured_site_url()
SITE_NAME = re.search(r"^site_name:\s*\"?(.*?)\"?$", CONFIG, re.M).group(1)
HOTLINES_URL = urljoin(SITE_URL, "duong-day-nong/")


@pytest.fixture(scope="module")
def page(browser):
    context = browser.new_context()
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def page_without_js(browser):
    context = browser.new_context(java_script_enabled=False)
    yield context.new_page()
    context.close()


def described(violations) -> list[str]:
    return [f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes'][:3]]}" for v in violations]


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_page_has_no_wcag_a_or_aa_violation(page, demo_site, path):
    page.goto(demo_site / path)
    assert described(axe_violations(page)) == []


@pytest.mark.parametrize("viewport", [{"width": 360, "height": 740}, {"width": 1280, "height": 800}],
                         ids=["phone", "desktop"])
def test_search_results_have_no_wcag_a_or_aa_violation(browser, demo_site, viewport):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(demo_site / "duong-day-nong/")
    if viewport["width"] < 600:
        page.locator("label.md-header__button[for=__search]").click()
    search(page, "to giac")
    assert described(axe_violations(page)) == []
    context.close()


def test_no_request_goes_to_another_host(browser, demo_site):
    context = browser.new_context()
    requested = []
    context.on("request", lambda request: requested.append(request.url))
    page = context.new_page()
    for path in PAGES.values():
        page.goto(demo_site / path, wait_until="networkidle")
    search(page, "duong day nong")  # the search worker's own requests too
    context.close()
    assert any("/search/t/" in url for url in requested) and len(requested) > 2 * len(PAGES)
    site = urlsplit(demo_site.url).netloc
    elsewhere = [url for url in requested if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).netloc != site]
    assert elsewhere == []


def visible_text(page, url) -> str:
    page.goto(url)
    return page.locator("article").inner_text()


def test_hotlines_are_readable_without_javascript(page_without_js, demo_site):
    text = visible_text(page_without_js, demo_site / "duong-day-nong/")
    current = current_hotlines(DATA, DAY)
    assert current and all(h.number in text and h.name in text for h in current)
    assert page_without_js.locator('a[href="tel:113"]').first.is_visible()
    expired = [h for h in DATA.hotlines if h.valid_to and h.valid_to < DAY]
    assert expired and not any(f'href="tel:{h.number.replace(" ", "")}"' in page_without_js.content() for h in expired)


def test_quota_figures_and_lists_are_readable_without_javascript(page_without_js, demo_site):
    result = count_quotas(DATA, DAY)[YEAR]
    text = visible_text(page_without_js, demo_site / f"chi-tieu/{YEAR}/")
    assert all(f"{g.count}/{g.target}" in text for g in result.groups)
    counted = sum(g.count for g in result.groups)
    assert page_without_js.locator("ol.counted li").count() == counted > 0
    page_without_js.goto(demo_site / f"tin-bai/{YEAR}/")
    assert page_without_js.locator("ul.news li").count() == sum(1 for n in DATA.published if n.date.year == YEAR)
    text = visible_text(page_without_js, demo_site / "mo-hinh/")
    assert all(m.name in text for m in DATA.models)
    text = visible_text(page_without_js, demo_site / "guong-nguoi-tot/")
    assert all(p.name in text for p in DATA.people)


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_shared_link_shows_title_and_summary(page_without_js, demo_site, path):
    page_without_js.goto(demo_site / path)
    og = dict(page_without_js.eval_on_selector_all(
        "meta[property^='og:']", "metas => metas.map(m => [m.getAttribute('property'), m.getAttribute('content')])"))
    canonical = page_without_js.locator("link[rel=canonical]").get_attribute("href")
    assert og["og:url"] == canonical == SITE_URL + path
    assert og["og:type"] == "website" and og["og:site_name"] == SITE_NAME
    assert og["og:title"] and page_without_js.title().startswith(og["og:title"])
    assert len(og["og:description"]) > 40


# -- printing --------------------------------------------------------------------------------

def printed_pages(page) -> int:
    """A4 pages of the page printed to PDF by Chromium."""
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", page.pdf(format="A4", prefer_css_page_size=True)))


def test_hotline_page_prints_on_one_a4_page(page, demo_site):
    page.goto(demo_site / "duong-day-nong/")
    assert printed_pages(page) == 1
    # The check can fail: without the site's print rules the same page takes several sheets.
    page.evaluate("document.querySelector('link[href$=\"site.css\"]').disabled = true")
    assert printed_pages(page) > 1


POSTERS = ["ap-phich/toan-dia-ban/"] + [f"ap-phich/{c.id}/" for c in poster_communes(DATA, DAY)]


def test_every_current_commune_has_a_poster_listed(page_without_js, demo_site):
    page_without_js.goto(demo_site / "ap-phich/")
    listed = page_without_js.eval_on_selector_all("ul.posters a", "links => links.map(a => a.href)")
    assert listed == [demo_site / p for p in POSTERS] and len(POSTERS) > 2


@pytest.mark.parametrize("path", POSTERS)
def test_poster_prints_on_one_a4_page_with_its_numbers_and_qr_code(page, demo_site, path):
    page.goto(demo_site / path)
    commune = path.split("/")[1]
    own = [h for h in current_hotlines(DATA, DAY) if h.commune == commune]
    text = page.locator("article").inner_text()
    assert all(h.number in text for h in own) and "113" in text and "bí mật" in text
    assert not page.locator(".example a[href^='tel:']").count()  # invented numbers are never dialled
    # The QR code opens the commune's own section of the hotline page (the whole area's poster: its top).
    opens = poster_url(HOTLINES_URL, DATA.commune.get(commune))
    assert opens == HOTLINES_URL + (f"#{commune_anchor(DATA.commune[commune])}" if commune in DATA.commune else "")
    assert qr_svg(opens) in (demo_site.root / path / "index.html").read_text(encoding="utf-8")
    page.emulate_media(media="print")
    qr = page.locator(".poster-qr svg").bounding_box()
    number = page.locator(".poster-main .number").bounding_box()
    assert qr["width"] > 140 and number["height"] > 50  # about 4 cm, and large type
    assert not page.locator(".md-header").is_visible()
    assert printed_pages(page) == 1
    page.emulate_media(media="no-override")
