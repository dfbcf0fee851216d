"""Light on a cheap phone: bytes Chromium receives on a first visit to the hotline page of a
site with 10,000 news items, and on its first search."""

from browser import first_visit
from test_browser_search import pages, results, search

LIMIT = 500_000  # the whole first visit: page, theme, search worker
SEARCH_LIMIT = 150_000  # what the first search adds


def is_search_data(url: str) -> bool:
    return "/search/" in url and not url.endswith("/search/search_index.json")


def test_the_site_has_10000_items(big_site):
    # On the year pages, or on their month pages when a year is long.
    listed = sum(page.read_text(encoding="utf-8").count("<li><time") for page in big_site.root.glob("tin-bai/**/index.html"))
    assert listed > 9000


def test_first_visit_to_the_hotline_page_stays_under_500_kb_and_fetches_no_search_data(browser, big_site):
    sizes = first_visit(browser, big_site / "duong-day-nong/")
    assert sum(sizes.values()) <= LIMIT, sizes
    assert big_site / "duong-day-nong/" in sizes and big_site / "assets/javascripts/search-worker.js" in sizes
    assert not [url for url in sizes if is_search_data(url)]
    assert sizes[big_site / "search/search_index.json"] < 1000


def test_first_search_fetches_only_small_pieces_and_finds_the_page(browser, big_site):
    found = {}

    def type_query(page):
        search(page, "duong day nong")
        found["pages"] = pages(results(page), big_site.url)

    sizes = first_visit(browser, big_site / "duong-day-nong/", then=type_query)
    searched = {url: size for url, size in sizes.items() if is_search_data(url)}
    assert big_site / "search/docs.json" in searched and len(searched) <= 1 + len("duong day nong".split())
    assert sum(searched.values()) <= SEARCH_LIMIT, searched
    assert "duong-day-nong/" in found["pages"][:3]


def test_a_long_years_pages_stay_under_500_kb_on_a_first_visit(browser, big_site):
    year = max(p.name for p in (big_site.root / "tin-bai").iterdir() if p.name.isdigit() and (p / "01").is_dir())

    def biggest(folder: str) -> str:
        pages = [p for p in (big_site.root / folder / year).glob("*/index.html")]
        assert len(pages) >= 2  # the year's lists have pages of their own
        return max(pages, key=lambda p: p.stat().st_size).parent.relative_to(big_site.root).as_posix() + "/"
    for address in [f"tin-bai/{year}/", biggest("tin-bai"), f"chi-tieu/{year}/", biggest("chi-tieu")]:
        sizes = first_visit(browser, big_site / address)
        assert sum(sizes.values()) <= LIMIT, (address, sizes)
