"""Counts a reviewer can audit, each rule at its boundary: evidence by medium, a second person approves,
counted once, nothing published ahead of today, plans and outlets that change mid-year, communes on
the record's date, and every published item either counted or listed with its reason."""

import dataclasses
from datetime import date, timedelta

import pytest

from antq.load import load_dataset
from antq.model import NewsItem, Outlet, Period, QuotaGroup
from antq.problems import DataError
from antq.quota import count_halves, count_quotas, count_span
from antq.render import approval, render_models, render_quota_year
from antq.urls import canonical_url, clean_url
from conftest import PROJECT, VALID

TODAY = date(2024, 6, 1)
APPROVED = "entered_by: nhap\napproved_by: duyet\napproved_on: {day}\n"
EVIDENCE = {
    "bao-tinh": 'url: "https://bao.example/{slug}"\n',
    "dai-huyen": 'broadcast:\n  programme: "Thời sự"\n  time: "{time}"\n  duration: "2:30"\n'
                 '  log: {{number: "9/NKPS", date: {day}}}\n',
    "bao-in": 'print:\n  issue: "4321"\n  page: 3\n',
}


def item(title="Tin mới", day="2024-05-02", outlet="bao-tinh", status="published", evidence=True,
         approved=True, time="18:00", extra="") -> str:
    text = f'title: "{title}"\ndate: {day}\noutlet: {outlet}\nstatus: {status}\n'
    if evidence:
        text += EVIDENCE[outlet].format(slug=title.replace(" ", "-"), day=day, time=time)
    if approved and status == "published":
        text += APPROVED.format(day=day)
    elif status != "published":
        text += "entered_by: nhap\n"
    return text + extra


def problems(files: dict[str, str], today=TODAY, root=VALID) -> list[str]:
    """The problems of the valid set with `files` added (path -> text), as staff read them."""
    try:
        load_dataset(root, added=files, today=today)
    except DataError as error:
        return [str(p).split("/valid/", 1)[-1] for p in error.problems]
    return []


# -- evidence by medium --------------------------------------------------------------------------

@pytest.mark.parametrize("outlet, field, missing", [
    ("bao-tinh", "url", "không có, cần địa chỉ bài viết vì Báo tỉnh là báo điện tử/trang mạng"),
    ("dai-huyen", "broadcast", "tin đài phát thanh, truyền hình đã duyệt cần bằng chứng, còn thiếu: cả mục broadcast"),
    ("bao-in", "print", "tin báo in đã duyệt cần bằng chứng, còn thiếu: cả mục print"),
])
def test_each_medium_needs_its_evidence_to_be_published_and_the_message_names_it(outlet, field, missing):
    rel = "news/2024/2024-05-02-tin-moi.yml"
    assert problems({rel: item(outlet=outlet)}) == []
    assert problems({rel: item(outlet=outlet, status="pending", evidence=False)}) == (
        [] if outlet != "bao-tinh" else [f"{rel}:1: url: {missing}"])  # an online item is its address
    # Without its evidence the message points at `status: published` (line 4), or at the record for a missing url.
    line = 1 if field == "url" else 4
    assert any(p.startswith(f"{rel}:{line}: {field}: {missing}") for p in problems({rel: item(outlet=outlet, evidence=False)}))


@pytest.mark.parametrize("keep, ok", [("recording", True), ("log", True), (None, False)])
def test_a_broadcast_needs_a_recording_or_a_log_reference(keep, ok):
    block = ('broadcast:\n  programme: "Thời sự"\n  time: "18:00"\n  duration: "2:30"\n'
             + ('  recording: "https://dai.example/2024-05-02-1800"\n' if keep == "recording" else "")
             + ('  log: {number: "9/NKPS", date: 2024-05-02}\n' if keep == "log" else ""))
    found = problems({"news/2024/2024-05-02-tin-moi.yml": item(outlet="dai-huyen", evidence=False, extra=block)})
    assert (found == []) is ok
    if not ok:
        assert found == ["news/2024/2024-05-02-tin-moi.yml:8: broadcast: tin đài phát thanh, truyền hình đã duyệt cần "
                         "bằng chứng, còn thiếu: recording (bản ghi) hoặc log (số và ngày nhật ký phát sóng); cần ghi "
                         "đủ (xem data/news/README.md) hoặc để status: pending"]


