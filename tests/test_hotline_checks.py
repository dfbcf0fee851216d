"""Hotlines people can trust: a number nobody has called for 180 days is a warning, not an error."""

from datetime import date

from antq.checks import find_warnings
from antq.load import load_dataset
from conftest import FIXTURES, fixture_header, run_script

STALE = FIXTURES / "warn" / "hotline-not-checked-for-180-days.yml"


def stale_data(data_copy):
    header = fixture_header(STALE)
    (data_copy / header["target"]).write_text(STALE.read_text(encoding="utf-8"), encoding="utf-8")
    return header, load_dataset(data_copy)


def test_only_a_number_shown_today_and_unchecked_for_180_days_warns(data_copy):
    header, data = stale_data(data_copy)
    warnings = [str(w).split("/data/", 1)[-1] for w in find_warnings(data, date.fromisoformat(header["today"]))]
    assert warnings == [header["expect"]]


def test_a_day_earlier_nothing_warns(data_copy):
    _, data = stale_data(data_copy)
    assert find_warnings(data, date(2026, 4, 30)) == []


def test_validate_prints_warnings_and_still_exits_0(data_copy):
    header, _ = stale_data(data_copy)
    result = run_script("validate.py", "--data", str(data_copy), env={"SITE_TODAY": header["today"]})
    assert result.returncode == 0, result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines[0].endswith(header["expect"]) and lines[0].startswith(str(data_copy))
    assert lines[1:] == ["1 cảnh báo (không chặn việc xuất bản)."]
    assert result.stdout.startswith("Dữ liệu hợp lệ:")


def test_validate_without_warnings_prints_only_the_summary(data_copy):
    result = run_script("validate.py", "--data", str(data_copy), env={"SITE_TODAY": "2025-12-01"})
    assert result.returncode == 0 and result.stderr == ""
