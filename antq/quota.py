"""Counting published items against the plan's quotas, for a year or any span of days within one.

An item counts once, only when published, toward the group of its outlet in the plan period that
covers the item's local date. A year split between two periods is counted part by part, each part
with the target that applies to its days: the period's own target for that part of the year when
the data gives one, otherwise the yearly threshold pro-rated by days. Nothing drops out silently:
every published item of the span is either counted or listed with the reason it is not.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from functools import cached_property

from .dataset import Dataset
from .dates import show
from .model import NewsItem, Outlet, Period, QuotaGroup

RULE_TEXT = {"at_least": "ít nhất", "more_than": "trên"}


def days_between(start: date, end: date) -> int:
    """Days from `start` to `end`, both included."""
    return (end - start).days + 1


def year_span(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def half_span(year: int, half: int) -> tuple[date, date]:
    return (date(year, 1, 1), date(year, 6, 30)) if half == 1 else (date(year, 7, 1), date(year, 12, 31))


@dataclass(frozen=True)
class Threshold:
    """The threshold that applies to some days of one year, and where it comes from."""
    value: Fraction
    base: int  # the threshold in the data it comes from
    base_days: int  # the days `base` is for: the year, or the period's part of the year
    days: int  # the days it applies to
    from_part: bool  # `base` is the period's own threshold for its part of the year (`part_years`)

    @property
    def basis(self) -> str:
        """`year`: the yearly threshold; `part`: the period's own for its part of the year; `prorated`."""
        if self.days != self.base_days:
            return "prorated"
        return "part" if self.from_part else "year"


def applied_threshold(group: QuotaGroup, period: Period, start: date, end: date) -> Threshold:
    """Threshold of `group` for the days `start`..`end` (one year, inside `period`)."""
    first, last = year_span(start.year)
    part_start, part_end = max(period.start, first), min(period.end, last)
    part = group.part_year(start.year)
    from_part = part is not None and (part_start, part_end) != (first, last)
    base, base_days = (part.threshold, days_between(part_start, part_end)) if from_part else \
        (group.threshold, days_between(first, last))
    days = days_between(start, end)
    return Threshold(Fraction(base * days, base_days), base, base_days, days, from_part)


@dataclass(frozen=True)
class GroupResult:
    """One group of one period over the days `start`..`end` of one year."""
    group: QuotaGroup
    period: Period
    start: date
    end: date
    today: date
    threshold: Threshold
    outlets: tuple[str, ...]
    items: tuple[NewsItem, ...]  # counted items, oldest first

    @property
    def year(self) -> int:
        return self.start.year

    @property
    def whole_year(self) -> bool:
        return (self.start, self.end) == year_span(self.year)

    @property
    def count(self) -> int:
        return len(self.items)

    @property
    def target(self) -> int:
        """The smallest count that meets the rule."""
        value = self.threshold.value
        return math.floor(value) + 1 if self.group.rule == "more_than" else math.ceil(value)

    @property
    def met(self) -> bool:
        return self.count >= self.target

    @property
    def remaining(self) -> int:
        return max(0, self.target - self.count)

    @property
    def rule_text(self) -> str:
        rule = RULE_TEXT[self.group.rule]
        if self.whole_year and self.threshold.basis == "year":
            return f"{rule} {self.group.threshold} tin bài/năm"
        return f"{rule} {number_text(self.threshold.value)} tin bài từ {show(self.start)} đến {show(self.end)}"

    @property
    def state(self) -> str:
        """`done` when the span has ended, `current` while it runs, `future` before it starts."""
        if self.end < self.today:
            return "done"
        return "current" if self.start <= self.today else "future"

    @property
    def months(self) -> range:
        return range(self.start.month, self.end.month + 1)

    @cached_property
    def by_month(self) -> tuple[int, ...]:
        """Counts for each month of `months`."""
        counts = Counter(item.date.month for item in self.items)
        return tuple(counts[m] for m in self.months)

    @cached_property
    def by_outlet(self) -> dict[str, int]:
        counts = Counter(item.outlet for item in self.items)
        return {outlet: counts[outlet] for outlet in self.outlets}

    @property
    def expected_by_now(self) -> int:
        """Items a steady pace toward the target would have reached by today."""
        if self.state != "current":
            return self.target if self.state == "done" else 0
        return math.floor(self.target * days_between(self.start, self.today) / days_between(self.start, self.end))

    @property
    def on_track(self) -> bool:
        return self.count >= self.expected_by_now

    @property
    def months_left(self) -> int:
        """Months left in the span, the current one included."""
        if self.state == "current":
            return self.end.month - self.today.month + 1
        return 0 if self.state == "done" else len(self.months)

    @property
    def per_month_needed(self) -> int:
        return math.ceil(self.remaining / self.months_left) if self.months_left else 0



def number_text(value: Fraction) -> str:
    """A threshold as Vietnamese readers write it: 20, or 9,92 (two decimals, comma)."""
    if value.denominator == 1:
        return str(value.numerator)
    return f"{float(value):.2f}".replace(".", ",")


@dataclass(frozen=True)
class PartResult:
    """The days of a span that one plan period covers, with that period's groups."""
    period: Period
    start: date
    end: date
    groups: tuple[GroupResult, ...]


@dataclass(frozen=True)
class OutletChange:
    outlet: Outlet
    opened: date | None  # inside the span
    closed: date | None  # inside the span


