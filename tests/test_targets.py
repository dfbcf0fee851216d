"""The plan's targets, computed: the boundaries of both rules for every computed measure, an empty
denominator, a unit that ended mid-year, a commune merged in 2025, missing figures, the year in progress."""

import dataclasses
from datetime import date
from fractions import Fraction

import pytest

from antq.load import load_dataset
from antq.model import (Commune, Directive, Evaluation, Indicator, LocalityYear, Period, Propagandists, QuotaGroup,
                        Reach, SecurityModel, Target, Threshold, Tips, Unit, UnitYear)
from antq.quota import count_quotas
from antq.target_pages import percent_text, verdict
from antq.targets import Register, Rule, compute_targets, indicator_figures
from conftest import VALID

TODAY = date(2026, 11, 26)
PERIOD = Period(id="p", title="Kế hoạch", start=date(2020, 1, 1), end=date(2025, 12, 31), quotas=[
    QuotaGroup(id="tinh", name="Báo tỉnh", rule="at_least", threshold=2)])
ALL = ["xã", "thị trấn", "phường", "khu dân cư", "cơ quan", "doanh nghiệp", "nhà trường"]
# A status that meets each unit measure, and one that does not.
MEETS = {
    "safe": ({"safe": True}, {"safe": False}),
    "drug_free": ({"drug_free": True}, {"drug_free": False}),
    "documents": ({"resolution": True, "plan": True}, {"resolution": True, "plan": False}),
    "forces_full": ({"forces_required": 6, "forces_actual": 7}, {"forces_required": 6, "forces_actual": 5}),
    "camera": ({"camera": True}, {"camera": False}),
    "new_rural": ({"new_rural": True}, {"new_rural": False}),
    "not_key_security": ({"classification": "key-order"}, {"classification": "key-security"}),
    "not_weak": ({"rating": "trung bình"}, {"rating": "yếu"}),
}


def dataset(**records):
    base = load_dataset(VALID)
    site = base.site.model_copy(update={"periods": [PERIOD]})
    empty = dict(communes=(), units=(), unit_years=(), locality_years=(), directives=(), models=(), targets=())
    return dataclasses.replace(base, site=site, **{**empty, **{k: tuple(v) for k, v in records.items()}})


def communes(n, kind="xã", prefix="x", **validity):
    return [Commune(id=f"{prefix}{i}", name=f"{kind} {prefix}{i}", kind=kind, **validity) for i in range(n)]


def statuses(ids, year, fields):
    return [UnitYear(unit=i, year=year, **fields) for i in ids]


def indicator(measure, rule="more_than", value=90, year=2024, schedule="deadline", scope=ALL, **extra):
    return Indicator(id="i", name="Chỉ số", measure=measure, schedule=schedule, scope=scope,
                     thresholds=[Threshold(year=year, rule=rule, value=value, **extra.pop("threshold", {}))], **extra)


def figure(data, ind, year=2024, today=TODAY):
    target = Target(id="t", period="p", title="T", text="Lời văn", source="Mục II", indicators=[ind])
    figures = indicator_figures(data, Register(data), target, ind, PERIOD, today, count_quotas(data, today))
    return next(f for f in figures if f.year == year)


def meeting(measure, met, total, year=2024, kind="xã"):
    ids = [c.id for c in communes(total, kind)]
    yes, no = MEETS[measure]
    return statuses(ids[:met], year, yes) + statuses(ids[met:], year, no)


# -- the rules' boundaries -------------------------------------------------------------------------

@pytest.mark.parametrize("measure", [m for m in MEETS if m != "new_rural"])
@pytest.mark.parametrize("met, total, state", [(900, 1000, "missed"), (901, 1000, "met"), (9, 10, "missed")])
def test_more_than_90_percent_is_not_met_by_exactly_90(measure, met, total, state):
    data = dataset(communes=communes(total), unit_years=meeting(measure, met, total))
    result = figure(data, indicator(measure))
    assert (result.numerator, result.denominator, result.state) == (met, total, state)
    assert result.value == Fraction(met * 100, total)


@pytest.mark.parametrize("met, state", [(900, "missed"), (901, "met")])
def test_more_than_90_percent_of_units_with_an_effective_model(met, state):
    ids = [c.id for c in communes(1000)]
    models = [model(commune=i, years=(2024,)) for i in ids[:met]] + [model(commune=i, years=(2024,), result="formal")
                                                                     for i in ids[met:]]
    result = figure(dataset(communes=communes(1000), models=models), indicator("effective_model"))
    assert (result.numerator, result.denominator, result.state) == (met, 1000, state)


