"""The loader and validator: one small fixture file per bad case, each stating what it expects."""

import re

import pytest

from antq.load import load_dataset
from antq.problems import DataError
from conftest import FIXTURES, VALID, fixture_header

BAD = sorted((FIXTURES / "bad").glob("*.yml"))
MESSAGE = re.compile(r"^\S+:\d+: [^:]+: \S.+$")


def load_with(data_dir, fixture):
    header = fixture_header(fixture)
    target = data_dir / header["target"]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(fixture.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(DataError) as raised:
        load_dataset(data_dir)
    return header, [str(p) for p in raised.value.problems]


def test_valid_fixture_loads():
    data = load_dataset(VALID)
    assert [n.title for n in data.published] == ["Phát thanh về phòng chống ma túy", "Tuần tra đêm ở An Hòa"]
    assert len(data.news) == 3


@pytest.mark.parametrize("fixture", BAD, ids=[f.stem for f in BAD])
def test_bad_case_is_reported_where_it_is(data_copy, fixture):
    header, problems = load_with(data_copy, fixture)
    expected = header["expect"]
    assert any(p.split("/data/", 1)[-1].startswith(expected) for p in problems), problems
    assert all(MESSAGE.match(p) for p in problems), problems


def test_every_problem_is_reported_at_once(data_copy):
    for name in ("phone-bad-format", "unknown-outlet", "person-without-consent"):
        header = fixture_header(FIXTURES / "bad" / f"{name}.yml")
        (data_copy / header["target"]).write_text((FIXTURES / "bad" / f"{name}.yml").read_text(encoding="utf-8"))
    with pytest.raises(DataError) as raised:
        load_dataset(data_copy)
    fields = {p.field for p in raised.value.problems}
    assert {"number", "outlet", "consent"} <= fields
    assert raised.value.summary.startswith(f"Dữ liệu có {len(raised.value.problems)} lỗi trong 3 tệp")


def test_a_bad_record_does_not_hide_references_to_it(data_copy):
    """A commune with an error is still known by id: no cascade of 'unknown commune' errors."""
    text = (data_copy / "communes.yml").read_text(encoding="utf-8").replace('kind: "xã"', "kind: huyện")
    (data_copy / "communes.yml").write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as raised:
        load_dataset(data_copy)
    assert [p.field for p in raised.value.problems] == ["kind"]


@pytest.mark.parametrize("number", ["113", "0912 345 678", "0204.3882.113", "1800 1234", "1900 123456", "0388123456"])
def test_vietnamese_numbers_are_accepted(number):
    from antq.model import PHONE_FORMATS, phone_digits
    assert PHONE_FORMATS.fullmatch(phone_digits(number))


@pytest.mark.parametrize("number", ["116", "0112345678", "091234567", "09123456789", "0204 388 211", "+84 912 345 678"])
def test_other_numbers_are_refused(number):
    from antq.model import PHONE_FORMATS, phone_digits
    assert not PHONE_FORMATS.fullmatch(phone_digits(number))