def test_an_air_time_written_without_quotes_is_read_as_a_time():
    """YAML 1.1 would read 18:30 as the number 1110; the loader reads it as staff typed it."""
    text = item(outlet="dai-huyen").replace('time: "18:00"', "time: 18:30").replace('duration: "2:30"', "duration: 2:30")
    rel = "news/2024/2024-05-02-tin-moi.yml"
    data = load_dataset(VALID, added={rel: text}, today=TODAY)
    broadcast = next(n.broadcast for n in data.news if data.file_of(n) == rel)
    assert (broadcast.time, broadcast.duration) == ("18:30", "2:30")


# -- a second person approves --------------------------------------------------------------------

def test_self_approval_is_refused_and_another_approver_is_accepted():
    rel = "news/2024/2024-05-02-tin-moi.yml"
    own = item(approved=False, extra="entered_by: duyet\napproved_by: duyet\napproved_on: 2024-05-02\n")
    assert problems({rel: own}) == [f"{rel}:7: approved_by: Người Duyệt vừa nhập vừa duyệt tin này; cần một người "
                                    "khác người nhập (entered_by) duyệt"]
    assert problems({rel: own.replace("entered_by: duyet", "entered_by: nhap")}) == []


def test_new_items_are_pending_by_default_and_pending_items_do_not_count():
    assert NewsItem.model_validate({"title": "x", "date": "2024-05-02", "outlet": "bao-tinh"}).status == "pending"
    rel = "news/2024/2024-05-02-tin-moi.yml"
    data = load_dataset(VALID, added={rel: 'title: "Chưa ghi trạng thái"\ndate: 2024-05-02\noutlet: bao-tinh\n'
                                            'url: "https://bao.example/chua-ghi"\n'}, today=TODAY)
    assert next(n for n in data.news if n.title == "Chưa ghi trạng thái").status == "pending"
    year = count_quotas(data, TODAY)[2024]
    assert "Chưa ghi trạng thái" not in {n.title for n in year.counted} | {n.title for n, _ in year.not_counted}
    assert "Chưa ghi trạng thái" in {n.title for n in year.pending}


def test_items_approved_before_the_two_person_rule_count_and_say_so(data_copy):
    site = data_copy / "site.yml"
    site.write_text(site.read_text(encoding="utf-8") + "two_person_rule_from: 2024-04-01\n", encoding="utf-8")
    before = item(title="Tin cũ", day="2024-03-31", approved=False)
    on_the_day = item(title="Tin mới", day="2024-04-01", approved=False)
    assert problems({"news/2024/2024-03-31-tin-cu.yml": before}, root=data_copy) == []
    found = problems({"news/2024/2024-04-01-tin-moi.yml": on_the_day}, root=data_copy)
    assert [p.split(": ", 2)[1] for p in found] == ["entered_by", "approved_by", "approved_on"]
    data = load_dataset(data_copy, added={"news/2024/2024-03-31-tin-cu.yml": before}, today=TODAY)
    old = next(n for n in data.news if n.title == "Tin cũ")
    assert approval(data, old) == ("Duyệt trước khi áp dụng quy định hai người (01/04/2024): không ghi người nhập, "
                                   "người duyệt")
    assert approval(data, old) in render_quota_year(data, count_quotas(data, TODAY)[2024])


# -- counted once ----------------------------------------------------------------------------------

@pytest.mark.parametrize("url", [
    "https://bao.example/tuan-tra-dem/",  # trailing slash
    "https://bao.example/tuan%2Dtra%2ddem",  # unreserved characters percent-encoded
    "https://bao.example:443/tuan-tra-dem",  # default port
    "HTTPS://Bao.EXAMPLE/tuan-tra-dem",  # scheme and host case
    "https://bao.example/tuan-tra-dem?utm_source=zalo&fbclid=1",  # tracking parameters
    "https://bao.example/tin/../tuan-tra-dem#binh-luan",  # dot segments, fragment
])
def test_one_article_in_any_spelling_of_its_address_is_refused(url):
    rel = "news/2024/2024-05-02-dang-lai.yml"
    assert problems({rel: item(title="Đăng lại", status="pending").replace(
        'url: "https://bao.example/Đăng-lại"', f'url: "{url}"')}) == [
        f"{rel}:5: url: địa chỉ {url!r} đã có trong news/2024/2024-03-05-tuan-tra-dem.yml; mỗi tin bài chỉ được "
        "ghi một lần"]