@pytest.mark.parametrize("with_model, state", [(9, "missed"), (10, "met")])
def test_every_complex_unit_needs_an_effective_model(with_model, state):
    complex_units = [Commune(id=f"c{i}", name=f"xã C{i}", kind="xã", complex=True) for i in range(10)]
    models = [model(commune=f"c{i}", years=(2024,)) for i in range(with_model)]
    data = dataset(communes=complex_units + communes(5), models=models)
    result = figure(data, indicator("effective_model", rule="at_least", value=100, complex_only=True))
    assert (result.numerator, result.denominator, result.state) == (with_model, 10, state)


@pytest.mark.parametrize("met, state", [(999, "missed"), (1000, "met")])
def test_at_least_100_percent_needs_every_unit(met, state):
    data = dataset(communes=communes(1000), unit_years=meeting("camera", met, 1000))
    assert figure(data, indicator("camera", rule="at_least", value=100)).state == state


@pytest.mark.parametrize("met, state", [(18, "missed"), (19, "met"), (20, "met")])
def test_19_of_28_communes_new_rural_is_a_count(met, state):
    data = dataset(communes=communes(28) + communes(1, kind="thị trấn", prefix="t"),
                   unit_years=meeting("new_rural", met, 28))
    result = figure(data, indicator("new_rural", rule="at_least", value=19, scope=["xã"]))
    assert (result.numerator, result.denominator, result.total, result.state) == (met, None, 28, state)


def test_threshold_is_compared_as_written_not_as_a_binary_float():
    # 33.3 as a float is 33.29999...: 333/1000 must still be "ít nhất 33,3%".
    assert Rule("at_least", 33.3).meets(Fraction(333, 10))
    assert not Rule("more_than", 33.3).meets(Fraction(333, 10))


@pytest.mark.parametrize("value, rule, shown", [
    (Fraction(90), Rule("more_than", 90), "90,0%"),
    (Fraction(90100, 1000), Rule("more_than", 90), "90,1%"),
    (Fraction(900_1, 100), Rule("more_than", 90), "90,01%"),  # 90.01%: never shown as 90,0% next to "Đạt"
    (Fraction(9999, 100), Rule("at_least", 100), "99,99%"),  # never 100,0% next to "Không đạt"
    (Fraction(999, 10), Rule("at_least", 100), "99,9%"),
])
def test_shown_percentage_never_contradicts_the_verdict(value, rule, shown):
    assert percent_text(value, rule) == shown


# -- households, rural and urban ---------------------------------------------------------------------

def household_data(camera, households=1000, kind="xã", area=None):
    commune = Commune(id="c", name="Xã C", kind=kind, area=area)
    return dataset(communes=[commune], unit_years=[UnitYear(unit="c", year=2024, households=households,
                                                            camera_households=camera)])


@pytest.mark.parametrize("camera, state", [(49, "missed"), (50, "met")])
def test_rural_households_with_cameras_at_least_5_percent(camera, state):
    result = figure(household_data(camera), indicator("camera_households", rule="at_least", value=5, area="rural",
                                                      scope=["xã", "thị trấn", "phường"]))
    assert (result.numerator, result.denominator, result.state) == (camera, 1000, state)


@pytest.mark.parametrize("camera, state", [(500, "missed"), (501, "met")])
def test_urban_households_with_cameras_more_than_50_percent(camera, state):
    result = figure(household_data(camera, kind="phường"),
                    indicator("camera_households", value=50, area="urban", scope=["xã", "thị trấn", "phường"]))
    assert (result.numerator, result.denominator, result.state) == (camera, 1000, state)


def test_a_commune_counts_as_rural_or_urban_by_its_kind_unless_its_area_says():
    urban = indicator("camera_households", value=50, area="urban", scope=["xã", "thị trấn", "phường"])
    assert figure(household_data(600, kind="xã"), urban).numerator is None  # a xã is rural: no urban figure
    assert figure(household_data(600, kind="xã", area="urban"), urban).numerator == 600


def test_communes_without_households_give_no_figure():
    ind = indicator("camera_households", rule="at_least", value=5, area="rural", scope=["xã"])
    assert figure(household_data(0, households=0), ind).state == "nodata"  # 0 of 0 households
    assert figure(dataset(communes=communes(2)), ind).missing == ("x0", "x1")


@pytest.mark.parametrize("reached, state", [(999, "missed"), (1000, "met")])
def test_households_reached_is_a_sum_over_communes(reached, state):
    data = dataset(communes=communes(2), unit_years=[
        UnitYear(unit="x0", year=2024, households=400, households_reached=400),
        UnitYear(unit="x1", year=2024, households=600, households_reached=reached - 400)])
    result = figure(data, indicator("households_reached", rule="at_least", value=100, scope=["xã"]))
    assert (result.numerator, result.denominator, result.state) == (reached, 1000, state)


