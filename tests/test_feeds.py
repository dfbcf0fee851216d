"""The site's own news feeds: RSS and Atom read back by feedparser, JSON Feed 1.1 by its spec."""

import dataclasses
import html
import io
import json
import posixpath
import re
from datetime import date, datetime
from html.parser import HTMLParser

import feedparser
import pytest

from antq.dates import local_date
from antq.feeds import ATOM, FEED_ITEMS, JSON_FEED, RSS, SITEMAP, feed_pages
from antq.load import load_dataset
from conftest import VALID, approved
from test_build import build

SITE = "https://antq.example/site"  # no trailing slash: the feeds add it
TZ = "Asia/Ho_Chi_Minh"
HOSTILE = '<script>alert(1)</script> & Tổ "tuần" tra <b>đêm</b>'
HOSTILE_SUMMARY = "Tóm tắt có <i>thẻ</i> & ký hiệu"


@pytest.fixture
def data(data_copy):
    """The small valid set, a hostile title, and more published items than a feed holds."""
    news = data_copy / "news" / "2024"
    (news / "2024-12-30-hostile.yml").write_text(
        f"title: {json.dumps(HOSTILE, ensure_ascii=False)}\ndate: 2024-12-30\noutlet: bao-tinh\n"
        f"url: https://bao.example/hostile?a=1&b=2\nstatus: published\n{approved('2024-12-30')}"
        f"summary: {json.dumps(HOSTILE_SUMMARY, ensure_ascii=False)}\n",
        encoding="utf-8")
    for n in range(1, 56):
        day = date.fromordinal(date(2024, 5, 1).toordinal() + n)
        (news / f"{day.isoformat()}-tin-{n}.yml").write_text(
            f'title: "Tin an ninh số {n}"\ndate: {day.isoformat()}\noutlet: cong-huyen\n'
            f'url: "https://cong.example/tin-{n}.html"\nstatus: published\n{approved(day.isoformat())}', encoding="utf-8")
    return load_dataset(data_copy)


def pages(data, today=date(2025, 6, 1)):
    return {p.uri: p.content for p in feed_pages(data, SITE, today)}


def expected(data, items=None):
    return [(n.title, n.url or f"{SITE}/tin-bai/{n.date.year}/", n.date) for n in (items or data.published[:FEED_ITEMS])]


@pytest.mark.parametrize("uri, content_type, version", [(RSS, "application/rss+xml", "rss20"),
                                                        (ATOM, "application/atom+xml", "atom10")])
def test_rss_and_atom_read_back_through_feedparser_with_the_same_items(data, uri, content_type, version):
    parsed = feedparser.parse(io.BytesIO(pages(data)[uri]), response_headers={"content-type": content_type})
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == version
    assert len(data.published) > FEED_ITEMS and len(parsed.entries) == FEED_ITEMS
    got = [(e.title, e.link, local_date(e.published_parsed, TZ)) for e in parsed.entries]
    assert got == expected(data)
    assert parsed.feed.title.startswith("Tin bài – Trang thử nghiệm") and parsed.feed.language == "vi"


def test_a_title_with_markup_round_trips_as_text(data):
    feeds = pages(data)
    for uri, content_type in ((RSS, "application/rss+xml"), (ATOM, "application/atom+xml")):
        entry = next(e for e in feedparser.parse(io.BytesIO(feeds[uri]), response_headers={"content-type": content_type}
                                                 ).entries if "alert" in e.title)
        assert entry.title == HOSTILE and entry.title_detail.type == "text/plain"
        assert entry.link == "https://bao.example/hostile?a=1&b=2"
        # Atom's summary is text; RSS's description is HTML, so the text arrives escaped, never as markup.
        shown = entry.summary if uri == ATOM else html.unescape(entry.summary)
        assert shown == HOSTILE_SUMMARY and "<i>" not in (entry.summary if uri == RSS else "")
    assert b"<script>" not in feeds[RSS] and b"<script>" not in feeds[ATOM]
    item = next(i for i in json.loads(feeds[JSON_FEED])["items"] if "alert" in i["title"])
    assert item["title"] == HOSTILE and item["summary"] == HOSTILE_SUMMARY


