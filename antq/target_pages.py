"""The targets dashboard, each indicator's page, the register of units and the duties page: models in, text out."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from .dataset import Dataset
from .dates import show
from .duties import DUE_SOON_DAYS, TASK_COLUMNS, TaskState, task_record, task_state, tasks_by_agency
from .export import to_csv, to_json
from .html import Html, block, front_matter, join, link, md, table, tag
from .model import MEASURES, Commune, Unit
from .page import Page
from .quota import RULE_TEXT, YearResult
from .targets import (CLASSES, FIGURE_COLUMNS, METHOD, RATINGS, Figure, IndicatorResult, PeriodResult, Register, Rule,
                      compute_targets, figure_record, yearly_status_counts)

# What the numerator and denominator count, by measure (units otherwise).
NOUN = {"directives_deployed": "văn bản", "households_reached": "hộ", "camera_households": "hộ",
        "members_reached": "người", "students_reached": "học sinh", "tips_accepted": "tin", "tips_resolved": "tin",
        "tips_overdue": "tin", "propagandists_staffed": "người", "propagandists_trained": "người",
        "news_quota": "tin bài", "new_rural": "xã"}
# How the units behind a figure are grouped on the indicator's page: (meeting, not meeting).
OUTCOME = {"safe": ("Được công nhận \"An toàn về an ninh, trật tự\"", "Chưa được công nhận"),
           "effective_model": ("Có mô hình hoạt động hiệu quả", "Chưa có mô hình hoạt động hiệu quả"),
           "documents": ("Có nghị quyết và kế hoạch", "Thiếu nghị quyết hoặc kế hoạch"),
           "forces_full": ("Đủ lực lượng", "Thiếu lực lượng"), "camera": ("Có camera an ninh", "Chưa có camera"),
           "new_rural": ("Đạt chuẩn nông thôn mới", "Chưa đạt chuẩn nông thôn mới"),
           "not_key_security": ("Không phải địa bàn trọng điểm phức tạp về an ninh, trật tự",
                                "Địa bàn trọng điểm phức tạp về an ninh, trật tự"),
           "not_weak": ("Không bị xếp loại yếu", "Xếp loại yếu"),
           "drug_free": ("Được công nhận không có tệ nạn ma túy", "Chưa được công nhận")}
# The data file behind each kind of measure, for "Sửa trang này".
SOURCE = {"units": "unit-years.yml", "households": "unit-years.yml", "locality": "locality-years.yml",
          "directives": "directives.yml", "quota": "news/README.md"}
AREA = {True: "nông thôn", False: "đô thị"}


# -- numbers and words -------------------------------------------------------------------------

def number(n: int | float) -> str:
    """Vietnamese grouping and decimal comma: 72.985; 19; 90,5."""
    text = f"{n:,.0f}" if float(n).is_integer() else f"{n:,.1f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def percent_text(value: Fraction, rule: Rule | None) -> str:
    """One decimal, or as many as it takes (up to four) for the shown value not to contradict the verdict:
    99.96% against "ít nhất 100%" shows 99,96%, never 100,0%."""
    places = 1
    while places < 4 and rule is not None and rule.meets(Fraction(round(value, places))) != rule.meets(value):
        places += 1
    return f"{float(round(value, places)):.{places}f}".replace(".", ",") + "%"


def _noun(result: IndicatorResult) -> str:
    return NOUN.get(result.indicator.measure, "đơn vị")


def threshold_text(result: IndicatorResult, rule: Rule) -> str:
    value = number(rule.value)
    amount = f"{value}%" if result.percent else f"{value} {_noun(result)}"
    return f"{RULE_TEXT[rule.rule]} {amount}"


def value_text(result: IndicatorResult, figure: Figure) -> str:
    if figure.value is None:
        return "—"
    if result.percent:
        return percent_text(figure.value, figure.rule)
    return f"{number(figure.numerator)} {_noun(result)}"


def parts_text(result: IndicatorResult, figure: Figure) -> str:
    """The numerator over the denominator, in words; and the units without a figure."""
    noun = _noun(result)
    if figure.numerator is None:
        return "chưa có số liệu"
    if figure.denominator is not None:
        text = f"{number(figure.numerator)}/{number(figure.denominator)} {noun}"
    elif figure.total is not None:
        text = f"trên tổng số {number(figure.total)} {noun}"
    else:
        text = ""
    if figure.missing:
        text += f"; {len(figure.missing)} đơn vị chưa có số liệu"
    return text


def requirement_text(result: IndicatorResult) -> str:
    """All thresholds of an indicator in words: "trên 90% đến hết năm 2022; trên 95% đến năm 2025"."""
    ind = result.indicator
    if ind.measure == "news_quota":
        rule = next((f.rule for f in result.figures if f.rule is not None), None)
        return f"{threshold_text(result, rule)} mỗi năm" if rule else "theo nhóm chỉ tiêu tin bài"
    if not ind.thresholds:
        return "kế hoạch không đặt ngưỡng: theo dõi hằng năm"
    parts = []
    for t in sorted(ind.thresholds, key=lambda t: t.year):
        rule = Rule(t.rule, t.value, t.year)
        when = f"mỗi năm từ {t.year}" if ind.schedule == "yearly" else f"đến năm {t.year}"
        on = f" (tính ngày {show(t.as_of)})" if t.as_of else ""
        parts.append(f"{threshold_text(result, rule)} {when}{on}")
    return "; ".join(parts)


def year_rule_text(result: IndicatorResult, figure: Figure) -> str:
    if figure.rule is None:
        return "—"
    text = threshold_text(result, figure.rule)
    if result.indicator.schedule == "deadline" and figure.rule.year is not None:
        text += f" (hạn {figure.rule.year})"
    return text


def verdict(figure: Figure) -> str:
    if figure.state == "nodata":
        return "Không có đơn vị để tính" if figure.denominator == 0 else "Chưa có số liệu"
    if figure.state == "tracked":
        return "Theo dõi"
    ahead = not figure.judged and figure.rule is not None
    if figure.state == "met":
        return f"Đã đạt mức của năm {figure.rule.year}" if ahead else "Đạt"
    if figure.state == "missed":
        return "Không đạt"
    if ahead:
        return f"Chưa đạt mức của năm {figure.rule.year}"
    return "Chưa đạt (năm đang thực hiện)"


# -- the dashboard -----------------------------------------------------------------------------

def indicator_href(result: IndicatorResult) -> str:
    """The indicator's page, relative to the dashboard."""
    return f"{result.period.id}/{result.indicator.id}/"


