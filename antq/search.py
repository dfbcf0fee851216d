"""The search index in small static pieces, found without diacritics.

Material for MkDocs writes one `search/search_index.json` holding the text of every page,
and fetches it on every first visit. `search_files` turns that index into:

- `search_index.json`: the same configuration with no documents, so what every visit
  fetches stays a few hundred bytes;
- `docs.json`: per document (page or section) its address, title and a short teaser,
  the names of the pieces below and a version that the browser adds to their addresses;
- `t/<xx>.json`: for the folded words starting with `xx` (`duong`, `duoc`, ...), each
  spelling met (`đường`, `dương`) with the documents holding it and a weight.

The browser (`docs/assets/javascripts/search-worker.js`) loads `docs.json` and the pieces
of the words typed only when someone searches, folding the query with the same rule as
`fold`, so `duong day nong` finds "đường dây nóng", and a word typed with its diacritics
ranks the pages spelling it that way first. A page's front matter `search: boost: N` scales
its weights: the pages people look for (the hotline page) rank above pages that mention them.

The generated pages (a year of news is hundreds of kilobytes) are not read by the theme's
search plugin, whose HTML parser would take longer than building them: `page_entries` makes
the same entries from their Markdown-converted HTML and their HTML blocks (`antq/html.py`),
and `merge_entries` puts them where the plugin would have.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import unicodedata
from collections import defaultdict

from .html import PLACEHOLDER
from .memo import SERVING
from .text import fold, page_text, shorten

TEASER = 160
# A word: letters, digits and combining marks (text typed in decomposed form keeps its marks).
WORD = re.compile(r"(?:[^\W_]|[\u0300-\u036f])+")
SHARD = re.compile(r"[a-z0-9]{2}")
MAX_TEXT_COUNT = 9
# A word in a title counts more than any number of times in the text; most in a page's own title.
TITLE_WEIGHT = 10
PAGE_TITLE_WEIGHT = 20


def words(text: str) -> list[tuple[str, str]]:
    """(spelling, folded key) of each word of `text`, lowercased in composed form."""
    found = []
    for word in WORD.findall(unicodedata.normalize("NFC", text.lower())):
        key = fold(word)
        if len(key) >= 2:
            found.append((word, key))
    return found


def shard_of(key: str) -> str:
    """The piece a folded word is stored in; the browser computes the same name."""
    return key[:2] if SHARD.fullmatch(key[:2]) else "_"


def _dump(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _document(location: str, title: str, text: str, page_title: str | None,
              boost: float) -> tuple[list, list[tuple[str, str, int]]]:
    """A document's entry in docs.json, and each (folded word, spelling, weight) of its text and title."""
    title, text = page_text(title), page_text(text)
    entry = [location, title, shorten(text, TEASER)]
    if page_title is not None:
        # A section is part of its page: "công an xã tân sơn" finds the section "xã Tân Sơn" of the
        # page "số điện thoại Công an xã, phường" although its own text never says "Công an xã".
        text = f"{page_title} {text}"
    weights: dict[tuple[str, str], int] = defaultdict(int)
    for word, key in words(text):
        weights[key, word] = min(weights[key, word] + 1, MAX_TEXT_COUNT)
    title_weight = TITLE_WEIGHT if "#" in location else PAGE_TITLE_WEIGHT
    for word, key in set(words(title)):
        weights[key, word] += title_weight
    # A page's `search: boost` (front matter, as Material documents it) scales all of its weights.
    return entry, [(key, word, max(1, round(weight * boost))) for (key, word), weight in weights.items()]


# The documents of the last index made, kept for the next: `mkdocs serve` makes the index again after
# every change, and most documents have not changed.
_last_documents: dict[tuple, tuple[list, list[tuple[str, str, int]]]] = {}


def search_files(index: dict) -> dict[str, bytes]:
    """Files of the search folder, by name, from Material's `search_index.json` content."""
    global _last_documents
    documents = {}
    # Word -> spelling -> [document, weight, document, weight, ...]: documents come in order, so the
    # lists are sorted as they grow.
    docs, postings = [], defaultdict(lambda: defaultdict(list))
    page_titles = {doc["location"]: page_text(doc["title"]) for doc in index["docs"] if "#" not in doc["location"]}
    for number, doc in enumerate(index["docs"]):
        page = doc["location"].split("#")[0]
        source = (doc["location"], doc["title"], doc["text"],
                  page_titles.get(page, "") if page != doc["location"] else None, float(doc.get("boost", 1)))
        document = documents[source] = documents.get(source) or _last_documents.get(source) or _document(*source)
        docs.append(document[0])
        for key, word, weight in document[1]:
            postings[key][word] += (number, weight)
    _last_documents = documents if SERVING[0] else {}
    shards: dict[str, dict] = defaultdict(dict)
    for key in sorted(postings):
        shards[shard_of(key)][key] = dict(sorted(postings[key].items()))
    files = {f"t/{name}.json": _dump(shard) for name, shard in shards.items()}
    version = hashlib.sha256(b"".join(files[name] for name in sorted(files)) + _dump(docs)).hexdigest()[:12]
    files["docs.json"] = _dump({"version": version, "shards": sorted(shards), "docs": docs})
    files["search_index.json"] = _dump({"config": index["config"], "docs": []})
    return files


