"""Reviewing pending items: listing, publishing (by someone other than the enterer, with the evidence),
rejecting; pending items never show or count."""

from datetime import date

import pytest

from antq.load import load_dataset
from antq.problems import DataError
from antq.pages import site_pages
from antq.quota import count_quotas
from antq.review import ReviewError, decide, pending_items, with_status
from conftest import CONSENT, FIXTURES, run_script

PENDING = "news/2025/2025-01-01-cho-duyet.yml"
SITE_URL = "https://antq.example/"
DAY = {"SITE_TODAY": "2025-01-03"}


def add_pending(data_dir, rel: str, text: str) -> None:
    (data_dir / rel).parent.mkdir(parents=True, exist_ok=True)
    (data_dir / rel).write_bytes(text.encode("utf-8"))


def test_listing_shows_each_pending_item_numbered_oldest_first(data_copy):
    run_script("import_feeds.py", "--data", str(data_copy), "--outlet", "cong-huyen",
               str(FIXTURES / "feeds" / "dates-new-year-plus7.xml"))
    result = run_script("review.py", "--data", str(data_copy))
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "3 tin chờ duyệt:"
    assert lines[1] == "  1. 31/12/2020 · Cổng huyện · Ra quân tuần tra an ninh đêm cuối năm"
    assert lines[2] == "     Bằng chứng: https://cong.example/tuan-tra-cuoi-nam.html"
    assert lines[3] == "     Người nhập: nhap-tu-dong"
    assert lines[4].endswith("news/2020/2020-12-31-ra-quan-tuan-tra-an-ninh-dem-cuoi-nam.yml")
    assert lines[9] == "  3. 01/01/2025 · Báo tỉnh · Tin chờ duyệt"
    assert lines[-1].startswith("Duyệt: .venv/bin/python scripts/review.py --publish")


def test_publish_and_reject_by_number_or_file_change_only_the_status_line_and_record_the_approver(data_copy):
    original = ('# yaml-language-server: $schema=../../../schemas/news.schema.json\r\n'
                '# Nhập từ RSS ngày 02/01/2025.\r\ntitle: "Phát hiện đối tượng tàng trữ ma túy"\r\n'
                "date: 2025-01-02\r\noutlet: bao-tinh\r\nurl: 'https://bao.example/ma-tuy'\r\n"
                "status: 'pending'   # chờ anh Hùng xem\r\nentered_by: nhap\r\nsummary: >-\r\n  Hai dòng\r\n"
                "  tóm tắt.\r\n")
    add_pending(data_copy, "news/2025/2025-01-02-ma-tuy.yml", original)
    result = run_script("review.py", "--data", str(data_copy), "--approver", "duyet",
                        "--publish", "2025-01-02-ma-tuy.yml", "--reject", "1", env=DAY)
    assert result.returncode == 0, result.stderr
    assert "Đã duyệt: " in result.stdout and "(người duyệt: duyet)" in result.stdout
    assert "Đã loại: " in result.stdout and "Không còn tin nào chờ duyệt." in result.stdout
    changed = (data_copy / "news/2025/2025-01-02-ma-tuy.yml").read_bytes().decode("utf-8")
    assert changed == original.replace("status: 'pending'   # chờ anh Hùng xem\r\n",
                                       "status: published   # chờ anh Hùng xem\r\n"
                                       "approved_by: duyet\r\napproved_on: 2025-01-03\r\n")
    assert (data_copy / PENDING).read_text(encoding="utf-8").endswith("status: rejected\nentered_by: nhap\n")
    statuses = {n.title: n.status for n in load_dataset(data_copy).news}
    assert statuses["Phát hiện đối tượng tàng trữ ma túy"] == "published" and statuses["Tin chờ duyệt"] == "rejected"


def test_interactive_review_asks_item_by_item(data_copy):
    add_pending(data_copy, "news/2025/2025-01-02-ma-tuy.yml", 'title: "Ma túy"\ndate: 2025-01-02\noutlet: bao-tinh\n'
                'url: "https://bao.example/ma-tuy"\nstatus: pending\nentered_by: nhap\n')
    result = run_script("review.py", "--data", str(data_copy), "-i", stdin="\nd\nduyet\n", env=DAY)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("[d] duyệt, [l] loại, [Enter] để sau, [q] dừng") == 2
    assert result.stdout.count("Mã người duyệt") == 1
    assert "Còn 1 tin chờ duyệt." in result.stdout
    assert [p.item.title for p in pending_items(load_dataset(data_copy))] == ["Tin chờ duyệt"]