def indicator_card(result: IndicatorResult) -> Html:
    """One indicator: its latest verdict first, then every year, each figure linked to the units behind it."""
    href = indicator_href(result)
    final = result.final
    lines = [tag("p", link(href, result.indicator.name), cls="name")]
    if final is not None:
        lines.append(tag("p", join([f"Năm {final.year}: ", tag("strong", value_text(result, final)),
                                    f" ({parts_text(result, final)})" if parts_text(result, final) else "", " – ",
                                    tag("strong", verdict(final))]), cls="figure"))
    lines.append(tag("p", f"Yêu cầu: {requirement_text(result)}.", cls="rule"))
    rows = [(str(f.year), join([link(f"{href}#nam-{f.year}", value_text(result, f)),
                                tag("span", parts_text(result, f), cls="parts") if parts_text(result, f) else ""], " "),
             year_rule_text(result, f), tag("span", verdict(f), cls=f"verdict {f.state}"))
            for f in result.figures]
    if rows:
        lines.append(table(["Năm", "Kết quả", "Yêu cầu", "Đánh giá"], rows, cls="target-years"))
    else:
        lines.append(tag("p", "Chưa có năm nào để tính."))
    lines.append(tag("p", METHOD[result.indicator.measure], cls="method"))
    return tag("div", join(lines), cls=f"target {final.state if final else 'nodata'}")


