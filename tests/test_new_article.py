"""`new_article.py` typed in a terminal, as a new member of staff meets it: every field asked,
people, outlets and communes offered by number and name, dates as dd/mm/yyyy, the evidence its
outlet's medium needs, a wrong answer asked again without losing the others, a pending item."""

import os
from datetime import date

import yaml

from antq.interview import MEDIA, questions
from conftest import PROJECT
from terminal import Terminal

COMMAND = ".venv/bin/python scripts/new_article.py"


def terminal(data) -> Terminal:
    return Terminal(COMMAND, PROJECT, {**os.environ, "SITE_DATA_DIR": str(data), "SITE_TODAY": "2025-06-15"})


def test_every_field_asked_choices_by_number_or_name_and_wrong_answers_asked_again(data_copy):
    term = terminal(data_copy)
    people = term.expect("Người nhập tin (số, tên hoặc mã): ")
    assert "1. Người Nhập (nhap)" in people
    term.type("người nhập")  # the name, in any case
    term.expect("Tiêu đề tin bài: ")
    term.type("Đài huyện phát phóng sự về ca tuần tra đêm")
    term.expect("theo giờ Việt Nam (dd/mm/yyyy): ")
    term.type("31/02/2024")
    assert "ngày này không có trên lịch" in term.expect("theo giờ Việt Nam (dd/mm/yyyy): ")
    term.type("6/5/2024")
    offered = term.expect("Cơ quan báo chí (số, tên hoặc mã): ")
    assert "1. Báo tỉnh (bao-tinh)" in offered and "2. Đài huyện (dai-huyen)" in offered
    term.type("dai huyen")  # the name, without diacritics
    term.expect("Địa chỉ bài trên mạng (Enter để bỏ trống): ")  # a broadcast may have none
    term.type("bao.example/phong-su")
    assert "cần địa chỉ web đầy đủ" in term.expect("Địa chỉ bài trên mạng (Enter để bỏ trống): ")
    term.type("")
    # The evidence of a broadcast, and no question about a printed paper's.
    for prompt, reply in [("Tên chương trình", "Thời sự tối"), ("Giờ phát sóng", "25:00")]:
        term.expect(prompt)
        term.type(reply)
    assert "cần giờ phát sóng dạng HH:MM" in term.expect("Hãy nhập lại.")
    term.expect("HH:MM (Enter để bỏ trống): ")
    term.type("18:30")
    for prompt, reply in [("Thời lượng", "3:20"), ("Địa chỉ bản ghi", ""), ("Nhật ký phát sóng – Số", "65/NKPS"),
                          ("Nhật ký phát sóng – Ngày", "06/05/2024")]:
        term.expect(prompt)
        term.type(reply)
    kinds = term.expect("Thể loại (số, tên hoặc mã; Enter: tin): ")
    assert "3. phóng sự" in kinds and "báo in" not in term.output
    term.type("3")
    term.expect("Tóm tắt (Enter để bỏ trống): ")
    term.type("Ca tuần tra đêm của Tổ tuần tra Nhân dân.")
    term.expect("Chủ đề (nhiều mục cách nhau bởi dấu phẩy; Enter để bỏ trống): ")
    term.type("tuần tra, ma túy")
    communes = term.expect("(số, tên hoặc mã, nhiều mục cách nhau bởi dấu phẩy; Enter để bỏ trống): ")
    assert "1. xã An Hòa (an-hoa)" in communes and "thị trấn Đồng Tâm (dong-tam)" in communes
    term.type("99")
    assert "cần một số từ 1 đến" in term.expect("Enter để bỏ trống): ")
    term.type("1, thị trấn Đồng Tâm")
    term.expect("news/2024/2024-05-06-dai-huyen-phat-phong-su-ve-ca-tuan-tra-dem.yml, trạng thái chờ duyệt (pending).")
    assert term.finish() == 0
    item = yaml.safe_load((data_copy / "news/2024/2024-05-06-dai-huyen-phat-phong-su-ve-ca-tuan-tra-dem.yml")
                          .read_text(encoding="utf-8"))
    assert item == {"title": "Đài huyện phát phóng sự về ca tuần tra đêm", "date": date(2024, 5, 6),
                    "outlet": "dai-huyen", "kind": "phóng sự", "status": "pending", "entered_by": "nhap",
                    "broadcast": {"programme": "Thời sự tối", "time": "18:30", "duration": "3:20",
                                  "log": {"number": "65/NKPS", "date": date(2024, 5, 6)}},
                    "summary": "Ca tuần tra đêm của Tổ tuần tra Nhân dân.", "topics": ["tuần tra", "ma túy"],
                    "communes": ["an-hoa", "dong-tam"]}


def test_every_question_is_asked_by_its_label(data_copy):
    """For an online outlet: every question but the broadcast's and the printed paper's evidence."""
    asked = [q for q in questions() if q.path[0] not in MEDIA]
    answers = {"entered_by": "1", "title": "Tin thử", "date": "06/05/2024", "outlet": "bao-tinh",
               "url": "https://bao.example/tin-thu"}
    term = terminal(data_copy)
    for question in asked:
        term.expect(question.label)
        term.type(answers.get(question.name, ""))
    term.expect("news/2024/2024-05-06-tin-thu.yml, trạng thái chờ duyệt")
    assert term.finish() == 0


def test_a_problem_found_across_files_asks_that_field_again_and_keeps_the_rest(data_copy):
    term = terminal(data_copy)
    for prompt, typed in [("Người nhập tin", "nhap"), ("Tiêu đề tin bài: ", "Tuần tra đêm, bài thứ hai"),
                          ("(dd/mm/yyyy): ", "07/05/2024"), ("(số, tên hoặc mã): ", "bao-tinh"),
                          ("Địa chỉ bài trên mạng: ", "https://bao.example/tuan-tra-dem"),
                          ("Enter: tin): ", ""), ("Tóm tắt", ""), ("Chủ đề", ""), ("Enter để bỏ trống): ", "")]:
        term.expect(prompt)
        term.type(typed)
    shown = term.expect("Địa chỉ bài trên mạng: ")  # the only question asked again
    assert "url: địa chỉ 'https://bao.example/tuan-tra-dem' đã có trong news/2024/2024-03-05-tuan-tra-dem.yml" in shown
    term.type("https://bao.example/tuan-tra-dem-2")
    term.expect("news/2024/2024-05-07-tuan-tra-dem-bai-thu-hai.yml, trạng thái chờ duyệt")
    assert term.finish() == 0
    text = (data_copy / "news/2024/2024-05-07-tuan-tra-dem-bai-thu-hai.yml").read_text(encoding="utf-8")
    assert "title: Tuần tra đêm, bài thứ hai\n" in text and "url: https://bao.example/tuan-tra-dem-2\n" in text


def test_ctrl_c_writes_nothing(data_copy):
    before = sorted(data_copy.rglob("*"))
    term = terminal(data_copy)
    term.expect("Người nhập tin")
    term.type("1")
    term.expect("Tiêu đề tin bài: ")
    term.type("\x03")
    term.expect("Đã dừng; chưa ghi hay sửa tệp nào.")
    assert term.finish() == 1
    assert sorted(data_copy.rglob("*")) == before