# -- locality figures, directives, models, news ---------------------------------------------------------

@pytest.mark.parametrize("resolved, accepted, state", [(90, 100, "missed"), (901, 1000, "met"), (0, 0, "nodata")])
def test_tips_resolved_more_than_90_percent_of_those_accepted(resolved, accepted, state):
    data = dataset(locality_years=[LocalityYear(year=2024, tips=Tips(received=accepted, accepted=accepted,
                                                                     resolved=resolved, overdue=0))])
    result = figure(data, indicator("tips_resolved", schedule="yearly", year=2020, scope=[]))
    assert (result.numerator, result.denominator, result.state) == (resolved, accepted, state)


def test_extra_propagandists_at_one_level_do_not_make_up_for_a_shortage_at_another():
    data = dataset(locality_years=[LocalityYear(year=2024, propagandists=[
        Propagandists(level="huyện", required=30, actual=31, trained=31),
        Propagandists(level="xã", required=290, actual=289, trained=289)])])
    result = figure(data, indicator("propagandists_staffed", rule="at_least", value=100, schedule="yearly",
                                    year=2020, scope=[]))
    assert (result.numerator, result.denominator, result.state) == (319, 320, "missed")
    assert result.breakdown == (("huyện", 30, 30), ("xã", 289, 290))


@pytest.mark.parametrize("accepted, state", [(99, "missed"), (100, "met")])
def test_every_tip_received_is_accepted(accepted, state):
    data = dataset(locality_years=[LocalityYear(year=2024, tips=Tips(received=100, accepted=accepted, resolved=0,
                                                                     overdue=0))])
    result = figure(data, indicator("tips_accepted", rule="at_least", value=100, schedule="yearly", year=2020, scope=[]))
    assert (result.numerator, result.denominator, result.state) == (accepted, 100, state)


@pytest.mark.parametrize("trained, state", [(999, "missed"), (1000, "met")])
def test_every_propagandist_trained_by_the_deadline(trained, state):
    data = dataset(locality_years=[LocalityYear(year=2024, propagandists=[
        Propagandists(level="huyện", required=100, actual=100, trained=100),
        Propagandists(level="xã", required=900, actual=900, trained=trained - 100)])])
    result = figure(data, indicator("propagandists_trained", rule="at_least", value=100, scope=[]))
    assert (result.numerator, result.denominator, result.state) == (trained, 1000, state)


def test_members_and_students_reached():
    data = dataset(locality_years=[LocalityYear(year=2024, members=Reach(reached=99, total=100),
                                                students=Reach(reached=100, total=100))])
    rule = dict(rule="at_least", value=100, schedule="yearly", year=2020, scope=[])
    assert figure(data, indicator("members_reached", **rule)).state == "missed"
    assert figure(data, indicator("students_reached", **rule)).state == "met"


def test_a_directive_counts_when_deployed_to_every_unit_by_the_reading_day():
    directives = [Directive(id="a", issuer="UBND", number="1", date=date(2024, 2, 1), title="A", deployed=date(2024, 2, 5)),
                  Directive(id="b", issuer="UBND", number="2", date=date(2024, 3, 1), title="B", deployed=date(2024, 3, 5),
                            not_reached=["x0"]),
                  Directive(id="c", issuer="UBND", number="3", date=date(2024, 12, 20), title="C"),
                  Directive(id="d", issuer="UBND", number="4", date=date(2023, 5, 1), title="D", deployed=date(2023, 5, 2))]
    data = dataset(communes=communes(1), directives=directives)
    result = figure(data, indicator("directives_deployed", rule="at_least", value=100, schedule="yearly", year=2020,
                                    scope=[]))
    assert (result.numerator, result.denominator, result.counted, result.missed) == (1, 3, ("a",), ("b", "c"))
    assert figure(data, indicator("directives_deployed", rule="at_least", value=100, schedule="yearly", year=2020,
                                  scope=[]), year=2023).state == "met"


def model(unit_id=None, commune="x0", years=(2024,), result="effective", established=date(2020, 1, 1)):
    return SecurityModel(id=f"m-{unit_id or commune}-{result}", name="Tổ", type="tuan-tra", commune=commune,
                         place="thôn", established=established, members=5, officer="Công an", unit=unit_id,
                         evaluations=[Evaluation(year=y, result=result) for y in years])


