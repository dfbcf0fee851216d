"""Search as people type it, in Chromium: without diacritics, with them, or in decomposed Unicode."""

import json
import unicodedata

import pytest

from antq.text import fold
from antq.search import words
from browser import results, search

QUERIES = [
    # (typed without diacritics, pages that must be among the first results, words marked in them)
    ("duong day nong", ["duong-day-nong/"], ["Đường", "dây", "nóng"]),
    ("to giac toi pham", ["huong-dan/to-giac-toi-pham/", "duong-day-nong/"], ["tố", "giác", "tội", "phạm"]),
    ("tuan tra nhan dan", ["mo-hinh/", "huong-dan/mo-hinh-tu-quan/"], ["tuần", "tra", "Nhân", "dân"]),
]
TOP = 3


def pages(found, base) -> list[str]:
    return [group["page"].removeprefix(base).split("#")[0] for group in found]


@pytest.fixture(scope="module")
def hotline_page(browser, demo_site):
    """One page for the module: each search clears the box first."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(demo_site / "duong-day-nong/")
    yield page
    context.close()


@pytest.mark.parametrize(("query", "expected", "accented"), QUERIES, ids=[q for q, _, _ in QUERIES])
def test_typed_without_diacritics_finds_the_accented_pages(hotline_page, demo_site, query, expected, accented):
    search(hotline_page, query)
    found = results(hotline_page)
    assert set(expected) <= set(pages(found[:TOP], demo_site.url)), pages(found, demo_site.url)
    marked = {m for group in found[:TOP] for m in group["marked"]}
    assert set(accented) <= marked, marked


@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_typed_with_diacritics_in_either_unicode_form_finds_the_same_pages(hotline_page, demo_site, form):
    query = unicodedata.normalize(form, "Tố giác tội phạm")
    search(hotline_page, query)
    typed = hotline_page.locator("input.md-search__input").input_value()
    assert typed == query and (form == "NFC") == (typed == unicodedata.normalize("NFC", typed))
    accented = pages(results(hotline_page), demo_site.url)
    search(hotline_page, "to giac toi pham")
    assert accented[:TOP] and set(accented) == set(pages(results(hotline_page), demo_site.url))
    assert "huong-dan/to-giac-toi-pham/" in accented[:TOP]


def test_a_word_nobody_wrote_finds_nothing(hotline_page):
    box = hotline_page.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.press_sequentially("xyzzyq", delay=15)
    hotline_page.wait_for_function(
        "() => document.querySelector('.md-search-result__meta').textContent.includes('Không tìm thấy')")
    assert hotline_page.locator(".md-search-result__item").count() == 0


def run_worker(page, base, query):
    """The search worker's answer to one query, through the theme's messages (SETUP, then QUERY)."""
    return page.evaluate("""([url, query]) => new Promise(resolve => {
        const worker = new Worker(url);
        worker.onmessage = ({data}) => data.type === 1 ? worker.postMessage({type: 2, data: query})
                                                      : (worker.terminate(), resolve(data.data));
        worker.postMessage({type: 0, data: {config: {}, docs: []}});
    })""", [base + "assets/javascripts/search-worker.js", query])


@pytest.mark.parametrize("spelling", ["dương", "đường"])
def test_the_spelling_typed_ranks_first(hotline_page, demo_site, spelling):
    folder = demo_site.root / "search"
    docs = json.loads((folder / "docs.json").read_text(encoding="utf-8"))["docs"]
    postings = json.loads((folder / "t/du.json").read_text(encoding="utf-8"))["duong"]
    exact = {docs[i][0] for i in postings[spelling][::2]}
    other = {docs[i][0] for s, p in postings.items() if s != spelling for i in p[::2]} - exact
    assert exact and other

    answer = run_worker(hotline_page, demo_site.url, spelling + " ")
    ranked = sorted((item for group in answer["items"] for item in group if item["score"] > 0),
                    key=lambda item: -item["score"])
    found = [item["location"] for item in ranked]
    assert set(found) == exact | other  # every spelling is found...
    flags = [location in exact for location in found]
    assert flags == sorted(flags, reverse=True)  # ...the one typed first


TEXTS = ["Đường dây nóng", "ĐỒNG CỐC, Đèo Gia", "Tổ tuần tra Nhân dân", "hòa giải, hoà giải", "Quý II/2026",
         "Ở ỷ Ữ ự Ằ ẵ", "phường Phượng Sơn", "Biển Động", "İstanbul ß ǅ ﬁ", "0204 3882 113"]


def test_the_browser_folds_and_splits_words_like_the_index(hotline_page, demo_site):
    samples = TEXTS + [unicodedata.normalize("NFD", t) for t in TEXTS]
    hotline_page.add_script_tag(url=demo_site / "assets/javascripts/search-worker.js")
    folded, split = hotline_page.evaluate("texts => [texts.map(fold), texts.map(words)]", samples)
    assert folded == [fold(t) for t in samples]
    assert split == [[list(w) for w in words(t)] for t in samples]