@dataclass(frozen=True)
class SpanResult:
    """Everything counted for the days `start`..`end` of one year (the year, or a half of it)."""
    start: date
    end: date
    parts: tuple[PartResult, ...]
    published: tuple[NewsItem, ...]  # every published item dated in the span, oldest first
    not_counted: tuple[tuple[NewsItem, str], ...]  # with the reason, oldest first
    pending: tuple[NewsItem, ...]  # waiting for review, oldest first
    changes: tuple[OutletChange, ...]  # outlets that opened or closed during the span

    @property
    def year(self) -> int:
        return self.start.year

    @property
    def groups(self) -> tuple[GroupResult, ...]:
        return tuple(g for part in self.parts for g in part.groups)

    @property
    def counted(self) -> tuple[NewsItem, ...]:
        return tuple(n for g in self.groups for n in g.items)

    @property
    def periods(self) -> tuple[Period, ...]:
        return tuple(part.period for part in self.parts)


# A calendar year's results are those of the span of the whole year.
YearResult = SpanResult


def _reason(data: Dataset, item: NewsItem, period: Period | None) -> str | None:
    """Why a published item does not count, or None when it counts."""
    outlet = data.outlet[item.outlet]
    if not outlet.valid_on(item.date):
        return f"{outlet.name} không hoạt động vào ngày {show(item.date)}"
    if outlet.quota is None:
        return f"{outlet.name} không thuộc nhóm chỉ tiêu nào"
    if period is None:
        return f"ngày {show(item.date)} không thuộc giai đoạn kế hoạch nào"
    if all(g.id != outlet.quota for g in period.quotas):
        return (f"nhóm chỉ tiêu '{outlet.quota}' của {outlet.name} không có trong giai đoạn {period.id} "
                f"({show(period.start)} – {show(period.end)})")
    return None


def _changes(data: Dataset, start: date, end: date) -> tuple[OutletChange, ...]:
    changes = []
    for outlet in data.outlets:
        opened = outlet.valid_from if outlet.valid_from and start < outlet.valid_from <= end else None
        closed = outlet.valid_to if outlet.valid_to and start <= outlet.valid_to < end else None
        if opened or closed:
            changes.append(OutletChange(outlet, opened, closed))
    return tuple(changes)


def count_span(data: Dataset, start: date, end: date, today: date) -> SpanResult:
    """Results for the days `start`..`end` (inside one calendar year)."""
    periods = [p for p in data.site.periods if p.start <= end and p.end >= start]
    periods.sort(key=lambda p: p.start)

    def period_of(day: date) -> Period | None:
        return next((p for p in periods if p.start <= day <= p.end), None)

    in_span = sorted((n for n in data.news_of_year.get(start.year, ()) if start <= n.date <= end),
                     key=lambda n: (n.date, n.title))
    published = [n for n in in_span if n.status == "published"]
    counted: dict[tuple[str, str], list[NewsItem]] = {}
    not_counted = []
    for item in published:
        period = period_of(item.date)
        reason = _reason(data, item, period)
        if reason is None:
            counted.setdefault((period.id, data.outlet[item.outlet].quota), []).append(item)
        else:
            not_counted.append((item, reason))
    parts = []
    for period in periods:
        part_start, part_end = max(start, period.start), min(end, period.end)
        groups = tuple(
            GroupResult(group=group, period=period, start=part_start, end=part_end, today=today,
                        threshold=applied_threshold(group, period, part_start, part_end),
                        outlets=tuple(o.id for o in data.outlets if o.quota == group.id
                                      and (o.valid_from or part_start) <= part_end
                                      and (o.valid_to or part_end) >= part_start),
                        items=tuple(counted.get((period.id, group.id), ())))
            for group in period.quotas)
        parts.append(PartResult(period, part_start, part_end, groups))
    return SpanResult(start, end, tuple(parts), tuple(published), tuple(not_counted),
                      tuple(n for n in in_span if n.status == "pending"), _changes(data, start, end))


def count_quotas(data: Dataset, today: date) -> dict[int, SpanResult]:
    """Results for each year that has begun and that a plan period covers or a published item is dated in."""
    years = {y for p in data.site.periods for y in p.years} | {n.date.year for n in data.published}
    return {year: count_span(data, *year_span(year), today) for year in sorted(years) if year <= today.year}


def count_halves(data: Dataset, year: int, today: date) -> list[SpanResult]:
    """The half-years of `year` that have begun: the plan is reviewed every six months."""
    return [count_span(data, *half_span(year, half), today) for half in (1, 2) if half_span(year, half)[0] <= today]


def leading_years(data: Dataset, today: date, results: dict[int, SpanResult]) -> list[SpanResult]:
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
            f"cần thêm {result.remaining} tin bài trước {show(result.end)}, "
            f"tức khoảng {result.per_month_needed} mỗi tháng trong {result.months_left} tháng còn lại")


def threshold_note(result: GroupResult) -> str:
    """How the threshold of a part of a year was set, or "" for a whole year's own threshold."""
    t, g = result.threshold, result.group
    if t.basis == "year":
        return ""
    part = g.part_year(result.year)
    source = f" ({part.source})" if t.from_part and part.source else ""
    if t.basis == "part":
        return f"chỉ tiêu riêng của giai đoạn {result.period.id} cho phần năm này{source}"
    origin = (f"{t.base} tin bài cho {t.base_days} ngày của giai đoạn trong năm{source}" if t.from_part
              else f"{t.base} tin bài/năm")
    return (f"chia theo số ngày: {origin} × {t.days}/{t.base_days} ngày = {number_text(t.value)}; "
            f"cần {result.target} tin bài")
