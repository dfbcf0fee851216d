"""The plan's targets, year by year: each indicator's figure from the register, the yearly figures or the news.

A year's figure reads the register on one day: 31 December, or the threshold's `on` day, or today
for the year in progress, never after the period's end. Units counted are those valid on that day, so
a unit that ended mid-year is left out of that year, and a commune merged mid-year is counted once:
as its successor after the merge. A unit without a figure for the year stays in the denominator
(it is not known to meet the target) and is listed as "no data".
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from .dataset import Dataset
from .model import MEASURES, Commune, Indicator, Period, Target, Unit, UnitYear
from .quota import RULE_TEXT, YearResult

RATINGS = ("tốt", "khá", "trung bình", "yếu")
CLASSES = {"key-security": "trọng điểm phức tạp về an ninh, trật tự",
           "key-order": "trọng điểm phức tạp về trật tự an toàn xã hội", "less-complex": "ít phức tạp"}

# Computed from the register, entered as yearly figures, or counted from the news.
HOW = {"units": "computed", "households": "computed", "directives": "computed", "locality": "entered",
       "quota": "counted"}

# How each measure is obtained, for readers and reviewers: computed from which file, or entered.
METHOD = {
    "directives_deployed": "Tính từ danh sách văn bản (directives.yml): văn bản ban hành trong năm đã triển khai "
                           "đến mọi đơn vị / số văn bản ban hành trong năm.",
    "documents": "Tính từ số liệu từng đơn vị (unit-years.yml): đơn vị có cả nghị quyết của cấp ủy và kế hoạch "
                 "của chính quyền / số đơn vị.",
    "households_reached": "Tính từ số liệu từng xã (unit-years.yml): tổng số hộ được tuyên truyền / tổng số hộ.",
    "members_reached": "Số liệu nhập hằng năm (locality-years.yml): số người được tuyên truyền / tổng số.",
    "students_reached": "Số liệu nhập hằng năm (locality-years.yml): số học sinh được tuyên truyền / tổng số.",
    "tips_accepted": "Số liệu nhập hằng năm (locality-years.yml): tin được thụ lý / tin tiếp nhận.",
    "tips_resolved": "Số liệu nhập hằng năm (locality-years.yml): tin đã giải quyết / tin thụ lý.",
    "tips_overdue": "Số liệu nhập hằng năm (locality-years.yml): tin quá hạn giải quyết / tin thụ lý.",
    "propagandists_staffed": "Số liệu nhập hằng năm (locality-years.yml), từng cấp: số hiện có (không tính phần vượt) "
                             "/ số cần có theo quy định.",
    "propagandists_trained": "Số liệu nhập hằng năm (locality-years.yml), từng cấp: số đã tập huấn / số hiện có.",
    "news_quota": "Đếm tin bài đã duyệt (news/), như bảng theo dõi chỉ tiêu tin bài.",
    "safe": "Tính từ sổ đơn vị (communes.yml, units.yml) và số liệu từng năm (unit-years.yml): đơn vị được công nhận "
            "\"An toàn về an ninh, trật tự\" / số đơn vị.",
    "effective_model": "Tính từ sổ đơn vị và đánh giá mô hình (models.yml): đơn vị có ít nhất một mô hình được đánh "
                       "giá hoạt động hiệu quả trong năm / số đơn vị.",
    "forces_full": "Tính từ số liệu từng đơn vị (unit-years.yml): đơn vị có lực lượng hiện có bằng hoặc hơn số "
                   "theo quy định / số đơn vị.",
    "camera": "Tính từ số liệu từng đơn vị (unit-years.yml): đơn vị có camera an ninh / số đơn vị.",
    "camera_households": "Tính từ số liệu từng xã (unit-years.yml): tổng số hộ lắp camera / tổng số hộ.",
    "new_rural": "Đếm từ số liệu từng xã (unit-years.yml): số xã đạt chuẩn nông thôn mới.",
    "not_key_security": "Tính từ phân loại địa bàn hằng năm (unit-years.yml): đơn vị không thuộc loại trọng điểm "
                        "phức tạp về an ninh, trật tự / số đơn vị.",
    "not_weak": "Tính từ xếp loại phong trào hằng năm (unit-years.yml): đơn vị không bị xếp loại yếu / số đơn vị.",
    "drug_free": "Tính từ số liệu từng đơn vị (unit-years.yml): đơn vị được công nhận không có tệ nạn ma túy "
                 "/ số đơn vị.",
}


@dataclass(frozen=True)
class Rule:
    rule: str  # at_least | more_than
    value: float
    year: int | None = None  # the deadline, or the first year of a yearly threshold; None: every year

    def meets(self, value: Fraction) -> bool:
        """Exact: 90% is not "trên 90%", 90.1% is (the threshold as written, not as a binary float)."""
        threshold = Fraction(str(self.value))
        return value >= threshold if self.rule == "at_least" else value > threshold


@dataclass(frozen=True)
class Figure:
    year: int
    on: date  # the day the register is read
    current: bool  # the year in progress
    numerator: int | None  # None: no figure at all
    denominator: int | None  # None for counts
    rule: Rule | None  # None: tracked only
    judged: bool  # the rule applies this year (yearly, or the deadline has come)
    counted: tuple[str, ...] = ()  # ids of what meets (units, directives)
    missed: tuple[str, ...] = ()  # ids of what does not
    missing: tuple[str, ...] = ()  # ids of units without a figure
    breakdown: tuple[tuple[str, int, int], ...] = ()  # (label, numerator, denominator) of entered parts
    total: int | None = None  # for a count (19 of 28 communes): how many could have counted

    @property
    def value(self) -> Fraction | None:
        if self.numerator is None or self.denominator == 0:
            return None
        return Fraction(self.numerator) if self.denominator is None else Fraction(self.numerator * 100, self.denominator)

    @property
    def met(self) -> bool | None:
        if self.rule is None or self.value is None:
            return None
        return self.rule.meets(self.value)

    @property
    def state(self) -> str:
        """met, missed (judged and not met), progress (before the deadline, or the year in progress), tracked, nodata."""
        if self.value is None:
            return "nodata"
        if self.rule is None:
            return "tracked"
        if self.met:
            return "met"
        return "missed" if self.judged and not self.current else "progress"


@dataclass(frozen=True)
class IndicatorResult:
    target: Target
    indicator: Indicator
    period: Period
    figures: tuple[Figure, ...]  # oldest first

    @property
    def percent(self) -> bool:
        return MEASURES[self.indicator.measure][1] == "percent"

    @property
    def final(self) -> Figure | None:
        """The figure that answers "was the target reached": for a deadline, the year of the last deadline
        (met on time or not; the years after it are shown too); otherwise the last judged year, else the last."""
        if self.indicator.schedule == "deadline" and self.indicator.thresholds:
            last = max(t.year for t in self.indicator.thresholds)
            at_deadline = [f for f in self.figures if f.year == last]
            if at_deadline:
                return at_deadline[0]
        judged = [f for f in self.figures if f.judged and f.rule is not None]
        return (judged or list(self.figures) or [None])[-1]


@dataclass(frozen=True)
class TargetResult:
    target: Target
    indicators: tuple[IndicatorResult, ...]


@dataclass(frozen=True)
class PeriodResult:
    period: Period
    targets: tuple[TargetResult, ...]
    ended: bool


# -- the register on a given day ---------------------------------------------------------------

class Register:
    """Communes and units, their yearly status, and the models, looked up by id."""

    def __init__(self, data: Dataset):
        self.data = data
        self.communes = {c.id: c for c in data.communes}
        self.units = {u.id: u for u in data.units}
        self.status = {(s.unit, s.year): s for s in data.unit_years}

    def get(self, unit_id: str) -> Commune | Unit | None:
        return self.units.get(unit_id) or self.communes.get(unit_id)

    def name(self, unit_id: str) -> str:
        unit = self.get(unit_id)
        return unit.name if unit is not None else unit_id

    def in_scope(self, indicator: Indicator, day: date) -> list[Commune | Unit]:
        """Units of the indicator's kinds valid on `day`, communes first, each group by name."""
        chosen = [u for u in (*self.communes.values(), *self.units.values())
                  if u.kind in indicator.scope and u.valid_on(day) and (u.complex or not indicator.complex_only)]
        return sorted(chosen, key=lambda u: (isinstance(u, Unit), u.name))

    def commune_on(self, commune_id: str, day: date) -> str:
        """The commune that holds `commune_id`'s place on `day`, following mergers."""
        seen = set()
        commune = self.communes.get(commune_id)
        while commune is not None and not commune.valid_on(day) and commune.merged_into and commune.id not in seen:
            seen.add(commune.id)
            commune = self.communes.get(commune.merged_into)
        return commune.id if commune is not None else commune_id

    def effective_models(self, year: int, day: date) -> set[str]:
        """Ids of the units with a model evaluated effective in `year` and set up by `day`:
        the unit a model names, and the commune (after any merger) it operates in."""
        holders: set[str] = set()
        for model in self.data.models:
            if model.established <= day and any(e.year == year and e.result == "effective" for e in model.evaluations):
                holders.add(self.commune_on(model.commune_now or model.commune, day))
                if model.unit is not None:
                    holders.add(model.unit)
        return holders


