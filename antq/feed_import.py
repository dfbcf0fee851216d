"""Importing outlets' RSS/Atom entries as pending news items, for a person to review.

The network stays at the edge (`antq.fetch.fetch`); parsing takes bytes, choosing takes parsed
entries, and nothing is written before the whole data set with the new files validates.
"""

from __future__ import annotations

import io
import json
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import feedparser

from .dates import local_date, show, today
from .fetch import DEFAULT_TIMEOUT, FetchError, Fetched, fetch, is_remote, user_agent
from .dataset import Dataset
from .load import load_dataset
from .problems import DataError, UserError
from .model import FEED_IMPORT, Outlet
from .files import write_atomic
from .news import news_path, news_text
from .text import fold, plain_text, shorten, title_key
from .urls import canonical_url, clean_url

# ETag and Last-Modified of each remote feed, beside the data it belongs to: an unchanged feed is
# then answered with 304 Not Modified. Losing the file only costs one full download per feed.
STATE_FILE = ".feed-state.json"
SUMMARY_LIMIT = 400
# New items taken from one feed in one run: a feed that suddenly lists thousands of relevant
# entries (a broken or hostile server) must not flood one pull request. The rest come next run.
MAX_NEW_PER_FEED = 50
# Harmless oddities of real feeds, not reasons to refuse one: a server that says text/xml without
# a charset for a document that declares its own, or that serves a feed as text/html.
_TOLERATED = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)


class FeedError(Exception):
    """A feed was read but is not a usable RSS/Atom document; the message is the cause."""


class SourceError(UserError):
    """The command named a feed that cannot be imported (an unknown outlet)."""


# -- reading a feed ----------------------------------------------------------------------------

def parse_feed(body: bytes, headers: Mapping[str, str] | None = None, url: str | None = None):
    """Parse feed bytes; response headers (content-type) let feedparser pick the encoding."""
    response_headers = dict(headers or {})
    if url and is_remote(url) and "content-type" in response_headers:
        response_headers.setdefault("content-location", url)  # base for relative links
    parsed = feedparser.parse(io.BytesIO(body), response_headers=response_headers)
    problem = parsed.get("bozo_exception")
    if parsed.get("bozo") and not isinstance(problem, _TOLERATED):
        line = getattr(problem, "getLineNumber", lambda: None)()
        where = f" ở dòng {line}" if line else ""
        cause = problem.getMessage() if hasattr(problem, "getMessage") else str(problem)
        raise FeedError(f"nguồn tin hỏng: XML sai cú pháp{where} ({cause}); không nhập mục nào của nguồn này")
    if not parsed.get("version"):
        raise FeedError("nội dung tải về không phải nguồn tin RSS hay Atom")
    return parsed


@dataclass(frozen=True)
class Entry:
    title: str
    url: str | None
    guid: str | None
    summary: str
    published: time.struct_time | None  # UTC, as feedparser gives
    date_text: str  # the date as written in the feed, for messages


def _text(entry, name: str) -> str:
    detail = entry.get(f"{name}_detail") or {}
    return plain_text(entry.get(name) or "", detail.get("type") or "text/html")


def _link(entry, base: str | None) -> str | None:
    link = (entry.get("link") or "").strip()
    try:
        if link and base:
            link = urljoin(base, link)
        usable = link and urlsplit(link).scheme in ("http", "https") and urlsplit(link).netloc
        return clean_url(link) if usable else None
    except ValueError:  # e.g. an unclosed IPv6 bracket: not an address at all
        return None


def read_entries(parsed, base: str | None = None) -> list[Entry]:
    """The entries of a parsed feed; relative links are resolved against `base` or the feed's own link."""
    base = base or parsed.feed.get("link")
    # dict.get: feedparser's own get() maps a missing `updated` to `published`, with a warning.
    return [Entry(title=_text(e, "title"), url=_link(e, base), guid=(e.get("id") or "").strip() or None,
                  summary=shorten(_text(e, "summary"), SUMMARY_LIMIT),
                  published=dict.get(e, "published_parsed") or dict.get(e, "updated_parsed"),
                  date_text=dict.get(e, "published") or dict.get(e, "updated") or "")
            for e in parsed.entries]