@pytest.mark.parametrize("args, message", [
    (["--approver", "duyet", "--publish", "1", "--reject", "1"], "vừa được chọn duyệt vừa được chọn loại"),
    (["--approver", "duyet", "--publish", "7"], "không có tin chờ duyệt số 7; danh sách có 1 tin"),
    (["--approver", "duyet", "--publish", "news/2024/2024-03-05-tuan-tra-dem.yml"], "không phải một tin đang chờ duyệt"),
    (["--publish", "1"], "--publish cần --approver MÃ"),
    (["--approver", "nhap", "--publish", "1"], "Người Nhập vừa nhập vừa duyệt tin này"),
    (["--approver", "ai-do", "--publish", "1"], "không có 'ai-do' trong danh sách cán bộ (data/staff.yml)"),
])
def test_impossible_choices_change_nothing(data_copy, args, message):
    before = {p: p.read_bytes() for p in data_copy.rglob("*.yml")}
    result = run_script("review.py", "--data", str(data_copy), *args, env=DAY)
    assert result.returncode == 1 and message in result.stderr and "chưa ghi hay sửa tệp nào" in result.stderr
    assert {p: p.read_bytes() for p in data_copy.rglob("*.yml")} == before


def test_decisions_are_validated_before_writing(data_copy):
    (data_copy / "people.yml").write_text(
        (data_copy / "people.yml").read_text(encoding="utf-8").replace(CONSENT, "consent: false"))
    before = (data_copy / PENDING).read_bytes()
    with pytest.raises(DataError):
        decide(data_copy, {PENDING: "published"}, "duyet", date(2025, 1, 3))
    assert (data_copy / PENDING).read_bytes() == before


def test_status_is_changed_through_the_yaml_structure_only():
    with pytest.raises(ReviewError, match="không phải pending"):
        with_status("title: x\nstatus: published\n", "rejected")
    assert with_status("status: pending\nnote: 'status: pending'\n", "published") == \
        "status: published\nnote: 'status: pending'\n"
    # A summary line that looks like the field is left alone; the real field changes.
    text = "title: Tội phạm\nsummary: |\n  Dòng một\n  status: pending\nstatus: \"pending\"  # chờ\n"
    assert with_status(text, "published") == text.replace('status: "pending"', "status: published")
    with pytest.raises(ReviewError, match="2 trường status"):
        with_status("status: pending\nstatus: pending\n", "published")


def texts(pages) -> str:
    return "\n".join(p.content if isinstance(p.content, str) else p.content.decode("utf-8-sig") for p in pages)


def test_pending_items_appear_only_in_the_reports_list_of_waiting_items_and_never_count(data_copy):
    today = date(2025, 6, 1)
    pending = data_copy / PENDING
    pending.write_text(pending.read_text(encoding="utf-8").replace("Tin chờ duyệt", "Bắt giữ Z9"), encoding="utf-8")
    data = load_dataset(data_copy)
    pages = site_pages(data, today, SITE_URL)
    everything = texts(p for p in pages if not p.uri.startswith("bao-cao/"))
    assert "Bắt giữ Z9" not in everything and "bao.example/cho-duyet" not in everything
    report = next(p.content for p in pages if p.uri == "bao-cao/2025.md")
    waiting = report.split("4. Tin bài chờ duyệt (1)", 1)[1]
    assert "Bắt giữ Z9" in waiting and "Bắt giữ Z9" not in report.split("4. Tin bài chờ duyệt", 1)[0]
    assert count_quotas(data, today)[2025].groups[0].count == 0
    decide(data_copy, {PENDING: "published"}, "duyet", date(2025, 1, 3))
    published = load_dataset(data_copy)
    shown = site_pages(published, today, SITE_URL)
    assert "Bắt giữ Z9" in texts(shown) and b"bao.example/cho-duyet" in next(
        p.content for p in shown if p.uri == "tin-bai/rss.xml")
    assert count_quotas(published, today)[2025].groups[0].count == 1


def test_a_broadcast_without_its_evidence_cannot_be_published_and_the_message_names_what_is_missing(data_copy):
    add_pending(data_copy, "news/2025/2025-01-02-phat-thanh.yml", 'title: "Phát thanh"\ndate: 2025-01-02\n'
                'outlet: dai-huyen\nbroadcast:\n  programme: "Thời sự"\nstatus: pending\nentered_by: nhap\n')
    before = {p: p.read_bytes() for p in data_copy.rglob("*.yml")}
    result = run_script("review.py", "--data", str(data_copy), "--approver", "duyet", "--publish",
                        "2025-01-02-phat-thanh.yml", env=DAY)
    assert result.returncode == 1
    assert ("2025-01-02-phat-thanh.yml:4: broadcast: tin đài phát thanh, truyền hình đã duyệt cần bằng chứng, còn "
            "thiếu: time (giờ phát HH:MM), duration (thời lượng phút:giây), recording (bản ghi) hoặc log (số và ngày "
            "nhật ký phát sóng)") in result.stderr
    assert {p: p.read_bytes() for p in data_copy.rglob("*.yml")} == before