def unit_meets(measure: str, unit: Commune | Unit, status: UnitYear | None, with_model: set[str]) -> bool | None:
    """Whether one unit meets a unit measure in a year; None when its figure is missing."""
    if measure == "effective_model":
        return unit.id in with_model
    if status is None:
        return None
    if measure == "documents":
        if status.resolution is False or status.plan is False:
            return False
        return None if status.resolution is None or status.plan is None else True
    if measure == "forces_full":
        if status.forces_required is None or status.forces_actual is None:
            return None
        return status.forces_actual >= status.forces_required
    if measure == "not_key_security":
        return None if status.classification is None else status.classification != "key-security"
    if measure == "not_weak":
        return None if status.rating is None else status.rating != "yếu"
    field = {"safe": "safe", "drug_free": "drug_free", "camera": "camera", "new_rural": "new_rural"}[measure]
    return getattr(status, field)


# -- one figure per indicator and year ---------------------------------------------------------

def reading_day(indicator: Indicator, year: int, period: Period, today: date) -> date:
    for threshold in indicator.thresholds:
        if threshold.year == year and threshold.as_of is not None:
            return threshold.as_of
    return min(date(year, 12, 31), period.end, today)


def applicable_rule(indicator: Indicator, year: int) -> tuple[Rule | None, bool]:
    """The threshold that applies in `year`, and whether it is judged that year."""
    ordered = sorted(indicator.thresholds, key=lambda t: t.year)
    if indicator.schedule == "yearly":
        started = [t for t in ordered if t.year <= year]
        return (Rule(started[-1].rule, started[-1].value, started[-1].year), True) if started else (None, False)
    ahead = [t for t in ordered if t.year >= year]
    chosen = ahead[0] if ahead else (ordered[-1] if ordered else None)
    return (Rule(chosen.rule, chosen.value, chosen.year), chosen.year <= year) if chosen else (None, False)