# -- choosing entries --------------------------------------------------------------------------

def _words(text: str) -> str:
    return " ".join("".join(c if c.isalnum() else " " for c in fold(text)).split())


def keyword_matcher(keywords: Iterable[str]) -> Callable[[str], bool]:
    """Whole words, regardless of case and diacritics (đ matches d): 'an ninh' is not in 'Tân Ninh'."""
    wanted = [f" {_words(k)} " for k in keywords if _words(k)]
    return lambda text: any(w in f" {_words(text)} " for w in wanted)


class OnFile:
    """What the data set already has, in any status: canonical URLs, feed ids per outlet, titles per
    outlet and day (folded, as the checks compare them), file names."""

    def __init__(self, data: Dataset) -> None:
        self.urls = {canonical_url(n.url) for n in data.news if n.url}
        self.guids = {(n.outlet, n.guid) for n in data.news if n.guid}
        self.titles = {(n.outlet, n.date, title_key(n.title)) for n in data.news}
        self.paths = {data.file_of(n) for n in data.news}

    def has(self, outlet: str, entry: Entry) -> bool:
        return (entry.url is not None and canonical_url(entry.url) in self.urls) or (
            entry.guid is not None and (outlet, entry.guid) in self.guids)

    def has_title(self, outlet: str, day: date, title: str) -> bool:
        return (outlet, day, title_key(title)) in self.titles

    def add(self, outlet: str, entry: Entry, day: date, rel: str) -> None:
        if entry.url:
            self.urls.add(canonical_url(entry.url))
        if entry.guid:
            self.guids.add((outlet, entry.guid))
        self.titles.add((outlet, day, title_key(entry.title)))
        self.paths.add(rel)


def free_path(root: Path, day: date, title: str, taken: set[str]) -> str:
    """The conventional file name, or the same with -2, -3... when another item has it."""
    base = news_path(day, title)
    rel, n = base, 1
    while rel in taken or (root / rel).exists():
        n += 1
        rel = f"{base.removesuffix('.yml')}-{n}.yml"
    return rel


@dataclass(frozen=True)
class NewFile:
    rel: str
    text: str
    title: str


@dataclass
class FeedResult:
    outlet: Outlet
    source: str
    new: list[NewFile] = field(default_factory=list)
    already: int = 0
    irrelevant: int = 0
    problems: list[str] = field(default_factory=list)  # entries reported and skipped
    left_over: int = 0  # relevant new entries beyond MAX_NEW_PER_FEED, left for the next run
    failure: str | None = None  # the feed could not be read at all
    unchanged: bool = False  # 304 Not Modified
    moved_to: str | None = None  # the address a redirect led to
    validators: dict[str, str] = field(default_factory=dict)  # ETag / Last-Modified to remember


@dataclass
class ImportResult:
    """What one run did, feed by feed; the command turns it into a report and an exit code."""
    feeds: list[FeedResult]
    dry_run: bool = False
    limit: int = MAX_NEW_PER_FEED

    @property
    def new(self) -> int:
        return sum(len(r.new) for r in self.feeds)

    @property
    def failed(self) -> list[FeedResult]:
        return [r for r in self.feeds if r.failure is not None]

    @property
    def skipped(self) -> int:
        """Entries that were relevant and not on file but not imported: reported, or over the limit."""
        return sum(len(r.problems) + r.left_over for r in self.feeds)