def test_addresses_that_differ_where_it_matters_are_different_articles():
    for other in ["https://bao.example/tuan-tra-dem-2", "http://bao.example:8080/tuan-tra-dem",
                  "https://bao.example/tuan-tra-dem?id=2", "https://bao.example/Tuan-tra-dem"]:
        assert canonical_url(other) != canonical_url("https://bao.example/tuan-tra-dem"), other
    assert clean_url("https://Bao.example:443/tu%e1%ba%a7n-tra?utm_medium=x") == "https://bao.example/tu%E1%BA%A7n-tra"
    assert clean_url("https://bao.example/tuần-tra") == "https://bao.example/tu%E1%BA%A7n-tra"


@pytest.mark.parametrize("outlet, day, time, same", [
    ("dai-huyen", "2024-04-01", "17:05", True),  # the valid set's broadcast at 17:05
    ("dai-huyen", "2024-04-01", "17:06", False),  # one minute later: another broadcast
    ("dai-huyen", "2024-04-02", "17:05", False),  # the next day
])
def test_one_outlet_at_one_air_date_and_time_is_one_broadcast(outlet, day, time, same):
    rel = f"news/2024/{day}-ban-sao.yml"
    found = problems({rel: item(title="Bản sao", day=day, outlet=outlet, time=time, status="pending")})
    assert found == ([f"{rel}:7: broadcast: Đài huyện đã có tin phát lúc 17:05 ngày 2024-04-01 trong "
                      "news/2024/2024-04-01-phat-thanh.yml; cùng đài, cùng ngày giờ phát là một lần phát sóng, chỉ "
                      "được ghi một lần"] if same else [])


@pytest.mark.parametrize("title, day, same", [
    ("Tuần tra đêm ở An Hòa", "2024-03-05", True),
    ("TUẦN TRA ĐÊM Ở AN HÒA", "2024-03-05", True),
    ("Tuan tra dem o An Hoa", "2024-03-05", True),
    ("Tuần tra đêm – ở An Hòa!", "2024-03-05", True),
    ("Tuần tra đêm ở An Hòa", "2024-03-06", False),  # the next day
    ("Tuần tra đêm ở An Hòa 2", "2024-03-05", False),  # another item of a series
])
def test_near_identical_titles_from_one_outlet_on_one_day_are_refused_naming_the_other_file(title, day, same):
    rel = f"news/2024/{day}-ban-sao.yml"
    found = problems({rel: item(title=title, day=day, status="pending")})
    assert found == ([f"{rel}:1: title: tiêu đề gần như trùng với tin trong news/2024/2024-03-05-tuan-tra-dem.yml "
                      "(cùng Báo tỉnh, cùng ngày 2024-03-05, chỉ khác chữ hoa, dấu hoặc dấu câu); mỗi tin bài chỉ "
                      "được ghi một lần"] if same else [])


def test_a_rejected_copy_does_not_block_the_item_entered_right():
    rel = "news/2024/2024-03-05-ban-sao.yml"
    assert problems({rel: item(title="Tuần tra đêm ở An Hòa", day="2024-03-05", status="rejected")}) == []


# -- dates -----------------------------------------------------------------------------------------

def test_an_item_dated_after_today_cannot_be_published():
    today = date(2024, 6, 1)
    for day, status, ok in [("2024-06-01", "published", True), ("2024-06-02", "published", False),
                            ("2024-06-02", "pending", True)]:
        rel = f"news/2024/{day}-tin.yml"
        found = problems({rel: item(title="Tin", day=day, status=status)}, today=today)
        assert (found == []) is ok, (day, status, found)
        if not ok:  # also: approved on a day after today
            assert found[0] == (f"{rel}:2: date: ngày 2024-06-02 sau hôm nay (2024-06-01): tin chưa đăng, phát thì "
                                "chưa duyệt được; cần status: pending (duyệt từ ngày đó) hoặc sửa ngày")


