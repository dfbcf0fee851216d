"""Checks across the records of the plan's targets: the units register, yearly figures, targets and duties."""

from __future__ import annotations

from datetime import date, timedelta

from .checks import InvalidRecord, span
from .dataset import Dataset
from .messages import field_label
from .model import MEASURES, Commune, Record, Unit
from .problems import Problems

# The Dataset fields these checks cover, each the key of its list in its file.
TARGET_KEYS = ("units", "unit_years", "locality_years", "directives", "targets", "agencies", "tasks")
COMMUNE_ONLY = ("classification", "new_rural", "households", "households_reached", "camera_households")


def valid_in_year(record, year: int) -> bool:
    """Whether the record was valid on at least one day of `year`."""
    return ((record.valid_from is None or record.valid_from <= date(year, 12, 31))
            and (record.valid_to is None or record.valid_to >= date(year, 1, 1)))


class _Found:
    """Problems located through each record's own position."""

    def __init__(self, data: Dataset, found: Problems) -> None:
        self.data, self.found = data, found

    def __call__(self, record: Record, loc: tuple, message: str) -> None:
        where = self.data.where_of(record)
        self.found.add(where.path, where.loc + loc, field_label(loc), message)


def _invalid_ids(invalid: list[InvalidRecord], *kinds: str) -> set[str]:
    """Ids of records that failed validation: references to them are not errors too."""
    return {bad.values["id"] for bad in invalid
            if bad.where.loc and bad.where.loc[0] in kinds and isinstance(bad.values.get("id"), str)}


def check_targets(data: Dataset, invalid: list[InvalidRecord], problems: Problems) -> None:
    found = _Found(data, problems)
    communes = {c.id: c for c in data.communes}
    units = {u.id: u for u in data.units}
    every_unit: dict[str, Commune | Unit] = {**units, **communes}
    known_units = set(every_unit) | _invalid_ids(invalid, "communes", "units")
    _check_communes(data, communes, found)
    _check_units(data, communes.keys(), found)
    _check_models(data, units.keys() | _invalid_ids(invalid, "units"), found)
    _check_unit_years(data, every_unit, known_units, found)
    _check_locality_years(data, found)
    _check_directives(data, known_units, found)
    _check_targets(data, found)
    _check_duties(data, _invalid_ids(invalid, "agencies"), found)


def _check_communes(data: Dataset, communes: dict[str, Commune], found: _Found) -> None:
    for commune in data.communes:
        if commune.merged_into is None:
            continue
        successor = communes.get(commune.merged_into)  # an unknown id is reported with the other references
        if commune.valid_to is None:
            found(commune, ("merged_into",), f"{commune.name} sáp nhập vào {commune.merged_into!r} nhưng không có "
                  "valid_to; cần ghi valid_to là ngày cuối cùng đơn vị cũ còn tồn tại")
        elif successor is not None and not successor.valid_on(commune.valid_to + timedelta(days=1)):
            day = commune.valid_to + timedelta(days=1)
            found(commune, ("merged_into",),
                  f"{successor.name} chưa có hoặc đã hết hiệu lực vào ngày {day.isoformat()} (hiệu lực "
                  f"{span(successor)}); cần đơn vị mới có hiệu lực từ ngày sau valid_to của {commune.name}")


def _check_units(data: Dataset, communes: set[str], found: _Found) -> None:
    """Ids, validity and the commune reference are checked with every other record (checks.py)."""
    for unit in data.units:
        if unit.id in communes:
            found(unit, ("id",), f"mã {unit.id!r} đã là mã một xã, thị trấn trong communes.yml; cần mã khác cho đơn vị này")


def _check_models(data: Dataset, units: set[str], found: _Found) -> None:
    for model in data.models:
        if model.unit is not None and model.unit not in units:
            found(model, ("unit",), f"không có đơn vị mã {model.unit!r}; cần một mã có trong data/units.yml")


