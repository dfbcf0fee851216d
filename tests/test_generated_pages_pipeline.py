"""The generated pages skip the slow parts of the pipeline without changing what comes out.

Their HTML blocks are held out of Python-Markdown and put back after (antq/html.py), and their search
entries are made from that HTML by antq/search.py instead of the theme's search plugin. For every
generated page of the shipped data: the page converts to the same HTML as when Markdown parses the
blocks itself (but for a line break between two top-level elements of a block), and the entries are
the plugin's own, as the search index reads them.
"""

import re
from datetime import date
from types import SimpleNamespace

import markdown
import pytest
from material.plugins.search.plugin import SearchIndex
from mkdocs.config import load_config
from mkdocs.structure.toc import get_toc
from mkdocs.utils.meta import get_data

from antq.html import BLOCK_END, BLOCK_START, block, put_blocks, take_blocks
from antq.load import load_dataset
from antq.pages import site_pages
from antq.search import page_entries
from antq.text import page_text

from browser import TODAY
from conftest import PROJECT


@pytest.fixture(scope="module")
def pages():
    config = load_config(str(PROJECT / "mkdocs.yml"))
    today = date.fromisoformat(TODAY)
    generated = [p for p in site_pages(load_dataset(PROJECT / "data", today=today), today, config.site_url)
                 if p.uri.endswith(".md")]
    assert len(generated) > 50

    def convert(text: str):
        md = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
        return md.convert(text), get_toc(md.toc_tokens)
    return [(page, convert) for page in generated]


def url_of(uri: str) -> str:
    return "" if uri == "index.md" else re.sub(r"(index)?\.md$", "", uri).removesuffix("/") + "/"


def test_blocks_held_out_of_markdown_come_back_as_markdown_would_have_left_them(pages):
    for page, convert in pages:
        text, meta = get_data(page.content)
        held, blocks = take_blocks(text)
        direct, _ = convert(text.replace(BLOCK_START, "").replace(BLOCK_END, ""))
        assert BLOCK_START not in held and "<table" not in held
        assert put_blocks(convert(held)[0], blocks).replace(">\n<", "><") == direct.replace(">\n<", "><"), page.uri


def test_entries_are_the_search_plugins(pages):
    made = 0
    for page, convert in pages:
        text, meta = get_data(page.content)
        held, blocks = take_blocks(text)
        converted, toc = convert(held)
        search = meta.get("search") or {}
        title = meta.get("title") or page_text(re.search(r"<h1[^>]*>(.*?)</h1>", converted, re.S)[1])
        ours = page_entries(url_of(page.uri), title, converted, blocks, search.get("boost"))
        plugin = SearchIndex()
        plugin.add_entry_from_context(SimpleNamespace(meta=meta, content=put_blocks(converted, blocks), toc=toc,
                                                      url=url_of(page.uri), title=title))
        if search.get("exclude"):
            assert plugin.entries == []
            continue
        assert ours is not None, page.uri
        made += 1
        assert [(e["location"], page_text(e["title"]), page_text(e["text"]), e.get("boost")) for e in ours] == \
               [(e["location"], page_text(e["title"]), page_text(e["text"]), e.get("boost")) for e in plugin.entries], \
               page.uri
    assert made > 20


CASES = {
    "a list kept out of search, entities, a preface": ("<p>Trước tiêu đề &amp; sau</p>\n<h1 id=\"a\">Tiêu đề</h1>\n",
                                                      [], ""),
    "a block marked data-search-exclude": ("<h1 id=\"t\">T</h1>\n<!--antq-html-0-->\n<h2 id=\"b\">B</h2>\n<!--antq-html-1-->",
                                          ['<ol data-search-exclude="true"><li>bỏ qua <span>cả đây</span></li></ol>'
                                           '<p>giữ lại</p>', "<table><tr><td>a</td><td>b</td></tr></table>"], ""),
}


@pytest.mark.parametrize("case", CASES)
def test_made_by_hand_entries_are_the_plugins(case):
    converted, blocks, _ = CASES[case]
    ours = page_entries("trang/", "Trang", converted, blocks)
    plugin = SearchIndex()
    plugin.add_entry_from_context(SimpleNamespace(meta={}, content=put_blocks(converted, blocks), toc=[],
                                                  url="trang/", title="Trang"))
    assert [(e["location"], page_text(e["title"]), page_text(e["text"])) for e in ours] == \
           [(e["location"], page_text(e["title"]), page_text(e["text"])) for e in plugin.entries]


def test_a_block_with_a_heading_or_a_script_is_left_to_the_plugin():
    assert page_entries("p/", "P", "<h1 id=\"p\">P</h1>\n<!--antq-html-0-->", ["<div><h2 id=\"x\">X</h2></div>"]) is None
    assert page_entries("p/", "P", "<h1 id=\"p\">P</h1>\n<!--antq-html-0-->", ["<script>x</script>"]) is None
    assert block("<p>a</p>\n\n<p>b</p>").count("\n\n") == 2  # blank lines inside a block are closed up
