"""Thêm một tin bài, ở trạng thái chờ duyệt, vào data/news/YYYY/YYYY-MM-DD-ten-ngan.yml.

Điền bằng tham số; khi chạy trong cửa sổ lệnh, lệnh sẽ hỏi những gì còn thiếu.
Tin mới luôn chờ duyệt (status: pending) và ghi người nhập (--entered-by); một người khác duyệt
bằng python scripts/review.py --approver MÃ --publish TỆP. Ghi luôn bằng chứng: báo điện tử
có --url; tin phát sóng có --programme, --air-time, --duration và --recording hoặc --log-number,
--log-date; báo in có --issue, --page (thiếu thì vẫn ghi được, nhưng chưa duyệt được).
Toàn bộ dữ liệu được kiểm tra trước khi ghi; tệp đã có không bao giờ bị ghi đè.

Ví dụ:
    python scripts/new_article.py --entered-by hoang-van-duc --title "Ra mắt Tổ tuần tra Nhân dân thôn Kép" \\
        --date 2024-03-05 --outlet bao-bac-giang \\
        --url https://baobacgiang.example/ra-mat-to-tuan-tra.html --kind tin --commune tan-son
    python scripts/new_article.py --entered-by nguyen-thi-hoa --title "Xã Tân Sơn ra quân tuần tra" \\
        --date 2024-03-05 --outlet ttvhttt-luc-ngan --programme "Chương trình phát thanh huyện" \\
        --air-time 17:05 --duration 3:20 --log-number 65/NKPS --log-date 2024-03-05
"""

from __future__ import annotations

import argparse
import sys
from datetime import date

from antq import cli

from antq.files import write_atomic
from antq.load import load_dataset
from antq.news import news_path, news_text
from antq.problems import UserError, display_path
from antq.paths import data_dir

PROMPTS = {"entered_by": "Mã người nhập (trong data/staff.yml)", "title": "Tiêu đề",
           "date": "Ngày đăng (YYYY-MM-DD)", "outlet": "Mã cơ quan báo chí",
           "url": "Địa chỉ bài viết (bỏ trống nếu là tin phát sóng)"}
REQUIRED = ("entered_by", "title", "date", "outlet")


def ask_missing(args: argparse.Namespace, interactive: bool) -> list[str]:
    """Fill missing fields from the terminal; return the names still missing."""
    for name, prompt in PROMPTS.items():
        if getattr(args, name) is None and interactive:
            setattr(args, name, input(f"{prompt}: ").strip() or None)
    return [f"--{name.replace('_', '-')}" for name in REQUIRED if not getattr(args, name)]


def evidence_fields(args: argparse.Namespace) -> dict:
    """The broadcast or print evidence given on the command line, as the file writes it."""
    log = {"number": args.log_number, "date": args.log_date} if args.log_number or args.log_date else None
    broadcast = {k: v for k, v in {"programme": args.programme, "time": args.air_time, "duration": args.duration,
                                   "recording": args.recording, "log": log}.items() if v}
    printed = {k: v for k, v in {"issue": args.issue, "page": args.page}.items() if v}
    return {"broadcast": broadcast or None, "print": printed or None}


@cli.command
def main(argv: list[str] | None = None) -> int:
    parser = cli.parser(__doc__)
    parser.add_argument("--title", help="tiêu đề tin bài")
    parser.add_argument("--date", help="ngày đăng hoặc phát sóng theo giờ Việt Nam, YYYY-MM-DD")
    parser.add_argument("--outlet", help="mã cơ quan báo chí trong data/outlets.yml")
    parser.add_argument("--url", help="địa chỉ bài viết (bắt buộc với báo điện tử)")
    parser.add_argument("--kind", choices=["tin", "bài", "phóng sự"], default="tin", help="thể loại (mặc định: tin)")
    parser.add_argument("--entered-by", metavar="MÃ", help="mã người nhập tin trong data/staff.yml (người gõ lệnh)")
    parser.add_argument("--programme", help="tin phát sóng: tên chương trình")
    parser.add_argument("--air-time", metavar="HH:MM", help="tin phát sóng: giờ phát, ví dụ 17:05")
    parser.add_argument("--duration", metavar="PHÚT:GIÂY", help="tin phát sóng: thời lượng, ví dụ 3:20")
    parser.add_argument("--recording", metavar="URL", help="tin phát sóng: địa chỉ bản ghi hoặc trang lưu trữ của đài")
    parser.add_argument("--log-number", metavar="SỐ", help="tin phát sóng: số nhật ký phát sóng")
    parser.add_argument("--log-date", metavar="YYYY-MM-DD", help="tin phát sóng: ngày của nhật ký phát sóng")
    parser.add_argument("--issue", help="báo in: số báo")
    parser.add_argument("--page", type=int, help="báo in: trang")
    parser.add_argument("--summary", default="", help="tóm tắt")
    parser.add_argument("--topic", action="append", default=[], help="chủ đề (lặp lại được)")
    parser.add_argument("--commune", action="append", default=[], help="mã xã, thị trấn (lặp lại được)")
    args = parser.parse_args(argv)
    missing = ask_missing(args, sys.stdin.isatty())
    if missing:
        raise UserError(f"thiếu {', '.join(missing)}; xem --help")
    root = data_dir(args.data)
    fields = {"title": args.title, "date": args.date, "outlet": args.outlet, "url": args.url, **evidence_fields(args),
              "kind": args.kind, "status": "pending", "entered_by": args.entered_by, "summary": args.summary,
              "topics": args.topic, "communes": args.commune}
    try:
        rel = news_path(date.fromisoformat(args.date), args.title)
    except ValueError:
        raise UserError(f"--date nhận được {args.date!r}, cần ngày có thật dạng YYYY-MM-DD") from None
    path = root / rel
    text = news_text(fields)
    load_dataset(root, added={rel: text})  # every problem before anything is written
    try:
        write_atomic(path, text)
    except FileExistsError:
        raise UserError(f"{display_path(path)} đã có; không ghi đè. Đổi tiêu đề hoặc sửa tệp đó.") from None
    print(f"Đã thêm {display_path(path)} (chờ duyệt). Một người khác duyệt bằng: "
          f"python scripts/review.py --approver MÃ --publish {display_path(path)}")
    return 0


if __name__ == "__main__":
    cli.run(main)
