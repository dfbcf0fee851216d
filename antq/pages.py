"""Every generated page and download of the site, from one validated data set."""

from __future__ import annotations

from datetime import date

from . import render
from .dates import show
from .feeds import feed_pages, subscribe_note
from .html import block, join, link, table
from .dataset import Dataset
from .export import NEWS_COLUMNS, news_record, quota_csv, quota_detail, to_csv, to_json
from .model import NewsItem
from .posters import poster_pages
from .page import Page
from .quota import YearResult, count_halves, count_quotas, leading_years
from .report import render_report
from .target_pages import target_pages


def download_pages(data: Dataset, news_years: dict[int, list[NewsItem]], results: dict[int, YearResult]) -> list[Page]:
    # Each item's record and each year's detail is built once, then shared by every file it appears in.
    record = {id(n): news_record(data, n) for n in data.published}
    details = {year: quota_detail(result, record) for year, result in results.items()}
    everything = list(record.values())
    pages = [Page("du-lieu/tin-bai.csv", to_csv(NEWS_COLUMNS, everything)),
             Page("du-lieu/tin-bai.json", to_json(everything)),
             Page("du-lieu/chi-tieu.json", to_json(list(details.values())))]
    for year, items in news_years.items():
        records = [record[id(n)] for n in items]
        pages += [Page(f"du-lieu/tin-bai-{year}.csv", to_csv(NEWS_COLUMNS, records)),
                  Page(f"du-lieu/tin-bai-{year}.json", to_json(records))]
    for year, result in results.items():
        pages += [Page(f"du-lieu/chi-tieu-{year}.csv", quota_csv([result])),
                  Page(f"du-lieu/chi-tieu-{year}.json", to_json(details[year]))]
    return pages


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
    """Every page and download. `site_url` (absolute, from mkdocs.yml) is what the posters' QR codes
    open and what the news feeds need (they are left out without it)."""
    results = count_quotas(data, today)
    news_years = render.published_by_year(data)
    pages = [
        Page("index.md", render.render_home(data, today, leading_years(data, today, results)), "hotlines.yml"),
        Page("duong-day-nong.md", render.render_hotlines(data, today), "hotlines.yml"),
        Page("mo-hinh/index.md", render.render_models(data, "type", today), "models.yml"),
        Page("mo-hinh/theo-xa.md", render.render_models(data, "commune", today), "models.yml"),
        Page("guong-nguoi-tot/index.md", render.render_people(data), "people.yml"),
        Page("tin-bai/index.md", render.render_news_index(data, news_years) + (subscribe_note() if site_url else ""),
             "news/README.md"),
        Page("chi-tieu/index.md", render.render_quota_index(data, results), "site.yml"),
        Page("du-lieu/index.md", render_downloads(news_years, results, today), "news/README.md"),
    ]
    pages += [Page(f"tin-bai/{y}.md", render.render_news_year(data, y, items, y in results), "news/README.md")
              for y, items in news_years.items()]
    for y, result in results.items():
        halves = count_halves(data, y, today)
        pages.append(Page(f"chi-tieu/{y}.md", render.render_quota_year(data, result, halves), "news/README.md"))
        pages += [Page(render.report_uri(span), render_report(data, span, today)) for span in [result, *halves]]
    pages += poster_pages(data, today, site_url)
    pages += target_pages(data, today, results)
    pages = [Page(p.uri, p.content + render.edit_footer(data, p.source), p.source) if p.source else p for p in pages]
    feeds = feed_pages(data, site_url, today) if site_url else []
    return pages + download_pages(data, news_years, results) + feeds
