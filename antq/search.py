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
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections import defaultdict

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


def search_files(index: dict) -> dict[str, bytes]:
    """Files of the search folder, by name, from Material's `search_index.json` content."""
    docs, postings = [], defaultdict(lambda: defaultdict(dict))
    page_titles = {doc["location"]: page_text(doc["title"]) for doc in index["docs"] if "#" not in doc["location"]}
    for number, doc in enumerate(index["docs"]):
        title, text = page_text(doc["title"]), page_text(doc["text"])
        docs.append([doc["location"], title, shorten(text, TEASER)])
        page = doc["location"].split("#")[0]
        if page != doc["location"]:
            # A section is part of its page: "công an xã tân sơn" finds the section "xã Tân Sơn" of the
            # page "số điện thoại Công an xã, phường" although its own text never says "Công an xã".
            text = f"{page_titles.get(page, '')} {text}"
        weights: dict[tuple[str, str], int] = defaultdict(int)
        for word, key in words(text):
            weights[key, word] = min(weights[key, word] + 1, MAX_TEXT_COUNT)
        title_weight = TITLE_WEIGHT if "#" in doc["location"] else PAGE_TITLE_WEIGHT
        for word, key in set(words(title)):
            weights[key, word] += title_weight
        # A page's `search: boost` (front matter, as Material documents it) scales all of its weights.
        boost = float(doc.get("boost", 1))
        for (key, word), weight in weights.items():
            postings[key][word][number] = max(1, round(weight * boost))
    shards: dict[str, dict] = defaultdict(dict)
    for key in sorted(postings):
        shards[shard_of(key)][key] = {word: [n for doc, w in sorted(by_doc.items()) for n in (doc, w)]
                                      for word, by_doc in sorted(postings[key].items())}
    files = {f"t/{name}.json": _dump(shard) for name, shard in shards.items()}
    version = hashlib.sha256(b"".join(files[name] for name in sorted(files)) + _dump(docs)).hexdigest()[:12]
    files["docs.json"] = _dump({"version": version, "shards": sorted(shards), "docs": docs})
    files["search_index.json"] = _dump({"config": index["config"], "docs": []})
    return files