def test_a_commune_code_is_refused_one_day_after_it_ended(data_copy):
    communes = data_copy / "communes.yml"
    communes.write_text(communes.read_text(encoding="utf-8").replace(
        'kind: "thị trấn"', 'kind: "thị trấn"\n    valid_to: 2024-04-30\n    merged_into: an-hoa'), encoding="utf-8")
    last, after = item(day="2024-04-30", extra="communes: [dong-tam]\n"), item(day="2024-05-01",
                                                                               extra="communes: [dong-tam]\n")
    assert problems({"news/2024/2024-04-30-tin-moi.yml": last}, root=data_copy) == []
    assert [p.split("/data/", 1)[-1] for p in problems({"news/2024/2024-05-01-tin-moi.yml": after}, root=data_copy)] \
        == ["news/2024/2024-05-01-tin-moi.yml:9: communes: thị trấn Đồng Tâm (dong-tam) không có hiệu lực vào ngày "
            "2024-05-01 (hiệu lực ... đến 2024-04-30); cần mã đơn vị hành chính có hiệu lực ngày đó, ví dụ an-hoa "
            "(xã An Hòa)"]
    people = data_copy / "people.yml"
    people.write_text(people.read_text(encoding="utf-8").replace("commune: an-hoa", "commune: dong-tam")
                      .replace("date: 2024-05-10", "date: 2024-05-01"), encoding="utf-8")
    assert any("people.yml:4: commune: thị trấn Đồng Tâm (dong-tam) không có hiệu lực vào ngày 2024-05-01" in p
               for p in problems({}, root=data_copy))


def test_a_current_hotline_of_an_ended_commune_is_ended_or_moved(data_copy):
    communes = data_copy / "communes.yml"
    communes.write_text(communes.read_text(encoding="utf-8").replace(
        'kind: "xã"', 'kind: "xã"\n    valid_to: 2025-06-30\n    merged_into: dong-tam'), encoding="utf-8")
    hotlines = data_copy / "hotlines.yml"
    original = hotlines.read_text(encoding="utf-8")
    found = problems({}, root=data_copy, today=date(2025, 7, 1))
    assert any(p.endswith("hotlines.yml:16: commune: xã An Hòa (an-hoa) đã hết hiệu lực ngày 2025-06-30 nhưng đường "
                          "dây vẫn đang dùng (không có valid_to); cần ghi valid_to cho đường dây, hoặc chuyển sang "
                          "thị trấn Đồng Tâm (commune: dong-tam)") for p in found), found
    assert problems({}, root=data_copy, today=date(2025, 6, 30)) == []  # its last day
    hotlines.write_text(original.replace("commune: an-hoa", "commune: an-hoa\n    valid_to: 2025-06-30"), encoding="utf-8")
    assert problems({}, root=data_copy, today=date(2025, 7, 1)) == []
    hotlines.write_text(original.replace("commune: an-hoa", "commune: dong-tam"), encoding="utf-8")
    assert problems({}, root=data_copy, today=date(2025, 7, 1)) == []


def test_a_model_that_outlives_its_commune_belongs_to_the_commune_it_merged_into_or_to_the_commune_it_names(data_copy):
    communes = data_copy / "communes.yml"
    communes.write_text(communes.read_text(encoding="utf-8").replace(
        'kind: "xã"', 'kind: "xã"\n    valid_to: 2025-06-30\n    merged_into: dong-tam'), encoding="utf-8")
    hotlines = data_copy / "hotlines.yml"
    hotlines.write_text(hotlines.read_text(encoding="utf-8").replace("commune: an-hoa", "commune: dong-tam"),
                        encoding="utf-8")
    day = date(2025, 7, 1)
    data = load_dataset(data_copy, today=day)
    assert data.model_commune(data.models[0], day).id == "dong-tam"
    page = render_models(data, "commune", day)
    assert "## thị trấn Đồng Tâm (1)" in page
    assert "thị trấn Đồng Tâm (thành lập tại xã An Hòa cũ)" in render_models(data, "type", day)


