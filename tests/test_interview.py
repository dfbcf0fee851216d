"""The terminal questions come from the model: nested records are asked field by field, answers
are checked by the model's own rules, and choices are picked by number, name or code."""

from datetime import date

import pytest
from pydantic import Field

from antq.interview import Again, answer, nest, parse_day, questions
from antq.load import load_dataset
from antq.model import LocalDate, Record, Text, Url
from conftest import VALID

DATA = load_dataset(VALID)


class Log(Record):
    number: Text = Field(description="Số nhật ký phát sóng")
    date: LocalDate = Field(description="Ngày của nhật ký")


class Evidence(Record):
    programme: Text | None = Field(None, description="Tên chương trình")
    recording: Url | None = Field(None, description="Địa chỉ bản ghi")
    log: Log | None = Field(None, description="Nhật ký phát sóng")


class Item(Record):
    title: Text = Field(description="Tiêu đề")
    evidence: Evidence | None = Field(None, description="Bằng chứng phát sóng")


def test_a_nested_record_is_asked_field_by_field_under_its_label():
    asked = questions(Item)
    assert [q.name for q in asked] == ["title", "evidence.programme", "evidence.recording", "evidence.log.number",
                                       "evidence.log.date"]
    assert asked[1].label == "Bằng chứng phát sóng – Tên chương trình"
    assert asked[3].label == "Bằng chứng phát sóng – Nhật ký phát sóng – Số nhật ký phát sóng"
    assert [q.required for q in asked] == [True, False, False, False, False]  # inside an optional record
    assert nest({"title": "t", "evidence.log.number": "12/NK", "evidence.programme": "Thời sự"}) == {
        "title": "t", "evidence": {"log": {"number": "12/NK"}, "programme": "Thời sự"}}


def test_a_nested_answer_is_checked_by_the_models_rule():
    recording = questions(Item)[2]
    with pytest.raises(Again, match="cần địa chỉ web đầy đủ"):
        answer(recording, "dai.example/ban-ghi", DATA, {}, Item)
    assert answer(recording, "https://dai.example/ban-ghi", DATA, {}, Item) == "https://dai.example/ban-ghi"


@pytest.mark.parametrize("typed, stored", [("5/3/2024", "2024-03-05"), ("05/03/2024", "2024-03-05"),
                                           ("2024-03-05", "2024-03-05"), (" 31/12/2024 ", "2024-12-31")])
def test_dates_typed_as_dd_mm_yyyy_or_iso(typed, stored):
    assert parse_day(typed) == stored


def test_an_impossible_day_is_refused_in_vietnamese():
    with pytest.raises(Again, match="ngày này không có trên lịch"):
        parse_day("30/02/2024")


@pytest.mark.parametrize("typed", ["2", "dai-huyen", "Đài huyện", "dai huyen", "ĐÀI HUYỆN"])
def test_an_outlet_is_picked_by_number_code_or_name(typed):
    outlet = next(q for q in questions() if q.name == "outlet")
    assert answer(outlet, typed, DATA, {"date": "2024-05-06"}) == "dai-huyen"


def test_an_outlet_closed_on_the_items_date_is_not_offered(tmp_path):
    import shutil
    shutil.copytree(VALID, tmp_path / "data")
    outlets = tmp_path / "data/outlets.yml"
    outlets.write_text(outlets.read_text(encoding="utf-8").replace("    quota: huyen\n", "    quota: huyen\n    valid_to: 2024-12-31\n"),
                       encoding="utf-8")
    data = load_dataset(tmp_path / "data")
    outlet = next(q for q in questions() if q.name == "outlet")
    with pytest.raises(Again, match="không có cơ quan báo chí 'Đài huyện'; cần một số từ 1 đến"):
        answer(outlet, "Đài huyện", data, {"date": date(2025, 1, 2).isoformat()})
    assert answer(outlet, "Đài huyện", data, {"date": "2024-12-31"}) == "dai-huyen"