def _check_unit_years(data: Dataset, every_unit: dict, known: set[str], found: _Found) -> None:
    seen: set[tuple[str, int]] = set()
    for status in data.unit_years:
        if (status.unit, status.year) in seen:
            found(status, ("year",), f"đơn vị {status.unit!r} đã có một mục năm {status.year}; "
                  "mỗi đơn vị mỗi năm chỉ ghi một mục")
        seen.add((status.unit, status.year))
        unit = every_unit.get(status.unit)
        if status.unit not in known:
            found(status, ("unit",), f"không có đơn vị mã {status.unit!r}; cần mã một xã trong communes.yml "
                  "hoặc một đơn vị trong units.yml")
        if unit is None:
            continue
        if not valid_in_year(unit, status.year):
            found(status, ("year",), f"{unit.name} không tồn tại trong năm {status.year} (hiệu lực {span(unit)}); "
                  "cần sửa năm hoặc mã đơn vị")
        if isinstance(unit, Unit):
            for field in COMMUNE_ONLY:
                if getattr(status, field) is not None:
                    found(status, (field,), f"{unit.name} là {unit.kind}; trường này chỉ ghi cho xã, thị trấn, phường")
        elif status.new_rural is not None and unit.kind != "xã":
            found(status, ("new_rural",), f"{unit.name} là {unit.kind}; chỉ xã mới xét chuẩn nông thôn mới")
        for part in ("households_reached", "camera_households"):
            value = getattr(status, part)
            if value is not None and status.households is None:
                found(status, (part,), f"có {value} hộ nhưng không có households (tổng số hộ); "
                      "cần ghi tổng số hộ để tính tỷ lệ")
            elif value is not None and value > status.households:
                found(status, (part,), f"nhận được {value}, lớn hơn tổng số hộ {status.households}; "
                      "cần số không quá tổng số hộ")


def _check_locality_years(data: Dataset, found: _Found) -> None:
    seen: set[int] = set()
    for figures in data.locality_years:
        def not_above(loc: tuple, part: int, whole: int, part_name: str, whole_name: str) -> None:
            if part > whole:
                found(figures, loc, f"nhận được {part} {part_name}, nhiều hơn {whole} {whole_name}; "
                      f"cần số không quá {whole}")

        if figures.year in seen:
            found(figures, ("year",), f"năm {figures.year} đã có một mục khác; mỗi năm chỉ ghi một mục")
        seen.add(figures.year)
        if figures.tips is not None:
            t = figures.tips
            not_above(("tips", "accepted"), t.accepted, t.received, "tin thụ lý", "tin tiếp nhận")
            not_above(("tips", "resolved"), t.resolved, t.accepted, "tin giải quyết", "tin thụ lý")
            not_above(("tips", "overdue"), t.overdue, t.accepted, "tin quá hạn", "tin thụ lý")
        levels: set[str] = set()
        for j, level in enumerate(figures.propagandists):
            if level.level in levels:
                found(figures, ("propagandists", j, "level"),
                      f"cấp {level.level!r} đã có trong năm {figures.year}; mỗi cấp chỉ ghi một lần")
            levels.add(level.level)
            not_above(("propagandists", j, "trained"), level.trained, level.actual, "người được tập huấn",
                      "người hiện có")
        for group in ("members", "students"):
            reach = getattr(figures, group)
            if reach is not None:
                not_above((group, "reached"), reach.reached, reach.total, "người được tuyên truyền", "người")


def _check_directives(data: Dataset, known_units: set[str], found: _Found) -> None:
    for directive in data.directives:
        if directive.deployed is not None and directive.deployed < directive.date:
            found(directive, ("deployed",), f"ngày triển khai {directive.deployed.isoformat()} trước ngày ban hành "
                  f"{directive.date.isoformat()}; cần ngày từ ngày ban hành trở đi")
        for j, unit in enumerate(directive.not_reached):
            if unit not in known_units:
                found(directive, ("not_reached", j), f"không có đơn vị mã {unit!r}; cần mã một xã trong communes.yml "
                      "hoặc một đơn vị trong units.yml")


def _check_targets(data: Dataset, found: _Found) -> None:
    periods = {p.id: p for p in data.site.periods} if data.site is not None else {}
    seen_targets: set[tuple[str, str]] = set()
    seen_indicators: set[tuple[str, str]] = set()
    for target in data.targets:
        period = periods.get(target.period)
        if (target.period, target.id) in seen_targets:
            found(target, ("id",), f"mã {target.id!r} đã dùng cho một mục tiêu khác của giai đoạn {target.period}; "
                  "cần mã riêng")
        seen_targets.add((target.period, target.id))
        if data.site is not None and period is None:
            found(target, ("period",), f"không có giai đoạn {target.period!r}; cần một trong: {', '.join(periods)} "
                  "(xem data/site.yml)")
        for j, indicator in enumerate(target.indicators):
            if (target.period, indicator.id) in seen_indicators:
                found(target, ("indicators", j, "id"),
                      f"mã chỉ số {indicator.id!r} đã dùng trong giai đoạn {target.period}; cần mã riêng")
            seen_indicators.add((target.period, indicator.id))
            for loc, message in _indicator_problems(indicator, period):
                found(target, ("indicators", j) + loc, message)


