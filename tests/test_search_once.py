"""Each news item is indexed for search once: on its year page, not again in the quota page's counted list."""

from datetime import date

from antq.load import load_dataset
from antq.pages import site_pages

from conftest import VALID
from test_build import build

TITLE = "Tuần tra đêm ở An Hòa"


def test_only_the_quota_pages_counted_list_is_kept_out_of_the_search_index():
    pages = {p.uri: p.content for p in site_pages(load_dataset(VALID), date(2024, 6, 1))}
    assert '<ol class="news counted" data-search-exclude="true">' in pages["chi-tieu/2024.md"]
    assert TITLE in pages["tin-bai/2024.md"] and "data-search-exclude" not in pages["tin-bai/2024.md"]


def test_the_built_quota_page_lists_the_items_without_the_search_marker(tmp_path):
    result = build(tmp_path / "site", VALID, today="2024-06-01")
    assert result.returncode == 0, result.stderr
    quota_page = (tmp_path / "site/chi-tieu/2024/index.html").read_text(encoding="utf-8")
    assert TITLE in quota_page and "data-search-exclude" not in quota_page
