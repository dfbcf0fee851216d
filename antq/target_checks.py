"""Checks across the records of the plan's targets: the units register, yearly figures, targets and duties."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from .model import MEASURES, Commune, Unit

if TYPE_CHECKING:
    from .load import Dataset, _Collector

COMMUNE_ONLY = ("classification", "new_rural", "households", "households_reached", "camera_households")


def _span(record) -> str:
    start = record.valid_from.isoformat() if record.valid_from else "..."
    end = record.valid_to.isoformat() if record.valid_to else "nay"
    return f"{start} đến {end}"


def valid_in_year(record, year: int) -> bool:
    """Whether the record was valid on at least one day of `year`."""
    return ((record.valid_from is None or record.valid_from <= date(year, 12, 31))
            and (record.valid_to is None or record.valid_to >= date(year, 1, 1)))


def _known(found: _Collector, kinds: tuple[str, ...], ids) -> set[str]:
    return set(ids) | {i for k, i in found.ids if k in kinds}


def check_targets(data: Dataset, found: _Collector) -> None:
    communes = {c.id: c for c in data.communes}
    units = {u.id: u for u in data.units}
    every_unit: dict[str, Commune | Unit] = {**units, **communes}
    known_units = _known(found, ("communes", "units"), every_unit)
    _check_communes(data, communes, found)
    _check_units(data, communes, found)
    _check_models(data, units, found)
    _check_unit_years(data, every_unit, known_units, found)
    _check_locality_years(data, found)
    _check_directives(data, known_units, found)
    _check_targets(data, found)
    _check_duties(data, found)


def _check_communes(data: Dataset, communes: dict[str, Commune], found: _Collector) -> None:
    path = data.root / "communes.yml"
    known = _known(found, ("communes",), communes)
    for i, commune in enumerate(data.communes):
        if commune.merged_into is None:
            continue
        loc = ("communes", i, "merged_into")
        successor = communes.get(commune.merged_into)
        if commune.merged_into not in known:
            found.add(path, loc, "merged_into",
                      f"không có xã, phường mã {commune.merged_into!r}; cần mã một xã, phường có trong communes.yml")
        elif commune.valid_to is None:
            found.add(path, loc, "merged_into",
                      f"{commune.name} sáp nhập vào {commune.merged_into!r} nhưng không có valid_to; "
                      "cần ghi valid_to là ngày cuối cùng đơn vị cũ còn tồn tại")
        elif successor is not None and not successor.valid_on(commune.valid_to + timedelta(days=1)):
            day = commune.valid_to + timedelta(days=1)
            found.add(path, loc, "merged_into",
                      f"{successor.name} chưa có hoặc đã hết hiệu lực vào ngày {day.isoformat()} (hiệu lực "
                      f"{_span(successor)}); cần đơn vị mới có hiệu lực từ ngày sau valid_to của {commune.name}")


def _check_units(data: Dataset, communes: dict[str, Commune], found: _Collector) -> None:
    path = data.root / "units.yml"
    known = _known(found, ("communes",), communes)
    seen: set[str] = set()
    for i, unit in enumerate(data.units):
        if unit.id in seen:
            found.add(path, ("units", i, "id"), "id",
                      f"mã {unit.id!r} đã dùng cho một mục khác trong tệp; cần mã riêng cho mỗi đơn vị")
        elif unit.id in known:
            found.add(path, ("units", i, "id"), "id",
                      f"mã {unit.id!r} đã là mã một xã, thị trấn trong communes.yml; cần mã khác cho đơn vị này")
        seen.add(unit.id)
        if unit.commune not in known:
            found.add(path, ("units", i, "commune"), "commune",
                      f"không có xã, thị trấn mã {unit.commune!r}; cần một mã có trong danh sách (xem data/communes.yml)")
        if unit.valid_from and unit.valid_to and unit.valid_to < unit.valid_from:
            found.add(path, ("units", i, "valid_to"), "valid_to",
                      f"ngày {unit.valid_to.isoformat()} trước valid_from {unit.valid_from.isoformat()}; cần ngày sau")


def _check_models(data: Dataset, units: dict[str, Unit], found: _Collector) -> None:
    path = data.root / "models.yml"
    known = _known(found, ("units",), units)
    for i, model in enumerate(data.models):
        if model.unit is not None and model.unit not in known:
            found.add(path, ("models", i, "unit"), "unit",
                      f"không có đơn vị mã {model.unit!r}; cần một mã có trong data/units.yml")


def _check_unit_years(data: Dataset, every_unit: dict, known: set[str], found: _Collector) -> None:
    path = data.root / "unit-years.yml"
    seen: set[tuple[str, int]] = set()
    for i, status in enumerate(data.unit_years):
        def add(field: str, message: str) -> None:
            found.add(path, ("unit_years", i, field), field, message)

        if (status.unit, status.year) in seen:
            add("year", f"đơn vị {status.unit!r} đã có một mục năm {status.year}; mỗi đơn vị mỗi năm chỉ ghi một mục")
        seen.add((status.unit, status.year))
        unit = every_unit.get(status.unit)
        if status.unit not in known:
            add("unit", f"không có đơn vị mã {status.unit!r}; cần mã một xã trong communes.yml hoặc một đơn vị trong units.yml")
        if unit is None:
            continue
        if not valid_in_year(unit, status.year):
            add("year", f"{unit.name} không tồn tại trong năm {status.year} (hiệu lực {_span(unit)}); "
                        "cần sửa năm hoặc mã đơn vị")
        if isinstance(unit, Unit):
            for field in COMMUNE_ONLY:
                if getattr(status, field) is not None:
                    add(field, f"{unit.name} là {unit.kind}; trường này chỉ ghi cho xã, thị trấn, phường")
        elif status.new_rural is not None and unit.kind != "xã":
            add("new_rural", f"{unit.name} là {unit.kind}; chỉ xã mới xét chuẩn nông thôn mới")
        for part in ("households_reached", "camera_households"):
            value = getattr(status, part)
            if value is not None and status.households is None:
                add(part, f"có {value} hộ nhưng không có households (tổng số hộ); cần ghi tổng số hộ để tính tỷ lệ")
            elif value is not None and value > status.households:
                add(part, f"nhận được {value}, lớn hơn tổng số hộ {status.households}; cần số không quá tổng số hộ")


def _check_locality_years(data: Dataset, found: _Collector) -> None:
    path = data.root / "locality-years.yml"
    seen: set[int] = set()
    for i, figures in enumerate(data.locality_years):
        def not_above(loc: tuple, part: int, whole: int, part_name: str, whole_name: str) -> None:
            if part > whole:
                found.add(path, ("locality_years", i) + loc, ".".join(map(str, loc)),
                          f"nhận được {part} {part_name}, nhiều hơn {whole} {whole_name}; cần số không quá {whole}")

        if figures.year in seen:
            found.add(path, ("locality_years", i, "year"), "year",
                      f"năm {figures.year} đã có một mục khác; mỗi năm chỉ ghi một mục")
        seen.add(figures.year)
        if figures.tips is not None:
            t = figures.tips
            not_above(("tips", "accepted"), t.accepted, t.received, "tin thụ lý", "tin tiếp nhận")
            not_above(("tips", "resolved"), t.resolved, t.accepted, "tin giải quyết", "tin thụ lý")
            not_above(("tips", "overdue"), t.overdue, t.accepted, "tin quá hạn", "tin thụ lý")
        levels: set[str] = set()
        for j, level in enumerate(figures.propagandists):
            if level.level in levels:
                found.add(path, ("locality_years", i, "propagandists", j, "level"), "level",
                          f"cấp {level.level!r} đã có trong năm {figures.year}; mỗi cấp chỉ ghi một lần")
            levels.add(level.level)
            if level.trained > level.actual:
                found.add(path, ("locality_years", i, "propagandists", j, "trained"), "trained",
                          f"nhận được {level.trained} người được tập huấn, nhiều hơn {level.actual} người hiện có; "
                          f"cần số không quá {level.actual}")
        for group in ("members", "students"):
            reach = getattr(figures, group)
            if reach is not None:
                not_above((group, "reached"), reach.reached, reach.total, "người được tuyên truyền", "người")


def _check_directives(data: Dataset, known_units: set[str], found: _Collector) -> None:
    path = data.root / "directives.yml"
    seen: set[str] = set()
    for i, directive in enumerate(data.directives):
        if directive.id in seen:
            found.add(path, ("directives", i, "id"), "id",
                      f"mã {directive.id!r} đã dùng cho một văn bản khác; cần mã riêng cho mỗi văn bản")
        seen.add(directive.id)
        if directive.deployed is not None and directive.deployed < directive.date:
            found.add(path, ("directives", i, "deployed"), "deployed",
                      f"ngày triển khai {directive.deployed.isoformat()} trước ngày ban hành {directive.date.isoformat()}; "
                      "cần ngày từ ngày ban hành trở đi")
        for j, unit in enumerate(directive.not_reached):
            if unit not in known_units:
                found.add(path, ("directives", i, "not_reached", j), "not_reached",
                          f"không có đơn vị mã {unit!r}; cần mã một xã trong communes.yml hoặc một đơn vị trong units.yml")


def _check_targets(data: Dataset, found: _Collector) -> None:
    path = data.root / "targets.yml"
    periods = {p.id: p for p in data.site.periods} if data.site is not None else {}
    seen_targets: set[tuple[str, str]] = set()
    seen_indicators: set[tuple[str, str]] = set()
    for i, target in enumerate(data.targets):
        period = periods.get(target.period)
        if (target.period, target.id) in seen_targets:
            found.add(path, ("targets", i, "id"), "id",
                      f"mã {target.id!r} đã dùng cho một mục tiêu khác của giai đoạn {target.period}; cần mã riêng")
        seen_targets.add((target.period, target.id))
        if data.site is not None and period is None:
            found.add(path, ("targets", i, "period"), "period",
                      f"không có giai đoạn {target.period!r}; cần một trong: {', '.join(periods)} (xem data/site.yml)")
        for j, indicator in enumerate(target.indicators):
            loc = ("targets", i, "indicators", j)
            if (target.period, indicator.id) in seen_indicators:
                found.add(path, loc + ("id",), "id",
                          f"mã chỉ số {indicator.id!r} đã dùng trong giai đoạn {target.period}; cần mã riêng")
            seen_indicators.add((target.period, indicator.id))
            for field, message in _indicator_problems(indicator, period):
                found.add(path, loc + field, str(field[-1]), message)


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
        if period is not None and threshold.year not in period.years:
            yield ("thresholds", k, "year"), (f"nhận được {threshold.year}, cần một năm của giai đoạn {period.id} "
                                              f"({period.years[0]}-{period.years[-1]})")
        if kind == "percent" and threshold.value > 100:
            yield ("thresholds", k, "value"), f"nhận được {threshold.value:g}, cần tỷ lệ phần trăm từ 0 đến 100"
        if threshold.as_of is not None and threshold.as_of.year != threshold.year:
            yield ("thresholds", k, "as_of"), (f"nhận được {threshold.as_of.isoformat()}, cần một ngày trong năm "
                                            f"{threshold.year}")


def _check_duties(data: Dataset, found: _Collector) -> None:
    path = data.root / "duties.yml"
    agencies = {a.id: a for a in data.agencies}
    known = _known(found, ("agencies",), agencies)
    numbers: set[int] = set()
    seen: set[str] = set()
    for i, agency in enumerate(data.agencies):
        if agency.id in seen:
            found.add(path, ("agencies", i, "id"), "id",
                      f"mã {agency.id!r} đã dùng cho một đơn vị khác; cần mã riêng cho mỗi đơn vị")
        seen.add(agency.id)
        if agency.number is not None and agency.number in numbers:
            found.add(path, ("agencies", i, "number"), "number",
                      f"số {agency.number} đã dùng cho một đơn vị khác; mỗi đơn vị của Mục VI có một số riêng")
        if agency.number is not None:
            numbers.add(agency.number)
    seen = set()
    for i, task in enumerate(data.tasks):
        def add(field: str, message: str) -> None:
            found.add(path, ("tasks", i, field), field, message)

        if task.id in seen:
            add("id", f"mã {task.id!r} đã dùng cho một việc khác; cần mã riêng cho mỗi việc")
        seen.add(task.id)
        agency = agencies.get(task.agency)
        if task.agency not in known:
            add("agency", f"không có đơn vị {task.agency!r}; cần một mã trong mục agencies: {', '.join(sorted(known))}")
        elif agency is not None and not agency.valid_on(task.due):
            add("agency", f"{agency.name} không còn hoạt động vào hạn {task.due.isoformat()} (hiệu lực {_span(agency)}); "
                          "cần giao cho đơn vị tiếp nhận nhiệm vụ")
        if task.status == "done" and task.done is None:
            add("done", "không có, cần ngày hoàn thành (YYYY-MM-DD) khi status là done")
        if task.status == "done" and task.document is None:
            add("document", "không có, cần địa chỉ văn bản, báo cáo đã ban hành khi status là done")
        if task.status == "pending" and task.done is not None:
            add("status", f"nhận được 'pending' nhưng có ngày hoàn thành {task.done.isoformat()}; cần status: done")