def _summary(period: PeriodResult) -> str:
    finals = [r.final for t in period.targets for r in t.indicators if r.final is not None]
    counts = {state: sum(1 for f in finals if f.state == state) for state in ("met", "missed", "progress", "tracked", "nodata")}
    words = [f"{counts['met']} chỉ số đạt", f"{counts['missed']} chỉ số không đạt"]
    if counts["progress"]:
        words.append(f"{counts['progress']} chỉ số chưa đạt")
    if counts["tracked"]:
        words.append(f"{counts['tracked']} chỉ số chỉ theo dõi")
    if counts["nodata"]:
        words.append(f"{counts['nodata']} chỉ số chưa có số liệu")
    return ", ".join(words)


def status_tables(data: Dataset, years: range, today: date) -> str:
    rows = yearly_status_counts(data, years, today)
    if not rows:
        return ""
    rating = table(["Năm", *[r.capitalize() for r in RATINGS], "An toàn về ANTT", "Không có ma túy"],
                   [(str(r["year"]), *r["rating"].values(), r["safe"], r["drug_free"]) for r in rows],
                   caption="Số đơn vị theo xếp loại phong trào và được công nhận", numeric=set(range(1, 7)))
    classes = table(["Năm", *[c.capitalize() for c in CLASSES.values()]],
                    [(str(r["year"]), *r["classification"].values()) for r in rows],
                    caption="Số xã, thị trấn theo phân loại địa bàn", numeric={1, 2, 3})
    return ("\n## Xếp loại phong trào, phân loại địa bàn\n\n"
            "Hằng năm, các đơn vị được xếp loại phong trào theo 4 loại (Mục IV, điểm 7) và các xã, thị trấn "
            "được phân loại theo 3 loại (Mục IV, điểm 6). Số đơn vị có số liệu, tính ngày 31/12 của mỗi năm. "
            "Chi tiết từng đơn vị: [các đơn vị và số liệu hằng năm](don-vi.md).\n"
            + block(rating) + block(classes))


def render_targets(data: Dataset, results: list[PeriodResult], today: date) -> str:
    parts = [front_matter(description="Mục tiêu của kế hoạch phong trào toàn dân bảo vệ an ninh Tổ quốc, năm theo năm: "
                                      "kết quả, yêu cầu, đạt hay chưa và các đơn vị đứng sau mỗi con số."),
             "# Mục tiêu của kế hoạch\n",
             "Các chỉ tiêu cụ thể của kế hoạch (Mục II) và các mục tiêu khác, năm theo năm: kết quả so với yêu cầu, "
             "số liệu (tử số/mẫu số), đạt hay chưa, căn cứ trong kế hoạch. Bấm vào một kết quả để xem các đơn vị "
             f"đứng sau con số đó. Số liệu tính đến ngày {show(today)}.\n\n"
             "[Tải CSV](../du-lieu/muc-tieu.csv) · [Tải JSON](../du-lieu/muc-tieu.json) · "
             "[Các đơn vị và số liệu hằng năm](don-vi.md) · [Nhiệm vụ, thời hạn và báo cáo](../nhiem-vu/index.md) · "
             "[Chỉ tiêu tin bài](../chi-tieu/index.md)\n"]
    if not results:
        parts.append("\nChưa có mục tiêu nào (data/targets.yml) cho giai đoạn đang thực hiện hay đã kết thúc.\n")
    for period in results:
        state = (f"đã kết thúc ngày {show(period.period.end)}: đây là kết quả cuối cùng" if period.ended
                 else f"đang thực hiện, đến {show(period.period.end)}")
        parts.append(f"\n## Giai đoạn {md(period.period.id)}\n\n{md(period.period.title)}: {state}. "
                     f"Ở năm xét cuối cùng của mỗi chỉ số: {_summary(period)}.\n")
        for target in period.targets:
            t = target.target
            parts.append(f"\n### {md(t.source)}: {md(t.title)}\n")
            parts.append(block(tag("blockquote", tag("p", t.text), cls="plan-text")))
            parts.append(block(join(indicator_card(r) for r in target.indicators)))
        years = range(period.period.start.year, min(period.period.end, today).year + 1)
        parts.append(status_tables(data, years, today))
    return "".join(parts)


