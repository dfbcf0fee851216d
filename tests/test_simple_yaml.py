"""News files of the usual shape are read without PyYAML (antq/source.py `load_simple`): the value
is PyYAML's, or the file is left to PyYAML."""

import unicodedata
import pytest
import yaml

from antq.news import news_text
from antq.source import Loader, load_simple
from antq.synthetic import synthetic_files

from conftest import FIXTURES, PROJECT

SHAPE = """# yaml-language-server: $schema=../../../schemas/news.schema.json
title: {value}
date: 2024-05-01
topics:
  - {value}
"""
# Values people write, and values YAML reads otherwise than as text.
VALUES = [
    "Tuần tra đêm ở An Hòa", "yes", "No", "on", "OFF", "y", "n", "~", "null", "Null", "true", "12", "-3", "+4", "1_000",
    "0x1F", "0o17", "1:20", "1.5", ".inf", "-.Inf", ".NaN", "2024-05-01", "2024-02-30", "2024-05-01 10:00:00",
    "<<", "=", '"quoted"', "'single'", "'it''s'", '"say \\"hi\\""', '"back\\\\slash"', '"new\\nline"', '"\\x41"',
    '"tab\\t"', '"é"', "''", '""', "a: b", "a:b", "a :b", "a #b", "a#b", "http://x.example/a?b=1#c", "[a, b]", "[]",
    '["a", "b"]', '["a, b", c]', "[yes, 1]", "[a: b]", "{a: b}", "&anchor a", "*alias", "!tag a", "!!str 12", "|",
    ">", "|-\n  a", "%x", "@x", "`x", "- a", "-a", "?a", "? a", ":a", "a:", "trailing   ", "Công an: xã", 'Tổ "tuần tra"',
    "it's", '"', "'", "[", "]", "{", "}", ",a", "a,b", "a, b", "Mười hai (12)", "Dấu — gạch", "x\ty", "\ty",
    "ǅ ß ﬁ", "a\u0301", "\u00e1", "x\u2028y", "x\u0085y", "\ufeffx", "a\x01b", "a\x7fb", "a\u200eb",
]
TEXTS = [SHAPE.format(value=v) for v in VALUES] + [
    "title: a\ntitle: b\n", "title: a\n  continued\n", "title:\n", "topics:\n", "topics:\n- a\n  - b\n",
    "topics:\n  - a\n- b\n", "topics:\n- a\n\n# note\n- b\n", "title: a\n- b\n", "- a\n- b\n", "a\n", "",
    "# only a comment\n", "---\ntitle: a\n", "title: a\n...\n", "%YAML 1.1\n---\ntitle: a\n", "title: a\r\ndate: b\r\n",
    "yes: a\n", "on: a\n", "12: a\n", "Title: a\n", "title : a\n", " title: a\n", "title: a # note\n",
    "topics: [a, b]\ncommunes: [\"c\", d]\n", "topics: [a,b]\n", "topics: [ a , b ]\n", "topics: [a b, c]\n",
    "broadcast:\n  programme: Thời sự\n", "communes:\n- a\ncommunes2: []\n",
    "a:\n  b:\n    c: d\n  e: f\ng: h\n", "a:\n  b: c\n d: e\n", "a:\n  b: c\n    d: e\n", "a:\n  b:\n  - c\n  d: e\n",
    "a:\n  b:\n    - c\n  d: e\n", "a:\n  - b\n  c: d\n", "a:\nb: c\n", "a:\n  b: c\n  b: d\n", "a:\n  b:\n",
    "a:\n  b: c\n- d\n", "a:\n  b: 18:30\n  c: 3:48\n", "a:\n  # note\n  b: c\n", "a:\n\n  b: c\n",
    "a:\n  - b\n  - c\nd:\n  e: f\n", "a:\n- b\n  - c\n", "a:\n  - b\n    - c\n",
    "a:  # note\n  b: c\n", "a: b  # note\n", "a: b # note\n", 'a: "b" # note\n', "a: b#c\n", "a: [b] # c\n",
    "a:\n  - b # c\n", 'a: {b: "c", d: 2020-01-02}\n', "a: {b: c, b: d}\n", "a: {b: yes}\n", "a: {yes: b}\n",
    "a: {b: 18:30}\n", "a: {b:c}\n", "a: {}\n", "a: {b: [c]}\n", "a: {b: {c: d}}\n", "a:\n  - {b: c}\n",
    'a: {b: "c, d", e: f}\n',
]


def pyyaml(text: str):
    try:
        return yaml.load(text, Loader=Loader)
    except yaml.YAMLError:
        return "error"


@pytest.mark.parametrize("text", TEXTS, ids=range(len(TEXTS)))
def test_a_value_read_is_pyyamls_and_anything_else_is_left_to_pyyaml(text):
    simple = load_simple(text)
    assert simple is None or simple == pyyaml(text)


def test_the_usual_shapes_are_read_without_pyyaml():
    for value in ["Tuần tra đêm ở An Hòa", "Ngày 2024-05-01", "Tin 1:20 phút", "Tin#1", "a:b", "17:02"]:
        assert load_simple(SHAPE.format(value=value)) == pyyaml(SHAPE.format(value=value)), value
    for path in ["news/2024/2024-05-01-a.yml", "news/2024/2024-05-02-b.yml"]:
        text = news_text({"title": "Tổ \"tuần tra\" ra quân: đêm 30/4", "date": "2024-05-01", "outlet": "bao-tinh",
                          "url": "https://bao.example/a?b=1#c", "kind": "tin", "status": "published",
                          "summary": "Tóm tắt, có dấu phẩy; và chấm.", "topics": ["an ninh"], "communes": ["an-hoa"]})
        assert load_simple(text) == pyyaml(text), path


def test_every_shipped_news_file_is_read_without_pyyaml_and_as_pyyaml_reads_it():
    paths = sorted((PROJECT / "data/news").glob("*/*.yml"))
    assert len(paths) > 100
    for path in paths:
        text = path.read_text(encoding="utf-8")
        assert load_simple(text) == pyyaml(text), path


def test_fixtures_and_synthetic_files_read_alike():
    texts = [p.read_bytes().decode("utf-8", errors="replace") for p in sorted(FIXTURES.rglob("*.yml"))]
    texts += list(synthetic_files(200, seed=2).values())
    read = [t for t in texts if load_simple(t) is not None]
    assert len(read) > 200
    for text in read:
        assert load_simple(text) == pyyaml(text)


def test_decomposed_text_is_read_as_written():
    text = SHAPE.format(value=unicodedata.normalize("NFD", "Tuần tra"))
    assert load_simple(text) == pyyaml(text)  # the loader composes it afterwards, as any text it reads
