"""Print the bytes Chromium receives on a first visit to the hotline page of built sites, then on
their first search: the figures behind the search design (see antq/search.py).

    .venv/bin/python tests/measure_transfer.py SITE_DIR [SITE_DIR ...]

Build a site with `SITE_TODAY=... mkdocs build --site-dir DIR` (SITE_DATA_DIR=... for another
data set, e.g. one made by tests/synthetic_news.py). Not a test: it only measures.
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from browser import CHROMIUM, CHROMIUM_ARGS, first_visit, serve


def type_query(page):
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("duong day nong", delay=30)


def main(sites: list[str]) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for root in sites:
            served = serve(Path(root))
            site = next(served)
            for label, then in (("first visit", None), ("first visit + search 'duong day nong'", type_query)):
                sizes = first_visit(browser, site / "duong-day-nong/", then)
                print(f"{root}: {label}: {sum(sizes.values()):,} bytes")
                for url, size in sorted(sizes.items(), key=lambda kv: -kv[1]):
                    print(f"  {size:>10,}  {url.removeprefix(site.url)}")
            served.close()
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1:])