# -- one indicator ------------------------------------------------------------------------------

def unit_label(register: Register, unit_id: str) -> str:
    """A unit as readers know it: a residential area or agency with its commune; the span of a commune
    that exists only part of the time (two communes may share a name across a merger)."""
    unit = register.get(unit_id)
    if unit is None:
        return unit_id
    name = unit.name
    if isinstance(unit, Unit):
        name += f", {register.name(unit.commune)}"
    if unit.valid_to is not None:
        name += f" (đến {show(unit.valid_to)})"
    elif unit.valid_from is not None:
        name += f" (từ {show(unit.valid_from)})"
    return name


def unit_links(register: Register, ids, to_units: str) -> Html:
    return tag("ul", join(tag("li", link(f"{to_units}#dv-{i}", unit_label(register, i))) for i in ids), cls="unit-list")


def _figure_detail(data: Dataset, register: Register, result: IndicatorResult, figure: Figure) -> str:
    measure = result.indicator.measure
    over = MEASURES[measure][0]
    to_units = "../../don-vi/"
    parts = []
    if over == "units":
        yes, no = OUTCOME[measure]
        for title, ids in ((yes, figure.counted), (no, figure.missed), ("Chưa có số liệu", figure.missing)):
            if ids:
                parts.append(f"\n**{title} ({len(ids)})**\n")
                parts.append(block(unit_links(register, ids, to_units)))
    elif over == "households":
        part = "camera_households" if measure == "camera_households" else "households_reached"
        label = "Hộ lắp camera" if part == "camera_households" else "Hộ được tuyên truyền"
        rows = []
        for unit_id in figure.counted:
            status = register.status[unit_id, figure.year]
            rows.append((link(f"{to_units}#dv-{unit_id}", unit_label(register, unit_id)), number(status.households),
                         number(getattr(status, part)),
                         percent_text(Fraction(getattr(status, part) * 100, status.households), None)
                         if status.households else "—"))
        if rows:
            parts.append(block(table(["Xã, phường", "Số hộ", label, "Tỷ lệ"], rows, numeric={1, 2, 3},
                                     caption=f"Từng xã, phường năm {figure.year}")))
        if figure.missing:
            parts.append("\n**Chưa có số liệu**\n")
            parts.append(block(unit_links(register, figure.missing, to_units)))
    elif over == "directives":
        directives = [d for d in data.directives if d.id in figure.counted + figure.missed]
        rows = [(join([f"{d.issuer}, số {d.number}, ngày {show(d.date)}: ",
                       link(d.url, d.title) if d.url else d.title]),
                 show(d.deployed) if d.deployed else "chưa triển khai",
                 join(link(f"{to_units}#dv-{u}", unit_label(register, u)) for u in d.not_reached) if d.not_reached
                 else ("đến mọi đơn vị" if d.deployed else "—"))
                for d in directives]
        if rows:
            parts.append(block(table(["Văn bản", "Ngày triển khai", "Chưa triển khai tới"], rows)))
        else:
            parts.append("\nKhông có văn bản nào ban hành trong năm.\n")
    elif over == "locality":
        if figure.breakdown:
            parts.append(block(table(["Cấp", "Tử số", "Mẫu số"], [(label, number(n), number(d))
                                                                  for label, n, d in figure.breakdown],
                                     numeric={1, 2}, caption=f"Từng cấp năm {figure.year}")))
        note = next((f.note for f in data.locality_years if f.year == figure.year), "")
        parts.append(f"\nSố liệu nhập trong data/locality-years.yml{': ' + md(note) if note else ''}.\n")
    else:
        parts.append(f"\nXem từng tin bài được tính: [chỉ tiêu tin bài năm {figure.year}](../../chi-tieu/{figure.year}.md).\n")
    return "".join(parts)


