"""A 360x640 phone in Chromium: the emergency number on the first screen, a commune's number one
tap from the home page, call buttons big enough to hit, no sideways scrolling, clean loads."""

import re
from datetime import date

import pytest

from antq.dataset import Dataset
from antq.hotlines import HOTLINES_PAGE, commune_anchor, current_communes, current_hotlines
from antq.load import load_dataset
from browser import PROJECT, TODAY

DATA: Dataset = load_dataset(PROJECT / "data")
DAY = date.fromisoformat(TODAY)
YEAR = DATA.published[0].date.year
PHONE = {"width": 360, "height": 640}
# One page of each type.
PAGE_TYPES = {"home": "", "hotlines": HOTLINES_PAGE, "guidance": "huong-dan/", "how-to": "huong-dan/to-giac-toi-pham/",
              "movement": "huong-dan/phong-trao/", "models": "mo-hinh/", "models by commune": "mo-hinh/theo-xa/",
              "people": "guong-nguoi-tot/", "news": "tin-bai/", "news year": f"tin-bai/{YEAR}/",
              "quota": "chi-tieu/", "quota year": f"chi-tieu/{YEAR}/", "downloads": "du-lieu/",
              "posters": "ap-phich/", "poster": f"ap-phich/{current_communes(DATA, DAY)[0].id}/",
              "maintainers": "maintainers/benchmark/"}
CALL_LINKS = 'a[href^="tel:"], a[href^="sms:"], a[href^="https://zalo.me/"]'
MIN_SIZE, MIN_GAP = 48, 8


