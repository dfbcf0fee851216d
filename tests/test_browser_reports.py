"""The reports a reviewer files ("Báo cáo kết quả ..."), printed to PDF by Chromium: A4 sheets, the
summary table whole on the first, no table row cut across two sheets, every sheet numbered, nothing
of the site's navigation; and the reviewer's path from the home page to a counted broadcast's evidence."""

import io
import re
import unicodedata
from datetime import date

import pytest
from pypdf import PdfReader

from antq.load import load_dataset
from antq.quota import count_halves, count_quotas
from browser import PROJECT, TODAY

DATA = load_dataset(PROJECT / "data", today=date.fromisoformat(TODAY))
DAY = date.fromisoformat(TODAY)
# The year split between two plans on 1 July, a whole year, and a half-year.
REPORTS = ["bao-cao/2025/", "bao-cao/2024/", "bao-cao/2025-6-thang-dau/"]
A4 = (595.28, 841.89)  # points
NAVIGATION = ["Sửa trang này", "Dữ liệu mở", "Theo xã, thị trấn", "Hướng dẫn", "Mô hình tự quản", "Trang chủ",
              "An ninh Tổ quốc – Lục Ngạn"]  # menu, header, edit link: none in the data


def squeezed(text: str) -> str:
    """Text as compared with the PDF's: composed, without any space (the PDF breaks lines and words anywhere)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))


@pytest.fixture(scope="module")
def page(browser):
    context = browser.new_context()
    yield context.new_page()
    context.close()


def printed(page) -> list[str]:
    """The text of each sheet of the page printed on A4, as Chromium prints it (the page's own rules)."""
    page.emulate_media(media="print")
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", prefer_css_page_size=True)))
    page.emulate_media(media="no-override")
    for sheet in pdf.pages:
        assert abs(float(sheet.mediabox.width) - A4[0]) < 2 and abs(float(sheet.mediabox.height) - A4[1]) < 2
    return [sheet.extract_text() for sheet in pdf.pages]


@pytest.mark.parametrize("path", REPORTS)
def test_report_prints_on_numbered_a4_sheets_with_the_summary_first_and_no_row_cut(page, demo_site, path):
    page.goto(demo_site / path)
    assert page.locator("h1").inner_text().startswith("Báo cáo kết quả thực hiện chỉ tiêu tin bài")
    sheets = printed(page)
    flat = [squeezed(s) for s in sheets]
    assert len(sheets) > 2  # long enough for the rules below to matter
    # Every sheet is numbered "Trang i/N", by the page's own print rules (no header or footer asked of Chromium).
    assert all(f"Trang{i}/{len(sheets)}" in text for i, text in enumerate(flat, 1))
    # The whole summary table, and the sums under it, on the first sheet.
    summary = page.eval_on_selector_all("table.report-summary td, table.report-summary th, .report-notes li",
                                        "cells => cells.map(c => c.innerText)")
    assert len(summary) > 12 and all(squeezed(cell) in flat[0] for cell in summary)
    # No row of the tables is cut across two sheets: all its cells are on the sheet of its data file (for the
    # items), or of its longest cell (for the staff: their role).
    rows = page.eval_on_selector_all("table.report-items tbody tr",
                                     "rows => rows.map(r => [...r.cells].map(c => c.innerText))")
    assert len(rows) > 20
    for cells in rows:
        file = re.search(r"data/news/\S+\.yml", squeezed("".join(cells)))
        key = file.group(0) if file else squeezed(max(cells, key=len))
        home = [i for i, text in enumerate(flat) if key in text]
        assert len(home) == 1, cells
        assert all(squeezed(cell) in flat[home[0]] for cell in cells), (home[0] + 1, cells)
    # Nothing of the site's navigation, search or edit links.
    assert not [word for word in NAVIGATION if squeezed(word) in "".join(flat)]


def test_report_says_what_a_reviewer_files_without_javascript(browser, demo_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(demo_site / "bao-cao/2025/")
    text = page.locator("article").inner_text()
    year = count_quotas(DATA, DAY)[2025]
    assert "DỮ LIỆU MINH HỌA" in text and f"Số liệu tính đến ngày {DAY:%d/%m/%Y}" in text
    assert f"2. Tin bài được tính ({len(year.counted)})" in text
    assert f"3. Tin bài đã duyệt nhưng không tính ({len(year.not_counted)})" in text
    assert f"4. Tin bài chờ duyệt ({len(year.pending)})" in text
    assert page.locator("table.report-items").first.is_visible()
    context.close()


def test_quota_year_page_links_to_its_reports(browser, demo_site):
    context = browser.new_context()
    page = context.new_page()
    page.goto(demo_site / "chi-tieu/2025/")
    names = ["Báo cáo kết quả năm 2025", "Báo cáo kết quả 6 tháng đầu năm 2025", "Báo cáo kết quả 6 tháng cuối năm 2025"]
    assert len(count_halves(DATA, 2025, DAY)) == 2
    for name in names:
        page.goto(demo_site / "chi-tieu/2025/")
        page.get_by_role("link", name=name, exact=True).click()
        assert page.locator("h1").inner_text() == name.replace("Báo cáo kết quả", "Báo cáo kết quả thực hiện chỉ tiêu tin bài")
    context.close()


def test_a_reviewer_reaches_a_counted_broadcasts_evidence_in_one_tap_from_the_home_page(browser, demo_site):
    """On a phone: the home page's quota card opens the year, where each counted broadcast shows its
    programme, air time, duration, log or recording and its approver, without anything to expand."""
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(demo_site / "")
    taps = 0
    page.locator(".quota .group a").last.click()  # the broadcast group's card
    taps += 1
    assert page.url == demo_site / f"chi-tieu/{DAY.year}/"
    broadcast = page.locator("ol.counted li", has_text="phát trong").first
    broadcast.scroll_into_view_if_needed()
    evidence = broadcast.locator(".evidence")
    assert evidence.is_visible() and re.search(r"phát trong “.+” lúc \d\d:\d\d ngày \d\d/\d\d/\d{4}, dài",
                                               evidence.inner_text())
    assert "nhật ký phát sóng số" in evidence.inner_text() or evidence.locator("a").count()
    assert re.search(r"Duyệt: .+, ngày \d\d/\d\d/\d{4}", broadcast.locator(".approval").inner_text())
    assert taps == 1
    context.close()