def _entry_problem(outlet: Outlet, entry: Entry, tz: str) -> tuple[str | None, date | None]:
    if not entry.title:
        return "không có tiêu đề", None
    if entry.published is None:
        found = f" (nguồn ghi {entry.date_text!r}, không đọc được)" if entry.date_text else ""
        return (f"không có ngày đăng{found}; không đoán ngày: nếu cần, thêm tay bằng "
                "make tin-moi"), None
    try:
        day = local_date(entry.published, tz)
    except (OverflowError, ValueError):  # year 0, or year 9999 late in the day UTC
        return f"ngày đăng {entry.date_text!r} nằm ngoài khoảng ngày dùng được (năm 1 đến 9999 theo giờ Việt Nam)", None
    if day > today(tz) + timedelta(days=1):
        return f"ngày đăng {show(day)} ở tương lai (nguồn ghi {entry.date_text!r})", day
    if outlet.medium == "online" and entry.url is None:
        return "không có địa chỉ bài viết (http/https) dùng được", day
    if not outlet.valid_on(day):
        return f"ngày đăng {show(day)} ngoài thời gian hoạt động của {outlet.name} trong data/outlets.yml", day
    return None, day


def _label(entry: Entry) -> str:
    return f"mục {(entry.title or entry.url or entry.guid or '')[:200]!r}"


def choose_entries(data: Dataset, result: FeedResult, entries: list[Entry], on_file: OnFile,
                   matches: Callable[[str], bool], limit: int = MAX_NEW_PER_FEED) -> None:
    """Sort each entry into new / already on file / not relevant / reported / over the limit, in
    `result`. New entries are taken in the feed's order (newest first in nearly every feed)."""
    outlet = result.outlet
    for entry in entries:
        if on_file.has(outlet.id, entry):
            result.already += 1
            continue
        if not matches(f"{entry.title} {entry.summary}"):
            result.irrelevant += 1
            continue
        problem, day = _entry_problem(outlet, entry, data.site.timezone)
        if problem:
            result.problems.append(f"{_label(entry)}: {problem}")
            continue
        if on_file.has_title(outlet.id, day, entry.title):  # the same article under another address
            result.already += 1
            continue
        if len(result.new) >= limit:
            result.left_over += 1
            continue
        rel = free_path(data.root, day, entry.title, on_file.paths)
        on_file.add(outlet.id, entry, day, rel)
        fields = {"title": entry.title, "date": day, "outlet": outlet.id, "url": entry.url, "kind": "tin",
                  "status": "pending", "entered_by": FEED_IMPORT, "summary": entry.summary, "guid": entry.guid}
        result.new.append(NewFile(rel, news_text(fields), entry.title))


# -- the remembered state ----------------------------------------------------------------------