def _unit_figure(register: Register, indicator: Indicator, year: int, day: date) -> dict:
    units = register.in_scope(indicator, day)
    with_model = register.effective_models(year, day) if indicator.measure == "effective_model" else set()
    outcome = {u.id: unit_meets(indicator.measure, u, register.status.get((u.id, year)), with_model) for u in units}
    return dict(numerator=sum(1 for v in outcome.values() if v), denominator=len(units),
                counted=tuple(i for i, v in outcome.items() if v), missed=tuple(i for i, v in outcome.items() if v is False),
                missing=tuple(i for i, v in outcome.items() if v is None))


def _household_figure(register: Register, indicator: Indicator, year: int, day: date) -> dict:
    part = "camera_households" if indicator.measure == "camera_households" else "households_reached"
    numerator = denominator = 0
    counted, missing = [], []
    for unit in register.in_scope(indicator, day):
        if indicator.area is not None and (not isinstance(unit, Commune) or unit.rural != (indicator.area == "rural")):
            continue
        status = register.status.get((unit.id, year))
        if status is None or status.households is None or getattr(status, part) is None:
            missing.append(unit.id)
            continue
        numerator += getattr(status, part)
        denominator += status.households
        counted.append(unit.id)
    return dict(numerator=numerator if counted else None, denominator=denominator, counted=tuple(counted),
                missing=tuple(missing))


def _locality_figure(data: Dataset, measure: str, year: int) -> dict:
    figures = next((f for f in data.locality_years if f.year == year), None)
    if measure in ("members_reached", "students_reached"):
        reach = getattr(figures, measure.removesuffix("_reached"), None)
        return dict(numerator=reach.reached, denominator=reach.total) if reach else dict(numerator=None, denominator=None)
    if measure.startswith("tips_"):
        tips = figures.tips if figures else None
        if tips is None:
            return dict(numerator=None, denominator=None)
        part, whole = {"tips_accepted": (tips.accepted, tips.received), "tips_resolved": (tips.resolved, tips.accepted),
                       "tips_overdue": (tips.overdue, tips.accepted)}[measure]
        return dict(numerator=part, denominator=whole)
    levels = figures.propagandists if figures else []
    if not levels:
        return dict(numerator=None, denominator=None)
    if measure == "propagandists_staffed":
        # Extra people at one level do not make up for a shortage at another.
        parts = tuple((p.level, min(p.actual, p.required), p.required) for p in levels)
    else:
        parts = tuple((p.level, p.trained, p.actual) for p in levels)
    return dict(numerator=sum(p[1] for p in parts), denominator=sum(p[2] for p in parts), breakdown=parts)


def _directive_figure(data: Dataset, year: int, day: date) -> dict:
    issued = [d for d in data.directives if d.date.year == year and d.date <= day]
    reached = [d for d in issued if d.deployed is not None and d.deployed <= day and not d.not_reached]
    return dict(numerator=len(reached), denominator=len(issued), counted=tuple(d.id for d in reached),
                missed=tuple(d.id for d in issued if d not in reached))


