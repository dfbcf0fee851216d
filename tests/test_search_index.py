"""The search index in pieces (antq/search.py): words are keyed without diacritics."""

import json
import unicodedata

from antq.search import search_files, words

INDEX = {"config": {"lang": ["vi"], "separator": "[\\s\\-]+", "pipeline": [], "fields": {}}, "docs": [
    {"location": "duong-day-nong/", "title": "Đường dây nóng", "text": "<p>Gọi <strong>113</strong> &amp; báo tin.</p>"},
    {"location": "duong-day-nong/#xa-nam-duong", "title": "xã Nam Dương", "text": "<p>Đường dây nóng của xã.</p>"},
    {"location": "huong-dan/", "title": "Hướng dẫn", "text": "<ul><li>Tổ tuần tra</li><li>Tố giác</li></ul>"},
]}


def unpack(files):
    return {name: json.loads(content) for name, content in files.items()}


def test_words_are_keyed_without_diacritics_and_d_becomes_d():
    assert words("ĐƯỜNG dây nóng, 113!") == [("đường", "duong"), ("dây", "day"), ("nóng", "nong"), ("113", "113")]


def test_decomposed_text_gives_the_same_words():
    text = "Tố giác tội phạm ở Đồng Cốc"
    assert words(unicodedata.normalize("NFD", text)) == words(text)
    assert ("ở", "o") not in words(text)  # one letter is too short to search


def test_every_visit_fetches_only_the_configuration():
    files = unpack(search_files(INDEX))
    assert files["search_index.json"] == {"config": INDEX["config"], "docs": []}
    assert len(search_files(INDEX)["search_index.json"]) < 200


def test_documents_keep_address_title_and_plain_teaser():
    docs = unpack(search_files(INDEX))["docs.json"]
    assert docs["docs"][0] == ["duong-day-nong/", "Đường dây nóng", "Gọi 113 & báo tin."]
    assert docs["docs"][2] == ["huong-dan/", "Hướng dẫn", "Tổ tuần tra Tố giác"]


def test_each_spelling_is_kept_under_its_folded_word_with_title_words_weighing_more():
    files = unpack(search_files(INDEX))
    du = files["t/du.json"]
    # page title (20) + once in the text (1) for the page; for the section, once in its text and once
    # in its page's title, which a section carries as text; section title (10) for "dương".
    assert du["duong"] == {"dương": [1, 10], "đường": [0, 20, 1, 2]}
    assert files["t/to.json"]["to"] == {"tố": [2, 1], "tổ": [2, 1]}
    assert set(files["docs.json"]["shards"]) == {name[2:-5] for name in files if name.startswith("t/")}


def test_version_changes_with_the_content():
    changed = {**INDEX, "docs": INDEX["docs"][:2]}
    assert unpack(search_files(INDEX))["docs.json"]["version"] != unpack(search_files(changed))["docs.json"]["version"]


def test_a_section_carries_its_page_title_and_a_page_boost_scales_its_weights():
    boosted = {**INDEX, "docs": [{**doc, "boost": 3} if doc["location"].startswith("duong-day-nong/") else doc
                                 for doc in INDEX["docs"]]}
    plain, scaled = unpack(search_files(INDEX)), unpack(search_files(boosted))
    assert plain["t/da.json"]["day"]["dây"] == [0, 20, 1, 2]  # page title; the section: its text and its page title
    assert scaled["t/da.json"]["day"]["dây"] == [0, 60, 1, 6]
    assert scaled["t/to.json"] == plain["t/to.json"]  # the other page keeps its weights