def render_indicator(data: Dataset, register: Register, result: IndicatorResult) -> str:
    ind, target = result.indicator, result.target
    scope = f" Đơn vị được tính: {', '.join(ind.scope)}{' (chỉ nơi tiềm ẩn phức tạp)' if ind.complex_only else ''}." \
        if ind.scope else ""
    # Reviewers reach these pages from the dashboard, whose cards carry the same names: kept out of the
    # search index, they do not push the citizens' guidance (how to report a crime) down the results.
    parts = [front_matter(search={"exclude": True}), f"# {md(ind.name)}\n",
             f"{md(target.source)}, giai đoạn {md(result.period.id)}: {md(target.title)}. "
             f"Yêu cầu: {md(requirement_text(result))}.{md(scope)}\n",
             block(tag("blockquote", tag("p", target.text), cls="plan-text")),
             f"\n{md(METHOD[ind.measure])} Danh sách đơn vị của mỗi năm lấy theo ngày ghi ở năm đó: đơn vị đã giải thể "
             "hoặc sáp nhập trước ngày ấy không được tính, xã mới sau sáp nhập được tính thay xã cũ.\n\n"
             "[Về bảng mục tiêu](../index.md) · [Các đơn vị và số liệu hằng năm](../don-vi.md)\n"]
    for figure in reversed(result.figures):
        parts.append(f"\n## Năm {figure.year} {{#nam-{figure.year}}}\n\n")
        facts = [f"Kết quả: **{md(value_text(result, figure))}**"]
        if parts_text(result, figure):
            facts.append(f" ({md(parts_text(result, figure))})")
        facts.append(f", yêu cầu {md(year_rule_text(result, figure))}: **{md(verdict(figure))}**. "
                     f"Tính theo danh sách đơn vị ngày {show(figure.on)}.\n")
        parts.append("".join(facts))
        parts.append(_figure_detail(data, register, result, figure))
    return "".join(parts)


# -- the register of units ------------------------------------------------------------------------

def _yes(label: str, value: bool | None, no: str = "chưa") -> str | None:
    return None if value is None else f"{label}: {'có' if value else no}"


def status_line(register: Register, unit: Commune | Unit, year: int) -> str:
    """One unit's year in short phrases; a field without a figure is left out."""
    day = min(date(year, 12, 31), unit.valid_to or date(year, 12, 31))
    model = f"mô hình hiệu quả: {'có' if unit.id in register.effective_models(year, day) else 'không'}"
    s = register.status.get((unit.id, year))
    if s is None:
        return f"chưa có số liệu · {model}"
    facts = [_yes("an toàn về ANTT", s.safe), _yes("không ma túy", s.drug_free),
             f"xếp loại {s.rating}" if s.rating else None,
             CLASSES[s.classification] if s.classification else None,
             _yes("nông thôn mới", s.new_rural), _yes("nghị quyết", s.resolution, "không"),
             _yes("kế hoạch", s.plan, "không"), _yes("camera", s.camera),
             f"hộ được tuyên truyền {number(s.households_reached)}/{number(s.households)}"
             if s.households_reached is not None else None,
             f"hộ có camera {number(s.camera_households)}/{number(s.households)}"
             if s.camera_households is not None else None,
             f"lực lượng {s.forces_actual}/{s.forces_required}" if s.forces_required is not None else None,
             model, s.note or None]
    return " · ".join(f for f in facts if f)