def test_an_item_without_url_links_to_its_year_page(data):
    broadcast = next(n for n in data.published if n.url is None)
    only = dataclasses.replace(data, news=(broadcast,))
    feeds = pages(only)
    rss = feedparser.parse(io.BytesIO(feeds[RSS]), response_headers={"content-type": "application/rss+xml"}).entries
    assert [(e.link, e.guidislink, e.id) for e in rss] == [
        (f"{SITE}/tin-bai/2024/", False, f"{SITE}/tin-bai/2024/#2024-04-01-phat-thanh")]
    assert json.loads(feeds[JSON_FEED])["items"][0]["url"] == f"{SITE}/tin-bai/2024/"


def test_json_feed_follows_version_1_1_and_has_the_same_items(data):
    doc = json.loads(pages(data)[JSON_FEED].decode("utf-8"))
    assert doc["version"] == "https://jsonfeed.org/version/1.1"
    assert doc["feed_url"] == f"{SITE}/tin-bai/feed.json" and doc["home_page_url"] == f"{SITE}/tin-bai/"
    assert isinstance(doc["title"], str) and doc["title"]
    items = doc["items"]
    assert len({i["id"] for i in items}) == len(items) == FEED_ITEMS
    for item in items:
        assert isinstance(item["id"], str) and (item.get("content_text") or item.get("content_html"))
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}", item["date_published"])
        assert all(set(a) <= {"name", "url", "avatar"} for a in item["authors"])
    got = [(i["title"], i["url"], datetime.fromisoformat(i["date_published"]).date()) for i in items]
    assert got == expected(data)


def test_feeds_depend_on_the_data_not_on_the_day_they_are_built(data):
    assert pages(data, date(2025, 6, 1)) == pages(data, date(2030, 1, 1))


def test_pending_and_rejected_items_are_not_in_the_feeds(data):
    for content in pages(data).values():
        assert b"cho-duyet" not in content


class Alternates(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, name, attrs):
        attrs = dict(attrs)
        if name == "link" and attrs.get("rel") == "alternate":
            self.links.append((attrs["type"], attrs["href"]))


def test_every_page_announces_the_feeds_with_addresses_that_work_from_its_depth(tmp_path):
    site = tmp_path / "site"
    result = build(site, VALID, today="2025-06-01")
    assert result.returncode == 0, result.stderr
    pages_checked = 0
    for page in site.rglob("*.html"):
        if page.name == "404.html" or page.parent.name == "quan-tri":  # the staff editor is an application
            continue
        parser = Alternates()
        parser.feed(page.read_text(encoding="utf-8"))
        assert [t for t, _ in parser.links] == ["application/rss+xml", "application/atom+xml", "application/feed+json"]
        for _, href in parser.links:
            target = posixpath.normpath(posixpath.join(page.parent.relative_to(site).as_posix(), href))
            assert (site / target).is_file(), (page, href)
        pages_checked += 1
    assert pages_checked >= 10
    parsed = feedparser.parse(io.BytesIO((site / "tin-bai/rss.xml").read_bytes()))
    assert not parsed.bozo and [e.title for e in parsed.entries] == ["Phát thanh về phòng chống ma túy",
                                                                    "Tuần tra đêm ở An Hòa"]
    assert parsed.entries[1].link == "https://bao.example/tuan-tra-dem"
    assert parsed.entries[0].link.endswith("/tin-bai/2024/") and parsed.entries[0].link.startswith("https://")
    index = (site / "tin-bai/index.html").read_text(encoding="utf-8")
    assert 'href="rss.xml"' in index and 'href="atom.xml"' in index and 'href="feed.json"' in index


def test_the_feeds_folder_has_a_sitemap_of_the_news_pages(data):
    """The theme's script fetches sitemap.xml beside each <link rel="alternate">: there is one, and
    it lists the news index and each year's page (it is a real sitemap, not an empty file)."""
    sitemap = pages(data)[SITEMAP].decode("utf-8")
    locs = re.findall(r"<loc>(.*?)</loc>", sitemap)
    years = sorted({n.date.year for n in data.published}, reverse=True)
    assert locs == [f"{SITE}/tin-bai/"] + [f"{SITE}/tin-bai/{y}/" for y in years]
    assert posixpath.dirname(SITEMAP) == posixpath.dirname(RSS) == posixpath.dirname(ATOM) == posixpath.dirname(JSON_FEED)