def test_a_unit_has_an_effective_model_only_in_the_years_it_was_evaluated_effective():
    units = [Unit(id="thon", name="thôn A", kind="khu dân cư", commune="x0"),
             Unit(id="truong", name="Trường", kind="nhà trường", commune="x0", complex=True)]
    data = dataset(communes=communes(1), units=units,
                   models=[model("thon", years=(2023, 2024)), model("truong", years=(2024,), result="formal")])
    every = figure(data, indicator("effective_model"))
    assert (every.counted, every.missed) == (("x0", "thon"), ("truong",))  # the commune holds its place's model
    assert figure(data, indicator("effective_model"), year=2022).numerator == 0
    complex_only = figure(data, indicator("effective_model", rule="at_least", value=100, complex_only=True))
    assert (complex_only.denominator, complex_only.state) == (1, "missed")


def test_a_model_set_up_after_the_reading_day_does_not_count():
    data = dataset(communes=communes(1), models=[model(years=(2024,), established=date(2025, 1, 10))])
    assert figure(data, indicator("effective_model")).numerator == 0


def test_news_quota_indicator_takes_the_quota_count_and_rule():
    data, today = load_dataset(VALID), date(2025, 1, 5)
    results = compute_targets(data, today, count_quotas(data, today))
    news = next(r for p in results for t in p.targets for r in t.indicators if r.indicator.measure == "news_quota")
    quota = next(g for g in count_quotas(data, today)[2024].groups if g.group.id == "tinh")
    done, current = news.figures
    assert (done.year, done.numerator, done.rule.value, done.judged) == (2024, quota.count, 2, True)
    assert done.state == ("met" if quota.count >= 2 else "missed") and current.state == "progress"


# -- empty denominators, missing figures ----------------------------------------------------------------

def test_no_unit_in_scope_is_no_data_not_a_failure_or_a_success():
    data = dataset(communes=communes(3))
    result = figure(data, indicator("safe", scope=["doanh nghiệp"]))
    assert (result.numerator, result.denominator, result.value, result.met, result.state) == (0, 0, None, None, "nodata")
    assert verdict(result) == "Không có đơn vị để tính"


def test_no_figures_entered_for_the_year_is_no_data():
    result = figure(dataset(), indicator("tips_resolved", schedule="yearly", year=2020, scope=[]))
    assert (result.numerator, result.state) == (None, "nodata") and verdict(result) == "Chưa có số liệu"


def test_a_unit_without_a_figure_stays_in_the_denominator_and_is_listed():
    data = dataset(communes=communes(10), unit_years=meeting("safe", 9, 10)[:9])
    result = figure(data, indicator("safe", value=80))
    assert (result.numerator, result.denominator, result.missing, result.state) == (9, 10, ("x9",), "met")


# -- units that end or merge -------------------------------------------------------------------------------

def test_a_unit_that_ended_mid_year_is_not_counted_that_year():
    ended = Unit(id="dn", name="Công ty", kind="doanh nghiệp", commune="x0", valid_to=date(2024, 6, 30))
    data = dataset(communes=communes(1), units=[ended],
                   unit_years=statuses(["x0"], 2023, {"safe": True}) + statuses(["dn"], 2023, {"safe": False})
                   + statuses(["x0"], 2024, {"safe": True}) + statuses(["dn"], 2024, {"safe": False}))
    yearly = indicator("safe", schedule="yearly", year=2020)
    assert (figure(data, yearly, 2023).denominator, figure(data, yearly, 2023).state) == (2, "missed")
    assert (figure(data, yearly, 2024).denominator, figure(data, yearly, 2024).state) == (1, "met")
    # Read on its last day, it counts.
    on_june_30 = indicator("safe", threshold={"as_of": date(2024, 6, 30)})
    assert figure(data, on_june_30).denominator == 2 and figure(data, on_june_30).on == date(2024, 6, 30)


def merger():
    old = [Commune(id="a", name="xã A", kind="xã", valid_to=date(2025, 6, 30), merged_into="ab"),
           Commune(id="b", name="xã B", kind="xã", valid_to=date(2025, 6, 30), merged_into="ab")]
    new = [Commune(id="ab", name="xã AB", kind="xã", valid_from=date(2025, 7, 1))]
    thon = Unit(id="thon", name="thôn A", kind="khu dân cư", commune="a")
    years = [UnitYear(unit=u, year=y, safe=True, households=100, camera_households=30)
             for u in ("a", "b") for y in (2024, 2025)]
    years += [UnitYear(unit="ab", year=2025, safe=False, households=200, camera_households=20),
              UnitYear(unit="thon", year=2025, safe=True)]
    return dataset(communes=old + new, units=[thon], unit_years=years, models=[model(commune="a", years=(2025,))])