def unit_card(register: Register, unit: Commune | Unit, years: range) -> Html:
    meta = [unit.kind]
    if isinstance(unit, Commune):
        meta.append(AREA[unit.rural])
    else:
        meta.append(register.name(unit.commune))
    if unit.complex:
        meta.append("nơi tiềm ẩn phức tạp về an ninh, trật tự")
    if unit.valid_from:
        meta.append(f"từ {show(unit.valid_from)}")
    if unit.valid_to:
        meta.append(f"đến {show(unit.valid_to)}")
    lines = [tag("p", tag("strong", unit.name), cls="name"), tag("p", ", ".join(meta), cls="meta")]
    if isinstance(unit, Commune) and unit.merged_into:
        lines.append(tag("p", join(["Sáp nhập vào ", link(f"#dv-{unit.merged_into}", unit_label(register, unit.merged_into))])))
    merged = [c for c in register.communes.values() if c.merged_into == unit.id]
    if merged:
        lines.append(tag("p", join(["Hình thành từ: ", join((link(f"#dv-{c.id}", c.name) for c in merged), ", ")])))
    rows = [(str(y), status_line(register, unit, y)) for y in years
            if (unit.valid_from is None or unit.valid_from.year <= y) and (unit.valid_to is None or unit.valid_to.year >= y)]
    if rows:
        lines.append(table(["Năm", "Tình hình"], rows, cls="unit-years"))
    return tag("div", join(lines), cls="unit", id=f"dv-{unit.id}")


def render_units(data: Dataset, register: Register, years: range) -> str:
    groups = [("Xã, thị trấn, phường", sorted(data.communes, key=lambda c: (c.valid_from or date.min, c.name))),
              ("Khu dân cư", sorted((u for u in data.units if u.kind == "khu dân cư"),
                                    key=lambda u: (register.name(u.commune), u.name))),
              ("Cơ quan, doanh nghiệp, nhà trường", sorted((u for u in data.units if u.kind != "khu dân cư"),
                                                           key=lambda u: (u.kind, u.name)))]
    parts = ["# Các đơn vị và số liệu hằng năm\n",
             "Sổ đơn vị mà các mục tiêu tính trên đó, và tình hình từng đơn vị mỗi năm: công nhận \"An toàn về an ninh, "
             "trật tự\", xếp loại phong trào, phân loại địa bàn, nông thôn mới, camera, lực lượng, mô hình hoạt động hiệu "
             "quả (theo [đánh giá mô hình](../mo-hinh/index.md)). Đơn vị chỉ được tính trong những năm còn hiệu lực.\n\n"
             "[Về bảng mục tiêu](index.md)\n"]
    for title, units in groups:
        if units:
            parts.append(f"\n## {title} ({len(units)})\n")
            parts.append(block(join(unit_card(register, u, years) for u in units)))
    return "".join(parts)


# -- duties and reports ---------------------------------------------------------------------------

def task_row(state: TaskState, agency_name: str | None = None) -> tuple:
    t = state.task
    cells = [join([t.title, tag("span", f" – {t.note}", cls="meta") if t.note else ""])]
    if agency_name is not None:
        cells.append(agency_name)
    cells += [t.source, show(t.due), tag("span", state.text, cls=f"task {state.state}"),
              link(t.document, "Văn bản") if t.document else "—"]
    return tuple(cells)