def load_state(root: Path) -> dict[str, dict[str, str]]:
    try:
        state = json.loads((root / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # no state, or a damaged one: feeds are simply downloaded in full
    return state if isinstance(state, dict) else {}


def save_state(root: Path, state: dict[str, dict[str, str]]) -> None:
    write_atomic(root / STATE_FILE, json.dumps(state, ensure_ascii=False, indent=1, sort_keys=True) + "\n", replace=True)



# -- the whole import --------------------------------------------------------------------------

def feed_sources(data: Dataset, chosen: list[tuple[str, str]] | None) -> list[tuple[Outlet, str]]:
    """The feeds to read: the chosen (outlet id, address) pairs, or every outlet's `feed`."""
    if chosen is None:
        return [(o, o.feed) for o in data.outlets if o.feed]
    unknown = sorted({oid for oid, _ in chosen if oid not in data.outlet})
    if unknown:
        raise SourceError(f"không có cơ quan báo chí {', '.join(map(repr, unknown))} trong data/outlets.yml; "
                          f"cần một trong: {', '.join(sorted(data.outlet))}")
    return [(data.outlet[oid], source) for oid, source in chosen]


def read_feed(data: Dataset, result: FeedResult, remembered: Mapping[str, str], on_file: OnFile,
              matches: Callable[[str], bool], get: Callable[..., Fetched], limit: int = MAX_NEW_PER_FEED,
              **fetch_options) -> None:
    try:
        got = get(result.source, etag=remembered.get("etag"), modified=remembered.get("last_modified"),
                  **fetch_options)
        if got.status == 304:
            result.unchanged = True
            result.validators = dict(remembered)
            return
        parsed = parse_feed(got.body, got.headers, got.url)
    except (FetchError, FeedError) as error:
        result.failure = str(error)
        return
    if is_remote(result.source):
        result.validators = {k: got.headers[h] for k, h in (("etag", "etag"), ("last_modified", "last-modified"))
                             if got.headers.get(h)}
        if got.url and got.url != result.source:
            result.moved_to = got.url
    # Relative links: against the address the feed was read from; a local copy has none, so the
    # outlet's website (or, in read_entries, the feed's own link) stands in.
    base = (got.url or result.source) if is_remote(result.source) else result.outlet.website
    choose_entries(data, result, read_entries(parsed, base), on_file, matches, limit)


def drop_refused(root: Path, feeds: list[FeedResult]) -> None:
    """Validate the data set as it will be; a new file it refuses is reported on its feed and dropped.

    Raises `DataError` when the data already on file has problems (nothing is written then)."""
    while True:
        origin = {root / f.rel: (r, f) for r in feeds for f in r.new}
        if not origin:
            return
        try:
            load_dataset(root, added={f.rel: f.text for _, f in origin.values()})
            return
        except DataError as error:
            refused: dict[Path, list[str]] = {}
            for problem in error.problems:
                if problem.path in origin:
                    refused.setdefault(problem.path, []).append(f"{problem.field}: {problem.message}")
            if not refused:
                raise
        for path, messages in refused.items():
            result, new = origin[path]
            result.new.remove(new)
            result.problems.append(f"mục {new.title[:200]!r}: {'; '.join(messages)}")


def import_feeds(root: Path, chosen: list[tuple[str, str]] | None = None, *, dry_run: bool = False,
                 timeout: float = DEFAULT_TIMEOUT, agent: str = user_agent(None),
                 limit: int = MAX_NEW_PER_FEED, get: Callable[..., Fetched] = fetch) -> ImportResult:
    """Read each feed, then write every new item once the data set with all of them validates.

    A feed that fails, and an entry that cannot be imported, are in the result; the others go on.
    Raises `DataError` (nothing written) or `SourceError`."""
    data = load_dataset(root)
    state = load_state(root)
    on_file = OnFile(data)
    matches = keyword_matcher(data.keywords)
    feeds = []
    for outlet, source in feed_sources(data, chosen):
        result = FeedResult(outlet, source)
        read_feed(data, result, state.get(source, {}), on_file, matches, get, limit, timeout=timeout, agent=agent)
        feeds.append(result)
    drop_refused(root, feeds)  # raises before anything is written
    if not dry_run:
        for result in feeds:
            result.new = [_write(root, f, on_file.paths) for f in result.new]
        _remember(root, state, feeds)
    return ImportResult(feeds, dry_run, limit)


def _remember(root: Path, state: dict[str, dict[str, str]], feeds: list[FeedResult]) -> None:
    for result in feeds:
        if not is_remote(result.source) or result.failure is not None:
            continue
        # A feed cut at the limit is read in full next time: a 304 would hide what was left.
        if result.validators and not result.left_over:
            state[result.source] = result.validators
        else:
            state.pop(result.source, None)
    if any(is_remote(r.source) for r in feeds):
        save_state(root, state)


def _write(root: Path, new: NewFile, taken: set[str]) -> NewFile:
    rel = new.rel
    while True:
        try:
            write_atomic(root / rel, new.text)
            return NewFile(rel, new.text, new.title)
        except FileExistsError:  # created meanwhile by someone else: never overwritten
            taken.add(rel)
            day = date.fromisoformat(Path(rel).name[:10])
            rel = free_path(root, day, new.title, taken)
