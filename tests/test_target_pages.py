"""The targets dashboard, the indicator pages, the register of units and the duties page, as text;
and their downloads."""

import csv
import io
import json
import re
from datetime import date

import pytest

from antq.duties import task_state
from antq.load import load_dataset
from antq.model import Task
from antq.pages import site_pages
from antq.quota import count_quotas
from antq.targets import compute_targets
from conftest import PROJECT

TODAY = date(2026, 11, 26)
DATA = load_dataset(PROJECT / "data")
PAGES = {p.uri: p.content for p in site_pages(DATA, TODAY)}
RESULTS = compute_targets(DATA, TODAY, count_quotas(DATA, TODAY))
INDICATORS = [r for p in RESULTS for t in p.targets for r in t.indicators]


def test_dashboard_names_its_targets_and_shows_every_indicator_year_by_year():
    page = PAGES["muc-tieu/index.md"]
    assert re.search(r"^# .*[Mm]ục tiêu", page, re.M)
    for target in DATA.targets:
        assert f"### {target.source}: " in page.replace("\\", "")
    for result in INDICATORS:
        href = f"{result.period.id}/{result.indicator.id}/"
        card = page.split(f'<a href="{href}">', 1)[1].split('<div class="target', 1)[0]
        years = re.findall(rf'<a href="{re.escape(href)}#nam-(\d{{4}})">', card)
        assert years == [str(y) for y in range(2020, 2026)], result.indicator.id
        assert "Yêu cầu:" in card and any(how in card for how in ("Tính từ", "Số liệu nhập", "Đếm"))


def test_dashboard_leads_each_card_with_the_verdict_of_the_last_judged_year():
    page = PAGES["muc-tieu/index.md"]
    safe = next(r for r in INDICATORS if r.indicator.measure == "safe")
    final = safe.final
    assert final.year == 2025
    expected = f"Năm 2025: <strong>{str(round(float(final.value), 1)).replace('.', ',')}%</strong> " \
               f"({final.numerator}/{final.denominator} đơn vị) – <strong>Đạt</strong>"
    assert expected in page


def test_each_figure_links_to_the_units_behind_it():
    units_page = PAGES["muc-tieu/don-vi.md"]
    anchors = set(re.findall(r'id="dv-([a-z0-9-]+)"', units_page))
    assert anchors == {c.id for c in DATA.communes} | {u.id for u in DATA.units}
    for result in INDICATORS:
        page = PAGES[f"muc-tieu/{result.period.id}/{result.indicator.id}.md"]
        for figure in result.figures:
            assert f"{{#nam-{figure.year}}}" in page
        linked = set(re.findall(r'href="\.\./\.\./don-vi/#dv-([a-z0-9-]+)"', page))
        behind = {i for f in result.figures for i in (*f.counted, *f.missed, *f.missing)}
        if result.indicator.measure != "directives_deployed":
            assert behind <= linked, result.indicator.id
        assert linked <= anchors


def test_the_units_page_shows_a_merger_both_ways():
    page = PAGES["muc-tieu/don-vi.md"]
    old = next(c for c in DATA.communes if c.merged_into)
    card = page.split(f'id="dv-{old.id}"', 1)[1].split('<div class="unit"', 1)[0]
    assert f'Sáp nhập vào <a href="#dv-{old.merged_into}">' in card
    new = page.split(f'id="dv-{old.merged_into}"', 1)[1].split('<div class="unit"', 1)[0]
    assert f'<a href="#dv-{old.id}">{old.name}</a>' in new


def test_duties_page_lists_the_19_units_of_section_vi_with_their_tasks():
    page = PAGES["nhiem-vu/index.md"]
    numbered = sorted((a for a in DATA.agencies if a.number), key=lambda a: a.number)
    assert [a.number for a in numbered] == list(range(1, 20))
    positions = [page.index(f"\n### {a.number}. ") for a in numbered]
    assert positions == sorted(positions)
    for agency in DATA.agencies:
        tasks = [t for t in DATA.tasks if t.agency == agency.id]
        if tasks:
            own = page.split(f"<caption>Việc và báo cáo của {agency.name}</caption>", 1)[1].split("</table>", 1)[0]
            assert all(t.title in own for t in tasks), agency.id
    for task in DATA.tasks:
        if task.document:
            assert f'<a href="{task.document}">Văn bản</a>' in page


