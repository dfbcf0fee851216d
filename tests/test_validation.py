"""The loader and validator: one small fixture file per bad case, each stating what it expects."""

import re
import unicodedata

import pytest

from antq.load import load_dataset
from antq.problems import DataError
from conftest import FIXTURES, VALID, fixture_header, fixture_headers, run_script

BAD = sorted((FIXTURES / "bad").glob("*.yml"))
MESSAGE = re.compile(r"^\S+:\d+: [^:]+: \S.+$")


def load_with(data_dir, fixture):
    header = fixture_header(fixture)
    target = data_dir / header["target"]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(fixture.read_bytes())  # as they are: some fixtures are not UTF-8 on purpose
    with pytest.raises(DataError) as raised:
        load_dataset(data_dir)
    return header, [str(p) for p in raised.value.problems]


def test_valid_fixture_loads():
    data = load_dataset(VALID)
    assert [n.title for n in data.published] == ["Phát thanh về phòng chống ma túy", "Tuần tra đêm ở An Hòa"]
    assert len(data.news) == 3


@pytest.mark.parametrize("fixture", BAD, ids=[f.stem for f in BAD])
def test_bad_case_is_reported_where_it_is(data_copy, fixture):
    """Each `# expect:` line of the fixture is one problem reported, with its own line, in one run."""
    _, problems = load_with(data_copy, fixture)
    for expected in fixture_headers(fixture)["expect"]:
        assert any(p.split("/data/", 1)[-1].startswith(expected) for p in problems), (expected, problems)
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


NEWS = "news/2024/2024-03-05-tuan-tra-dem.yml"


def test_symlink_out_of_the_data_folder_is_refused_and_not_read(data_copy, tmp_path):
    secret = tmp_path / "secret.yml"
    secret.write_text("title: MẬT KHẨU 1234\n", encoding="utf-8")
    (data_copy / "news/2024/2024-06-01-lien-ket.yml").symlink_to(secret)
    with pytest.raises(DataError) as raised:
        load_dataset(data_copy)
    assert [(p.path.name, p.line) for p in raised.value.problems] == [("2024-06-01-lien-ket.yml", 1)]
    assert "liên kết trỏ ra ngoài thư mục dữ liệu" in str(raised.value)
    assert "MẬT KHẨU" not in str(raised.value)


def test_broken_symlink_and_unreadable_file_are_problems_not_tracebacks(data_copy, monkeypatch):
    (data_copy / "news/2024/2024-06-01-mat-tep.yml").symlink_to(data_copy / "news/2024/khong-co.yml")
    real = type(data_copy).read_bytes

    def refuse(path):
        if path.name == "models.yml":
            raise PermissionError(13, "Permission denied")
        return real(path)
    monkeypatch.setattr(type(data_copy), "read_bytes", refuse)
    with pytest.raises(DataError) as raised:
        load_dataset(data_copy)
    found = {p.path.name: p.message for p in raised.value.problems}
    assert "không đọc được tệp (FileNotFoundError)" in found["2024-06-01-mat-tep.yml"]
    assert "không đọc được tệp (PermissionError)" in found["models.yml"]


def test_decomposed_text_is_composed_on_load(data_copy):
    path = data_copy / NEWS
    text = path.read_text(encoding="utf-8")
    path.write_text(unicodedata.normalize("NFD", text), encoding="utf-8")
    item = next(n for n in load_dataset(data_copy).news if n.date.isoformat() == "2024-03-05")
    assert item.title == "Tuần tra đêm ở An Hòa" and unicodedata.is_normalized("NFC", item.title)


def test_edit_url_without_trailing_slash_still_makes_edit_links(data_copy):
    path = data_copy / "site.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("/edit/main/", "/edit/main"), encoding="utf-8")
    assert load_dataset(data_copy).site.edit_url == "https://git.example/edit/main/"


def test_an_impossible_site_today_is_a_vietnamese_error(data_copy):
    result = run_script("validate.py", "--data", str(data_copy), env={"SITE_TODAY": "2026-13-45"})
    assert result.returncode == 1
    assert result.stderr.startswith("Lỗi: biến môi trường SITE_TODAY là '2026-13-45', cần một ngày có thật")


def test_times_written_without_quotes_stay_times(data_copy):
    """YAML 1.1 reads 17:05 as the number 1025 (base 60); the browser editor writes times without
    quotes (YAML 1.2), and so do staff: they are read as written."""
    item = data_copy / "news/2024/2024-04-01-phat-thanh.yml"
    item.write_text(item.read_text(encoding="utf-8").replace('"17:05"', "17:05").replace('"3:20"', "3:20"),
                    encoding="utf-8")
    broadcast = next(n for n in load_dataset(data_copy).news if n.outlet == "dai-huyen").broadcast
    assert (broadcast.time, broadcast.duration) == ("17:05", "3:20")