@pytest.fixture(scope="module")
def phone(browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    yield page
    context.close()


def every_page(root) -> list[str]:
    """Every HTML page of the build, as an address relative to the site."""
    return sorted(p.relative_to(root).as_posix().removesuffix("index.html")
                  for p in root.rglob("*.html") if p.name == "index.html")


# -- the first screen and the commune in one tap --------------------------------------------

@pytest.mark.parametrize("path", ["", HOTLINES_PAGE], ids=["home", "hotlines"])
def test_the_emergency_number_is_fully_on_the_first_screen(phone, demo_site, path):
    phone.goto(demo_site / path)
    box = phone.locator('.urgent a[href="tel:113"]').bounding_box()
    assert box is not None
    assert box["x"] >= 0 and box["y"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert box["y"] + box["height"] <= PHONE["height"], box


def test_a_named_commune_is_one_tap_from_home_and_its_number_on_screen(phone, demo_site):
    commune = next(c for c in current_communes(DATA, DAY) if c.name == "xã Tân Sơn")
    own = [h for h in current_hotlines(DATA, DAY) if h.commune == commune.id]
    phone.goto(demo_site.url)
    phone.get_by_role("link", name=commune.name, exact=True).first.tap()  # tap 1
    phone.wait_for_url(demo_site / f"{HOTLINES_PAGE}#{commune_anchor(commune)}")
    number = phone.locator(f"#{commune_anchor(commune)} ~ .hotline .number").first
    assert number.inner_text() == own[0].number
    box = number.bounding_box()
    assert 0 <= box["y"] and box["y"] + box["height"] <= PHONE["height"], box  # tap 2 calls (a real number)


@pytest.mark.parametrize("commune", current_communes(DATA, DAY), ids=lambda c: c.id)
def test_every_current_commune_has_its_own_address_with_its_number_or_what_to_call(phone, demo_site, commune):
    phone.goto(demo_site / f"{HOTLINES_PAGE}#{commune_anchor(commune)}")
    heading = phone.locator(f"h2#{commune_anchor(commune)}")
    assert heading.inner_text() == commune.name
    assert 0 <= heading.bounding_box()["y"] < PHONE["height"] / 2
    section = phone.evaluate("""id => { let text = "", el = document.getElementById(id).nextElementSibling;
        for (; el && el.tagName !== "H2"; el = el.nextElementSibling) text += el.innerText + "\\n"; return text; }""",
                             commune_anchor(commune))
    own = [h for h in current_hotlines(DATA, DAY) if h.commune == commune.id]
    if own:
        assert all(h.number in section for h in own)
    else:
        assert "chưa có số đường dây nóng riêng" in section and "113" in section


# -- targets ---------------------------------------------------------------------------------

def call_targets(page) -> list[dict]:
    """Each visible tel:, sms: or Zalo link: its address and box."""
    return page.eval_on_selector_all(CALL_LINKS, """links => links.filter(a => a.getClientRects().length)
        .map(a => { const r = a.getBoundingClientRect();
                    return {href: a.getAttribute("href"), x: r.left + scrollX, y: r.top + scrollY,
                            width: r.width, height: r.height}; })""")


def gap(a: dict, b: dict) -> float:
    """Distance between two boxes: the larger of the horizontal and the vertical gap (negative: overlap)."""
    dx = max(b["x"] - (a["x"] + a["width"]), a["x"] - (b["x"] + b["width"]))
    dy = max(b["y"] - (a["y"] + a["height"]), a["y"] - (b["y"] + b["height"]))
    return max(dx, dy)


@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_call_buttons_are_48_px_and_8_px_apart(phone, demo_site, path):
    phone.goto(demo_site / path)
    targets = call_targets(phone)
    assert targets  # the banner's 113 at least
    small = [t for t in targets if t["width"] < MIN_SIZE - 0.01 or t["height"] < MIN_SIZE - 0.01]
    assert small == []
    close = [(a["href"], b["href"], round(gap(a, b), 1)) for i, a in enumerate(targets) for b in targets[i + 1:]
             if gap(a, b) < MIN_GAP - 0.01]
    assert close == []


def test_the_target_check_can_fail(phone, demo_site):
    phone.goto(demo_site / HOTLINES_PAGE)
    phone.add_style_tag(content=":is(.md-typeset, .md-banner) a[href^='tel:'] { all: revert !important; }")
    targets = call_targets(phone)
    assert any(t["height"] < MIN_SIZE for t in targets)


# -- sideways --------------------------------------------------------------------------------

SIDEWAYS = """() => {
    const wide = [...document.querySelectorAll("body *")].filter(el => {
        const style = getComputedStyle(el);
        return el.getClientRects().length && ["auto", "scroll"].includes(style.overflowX)
            && el.scrollWidth > el.clientWidth + 1 && !el.closest(".md-search, .md-sidebar, pre");
    }).map(el => el.tagName + "." + el.className);
    return {page: document.scrollingElement.scrollWidth, wide};
}"""


def test_no_page_scrolls_sideways_on_a_phone(phone, demo_site):
    pages = every_page(demo_site.root)
    assert len(pages) > 30
    found = {}
    for path in pages:
        phone.goto(demo_site / path)
        result = phone.evaluate(SIDEWAYS)
        if result["page"] > PHONE["width"] or result["wide"]:
            found[path] = result
    assert found == {}


def test_the_quota_dashboard_reads_as_cards_on_a_phone(phone, demo_site):
    phone.goto(demo_site / "chi-tieu/")
    rows = phone.eval_on_selector_all("table[data-cards] tbody tr", """rows => rows.map(tr => {
        const cell = tr.querySelector("td"), r = tr.getBoundingClientRect();
        return {display: getComputedStyle(tr).display, right: r.right,
                font: parseFloat(getComputedStyle(cell).fontSize),
                label: getComputedStyle(cell, "::before").content}; })""")
    assert rows
    assert {r["display"] for r in rows} == {"block"}
    assert max(r["right"] for r in rows) <= PHONE["width"] and min(r["font"] for r in rows) >= 16
    assert all(r["label"].startswith('"') and r["label"] != '""' for r in rows)  # each value after its column's name
    phone.goto(demo_site / f"chi-tieu/{YEAR}/")  # the year's page opens with one card per group
    cards = phone.eval_on_selector_all(".quota", "cards => cards.map(c => c.getBoundingClientRect().right)")
    assert cards and max(cards) <= PHONE["width"]


# -- words that are links ----------------------------------------------------------------------

UNLINKED_CALL = """() => {
    const copy = document.body.cloneNode(true);
    copy.querySelectorAll('a[href^="tel:"], .md-search, script').forEach(el => el.replaceWith(" [số] "));
    return (copy.textContent.match(/gọi\\s+11[1-5]\\b/gi) || []);
}"""


def test_every_goi_113_in_text_is_a_link(phone, demo_site):
    found = {}
    for path in every_page(demo_site.root):
        phone.goto(demo_site / path)
        unlinked = phone.evaluate(UNLINKED_CALL)
        if unlinked:
            found[path] = unlinked
    assert found == {}


# -- clean loads -----------------------------------------------------------------------------

@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_a_page_load_has_no_failed_request_and_no_console_error(browser, demo_site, path):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    failed, errors = [], []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on("response", lambda response: response.status >= 400 and failed.append(f"{response.status} {response.url}"))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(demo_site / path, wait_until="networkidle")
    page.wait_for_timeout(300)
    context.close()
    assert (failed, errors) == ([], [])


DATES = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})(?![\d/])")


def test_every_date_a_page_shows_is_dd_mm_yyyy(demo_site):
    found = {}
    for path in every_page(demo_site.root):
        text = (demo_site.root / path / "index.html").read_text(encoding="utf-8")
        other = [m.group(0) for m in DATES.finditer(text) if len(m.group(1)) != 2 or len(m.group(2)) != 2]
        if other:
            found[path] = other
    assert found == {}