def _indicator_problems(indicator, period):
    """(location within the indicator, message) of each problem of one indicator."""
    over, kind = MEASURES[indicator.measure]
    if over in ("units", "households") and not indicator.scope:
        yield ("scope",), (f"chỉ số {indicator.measure} tính trên các đơn vị; cần scope: danh sách loại đơn vị, "
                           "ví dụ [xã, thị trấn, khu dân cư, cơ quan, doanh nghiệp, nhà trường]")
    if over not in ("units", "households") and indicator.scope:
        yield ("scope",), f"chỉ số {indicator.measure} không tính theo đơn vị; cần bỏ scope"
    if over != "units" and indicator.complex_only:
        yield ("complex_only",), f"chỉ số {indicator.measure} không tính theo đơn vị; cần bỏ complex_only"
    if (indicator.measure == "camera_households") != (indicator.area is not None):
        yield ("area",), ("cần area: rural (nông thôn) hoặc urban (đô thị) với camera_households"
                          if indicator.area is None else "area chỉ dùng với camera_households; cần bỏ area")
    if over == "quota":
        groups = {g.id for g in period.quotas} if period is not None else set()
        if indicator.quota is None or (period is not None and indicator.quota not in groups):
            yield ("quota",), (f"nhận được {indicator.quota!r}, cần mã một nhóm chỉ tiêu tin bài của giai đoạn: "
                               f"{', '.join(sorted(groups))} (xem data/site.yml)")
        if indicator.thresholds:
            yield ("thresholds",), "ngưỡng của news_quota lấy từ nhóm chỉ tiêu trong site.yml; cần bỏ thresholds"
    elif indicator.quota is not None:
        yield ("quota",), "quota chỉ dùng với news_quota; cần bỏ quota"
    years: set[int] = set()
    for k, threshold in enumerate(indicator.thresholds):
        if threshold.year in years:
            yield ("thresholds", k, "year"), f"năm {threshold.year} đã có một ngưỡng khác; mỗi năm chỉ một ngưỡng"
        years.add(threshold.year)
        if period is not None and period.years and threshold.year not in period.years:
            yield ("thresholds", k, "year"), (f"nhận được {threshold.year}, cần một năm của giai đoạn {period.id} "
                                              f"({period.start.year}-{period.end.year})")
        if kind == "percent" and threshold.value > 100:
            yield ("thresholds", k, "value"), f"nhận được {threshold.value:g}, cần tỷ lệ phần trăm từ 0 đến 100"
        if threshold.as_of is not None and threshold.as_of.year != threshold.year:
            yield ("thresholds", k, "as_of"), (f"nhận được {threshold.as_of.isoformat()}, cần một ngày trong năm "
                                               f"{threshold.year}")


def _check_duties(data: Dataset, invalid_agencies: set[str], found: _Found) -> None:
    agencies = {a.id: a for a in data.agencies}
    known = agencies.keys() | invalid_agencies
    numbers: set[int] = set()
    for agency in data.agencies:
        if agency.number is not None and agency.number in numbers:
            found(agency, ("number",), f"số {agency.number} đã dùng cho một đơn vị khác; "
                  "mỗi đơn vị của Mục VI có một số riêng")
        if agency.number is not None:
            numbers.add(agency.number)
    for task in data.tasks:
        agency = agencies.get(task.agency)
        if task.agency not in known:
            found(task, ("agency",), f"không có đơn vị {task.agency!r}; cần một mã trong mục agencies: "
                  f"{', '.join(sorted(known))}")
        elif agency is not None and not agency.valid_on(task.due):
            found(task, ("agency",), f"{agency.name} không còn hoạt động vào hạn {task.due.isoformat()} "
                  f"(hiệu lực {span(agency)}); cần giao cho đơn vị tiếp nhận nhiệm vụ")
        if task.status == "done" and task.done is None:
            found(task, ("done",), "không có, cần ngày hoàn thành (YYYY-MM-DD) khi status là done")
        if task.status == "done" and task.document is None:
            found(task, ("document",), "không có, cần địa chỉ văn bản, báo cáo đã ban hành khi status là done")
        if task.status == "pending" and task.done is not None:
            found(task, ("status",), f"nhận được 'pending' nhưng có ngày hoàn thành {task.done.isoformat()}; "
                  "cần status: done")
