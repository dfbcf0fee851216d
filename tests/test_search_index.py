"""The search index holds each news item once: on its year page, not again on the quota page."""

import json

from conftest import VALID
from test_build import build

TITLE = "Tuần tra đêm ở An Hòa"


def test_counted_items_are_listed_on_the_quota_page_but_indexed_only_on_the_year_page(tmp_path):
    result = build(tmp_path / "site", VALID, today="2024-06-01")
    assert result.returncode == 0, result.stderr
    entries = json.loads((tmp_path / "site/search/search_index.json").read_text(encoding="utf-8"))["docs"]
    found = {e["location"].split("#")[0] for e in entries if TITLE in e["text"]}
    assert "tin-bai/2024/" in found and not any(location.startswith("chi-tieu/") for location in found)
    quota_page = (tmp_path / "site/chi-tieu/2024/index.html").read_text(encoding="utf-8")
    assert TITLE in quota_page and "data-search-exclude" not in quota_page
