"""The targets dashboard and the duties page in Chromium: readable on a phone and without JavaScript,
and every figure's link lands on the units behind it."""

from datetime import date

import pytest

from antq.load import load_dataset
from antq.quota import count_quotas
from antq.targets import compute_targets
from browser import PROJECT, TODAY

DATA = load_dataset(PROJECT / "data")
DAY = date.fromisoformat(TODAY)
INDICATORS = [r for p in compute_targets(DATA, DAY, count_quotas(DATA, DAY)) for t in p.targets for r in t.indicators]
PHONE = {"width": 360, "height": 740}


@pytest.fixture(scope="module")
def phone(browser):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("path", ["muc-tieu/", "nhiem-vu/", "muc-tieu/2020-2025/don-vi-an-toan/", "muc-tieu/don-vi/"])
def test_fits_a_phone_screen_without_sideways_scrolling(phone, demo_site, path):
    phone.goto(demo_site / path)
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # The figures are there to read without a script: cards, table rows and lists of units show.
    cards = phone.locator("div.target, div.unit, article table tbody tr, ul.unit-list li")
    assert cards.count() > 0 and cards.first.is_visible()


def test_every_target_and_year_is_readable_without_javascript(phone, demo_site):
    phone.goto(demo_site / "muc-tieu/")
    assert "Mục tiêu" in phone.locator("h1").inner_text()
    assert phone.locator("div.target").count() == len(INDICATORS)
    text = phone.locator("article").inner_text()
    for result in INDICATORS:
        assert result.indicator.name in text
    assert phone.locator("table.target-years tbody tr").count() == sum(len(r.figures) for r in INDICATORS)


def test_a_figure_link_opens_the_year_and_its_units_link_the_register(phone, demo_site):
    phone.goto(demo_site / "muc-tieu/")
    phone.locator('a[href="2020-2025/don-vi-an-toan/#nam-2025"]').click()
    assert phone.url.endswith("/muc-tieu/2020-2025/don-vi-an-toan/#nam-2025")
    assert phone.locator("#nam-2025").is_visible()
    unit = phone.locator('a[href^="../../don-vi/#dv-"]').first
    target = unit.get_attribute("href").split("#", 1)[1]
    unit.click()
    assert phone.url.endswith(f"/muc-tieu/don-vi/#{target}")
    card = phone.locator(f"#{target}")
    assert card.is_visible() and card.locator("table.unit-years tbody tr").count() >= 1


def test_duties_page_shows_overdue_tasks_first(phone, demo_site):
    phone.goto(demo_site / "nhiem-vu/")
    overdue = [t for t in DATA.tasks if t.status == "pending" and t.due < DAY]
    headings = phone.locator("article h2").all_inner_texts()
    assert headings[:2] == [f"Quá hạn ({len(overdue)})", f"Sắp đến hạn (1)"]
    assert phone.locator("span.task.overdue").count() >= 2 * len(overdue)  # in the list on top and under each unit
    numbered = phone.locator("article h3").all_inner_texts()
    assert [h.split(".", 1)[0] for h in numbered[:19]] == [str(n) for n in range(1, 20)]
