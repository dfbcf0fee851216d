"""Counting published items against the plan's yearly quotas.

An item counts once, in the calendar year of its local date, only when
published, toward the group of its outlet. Rules and thresholds are data.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from .dataset import Dataset
from .model import NewsItem, Period, QuotaGroup

RULE_TEXT = {"at_least": "ít nhất", "more_than": "trên"}


@dataclass(frozen=True)
class GroupResult:
    group: QuotaGroup
    year: int
    today: date
    outlets: tuple[str, ...]
    items: tuple[NewsItem, ...]  # counted items, oldest first

    @property
    def count(self) -> int:
        return len(self.items)

    @property
    def target(self) -> int:
        """The smallest count that meets the rule."""
        return self.group.threshold + (1 if self.group.rule == "more_than" else 0)

    @property
    def met(self) -> bool:
        return self.count >= self.target

    @property
    def remaining(self) -> int:
        return max(0, self.target - self.count)

    @property
    def rule_text(self) -> str:
        return f"{RULE_TEXT[self.group.rule]} {self.group.threshold} tin bài/năm"

    @property
    def state(self) -> str:
        """`done` for a past year, `current` for the year in progress, `future`."""
        if self.year < self.today.year:
            return "done"
        return "current" if self.year == self.today.year else "future"

    @cached_property
    def by_month(self) -> tuple[int, ...]:
        counts = Counter(item.date.month for item in self.items)
        return tuple(counts[m] for m in range(1, 13))

    @cached_property
    def by_outlet(self) -> dict[str, int]:
        counts = Counter(item.outlet for item in self.items)
        return {outlet: counts[outlet] for outlet in self.outlets}

    @property
    def expected_by_now(self) -> int:
        """Items a steady pace toward the target would have reached by today."""
        if self.state != "current":
            return self.target if self.state == "done" else 0
        start = date(self.year, 1, 1)
        days = (date(self.year + 1, 1, 1) - start).days
        return math.floor(self.target * ((self.today - start).days + 1) / days)

    @property
    def on_track(self) -> bool:
        return self.count >= self.expected_by_now

    @property
    def months_left(self) -> int:
        """Months left in the year, the current one included."""
        return {"done": 0, "current": 13 - self.today.month, "future": 12}[self.state]

    @property
    def per_month_needed(self) -> int:
        return math.ceil(self.remaining / self.months_left) if self.months_left else 0


@dataclass(frozen=True)
class YearResult:
    year: int
    period: Period
    groups: tuple[GroupResult, ...]


def count_quotas(data: Dataset, today: date) -> dict[int, YearResult]:
    """Results for every year of every plan period that has begun, by year."""
    counted: dict[tuple[int, str], list[NewsItem]] = defaultdict(list)
    for item in data.news:
        outlet = data.outlet.get(item.outlet)
        if item.status == "published" and outlet is not None and outlet.quota is not None:
            counted[item.date.year, outlet.quota].append(item)
    results = {}
    for period in data.site.periods:
        for year in period.years:
            if year > today.year or year in results:
                continue
            first, last = date(year, 1, 1), date(year, 12, 31)
            groups = tuple(
                GroupResult(group=group, year=year, today=today,
                            outlets=tuple(o.id for o in data.outlets if o.quota == group.id
                                          and (o.valid_from or first) <= last and (o.valid_to or last) >= first),
                            items=tuple(sorted(counted[year, group.id], key=lambda n: (n.date, n.title))))
                for group in period.quotas)
            results[year] = YearResult(year, period, groups)
    return results


def leading_years(data: Dataset, today: date, results: dict[int, YearResult]) -> list[YearResult]:
    """What the home page leads with: this year when a period covers today,
    otherwise the final results of the last period that has ended."""
    current = [p for p in data.site.periods if p.start <= today <= p.end]
    if current:
        return [results[today.year]] if today.year in results else []
    ended = [p for p in data.site.periods if p.end < today]
    if not ended:
        return []
    last = max(ended, key=lambda p: p.end)
    return [results[y] for y in last.years if y in results]


# -- the results in words ----------------------------------------------------------------------

def status_text(result: GroupResult) -> str:
    if result.met:
        return "Đạt"
    if result.state == "done":
        return f"Không đạt (thiếu {result.remaining})"
    return f"Chưa đạt (còn thiếu {result.remaining})"


def pace_text(result: GroupResult) -> str:
    if result.met or result.state != "current":
        return ""
    track = "đúng tiến độ" if result.on_track else "chậm tiến độ"
    return (f"{track}: đến hôm nay cần khoảng {result.expected_by_now}, đã có {result.count}; "
            f"cần thêm {result.remaining} tin bài trước 31/12/{result.year}, "
            f"tức khoảng {result.per_month_needed} mỗi tháng trong {result.months_left} tháng còn lại")
