"""Every generated page and download of the site, from one validated data set."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from itertools import chain

from . import render
from .dates import show
from .feeds import feed_pages, subscribe_note
from .html import block, join, link, table
from .dataset import Dataset
from .export import NEWS_COLUMNS, JsonText, csv_head, json_list, json_text, news_csv_row, news_json, quota_csv, quota_detail, to_json
from .memo import joined, keeping
from .model import NewsItem
from .posters import poster_pages
from .page import Page
from .quota import YearResult, count_halves, count_quotas, leading_years
from .report import render_report
from .target_pages import target_pages


def download_pages(data: Dataset, news_years: dict[int, list[NewsItem]], results: dict[int, YearResult]) -> Iterator[Page]:
    """The downloads, one at a time (those of every year in parts, a year after another): a big site's
    are megabytes, and each is written before the next is made. Each item is encoded once (and kept
    while it does not change, see antq/memo.py); a list of the same items is not put together again."""
    keep = keeping(data)

    def rows(year: int, items: list[NewsItem]) -> str:
        return joined(f"tin-bai-{year}.csv", [news_csv_row(data, n) for n in items], "".join, keep)

    def texts(year: int, items: list[NewsItem]) -> JsonText:
        return joined(f"tin-bai-{year}.json", [news_json(data, n) for n in items], json_list, keep)

    def detail(result: YearResult) -> str:
        return json_text(quota_detail(result, {id(n): news_json(data, n) for n in result.published}))

    for year, items in news_years.items():
        yield Page(f"du-lieu/tin-bai-{year}.csv", csv_head(NEWS_COLUMNS) + rows(year, items).encode("utf-8"))
        yield Page(f"du-lieu/tin-bai-{year}.json", to_json(texts(year, items)))
    for year, result in results.items():
        yield Page(f"du-lieu/chi-tieu-{year}.csv", quota_csv([result]))
        yield Page(f"du-lieu/chi-tieu-{year}.json", (detail(result) + "\n").encode("utf-8"))
    yield Page("du-lieu/tin-bai.csv", chain([csv_head(NEWS_COLUMNS)],
                                            (rows(y, items).encode("utf-8") for y, items in news_years.items())))
    yield Page("du-lieu/tin-bai.json", _listed_parts(texts(y, items).text[1:-1] for y, items in news_years.items()))
    yield Page("du-lieu/chi-tieu.json", _listed_parts(detail(result) for result in results.values()))


def _listed_parts(values: Iterator[str]) -> Iterator[bytes]:
    """A JSON list of values already encoded, as `to_json` writes it, in parts."""
    yield b"["
    for n, value in enumerate(values):
        yield (", " + value if n else value).encode("utf-8")
    yield b"]\n"


def render_downloads(news_years: dict[int, list[NewsItem]], results: dict[int, YearResult], today: date) -> str:
    rows = [(str(y), len(news_years.get(y, [])),
             join([link(f"tin-bai-{y}.csv", "CSV"), " · ", link(f"tin-bai-{y}.json", "JSON")]) if y in news_years else "—",
             join([link(f"chi-tieu-{y}.csv", "CSV"), " · ", link(f"chi-tieu-{y}.json", "JSON")]) if y in results else "—")
            for y in sorted(set(news_years) | set(results), reverse=True)]
    return ("# Dữ liệu mở\n\nTải về danh sách tin bài đã duyệt và kết quả chỉ tiêu để đối chiếu. "
            "Tệp CSV mở được bằng Excel hoặc LibreOffice (mã hóa UTF-8); tệp JSON dành cho máy đọc. "
            f"Dữ liệu cập nhật đến ngày {show(today)}.\n\n"
            "- Tất cả tin bài đã duyệt: [CSV](tin-bai.csv) · [JSON](tin-bai.json)\n"
            "- Kết quả chỉ tiêu mọi năm, kèm từng tin bài được tính (bằng chứng, người duyệt), các tin bài "
            "không tính và lý do: [JSON](chi-tieu.json)\n"
            "- Mục tiêu của kế hoạch, mọi chỉ số năm theo năm, kèm mã các đơn vị được tính: "
            "[CSV](muc-tieu.csv) · [JSON](muc-tieu.json)\n"
            "- Nhiệm vụ, thời hạn và báo cáo của các đơn vị: [CSV](nhiem-vu.csv) · [JSON](nhiem-vu.json)\n"
            + block(table(["Năm", "Số tin bài", "Tin bài", "Chỉ tiêu"], rows, numeric={1})))


def site_pages(data: Dataset, today: date, site_url: str | None = None) -> list[Page]:
    """Every page and download (`site_files`), each whole."""
    return [p if isinstance(p.content, (str, bytes)) else Page(p.uri, b"".join(p.content), p.source)
            for p in site_files(data, today, site_url)]


def site_files(data: Dataset, today: date, site_url: str | None = None) -> Iterator[Page]:
    """Every page and download, one after another (see `download_pages`). `site_url` (absolute, from
    mkdocs.yml) is what the posters' QR codes open and what the news feeds need (left out without it)."""
    results = count_quotas(data, today)
    news_years = render.published_by_year(data)

    def page(uri: str, content: str, source: str | None = None) -> Page:
        return Page(uri, content + render.edit_footer(data, source), source) if source else Page(uri, content)
    # Yielded as they are made: the hook keeps each page's text in another form, and the pages of a big
    # site take hundreds of megabytes.
    yield page("index.md", render.render_home(data, today, leading_years(data, today, results)), "hotlines.yml")
    yield page("duong-day-nong.md", render.render_hotlines(data, today), "hotlines.yml")
    yield page("mo-hinh/index.md", render.render_models(data, "type", today), "models.yml")
    yield page("mo-hinh/theo-xa.md", render.render_models(data, "commune", today), "models.yml")
    yield page("guong-nguoi-tot/index.md", render.render_people(data), "people.yml")
    yield page("tin-bai/index.md", render.render_news_index(data, news_years) + (subscribe_note() if site_url else ""),
               "news/README.md")
    yield page("chi-tieu/index.md", render.render_quota_index(data, results), "site.yml")
    yield page("du-lieu/index.md", render_downloads(news_years, results, today), "news/README.md")
    for y, items in news_years.items():
        yield page(f"tin-bai/{y}.md", render.render_news_year(data, y, items, y in results), "news/README.md")
        if len(items) > render.PAGE_ITEMS:
            for name, month, part, parts, chunk in render.month_pages(items):
                yield page(f"tin-bai/{y}/{name}.md", render.render_news_month(data, y, month, part, parts, chunk),
                           "news/README.md")
    for y, result in results.items():
        halves = count_halves(data, y, today)
        yield page(f"chi-tieu/{y}.md", render.render_quota_year(data, result, halves), "news/README.md")
        for name, content in render.quota_list_pages(data, result):
            yield page(f"chi-tieu/{y}/{name}.md", content, "news/README.md")
        for span in [result, *halves]:
            yield page(render.report_uri(span), render_report(data, span, today))
    for poster in poster_pages(data, today, site_url):
        yield page(poster.uri, poster.content, poster.source)
    for target in target_pages(data, today, results):
        yield page(target.uri, target.content, target.source) if isinstance(target.content, str) else target
    if site_url:
        yield from feed_pages(data, site_url, today)
    yield from download_pages(data, news_years, results)