def indicator_figures(data: Dataset, register: Register, target: Target, indicator: Indicator, period: Period,
                      today: date, quotas: dict[int, YearResult]) -> tuple[Figure, ...]:
    over = MEASURES[indicator.measure][0]
    figures = []
    for year in period.years:
        if year > today.year:
            break
        day = reading_day(indicator, year, period, today)
        rule, judged = applicable_rule(indicator, year)
        if over == "quota":
            result = quotas.get(year)
            group = next((g for g in result.groups if g.group.id == indicator.quota and g.period is period),
                         None) if result else None
            if group is None:
                continue
            # For part of a year (a plan starting or ending mid-year), the target that applies to that part.
            rule = (Rule(group.group.rule, group.group.threshold) if group.threshold.basis == "year"
                    else Rule("at_least", group.target))
            judged = True
            parts = dict(numerator=group.count, denominator=None)
        elif over == "units":
            parts = _unit_figure(register, indicator, year, day)
            if MEASURES[indicator.measure][1] == "count":
                # A count is judged on the count; the number of units is context.
                parts["total"] = parts.pop("denominator")
                parts["denominator"] = None
        elif over == "households":
            parts = _household_figure(register, indicator, year, day)
        elif over == "locality":
            parts = _locality_figure(data, indicator.measure, year)
        else:
            parts = _directive_figure(data, year, day)
        figures.append(Figure(year=year, on=day, current=year == today.year and day == today, rule=rule,
                              judged=judged, **parts))
    return tuple(figures)


def compute_targets(data: Dataset, today: date, quotas: dict[int, YearResult]) -> list[PeriodResult]:
    """Every period that has targets and has begun: the one in progress first, then the ended ones, latest first."""
    register = Register(data)
    results = []
    for period in data.site.periods:
        targets = [t for t in data.targets if t.period == period.id]
        if not targets or period.start > today:
            continue
        results.append(PeriodResult(period=period, ended=period.end < today, targets=tuple(
            TargetResult(target, tuple(
                IndicatorResult(target, indicator, period,
                                indicator_figures(data, register, target, indicator, period, today, quotas))
                for indicator in target.indicators))
            for target in targets)))
    return sorted(results, key=lambda r: (r.ended, -r.period.end.toordinal()))


# -- the yearly classification and rating (plan IV.6-IV.7) ------------------------------------

def yearly_status_counts(data: Dataset, years: range, today: date) -> list[dict]:
    """Per year, read on 31 December (or today): units by movement rating, communes by classification,
    units recognised safe and drug-free, among units with a figure that year."""
    register = Register(data)
    rows = []
    for year in years:
        if year > today.year:
            break
        day = min(date(year, 12, 31), today)
        statuses = [register.status[u.id, year] for u in (*register.communes.values(), *register.units.values())
                    if u.valid_on(day) and (u.id, year) in register.status]
        rows.append({"year": year, "on": day, "units": len(statuses),
                     "rating": {r: sum(1 for s in statuses if s.rating == r) for r in RATINGS},
                     "classification": {c: sum(1 for s in statuses if s.classification == c) for c in CLASSES},
                     "safe": sum(1 for s in statuses if s.safe), "drug_free": sum(1 for s in statuses if s.drug_free)})
    return rows


def count_states(results: list[IndicatorResult]) -> Counter:
    return Counter(r.final.state for r in results if r.final is not None)


FIGURE_COLUMNS = ["period", "target", "source", "indicator", "name", "measure", "how", "year", "as_of", "numerator",
                  "denominator", "total", "value", "rule", "threshold", "threshold_year", "judged", "state", "met",
                  "missing_count"]


def figure_record(result: IndicatorResult, figure: Figure) -> dict:
    """One indicator's figure in one year, for the downloads; `value` is a percentage or a count."""
    rule = figure.rule
    return {"period": result.period.id, "target": result.target.id, "source": result.target.source,
            "indicator": result.indicator.id, "name": result.indicator.name, "measure": result.indicator.measure,
            "how": HOW[MEASURES[result.indicator.measure][0]], "year": figure.year, "as_of": figure.on.isoformat(),
            "numerator": figure.numerator, "denominator": figure.denominator, "total": figure.total,
            "value": None if figure.value is None else round(float(figure.value), 4),
            "rule": rule.rule if rule else None,
            "threshold": (int(rule.value) if float(rule.value).is_integer() else rule.value) if rule else None,
            "threshold_year": rule.year if rule else None, "judged": figure.judged, "state": figure.state,
            "met": figure.met, "missing_count": len(figure.missing), "counted": list(figure.counted),
            "missed": list(figure.missed), "missing": list(figure.missing),
            "breakdown": [{"label": label, "numerator": n, "denominator": d} for label, n, d in figure.breakdown]}