def render_duties(data: Dataset, today: date) -> str:
    by_agency = tasks_by_agency(data, today)
    name = {a.id: a.name for a in data.agencies}
    states = sorted((task_state(t, today) for t in data.tasks), key=lambda s: (s.task.due, s.task.id))
    overdue = [s for s in states if s.state == "overdue"]
    due = [s for s in states if s.state == "due"]
    done = [s for s in states if s.state in ("done", "late")]
    headers = ["Việc", "Đơn vị", "Căn cứ", "Hạn", "Tình trạng", "Văn bản"]
    parts = [front_matter(description="Nhiệm vụ của các đơn vị theo kế hoạch, thời hạn và lịch báo cáo: "
                                      "việc đã xong, quá hạn và sắp đến hạn."),
             "# Nhiệm vụ, thời hạn và báo cáo của các đơn vị\n",
             "Phân công nhiệm vụ của kế hoạch (Mục VI), các thời hạn (Mục VII) và lịch báo cáo: thông báo hằng quý về "
             "mô hình, gương người tốt (Mục IV, điểm 5), sơ kết 6 tháng, tổng kết năm (Mục IV, điểm 8), sơ kết, tổng kết "
             "kế hoạch (Mục VII, điểm 3), dự toán kinh phí hằng năm (Mục V). "
             f"Tình hình đến ngày {show(today)}: {len(overdue)} việc quá hạn, {len(due)} việc sắp đến hạn "
             f"(trong {DUE_SOON_DAYS} ngày tới), {len(done)}/{len(states)} việc đã xong.\n\n"
             "[Tải CSV](../du-lieu/nhiem-vu.csv) · [Tải JSON](../du-lieu/nhiem-vu.json) · "
             "[Mục tiêu của kế hoạch](../muc-tieu/index.md)\n",
             f"\n## Quá hạn ({len(overdue)})\n"]
    parts.append(block(table(headers, [task_row(s, name.get(s.task.agency, s.task.agency)) for s in overdue]))
                 if overdue else "\nKhông có việc nào quá hạn.\n")
    parts.append(f"\n## Sắp đến hạn ({len(due)})\n")
    parts.append(block(table(headers, [task_row(s, name.get(s.task.agency, s.task.agency)) for s in due]))
                 if due else f"\nKhông có việc nào đến hạn trong {DUE_SOON_DAYS} ngày tới.\n")
    parts.append("\n## Theo đơn vị\n")
    for agency, tasks in by_agency:
        number_prefix = f"{agency.number}. " if agency.number else ""
        parts.append(f"\n### {number_prefix}{md(agency.name)}\n\n")
        span = [f"từ {show(agency.valid_from)}" if agency.valid_from else "", f"đến {show(agency.valid_to)}" if agency.valid_to else ""]
        lines = []
        if any(span):
            lines.append(f"Hoạt động {' '.join(s for s in span if s)}.")
        if agency.note:
            lines.append(md(agency.note))
        if lines:
            parts.append(" ".join(lines) + "\n")
        if agency.duties:
            parts.append(block(tag("ul", join(tag("li", d) for d in agency.duties), cls="duties")))
        if tasks:
            parts.append(block(table(["Việc", "Căn cứ", "Hạn", "Tình trạng", "Văn bản"], [task_row(s) for s in tasks],
                                     caption=f"Việc và báo cáo của {agency.name}")))
    return "".join(parts)


# -- every page and download --------------------------------------------------------------------

def target_pages(data: Dataset, today: date, quotas: dict[int, YearResult]) -> list[Page]:
    results = compute_targets(data, today, quotas)
    register = Register(data)
    years = sorted({y for p in results for r in p.targets for i in r.indicators for y in (f.year for f in i.figures)})
    pages = [Page("muc-tieu/index.md", render_targets(data, results, today), "targets.yml"),
             Page("muc-tieu/don-vi.md", render_units(data, register, range(years[0], years[-1] + 1) if years else range(0)),
                  "unit-years.yml"),
             Page("nhiem-vu/index.md", render_duties(data, today), "duties.yml")]
    for period in results:
        for target in period.targets:
            for result in target.indicators:
                over = MEASURES[result.indicator.measure][0]
                source = "models.yml" if result.indicator.measure == "effective_model" else SOURCE[over]
                pages.append(Page(f"muc-tieu/{period.period.id}/{result.indicator.id}.md",
                                  render_indicator(data, register, result), source))
    records = [figure_record(r, f) for p in results for t in p.targets for r in t.indicators for f in r.figures]
    tasks = [task_record(data, task_state(t, today)) for t in sorted(data.tasks, key=lambda t: (t.due, t.id))]
    pages += [Page("du-lieu/muc-tieu.csv", to_csv(FIGURE_COLUMNS, records)),
              Page("du-lieu/muc-tieu.json", to_json(records)),
              Page("du-lieu/nhiem-vu.csv", to_csv(TASK_COLUMNS, tasks)),
              Page("du-lieu/nhiem-vu.json", to_json(tasks))]
    return pages