def test_a_commune_merged_in_2025_is_counted_once_as_its_successor():
    data = merger()
    safe = figure(data, indicator("safe"), year=2025)
    assert (safe.denominator, safe.counted, safe.missed) == (2, ("thon",), ("ab",))
    assert figure(data, indicator("safe"), year=2024).counted == ("a", "b")
    households = figure(data, indicator("camera_households", rule="at_least", value=5, area="rural",
                                        scope=["xã"]), year=2025)
    assert (households.numerator, households.denominator, households.counted) == (20, 200, ("ab",))


def test_before_the_merger_the_old_communes_are_counted_and_the_new_one_is_not():
    on_june_30 = indicator("safe", year=2025, threshold={"as_of": date(2025, 6, 30)})
    result = figure(merger(), on_june_30, year=2025)
    assert (result.denominator, result.counted) == (3, ("a", "b", "thon"))


def test_a_model_of_a_merged_commune_counts_for_its_successor():
    result = figure(merger(), indicator("effective_model", scope=["xã"]), year=2025)
    assert (result.counted, result.missed) == (("ab",), ())


# -- deadlines and the year in progress ----------------------------------------------------------------------

def test_before_a_deadline_a_year_is_progress_then_judged_at_the_deadline():
    ind = Indicator(id="i", name="An toàn", measure="safe", schedule="deadline", scope=ALL,
                    thresholds=[Threshold(year=2022, rule="more_than", value=90),
                                Threshold(year=2025, rule="more_than", value=95)])
    data = dataset(communes=communes(100), unit_years=[s for y, n in ((2021, 85), (2022, 91), (2023, 93), (2025, 95))
                                                       for s in meeting("safe", n, 100, year=y)])
    states = {y: (figure(data, ind, y).state, figure(data, ind, y).rule.value, figure(data, ind, y).judged)
              for y in (2021, 2022, 2023, 2025)}
    assert states == {2021: ("progress", 90, False), 2022: ("met", 90, True), 2023: ("progress", 95, False),
                      2025: ("missed", 95, True)}
    assert verdict(figure(data, ind, 2021)) == "Chưa đạt mức của năm 2022"
    assert verdict(figure(data, ind, 2025)) == "Không đạt"


def test_the_year_in_progress_reads_the_register_today_and_is_not_yet_missed():
    data = dataset(communes=communes(10), unit_years=meeting("safe", 5, 10, year=2025))
    result = figure(data, indicator("safe", year=2025), year=2025, today=date(2025, 8, 1))
    assert (result.on, result.current, result.state) == (date(2025, 8, 1), True, "progress")
    assert verdict(result) == "Chưa đạt (năm đang thực hiện)"


def test_years_after_today_and_periods_not_begun_are_not_computed():
    data = load_dataset(VALID)
    assert [f.year for p in compute_targets(data, date(2024, 6, 1), {}) for t in p.targets
            for r in t.indicators if r.indicator.measure == "safe" for f in r.figures] == [2024]
    assert compute_targets(data, date(2023, 6, 1), {}) == []


# -- the demonstration data ---------------------------------------------------------------------------------

def test_every_demonstration_target_has_a_figure_for_every_year_2020_to_2025():
    from conftest import PROJECT
    data = load_dataset(PROJECT / "data")
    (period,) = [p for p in compute_targets(data, TODAY, count_quotas(data, TODAY)) if p.period.id == "2020-2025"]
    numbers = {t.target.source for t in period.targets}
    assert {f"Mục II, chỉ tiêu {n}" for n in range(1, 11)} <= numbers
    for target in period.targets:
        for result in target.indicators:
            assert [f.year for f in result.figures] == list(range(2020, 2026)), result.indicator.id
            assert all(f.state != "nodata" for f in result.figures), result.indicator.id
    states = {r.final.state for t in period.targets for r in t.indicators}
    assert {"met", "missed", "tracked"} <= states  # the demonstration shows each kind of outcome


def test_a_deadline_target_is_answered_at_its_deadline_even_if_met_later():
    ind = indicator("camera", rule="at_least", value=100, year=2022)
    data = dataset(communes=communes(10), unit_years=[s for y, n in ((2022, 9), (2023, 10), (2024, 10))
                                                      for s in meeting("camera", n, 10, year=y)])
    target = Target(id="t", period="p", title="T", text="Lời văn", source="Mục II", indicators=[ind])
    (period,) = [p for p in compute_targets(dataclasses.replace(data, targets=(target,)), date(2024, 12, 31), {})]
    result = period.targets[0].indicators[0]
    assert (result.final.year, result.final.state) == (2022, "missed")
    assert [f.state for f in result.figures if f.year > 2022] == ["met", "met"]
