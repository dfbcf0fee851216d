"""Thêm một tin bài vào data/news/YYYY/YYYY-MM-DD-ten-ngan.yml, ở trạng thái chờ duyệt.

Chạy không kèm tham số trong cửa sổ lệnh, lệnh hỏi lần lượt từng trường của tin bài: người nhập,
cơ quan báo chí, xã, phường được đánh số để chọn (gõ số, tên hoặc mã); ngày gõ dd/mm/yyyy hoặc
YYYY-MM-DD; bằng chứng theo loại cơ quan (tin phát sóng: chương trình, giờ phát, thời lượng, bản ghi
hoặc nhật ký phát sóng; báo in: số báo, trang). Trả lời sai thì lệnh nói sai gì và hỏi lại đúng câu
đó, các câu đã trả lời được giữ nguyên. Cũng có thể điền sẵn bằng tham số; lệnh chỉ hỏi những gì
còn thiếu. Toàn bộ dữ liệu được kiểm tra trước khi ghi; tệp đã có không bao giờ bị ghi đè.
Tin mới luôn chờ duyệt (status: pending) và ghi người nhập (entered_by); một người khác duyệt
bằng make duyet, .venv/bin/python scripts/review.py --approver MÃ --publish TỆP, hoặc trên trang
quản trị. Thiếu bằng chứng thì vẫn ghi được, nhưng chưa duyệt được.

Ví dụ:
    make tin-moi
    .venv/bin/python scripts/new_article.py --entered-by hoang-van-duc \\
        --title "Ra mắt Tổ tuần tra Nhân dân thôn Kép" --date 05/03/2024 --outlet bao-bac-giang \\
        --url https://baobacgiang.example/ra-mat-to-tuan-tra.html --kind tin --commune tan-son
    .venv/bin/python scripts/new_article.py --entered-by nguyen-thi-hoa --title "Xã Tân Sơn ra quân tuần tra" \\
        --date 2024-03-05 --outlet ttvhttt-luc-ngan --programme "Chương trình phát thanh huyện" \\
        --air-time 17:05 --duration 3:20 --log-number 65/NKPS --log-date 2024-03-05
"""

from __future__ import annotations

import sys
from datetime import date

from antq import cli
from antq.files import write_atomic
from antq.interview import NEW_STATUS, Again, answer, interview, nest, questions
from antq.load import load_dataset
from antq.news import news_path, news_text
from antq.paths import data_dir
from antq.problems import DataError, UserError, display_path

# Flags -> the item's fields, dotted inside the evidence records (the repeatable flags are singular).
FLAGS = {"entered_by": "entered_by", "title": "title", "date": "date", "outlet": "outlet", "url": "url",
         "programme": "broadcast.programme", "air_time": "broadcast.time", "duration": "broadcast.duration",
         "recording": "broadcast.recording", "log_number": "broadcast.log.number", "log_date": "broadcast.log.date",
         "issue": "print.issue", "page": "print.page", "kind": "kind", "summary": "summary", "topic": "topics",
         "commune": "communes"}


def from_flags(args, data, interactive: bool) -> dict:
    """The fields given as flags. Names become ids and dd/mm/yyyy dates ISO; other mistakes are
    left for the whole check to report together, except in the date and title, which name the file
    (in a terminal, a wrong one is asked again)."""
    answers: dict = {}
    for flag, name in FLAGS.items():
        given = getattr(args, flag)
        if given in (None, []):
            continue
        question = next(q for q in questions() if q.name == name)
        try:
            typed = ", ".join(given) if isinstance(given, list) else str(given)
            value = answer(question, typed, data, answers)
        except Again as again:
            if name in ("date", "title"):
                if interactive:
                    print(f"  --{flag}: {again}.")
                    continue
                raise UserError(f"--{flag}: {again}") from None
            value = given
        if value is not None:
            answers[name] = value
    return answers


def ask(text: str) -> str:
    try:
        return input(text)
    except EOFError:  # Ctrl+D: the same as stopping
        raise KeyboardInterrupt from None


