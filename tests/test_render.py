"""Renderers are pure functions tested as text: values from the data are always text."""

import csv
import dataclasses
import io
from datetime import date

import pytest

from antq.html import md
from antq.load import load_dataset
from antq.export import to_csv
from antq.pages import site_pages
from antq.render import render_hotlines
from conftest import VALID

SCRIPT = "<script>alert(1)</script>"


def hostile(data):
    """The valid data set with markup and Markdown in every text a reader sees."""
    def spoil(record, **fields):
        return record.model_copy(update={k: f"{v} {SCRIPT} *x* [a](b) & #" for k, v in fields.items()})
    return dataclasses.replace(
        data,
        site=spoil(data.site, name=data.site.name, locality=data.site.locality),
        hotlines=tuple(spoil(h, name=h.name, answered_by=h.answered_by, hours=h.hours) for h in data.hotlines),
        communes=tuple(spoil(c, name=c.name) for c in data.communes),
        outlets=tuple(spoil(o, name=o.name) for o in data.outlets),
        models=tuple(spoil(m, name=m.name, place=m.place, officer=m.officer) for m in data.models),
        model_types=tuple(spoil(t, name=t.name) for t in data.model_types),
        people=tuple(spoil(p, name=p.name, deed=p.deed, recognition=p.recognition) for p in data.people),
        news=tuple(spoil(n, title=n.title, summary=n.summary) for n in data.news))


def test_every_generated_page_escapes_data_values():
    pages = site_pages(hostile(load_dataset(VALID)), date(2024, 6, 1))
    texts = [p.content if isinstance(p.content, str) else p.content.decode("utf-8-sig") for p in pages]
    markdown = [t for p, t in zip(pages, texts) if p.uri.endswith(".md")]
    assert len(markdown) >= 10
    assert not any(SCRIPT in t for t in markdown)
    assert sum("&lt;script&gt;alert(1)&lt;/script&gt;" in t for t in markdown) >= 7
    # Downloads keep the value as data, for people and programs to read.
    assert any(SCRIPT in t for p, t in zip(pages, texts) if p.uri.endswith(".json"))


def test_markdown_text_is_escaped():
    assert md("*Tổ* [a](b) <b>") == r"\*Tổ\* \[a\]\(b\) &lt;b&gt;"


def test_hotlines_are_tel_links_and_examples_are_not():
    page = render_hotlines(load_dataset(VALID), date(2025, 1, 1))
    assert '<a href="tel:113" class="number">113</a>' in page
    assert "tel:0912345678" not in page and "0912 345 678" in page
    assert "số ví dụ minh họa" in page
    assert "Kiểm tra lần cuối 01/11/2025" in page


def test_expired_hotline_is_not_shown_as_current():
    data = load_dataset(VALID)
    expired = data.hotlines[0].model_copy(update={"valid_to": date(2024, 12, 31)})
    page = render_hotlines(dataclasses.replace(data, hotlines=(expired,) + data.hotlines[1:]), date(2025, 1, 1))
    assert "tel:113" not in page
    assert "tel:113" in render_hotlines(data, date(2024, 12, 31))


def test_csv_cells_are_not_formulas_and_open_in_spreadsheets():
    data = to_csv(["title"], [{"title": "=HYPERLINK(1)"}, {"title": "Tin"}])
    assert data.startswith("\ufefftitle".encode())
    assert data.decode("utf-8-sig").splitlines() == ["title", "'=HYPERLINK(1)", "Tin"]


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r", "\n"],
                         ids=["equals", "plus", "minus", "at", "tab", "cr", "lf"])
def test_every_cell_a_spreadsheet_could_run_as_a_formula_is_quoted(start):
    """OWASP's list for CSV injection: = + - @, and tab, CR and LF, which some spreadsheets skip
    before looking for a formula."""
    def cells(value):
        return list(csv.reader(io.StringIO(to_csv(["title"], [{"title": value}]).decode("utf-8-sig"), newline="")))

    value = f"{start}cmd|' /C calc'!A0"
    assert cells(value) == [["title"], ["'" + value]]
    assert cells(f"Tin {start}x") == [["title"], [f"Tin {start}x"]]  # only the first character matters