# -- entries of the generated pages, as the theme's search plugin makes them ---------------------

# The plugin keeps these tags in an entry's text (and `page_text` turns them into spaces); of any
# other tag it keeps only the text inside, run together with the text around it.
_KEPT_TAG = re.compile(r"</?(?:p|code|pre|li|ol|ul|sub|sup)\b[^>]*>")
_TAG_OR_COMMENT = re.compile(r"<!--.*?-->|<[^>]*>", re.S)
_HEADING = re.compile(r"<h([1-6])\b([^>]*)>(.*?)</h\1>", re.S)
_ID = re.compile(r'\sid="([^"]*)"')
_EXCLUDED = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)\b[^>]*\sdata-search-exclude\b[^>]*>")
# What the plugin treats in ways not followed here: the page is then left to the plugin.
# (A block is nested in nothing, but the plugin would not see a heading in it as Markdown's are.)
_UNUSUAL = re.compile(r"<(?:script|style|object)\b|linenodiv|<(p|code|pre|li|ol|ul|sub|sup)\b[^>]*>\s*</\1>")
_BLOCK_HEADING = re.compile(r"<h[1-6]\b")


def _without_excluded(fragment: str) -> str:
    """`fragment` without the elements marked `data-search-exclude`, content included."""
    while (start := _EXCLUDED.search(fragment)) is not None:
        name, depth, end = start[1], 1, len(fragment)
        for tag in re.compile(rf"<(/?){name}\b[^>]*>").finditer(fragment, start.end()):
            depth += -1 if tag[1] else 1
            if depth == 0:
                end = tag.end()
                break
        fragment = fragment[:start.start()] + fragment[end:]
    return fragment


def fragment_text(fragment: str) -> str:
    """The text the search plugin takes from an HTML fragment, entities decoded, spaces not yet collapsed."""
    if "data-search-exclude" in fragment:
        fragment = _without_excluded(fragment)
    return html.unescape(_TAG_OR_COMMENT.sub("", _KEPT_TAG.sub(" ", fragment)))


# Each page's entries as last made, with what they were made from: `mkdocs serve` makes them again after
# every change, and most pages have not changed.
_last_entries: dict[str, tuple[tuple, list[dict] | None]] = {}


def page_entries(url: str, title: str, converted: str, blocks: list[str], boost: object = None) -> list[dict] | None:
    """The search entries of a page whose Markdown became `converted` with its HTML `blocks` held
    out (see `antq.html.take_blocks`): one for any text before the first heading and one per heading
    with an `id`, as the theme's plugin makes them, with the text already plain (and escaped: it is
    read as HTML, like the plugin's). `title` stands for a section without one; `boost` is the page's
    `search: boost`. None when the page holds what this does not follow."""
    if not SERVING[0]:
        return _page_entries(url, title, converted, blocks, boost)
    source = (title, converted, tuple(blocks), boost)
    last = _last_entries.get(url)
    if last is None or last[0] != source:
        last = _last_entries[url] = (source, _page_entries(url, title, converted, blocks, boost))
    return last[1]


def _page_entries(url: str, title: str, converted: str, blocks: list[str], boost: object) -> list[dict] | None:
    if _UNUSUAL.search(converted) or any(_UNUSUAL.search(b) or _BLOCK_HEADING.search(b) for b in blocks):
        return None

    def text_of(part: str) -> str:
        pieces = PLACEHOLDER.split(part)  # text, block number, text, ...
        return "".join(fragment_text(blocks[int(p)]) if i % 2 else fragment_text(p) for i, p in enumerate(pieces))

    headings = [h for h in _HEADING.finditer(converted) if _ID.search(h[2])]
    if any("data-search-exclude" in h[2] for h in headings):
        return None
    sections: list[tuple[str | None, str | None, str]] = []  # id, title (None: the page's), text
    first = headings[0].start() if headings else len(converted)
    if converted[:first] or (headings and headings[0][1] != "1"):
        sections.append((None, None, text_of(converted[:first])))
    for n, heading in enumerate(headings):
        end = headings[n + 1].start() if n + 1 < len(headings) else len(converted)
        sections.append((html.unescape(_ID.search(heading[2])[1]) if sections else None, text_of(heading[3]),
                         text_of(converted[heading.end():end])))
    return [{"location": url + (f"#{id_}" if id_ else ""),
             "title": html.escape(page_text(title) if section_title is None else " ".join(section_title.split()),
                                  quote=False),
             "text": html.escape(" ".join(text.split()), quote=False), **({} if boost is None else {"boost": boost})}
            for id_, section_title, text in sections]


def merge_entries(docs: list[dict], order: list[str], own: dict[str, list[dict]]) -> list[dict]:
    """The plugin's entries (`docs`, page after page) with each page's `own` entries in the place of
    that page in the order the pages were built (their addresses in `order`)."""
    by_page: dict[str, list[dict]] = {}
    for doc in docs:
        by_page.setdefault(doc["location"].split("#", 1)[0], []).append(doc)
    return [doc for url in order for doc in (own[url] if url in own else by_page.get(url, []))]
