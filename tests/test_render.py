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
from antq.model import Commune, Place
from antq.render import call_links, render_home, render_hotlines
from conftest import VALID

SCRIPT = "<script>alert(1)</script>"


def hostile(data):
    """The valid data set with markup and Markdown in every text a reader sees."""
    def spoil(record, **fields):
        return record.model_copy(update={k: f"{v} {SCRIPT} *x* [a](b) & #" for k, v in fields.items()})
    return dataclasses.replace(
        data,
        site=spoil(data.site, name=data.site.name),
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
    assert "Đã gọi thử, liên lạc được ngày 01/11/2025." in page


def test_expired_hotline_is_not_shown_as_current():
    data = load_dataset(VALID)
    card = '<a href="tel:113" class="number">113</a>'
    expired = data.hotlines[0].model_copy(update={"valid_to": date(2024, 12, 31)})
    page = render_hotlines(dataclasses.replace(data, hotlines=(expired,) + data.hotlines[1:]), date(2025, 1, 1))
    assert card not in page and "Cảnh sát" not in page
    assert card in render_hotlines(data, date(2024, 12, 31))


def test_a_number_nobody_called_for_long_is_told_in_citizens_words():
    data = load_dataset(VALID)
    page = render_hotlines(data, date(2026, 6, 1))  # checked 01/11/2025: 212 days
    assert "Lần gọi thử gần nhất ngày 01/11/2025, đã lâu." in page
    assert 'Nếu không liên lạc được, hãy gọi <a href="tel:113">113</a>.' in page
    assert "cập nhật ngày kiểm tra" not in page and "cần gọi thử lại" not in page  # validate.py's words


def test_every_goi_113_is_a_link_and_the_rest_is_text():
    assert call_links("Ngoài giờ gọi 113 <b>.") == 'Ngoài giờ gọi <a href="tel:113">113</a> &lt;b&gt;.'
    assert call_links("Gọi 114, gọi 1130 hay gọi 0113") == 'Gọi <a href="tel:114">114</a>, gọi 1130 hay gọi 0113'


def test_each_current_commune_has_its_own_section_and_one_without_a_number_says_what_to_call():
    data = load_dataset(VALID)
    page = render_hotlines(data, date(2025, 1, 1))
    assert "## xã An Hòa {#xa-an-hoa}" in page and "## thị trấn Đồng Tâm {#thi-tran-ong-tam}" not in page
    assert "## thị trấn Đồng Tâm {#thi-tran-dong-tam}" in page
    assert '<a href="#xa-an-hoa">xã An Hòa</a>' in page and '<a href="#thi-tran-dong-tam">' in page
    dong_tam = page.split("{#thi-tran-dong-tam}")[1].split("\n## ")[0]
    assert "Công an thị trấn Đồng Tâm chưa có số đường dây nóng riêng" in dong_tam
    assert 'hãy gọi <a href="tel:113">113</a>' in dong_tam and "trụ sở Công an thị trấn Đồng Tâm" in dong_tam


def test_the_place_and_its_units_are_named_as_on_the_day():
    data = load_dataset(VALID)
    renamed = data.site.model_copy(update={"places": [
        data.site.places[0].model_copy(update={"valid_to": date(2025, 6, 30)}),
        Place(level="địa bàn", name="huyện Thử cũ", province="tỉnh Mới", valid_from=date(2025, 7, 1))]})
    ward = Commune(id="phuong-moi", name="phường Mới", kind="phường", valid_from=date(2025, 7, 1))
    old = [c.model_copy(update={"valid_to": date(2025, 6, 30)}) for c in data.communes]
    data = dataclasses.replace(data, site=renamed, communes=(*old, ward))
    before, after = render_home(data, date(2025, 6, 30), []), render_home(data, date(2025, 7, 1), [])
    assert "ở huyện Thử, tỉnh Mẫu." in before and "tỉnh Mới" not in before
    assert "ở " + md("địa bàn huyện Thử cũ, tỉnh Mới (đến ngày 30/06/2025 là huyện Thử, tỉnh Mẫu)") + "." in after
    assert "theo xã, thị trấn](duong-day-nong.md)" in before and "theo phường](duong-day-nong.md)" in after
    assert "Công an xã, thị trấn" in render_hotlines(data, date(2025, 6, 30))
    assert "Công an phường" in render_hotlines(data, date(2025, 7, 1))


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
