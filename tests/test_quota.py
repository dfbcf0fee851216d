"""Counting against the quotas: the boundaries of both rules, local dates, statuses, pace."""

import dataclasses
import time
from datetime import date

import pytest

from antq.dates import local_date
from antq.load import load_dataset
from antq.model import NewsItem, Period, QuotaGroup
from antq.problems import Where
from antq.quota import count_quotas, leading_years
from conftest import VALID

TZ = "Asia/Ho_Chi_Minh"


def dataset(items, start=date(2020, 1, 1), end=date(2021, 12, 31)):
    """The valid fixture with the plan's real quota rules and the given news items."""
    base = load_dataset(VALID)
    period = Period(id="p", title="Kế hoạch", start=start, end=end, quotas=[
        QuotaGroup(id="tinh", name="Báo, đài tỉnh", rule="at_least", threshold=20),
        QuotaGroup(id="huyen", name="Đài huyện", rule="more_than", threshold=80)])
    site = base.site.model_copy(update={"periods": [period]})
    for i, item in enumerate(items):
        item._where = Where(base.root / f"news/{item.date.year}/n{i}.yml")
    return dataclasses.replace(base, site=site, news=tuple(items))


def items(n, outlet="bao-tinh", day=date(2020, 5, 1), status="published"):
    return [NewsItem(title=f"Tin {outlet} {i}", date=day, outlet=outlet, status=status,
                     url=f"https://bao.example/{outlet}/{day}/{status}/{i}" if outlet != "dai-huyen" else None)
            for i in range(n)]


def group(data, year, gid, today=date(2022, 6, 1)):
    return next(g for g in count_quotas(data, today)[year].groups if g.group.id == gid)


@pytest.mark.parametrize("count, met, remaining", [(19, False, 1), (20, True, 0), (21, True, 0)])
def test_at_least_20(count, met, remaining):
    result = group(dataset(items(count)), 2020, "tinh")
    assert (result.count, result.met, result.remaining) == (count, met, remaining)


@pytest.mark.parametrize("count, met, remaining", [(80, False, 1), (81, True, 0), (0, False, 81)])
def test_more_than_80(count, met, remaining):
    result = group(dataset(items(count, outlet="dai-huyen")), 2020, "huyen")
    assert (result.count, result.met, result.remaining) == (count, met, remaining)


def test_feed_time_at_local_midnight_on_1_january_is_the_new_year():
    new_year = local_date(time.strptime("Thu, 31 Dec 2020 18:30:00 GMT", "%a, %d %b %Y %H:%M:%S GMT"), TZ)
    old_year = local_date(time.strptime("Thu, 31 Dec 2020 16:59:59 GMT", "%a, %d %b %Y %H:%M:%S GMT"), TZ)
    assert (new_year, old_year) == (date(2021, 1, 1), date(2020, 12, 31))
    data = dataset(items(1, day=new_year) + items(1, day=old_year, outlet="cong-huyen") + items(2, day=old_year))
    assert group(data, 2021, "tinh").count == 1
    assert group(data, 2020, "tinh").count == 2


def test_pending_rejected_and_unquoted_outlets_do_not_count():
    data = dataset(items(3) + items(4, status="pending") + items(5, status="rejected") + items(6, outlet="cong-huyen"))
    assert group(data, 2020, "tinh").count == 3


def test_breakdown_by_month_and_outlet():
    data = dataset(items(2, day=date(2020, 1, 9)) + items(3, day=date(2020, 12, 31)))
    result = group(data, 2020, "tinh")
    assert result.by_month == (2,) + (0,) * 10 + (3,)
    assert result.by_outlet == {"bao-tinh": 5}


def test_pace_of_the_year_in_progress():
    data = dataset(items(5, day=date(2021, 2, 1)))
    behind = group(data, 2021, "tinh", today=date(2021, 7, 1))
    assert behind.state == "current" and not behind.on_track
    assert behind.expected_by_now == 9  # 20 x 182/365
    assert (behind.months_left, behind.per_month_needed) == (6, 3)  # 15 more over Jul-Dec
    assert group(data, 2021, "tinh", today=date(2021, 3, 1)).on_track


def test_home_leads_with_this_year_or_with_the_final_results_of_the_last_period():
    data = dataset(items(1))
    during = leading_years(data, date(2021, 3, 1), count_quotas(data, date(2021, 3, 1)))
    after = leading_years(data, date(2026, 3, 1), count_quotas(data, date(2026, 3, 1)))
    assert [y.year for y in during] == [2021]
    assert [y.year for y in after] == [2020, 2021]


def test_years_not_yet_begun_are_not_reported():
    data = dataset(items(1), end=date(2030, 12, 31))
    assert list(count_quotas(data, date(2021, 3, 1))) == [2020, 2021]