def test_duties_page_shows_what_is_overdue_and_due_as_of_today():
    page = PAGES["nhiem-vu/index.md"]
    overdue = [t for t in DATA.tasks if t.status == "pending" and t.due < TODAY]
    due = [t for t in DATA.tasks if t.status == "pending" and 0 <= (t.due - TODAY).days <= 30]
    assert overdue and due  # the demonstration data shows both
    top = page.split("## Theo đơn vị", 1)[0]
    assert f"## Quá hạn ({len(overdue)})" in top and f"## Sắp đến hạn ({len(due)})" in top
    for task in overdue:
        assert f"Quá hạn {(TODAY - task.due).days} ngày" in top
    later = site_pages(DATA, date(2027, 6, 1))
    assert f"## Quá hạn ({len(overdue) + len(due) + 1})" in next(p.content for p in later if p.uri == "nhiem-vu/index.md")


@pytest.mark.parametrize("status, done, due, today, state, text", [
    ("pending", None, date(2025, 1, 10), date(2025, 1, 11), "overdue", "Quá hạn 1 ngày"),
    ("pending", None, date(2025, 1, 10), date(2025, 1, 10), "due", "Đến hạn hôm nay"),
    ("pending", None, date(2025, 2, 9), date(2025, 1, 10), "due", "Sắp đến hạn: còn 30 ngày"),
    ("pending", None, date(2025, 2, 10), date(2025, 1, 10), "ahead", "Chưa đến hạn (còn 31 ngày)"),
    ("done", date(2025, 1, 10), date(2025, 1, 10), date(2026, 1, 1), "done", "Đã xong ngày 10/01/2025"),
    ("done", date(2025, 1, 12), date(2025, 1, 10), date(2026, 1, 1), "late", "Đã xong ngày 12/01/2025, muộn 2 ngày"),
])
def test_task_state_as_of_a_day(status, done, due, today, state, text):
    task = Task(id="t", title="Báo cáo", agency="a", source="Mục VII", due=due, status=status, done=done,
                document="https://vanban.example/t.pdf" if done else None)
    result = task_state(task, today)
    assert (result.state, result.text) == (state, text)


def test_home_page_links_the_targets_next_to_the_article_quotas():
    home = PAGES["index.md"]
    assert "[Xem bảng theo dõi chỉ tiêu tin bài](chi-tieu/index.md) · [Mục tiêu của kế hoạch, năm theo năm]" \
           "(muc-tieu/index.md)" in home


def test_downloads_have_every_figure_and_every_task():
    rows = list(csv.DictReader(io.StringIO(PAGES["du-lieu/muc-tieu.csv"].decode("utf-8-sig"))))
    assert len(rows) == sum(len(r.figures) for r in INDICATORS)
    safe_2022 = next(r for r in rows if r["indicator"] == "don-vi-an-toan" and r["year"] == "2022")
    assert (safe_2022["rule"], safe_2022["threshold"], safe_2022["threshold_year"], safe_2022["how"]) == \
           ("more_than", "90", "2022", "computed")
    records = json.loads(PAGES["du-lieu/muc-tieu.json"])
    tips = next(r for r in records if r["indicator"] == "tin-bao-giai-quyet" and r["year"] == 2020)
    assert (tips["how"], tips["numerator"], tips["denominator"]) == ("entered", 163, 186)
    safe = next(r for r in records if r["indicator"] == "don-vi-an-toan" and r["year"] == 2025)
    # The demonstration's 2020-2025 plan ends on 30 June 2025 (the district level ended): its 2025 figures
    # are read on that day.
    assert len(safe["counted"]) == safe["numerator"] and safe["as_of"] == "2025-06-30"
    tasks = json.loads(PAGES["du-lieu/nhiem-vu.json"])
    assert sorted(t["id"] for t in tasks) == sorted(t.id for t in DATA.tasks)
    assert "muc-tieu.csv" in PAGES["du-lieu/index.md"] and "nhiem-vu.json" in PAGES["du-lieu/index.md"]


def test_a_data_set_without_targets_still_has_both_pages():
    data = load_dataset(PROJECT / "tests/fixtures/valid")
    pages = {p.uri: p.content for p in site_pages(data, date(2023, 6, 1))}
    assert "Chưa có mục tiêu nào" in pages["muc-tieu/index.md"]
    assert "# Nhiệm vụ, thời hạn và báo cáo của các đơn vị" in pages["nhiem-vu/index.md"]


def test_indicator_pages_stay_out_of_the_search_index_and_the_dashboard_stays_in():
    # A citizen typing "tố giác tội phạm" is looking for how to report a crime, not for tip statistics.
    for result in INDICATORS:
        assert PAGES[f"muc-tieu/{result.period.id}/{result.indicator.id}.md"].startswith(
            '---\nsearch: {"exclude": true}\n---\n')
    assert "search:" not in PAGES["muc-tieu/index.md"].split("---", 2)[1]