# -- plans and outlets that change mid-year --------------------------------------------------------

def switching_year(items):
    """A plan that ends on 30 June 2024 and another that starts on 1 July, each with its own group and
    outlet; the second gives its own target for its half of 2024, the first is pro-rated."""
    base = load_dataset(VALID, today=TODAY)
    old = Period(id="cu", title="Kế hoạch cũ", start=date(2020, 1, 1), end=date(2024, 6, 30), quotas=[
        QuotaGroup(id="huyen", name="Đài huyện", rule="at_least", threshold=20)])
    new = Period(id="moi", title="Kế hoạch mới", start=date(2024, 7, 1), end=date(2028, 12, 31), quotas=[
        QuotaGroup(id="xa", name="Đài xã", rule="more_than", threshold=80,
                   part_years=[{"year": 2024, "threshold": 30, "source": "Văn bản điều chỉnh"}])])
    outlets = (Outlet(id="dai-huyen", name="Đài huyện", medium="broadcast", quota="huyen", valid_to=date(2024, 6, 30)),
               Outlet(id="dai-xa", name="Đài xã", medium="broadcast", quota="xa", valid_from=date(2024, 7, 1)),
               Outlet(id="cong-huyen", name="Cổng huyện", medium="online"))
    site = base.site.model_copy(update={"periods": [old, new]})
    return dataclasses.replace(base, site=site, outlets=outlets, news=tuple(items))


def news(outlet, day, n=1, status="published"):
    return [NewsItem(title=f"{outlet} {day} {i}", date=day, outlet=outlet, status=status) for i in range(n)]


def test_a_period_switching_on_1_july_counts_both_halves_each_with_its_target():
    last_old, first_new = date(2024, 6, 30), date(2024, 7, 1)
    data = switching_year(news("dai-huyen", last_old, 10) + news("dai-xa", first_new, 31)
                          + news("cong-huyen", first_new, 2))
    year = count_quotas(data, date(2025, 3, 1))[2024]
    old, new = year.groups
    assert [(g.group.id, g.start, g.end, g.count) for g in year.groups] == [
        ("huyen", date(2024, 1, 1), last_old, 10), ("xa", first_new, date(2024, 12, 31), 31)]
    # 2024 has 366 days, 182 of them up to 30 June: at least 20 x 182/366 = 9.945, so 10 meets it.
    assert (old.threshold.basis, old.threshold.days, old.threshold.base_days, old.target, old.met) == (
        "prorated", 182, 366, 10, True)
    # The second plan's own target for its part of 2024: more than 30, so 31 meets it.
    assert (new.threshold.basis, new.target, new.met) == ("part", 31, True)
    assert [o.outlet.id for o in year.changes] == ["dai-huyen", "dai-xa"]
    page = render_quota_year(data, year, count_halves(data, 2024, date(2025, 3, 1)))
    assert "Đài huyện ngừng hoạt động sau ngày 30/06/2024" in page and "Đài xã bắt đầu hoạt động từ ngày 01/07/2024" in page
    assert "chia theo số ngày: 20 tin bài/năm × 182/366 ngày = 9,95; cần 10 tin bài" in page
    assert "chỉ tiêu riêng của giai đoạn moi cho phần năm này (Văn bản điều chỉnh)" in page
    first_half, second_half = count_halves(data, 2024, date(2025, 3, 1))
    assert [(g.group.id, g.count, g.target) for g in first_half.groups] == [("huyen", 10, 10)]
    assert [(g.group.id, g.count, g.target) for g in second_half.groups] == [("xa", 31, 31)]


def test_an_item_whose_group_is_not_in_the_period_of_its_date_is_listed_with_the_reason():
    # An item of the old outlet's group after the switch (the outlet still open here): counted nowhere, said why.
    data = switching_year(news("dai-huyen", date(2024, 6, 30)))
    data = dataclasses.replace(data, outlets=(data.outlets[0].model_copy(update={"valid_to": None}),) + data.outlets[1:],
                               news=data.news + tuple(news("dai-huyen", date(2024, 7, 2))))
    year = count_quotas(data, date(2025, 3, 1))[2024]
    assert [(n.date, reason) for n, reason in year.not_counted] == [
        (date(2024, 7, 2), "nhóm chỉ tiêu 'huyen' của Đài huyện không có trong giai đoạn moi (01/07/2024 – 31/12/2028)")]


