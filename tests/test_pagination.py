"""A year too long for a phone has pages: its news a month to a page (a long month in parts), the
quota year's lists so many items to a page. A short year keeps everything on its own page."""

import re
from datetime import date

import pytest

from antq import render
from antq.load import load_dataset
from antq.pages import site_pages
from antq.quota import count_quotas
from antq.synthetic import synthetic_files, write_files

from conftest import VALID

TODAY = date(2026, 1, 15)
LINE = re.compile(r"<li><time")


@pytest.fixture(scope="module")
def year(tmp_path_factory):
    """600 items of 2025, and pages of at most 40 news items, 30 quota entries."""
    folder = tmp_path_factory.mktemp("long-year")
    write_files(folder, synthetic_files(600, seed=4, years=1))
    data = load_dataset(folder, today=TODAY)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(render, "PAGE_ITEMS", 40)
        patch.setattr(render, "QUOTA_PAGE_ITEMS", 30)
        pages = {p.uri: p.content for p in site_pages(data, TODAY)}
    return data, pages


def test_a_long_year_lists_its_months_and_each_item_is_on_one_month_page(year):
    data, pages = year
    published = [n for n in data.published if n.date.year == 2025]
    months = {uri: text for uri, text in pages.items() if uri.startswith("tin-bai/2025/")}
    assert not LINE.search(pages["tin-bai/2025.md"])
    for uri in months:
        assert f'href="{uri.removeprefix("tin-bai/2025/").removesuffix(".md")}/"' in pages["tin-bai/2025.md"]
    assert sum(len(LINE.findall(text)) for text in months.values()) == len(published)
    for item in published:
        assert sum(item.title in text for text in months.values()) == 1, item.title
    parts = [uri for uri in months if re.fullmatch(r"tin-bai/2025/\d\d-\d+\.md", uri)]
    assert parts and all(len(LINE.findall(months[uri])) <= 40 for uri in months)
    assert "[Tin bài năm 2025](../2025.md)" in months["tin-bai/2025/12.md"]


def test_a_long_quota_year_has_its_lists_on_numbered_pages(year):
    data, pages = year
    result = count_quotas(data, TODAY)[2025]
    page = pages["chi-tieu/2025.md"]
    assert 'class="news counted"' not in page and "not-counted" not in page
    lists = {uri: text for uri, text in pages.items() if uri.startswith("chi-tieu/2025/")}
    for i, group in enumerate(result.groups, 1):
        mine = sorted((uri for uri in lists if uri.startswith(f"chi-tieu/2025/tinh-{i}-")),
                      key=lambda uri: int(uri.rsplit("-", 1)[1][:-3]))
        assert len(mine) == -(-len(group.items) // 30)
        assert [f"(2025/{uri.removeprefix('chi-tieu/2025/')})" in page for uri in mine] == [True] * len(mine)
        shown = "".join(lists[uri] for uri in mine)
        assert all(item.title in shown for item in group.items)
        assert [int(n) for n in re.findall(r'<ol class="news counted" start="(\d+)"', shown)] == \
               list(range(1, len(group.items) + 1, 30))
    assert all("search:" in text.split("---", 2)[1] for text in lists.values())  # on the news pages already


def test_a_short_year_keeps_its_lists_on_its_page():
    data = load_dataset(VALID, today=date(2024, 6, 1))
    pages = {p.uri: p.content for p in site_pages(data, date(2024, 6, 1))}
    assert LINE.search(pages["tin-bai/2024.md"]) and 'class="news counted"' in pages["chi-tieu/2024.md"]
    assert not [uri for uri in pages if re.match(r"(tin-bai|chi-tieu)/\d{4}/", uri)]
