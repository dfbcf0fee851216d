"""Reviewing pending items: listing, publishing, rejecting; pending items never show or count."""

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
    assert lines[2] == "     https://cong.example/tuan-tra-cuoi-nam.html"
    assert lines[3].endswith("news/2020/2020-12-31-ra-quan-tuan-tra-an-ninh-dem-cuoi-nam.yml")
    assert lines[7] == "  3. 01/01/2025 · Báo tỉnh · Tin chờ duyệt"
    assert lines[-1].startswith("Duyệt: .venv/bin/python scripts/review.py --publish")


def test_publish_and_reject_by_number_or_file_change_only_the_status_line(data_copy):
    original = ('# yaml-language-server: $schema=../../../schemas/news.schema.json\r\n'
                '# Nhập từ RSS ngày 02/01/2025.\r\ntitle: "Phát hiện đối tượng tàng trữ ma túy"\r\n'
                "date: 2025-01-02\r\noutlet: bao-tinh\r\nurl: 'https://bao.example/ma-tuy'\r\n"
                "status: 'pending'   # chờ anh Hùng xem\r\nsummary: >-\r\n  Hai dòng\r\n  tóm tắt.\r\n")
    add_pending(data_copy, "news/2025/2025-01-02-ma-tuy.yml", original)
    result = run_script("review.py", "--data", str(data_copy), "--publish", "2025-01-02-ma-tuy.yml", "--reject", "1")
    assert result.returncode == 0, result.stderr
    assert "Đã duyệt: " in result.stdout and "Đã loại: " in result.stdout and "Không còn tin nào chờ duyệt." in result.stdout
    changed = (data_copy / "news/2025/2025-01-02-ma-tuy.yml").read_bytes().decode("utf-8")
    assert changed == original.replace("status: 'pending'   #", "status: published   #")
    assert (data_copy / PENDING).read_text(encoding="utf-8").endswith("status: rejected\n")
    statuses = {n.title: n.status for n in load_dataset(data_copy).news}
    assert statuses["Phát hiện đối tượng tàng trữ ma túy"] == "published" and statuses["Tin chờ duyệt"] == "rejected"


def test_interactive_review_asks_item_by_item(data_copy):
    add_pending(data_copy, "news/2025/2025-01-02-ma-tuy.yml",
                'title: "Ma túy"\ndate: 2025-01-02\noutlet: bao-tinh\nurl: "https://bao.example/ma-tuy"\nstatus: pending\n')
    result = run_script("review.py", "--data", str(data_copy), "-i", stdin="\nd\n")
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("[d] duyệt, [l] loại, [Enter] để sau, [q] dừng") == 2
    assert "Còn 1 tin chờ duyệt." in result.stdout
    assert [p.item.title for p in pending_items(load_dataset(data_copy))] == ["Tin chờ duyệt"]


@pytest.mark.parametrize("args, message", [
    (["--publish", "1", "--reject", "1"], "vừa được chọn duyệt vừa được chọn loại"),
    (["--publish", "7"], "không có tin chờ duyệt số 7; danh sách có 1 tin"),
    (["--publish", "news/2024/2024-03-05-tuan-tra-dem.yml"], "không phải một tin đang chờ duyệt"),
])
def test_impossible_choices_change_nothing(data_copy, args, message):
    before = {p: p.read_bytes() for p in data_copy.rglob("*.yml")}
    result = run_script("review.py", "--data", str(data_copy), *args)
    assert result.returncode == 1 and message in result.stderr and "chưa ghi hay sửa tệp nào" in result.stderr
    assert {p: p.read_bytes() for p in data_copy.rglob("*.yml")} == before


def test_decisions_are_validated_before_writing(data_copy):
    (data_copy / "people.yml").write_text(
        (data_copy / "people.yml").read_text(encoding="utf-8").replace(CONSENT, "consent: false"))
    before = (data_copy / PENDING).read_bytes()
    with pytest.raises(DataError):
        decide(data_copy, {PENDING: "published"})
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


def test_pending_items_never_appear_on_the_site_or_in_feeds_and_never_count(data_copy):
    today = date(2025, 6, 1)
    pending = data_copy / PENDING
    pending.write_text(pending.read_text(encoding="utf-8").replace("Tin chờ duyệt", "Bắt giữ Z9"), encoding="utf-8")
    data = load_dataset(data_copy)
    everything = texts(site_pages(data, today, SITE_URL))
    assert "Bắt giữ Z9" not in everything and "bao.example/cho-duyet" not in everything
    assert count_quotas(data, today)[2025].groups[0].count == 0
    decide(data_copy, {PENDING: "published"})
    published = load_dataset(data_copy)
    shown = site_pages(published, today, SITE_URL)
    assert "Bắt giữ Z9" in texts(shown) and b"bao.example/cho-duyet" in next(
        p.content for p in shown if p.uri == "tin-bai/rss.xml")
    assert count_quotas(published, today)[2025].groups[0].count == 1