def test_every_year_published_items_are_the_counted_ones_plus_those_listed_with_a_reason():
    data = load_dataset(PROJECT / "data", today=date(2026, 11, 26))
    results = count_quotas(data, date(2026, 11, 26))
    assert sorted(results) == [2020, 2021, 2022, 2023, 2024, 2025, 2026]
    for year, result in results.items():
        published = [n for n in data.news if n.status == "published" and n.date.year == year]
        counted, listed = list(result.counted), [n for n, _ in result.not_counted]
        assert len(published) == len(counted) + len(listed), year
        assert sorted(map(id, published)) == sorted(map(id, counted + listed)), year
        assert all(reason for _, reason in result.not_counted)
    # 2025 is split on 1 July: the district's broadcasts until 30 June, the communes' from 1 July, both counted.
    split = results[2025]
    assert [(g.period.id, g.group.id, g.count) for g in split.groups] == [
        ("2020-2025", "bao-dai-tinh", 10), ("2020-2025", "truyen-thanh-huyen", 44),
        ("2025-2030", "bao-dai-tinh", 11), ("2025-2030", "truyen-thanh-co-so", 30)]
    assert (len(split.published), len(split.counted), len(split.not_counted)) == (100, 95, 5)
    for half in count_halves(data, 2025, date(2026, 11, 26)):
        assert len(half.published) == len(half.counted) + len(half.not_counted)


def test_the_pending_items_of_a_year_are_counted_on_its_page():
    data = load_dataset(PROJECT / "data", today=date(2026, 11, 26))
    year = count_quotas(data, date(2026, 11, 26))[2024]
    assert [n.date for n in year.pending] == [date(2024, 12, 28)]
    assert "1 tin bài có ngày trong năm 2024 đang chờ duyệt, chưa được tính." in render_quota_year(data, year)


def test_every_counted_item_of_the_demonstration_data_carries_evidence_and_a_second_approver():
    data = load_dataset(PROJECT / "data", today=date(2026, 11, 26))
    for result in count_quotas(data, date(2026, 11, 26)).values():
        for n in result.counted:
            medium = data.outlet[n.outlet].medium
            assert {"online": n.url, "broadcast": n.broadcast, "print": n.print}[medium] is not None
            assert n.approved_by and n.entered_by and n.approved_by != n.entered_by
            assert n.date <= n.approved_on <= date(2026, 11, 26)


def test_a_part_year_target_for_a_year_the_period_covers_whole_is_not_used():
    data = switching_year(news("dai-xa", date(2025, 3, 1), 5))
    group = count_span(data, date(2025, 1, 1), date(2025, 12, 31), date(2026, 1, 1)).groups[0]
    assert (group.threshold.basis, group.target) == ("year", 81)
    assert date(2025, 1, 1) + timedelta(days=364) == group.end


def test_downloads_carry_each_items_evidence_and_approver_and_the_items_not_counted():
    from antq.export import NEWS_COLUMNS, news_record, quota_detail
    data = load_dataset(VALID, today=TODAY)
    broadcast = next(n for n in data.news if n.outlet == "dai-huyen")
    record = news_record(data, broadcast)
    assert {k: record[k] for k in ("programme", "air_time", "duration", "log_number", "log_date", "entered_by",
                                   "approved_by", "approved_on")} == {
        "programme": "Thời sự huyện", "air_time": "17:05", "duration": "3:20", "log_number": "12/NKPS",
        "log_date": "2024-04-01", "entered_by": "nhap", "approved_by": "duyet", "approved_on": "2024-04-02"}
    assert set(NEWS_COLUMNS) <= set(record)
    year = count_quotas(data, TODAY)[2024]
    detail = quota_detail(year, {id(n): news_record(data, n) for n in year.published})
    assert (detail["published"], detail["counted"], detail["not_counted"], detail["pending"]) == (2, 2, [], 0)
    assert [g["by_month"][3] for g in detail["groups"]] == [0, 1]  # April's broadcast, in a list of 12 months