def say(text: str) -> None:
    print(text)


@cli.command
def main(argv: list[str] | None = None) -> int:
    parser = cli.parser(__doc__)
    parser.add_argument("--entered-by", metavar="MÃ", help="người nhập tin (người gõ lệnh): mã trong data/staff.yml")
    parser.add_argument("--title", help="tiêu đề tin bài")
    parser.add_argument("--date", help="ngày đăng hoặc phát sóng theo giờ Việt Nam: dd/mm/yyyy hoặc YYYY-MM-DD")
    parser.add_argument("--outlet", help="cơ quan báo chí: mã trong data/outlets.yml, hoặc tên")
    parser.add_argument("--url", help="địa chỉ bài viết (bắt buộc với báo điện tử)")
    parser.add_argument("--kind", help="thể loại: tin, bài hoặc phóng sự (mặc định: tin)")
    parser.add_argument("--programme", help="tin phát sóng: tên chương trình")
    parser.add_argument("--air-time", metavar="HH:MM", help="tin phát sóng: giờ phát, ví dụ 17:05")
    parser.add_argument("--duration", metavar="PHÚT:GIÂY", help="tin phát sóng: thời lượng, ví dụ 3:20")
    parser.add_argument("--recording", metavar="URL", help="tin phát sóng: địa chỉ bản ghi hoặc trang lưu trữ của đài")
    parser.add_argument("--log-number", metavar="SỐ", help="tin phát sóng: số nhật ký phát sóng")
    parser.add_argument("--log-date", metavar="NGÀY", help="tin phát sóng: ngày của nhật ký phát sóng")
    parser.add_argument("--issue", help="báo in: số báo")
    parser.add_argument("--page", type=int, help="báo in: trang")
    parser.add_argument("--summary", help="tóm tắt")
    parser.add_argument("--topic", action="append", default=[], help="chủ đề (lặp lại được)")
    parser.add_argument("--commune", action="append", default=[], help="xã, phường: mã hoặc tên (lặp lại được)")
    args = parser.parse_args(argv)
    root = data_dir(args.data)
    data = load_dataset(root)
    interactive = sys.stdin.isatty()
    answers = from_flags(args, data, interactive)
    if interactive:
        say("Thêm tin bài mới (chờ duyệt). Bấm Ctrl+C để dừng, chưa ghi gì.")
        interview(data, ask, say, answers)
    missing = [f"--{flag.replace('_', '-')}" for flag, name in FLAGS.items()
               if next(q for q in questions() if q.name == name).required and name not in answers]
    if missing:
        raise UserError(f"thiếu {', '.join(missing)}; xem --help")
    while True:
        days = {q.name for q in questions() if q.node.get("format") == "date"}
        fields = {**nest({k: date.fromisoformat(v) if k in days else v for k, v in answers.items()}),
                  "status": NEW_STATUS}
        rel = news_path(fields["date"], fields["title"])
        text = news_text(fields)
        try:
            load_dataset(root, added={rel: text})  # every problem before anything is written
            break
        except DataError as error:
            if not interactive:
                raise
            # Ask again the fields the problems name, keeping every other answer.
            fields_named = {p.field for p in error.problems if p.path == root / rel}
            named = {q.name for q in questions() if q.name in fields_named or q.path[-1] in fields_named}
            if not named:
                raise
            for problem in error.problems:
                say(f"  {problem.field}: {problem.message}")
            say("Hãy nhập lại những trường trên.")
            interview(data, ask, say, answers, only=named)
    path = root / rel
    try:
        write_atomic(path, text)
    except FileExistsError:
        raise UserError(f"{display_path(path)} đã có; không ghi đè. Đổi tiêu đề hoặc sửa tệp đó.") from None
    print(f"Đã thêm {display_path(path)}, trạng thái chờ duyệt (pending). Một người khác duyệt bằng: "
          f"make duyet, hoặc .venv/bin/python scripts/review.py --approver MÃ --publish {display_path(path)}")
    return 0


if __name__ == "__main__":
    cli.run(main)
