"""The site's own news feeds: the latest published items as RSS 2.0, Atom 1.0 and JSON Feed 1.1.

Pure: data in, `Page`s with bytes out. Feeds need absolute addresses, so the site's URL is
passed in (MkDocs' `site_url`, from the hook). Each item links to the original article; an
item without one (a broadcast) links to the site's page of its year.
"""

from __future__ import annotations

import html
import json
from datetime import date, datetime, time
from pathlib import PurePosixPath
from zoneinfo import ZoneInfo

from feedgen.feed import FeedGenerator

from .dataset import Dataset
from .model import NewsItem
from .page import Page

FEED_ITEMS = 50
RSS, ATOM, JSON_FEED = "tin-bai/rss.xml", "tin-bai/atom.xml", "tin-bai/feed.json"
# Material's script fetches sitemap.xml beside each <link rel="alternate"> of a page (it expects
# language versions there): the feeds' folder has its own, so that fetch finds a file, not a 404.
SITEMAP = "tin-bai/sitemap.xml"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"


def subscribe_note() -> str:
    """The sentence under the news index that offers the feeds (Markdown, relative to tin-bai/)."""
    return (f"\nTheo dõi {FEED_ITEMS} tin bài mới nhất bằng ứng dụng đọc tin: "
            "[RSS](rss.xml) · [Atom](atom.xml) · [JSON Feed](feed.json)\n")


class _Feed:
    """What the three formats share: addresses, titles, dates, one record per item."""

    def __init__(self, data: Dataset, site_url: str, today: date) -> None:
        self.data = data
        self.base = site_url.rstrip("/") + "/"
        self.home = self.base + "tin-bai/"
        self.items = list(data.published[:FEED_ITEMS])
        self.tz = ZoneInfo(data.site.timezone)
        site, place = data.site, data.site.place_on(today)
        self.title = f"Tin bài – {site.name}" + (" (dữ liệu minh họa)" if site.demo else "")
        self.description = (f"Tin bài đã duyệt về an ninh, trật tự và phong trào toàn dân bảo vệ an ninh Tổ quốc "
                            f"ở {place.full_name}, {place.province}: {FEED_ITEMS} tin mới nhất.")
        self.updated = self.moment(self.items[0].date if self.items else today)

    def moment(self, day: date) -> datetime:
        """A date-only item at the start of its local day: readers get back the same local date."""
        return datetime.combine(day, time(), self.tz)

    def link(self, item: NewsItem) -> str:
        return item.url or f"{self.home}{item.date.year}/"

    def id(self, item: NewsItem) -> str:
        if item.url:
            return item.url
        return f"{self.home}{item.date.year}/#{PurePosixPath(self.data.file_of(item)).stem}"

    def outlet(self, item: NewsItem) -> str:
        return self.data.outlet[item.outlet].name


def _generator(feed: _Feed, kind: str) -> FeedGenerator:
    gen = FeedGenerator()
    gen.id(feed.home)
    gen.title(feed.title)
    gen.description(feed.description)
    gen.language("vi")
    gen.link(href=feed.base + (RSS if kind == "rss" else ATOM), rel="self")
    gen.link(href=feed.home, rel="alternate")  # RSS takes the last link as the channel's
    gen.updated(feed.updated)
    gen.lastBuildDate(feed.updated)  # not "now": the same data builds the same feed
    for item in feed.items:
        entry = gen.add_entry(order="append")
        entry.title(item.title)
        entry.link(href=feed.link(item), rel="alternate")
        entry.published(feed.moment(item.date))
        entry.updated(feed.moment(item.date))
        entry.category(term=item.outlet, label=feed.outlet(item))
        if kind == "rss":
            entry.guid(feed.id(item), permalink=bool(item.url))
            if item.summary:
                entry.description(html.escape(item.summary))  # RSS descriptions are read as HTML
        else:
            entry.id(feed.id(item))
            entry.author(name=feed.outlet(item))
            if item.summary:
                entry.summary(item.summary)  # Atom text construct: plain text
    return gen


def render_rss(feed: _Feed) -> bytes:
    return _generator(feed, "rss").rss_str(pretty=True)


def render_atom(feed: _Feed) -> bytes:
    return _generator(feed, "atom").atom_str(pretty=True)


def render_json_feed(feed: _Feed) -> bytes:
    items = []
    for item in feed.items:
        record = {"id": feed.id(item), "url": feed.link(item), "title": item.title,
                  "content_text": item.summary or item.title,
                  "date_published": feed.moment(item.date).isoformat(),
                  "authors": [{"name": feed.outlet(item)}], "tags": [item.kind, *item.topics]}
        if item.summary:
            record["summary"] = item.summary
        items.append(record)
    document = {"version": JSON_FEED_VERSION, "title": feed.title, "home_page_url": feed.home,
                "feed_url": feed.base + JSON_FEED, "description": feed.description, "language": "vi",
                "items": items}
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def render_news_sitemap(feed: _Feed) -> bytes:
    """A sitemap of the news pages (the index and each year's page)."""
    years = sorted({item.date.year for item in feed.data.published}, reverse=True)
    urls = [feed.home] + [f"{feed.home}{year}/" for year in years]
    lines = "".join(f"<url><loc>{html.escape(url)}</loc></url>" for url in urls)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{lines}</urlset>\n').encode("utf-8")


def feed_pages(data: Dataset, site_url: str, today: date) -> list[Page]:
    feed = _Feed(data, site_url, today)
    return [Page(RSS, render_rss(feed)), Page(ATOM, render_atom(feed)), Page(JSON_FEED, render_json_feed(feed)),
            Page(SITEMAP, render_news_sitemap(feed))]
