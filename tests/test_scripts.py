"""The staff and reviewer commands: help, exit codes, messages, output shapes."""

import json
from datetime import date

import pytest

from antq.export import QUOTA_KEYS, QuotaYear
from antq.load import load_dataset
from antq.pages import site_pages
from conftest import FIXTURES, VALID, run_script

TODAY = {"SITE_TODAY": "2025-06-15"}


@pytest.mark.parametrize("script", ["validate.py", "quota.py", "new_article.py", "export_schemas.py"])
def test_help_is_vietnamese_with_an_example(script):
    result = run_script(script, "--help")
    assert result.returncode == 0
    assert "Ví dụ:" in result.stdout and "python scripts/" + script in result.stdout


def test_validate_valid_data_prints_one_summary_line():
    result = run_script("validate.py", "--data", str(VALID))
    assert result.returncode == 0
    assert result.stdout.strip().splitlines() == [
        "Dữ liệu hợp lệ: 3 tin bài, 2 đường dây nóng, 1 mô hình, 1 gương người tốt, 2 xã, thị trấn, "
        "3 đơn vị khác, 2 chỉ số mục tiêu, 2 việc có hạn."]


def test_validate_bad_data_prints_each_problem_and_exits_1(data_copy):
    (data_copy / "hotlines.yml").write_text((FIXTURES / "bad" / "phone-bad-format.yml").read_text(encoding="utf-8"))
    result = run_script("validate.py", "--data", str(data_copy))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert lines[0].endswith("hotlines.yml:6: number: nhận được '12345', cần số điện thoại Việt Nam: số khẩn cấp "
                             "111-115, di động 10 chữ số (03, 05, 07, 08, 09), máy bàn 11 chữ số bắt đầu bằng 02, "
                             "hoặc đường dây 1800/1900")
    assert lines[-1] == "Lỗi: Dữ liệu có 1 lỗi trong 1 tệp; chưa ghi hay sửa tệp nào."


def test_validate_reads_site_data_dir_when_no_flag(data_copy):
    (data_copy / "site.yml").unlink()
    result = run_script("validate.py", env={"SITE_DATA_DIR": str(data_copy)})
    assert result.returncode == 1 and "site.yml:1: (tệp): không tìm thấy tệp" in result.stderr


def site_download(name: str) -> bytes:
    pages = site_pages(load_dataset(VALID), date.fromisoformat(TODAY["SITE_TODAY"]))
    return next(p.content for p in pages if p.uri == f"du-lieu/{name}")


def test_quota_json_for_one_year_is_the_sites_download_with_the_documented_keys():
    result = run_script("quota.py", "--data", str(VALID), "--year", "2024", "--format", "json", env=TODAY)
    assert result.returncode == 0
    assert result.stdout.encode("utf-8") == site_download("chi-tieu-2024.json")
    value = json.loads(result.stdout)
    documented = ["id", "name", "outlets", "rule", "threshold", "count", "met", "remaining"]
    assert value["year"] == 2024 and [{k: g[k] for k in documented} for g in value["groups"]] == [
        {"id": "tinh", "name": "Báo tỉnh", "outlets": ["bao-tinh"], "rule": "at_least", "threshold": 2,
         "count": 1, "met": False, "remaining": 1},
        {"id": "huyen", "name": "Đài huyện", "outlets": ["dai-huyen"], "rule": "more_than", "threshold": 1,
         "count": 1, "met": False, "remaining": 1}]
    assert all(list(g)[:len(QUOTA_KEYS)] == QUOTA_KEYS for g in value["groups"])  # the CSV's columns, in order
    QuotaYear.model_validate(value)  # the published schema (schemas/chi-tieu-nam.schema.json) holds


def test_quota_json_without_year_lists_every_year_begun():
    result = run_script("quota.py", "--data", str(VALID), "--format", "json", env=TODAY)
    assert [y["year"] for y in json.loads(result.stdout)] == [2024, 2025]


def test_quota_text_and_csv():
    text = run_script("quota.py", "--data", str(VALID), env=TODAY).stdout
    assert "Năm 2024 (giai đoạn 2024-2025)" in text and "Báo tỉnh: 1/2 (ít nhất 2 tin bài/năm) – Không đạt (thiếu 1)" in text
    csv = run_script("quota.py", "--data", str(VALID), "--year", "2024", "--format", "csv", env=TODAY).stdout
    assert csv.encode("utf-8") == site_download("chi-tieu-2024.csv")
    rows = csv.removeprefix("\ufeff").splitlines()
    assert rows[0] == ("Năm,Mã nhóm,Nhóm chỉ tiêu,Nơi đăng được tính,Quy định,Ngưỡng,Đã có,Kết quả,Còn thiếu,"
                       "Cần đạt,Kết quả chi tiết,Giai đoạn,Từ ngày,Đến ngày,Ngưỡng áp dụng,Cách tính chỉ tiêu")
    assert rows[1] == ("2024,tinh,Báo tỉnh,bao-tinh,ít nhất,2,1,Không đạt,1,2,Không đạt (thiếu 1),2024-2025,"
                       "2024-01-01,2024-12-31,2,ngưỡng năm")


def test_quota_unknown_year_is_an_error():
    result = run_script("quota.py", "--data", str(VALID), "--year", "2019", env=TODAY)
    assert result.returncode == 1 and "năm 2019 không thuộc giai đoạn kế hoạch nào" in result.stderr


ARTICLE = ["--entered-by", "nhap", "--title", "Ra mắt Tổ tuần tra Nhân dân thôn Đồng", "--date", "2024-05-06", "--outlet", "bao-tinh",
           "--url", "https://bao.example/ra-mat", "--commune", "an-hoa", "--kind", "bài"]


def test_new_article_writes_the_conventional_file_once(data_copy):
    first = run_script("new_article.py", "--data", str(data_copy), *ARTICLE)
    path = data_copy / "news/2024/2024-05-06-ra-mat-to-tuan-tra-nhan-dan-thon-dong.yml"
    assert first.returncode == 0, first.stderr
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../../schemas/news.schema.json\n")
    assert "title: Ra mắt Tổ tuần tra Nhân dân thôn Đồng\n" in text and "kind: bài\n" in text
    # A new item waits for someone else to approve it.
    assert "status: pending\nentered_by: nhap\n" in text and "approved_by" not in text
    path.write_text(text + "summary: sửa tay\n", encoding="utf-8")
    again = run_script("new_article.py", "--data", str(data_copy), *ARTICLE)
    assert again.returncode == 1 and "đã có; không ghi đè" in again.stderr
    assert path.read_text(encoding="utf-8").endswith("summary: sửa tay\n")


def test_new_article_validates_before_writing(data_copy):
    result = run_script("new_article.py", "--data", str(data_copy), *ARTICLE[:6], "--outlet", "khong-co",
                        "--url", "https://bao.example/tuan-tra-dem")
    assert result.returncode == 1
    assert "outlet: không có cơ quan báo chí 'khong-co'" in result.stderr
    assert "đã có trong news/2024/2024-03-05-tuan-tra-dem.yml" in result.stderr
    assert not list((data_copy / "news/2024").glob("2024-05-06-*"))


def test_new_article_without_terminal_names_missing_flags(data_copy):
    result = run_script("new_article.py", "--data", str(data_copy), "--title", "Tin")
    assert result.returncode == 1 and "thiếu --entered-by, --date, --outlet" in result.stderr


def test_new_article_writes_a_broadcasts_evidence_pending(data_copy):
    result = run_script("new_article.py", "--data", str(data_copy), "--entered-by", "nhap", "--title", "Tin đài",
                        "--date", "2024-05-06", "--outlet", "dai-huyen", "--programme", "Thời sự", "--air-time",
                        "17:05", "--duration", "3:20", "--log-number", "12/NKPS", "--log-date", "2024-05-06")
    assert result.returncode == 0, result.stderr
    item = next(n for n in load_dataset(data_copy).news if n.title == "Tin đài")
    assert item.status == "pending" and item.entered_by == "nhap"
    assert (item.broadcast.programme, item.broadcast.time, item.broadcast.duration, item.broadcast.log.number) == (
        "Thời sự", "17:05", "3:20", "12/NKPS")
