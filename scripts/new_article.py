"""Thêm một tin bài vào data/news/YYYY/YYYY-MM-DD-ten-ngan.yml.

Điền bằng tham số; khi chạy trong cửa sổ lệnh, lệnh sẽ hỏi những gì còn thiếu.
Toàn bộ dữ liệu được kiểm tra trước khi ghi; tệp đã có không bao giờ bị ghi đè.

Ví dụ:
    python scripts/new_article.py --title "Ra mắt Tổ tuần tra Nhân dân thôn Kép" \\
        --date 2024-03-05 --outlet bao-bac-giang \\
        --url https://baobacgiang.example/ra-mat-to-tuan-tra.html --kind tin --commune tan-son
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

PROMPTS = {"title": "Tiêu đề", "date": "Ngày đăng (YYYY-MM-DD)", "outlet": "Mã cơ quan báo chí",
           "url": "Địa chỉ bài viết (bỏ trống nếu là tin phát sóng)"}


def ask_missing(args: argparse.Namespace, interactive: bool) -> list[str]:
    """Fill missing fields from the terminal; return the names still missing."""
    for name, prompt in PROMPTS.items():
        if getattr(args, name) is None and interactive:
            setattr(args, name, input(f"{prompt}: ").strip() or None)
    return [f"--{name}" for name in ("title", "date", "outlet") if not getattr(args, name)]


@cli.command
def main(argv: list[str] | None = None) -> int:
    parser = cli.parser(__doc__)
    parser.add_argument("--title", help="tiêu đề tin bài")
    parser.add_argument("--date", help="ngày đăng hoặc phát sóng theo giờ Việt Nam, YYYY-MM-DD")
    parser.add_argument("--outlet", help="mã cơ quan báo chí trong data/outlets.yml")
    parser.add_argument("--url", help="địa chỉ bài viết (bắt buộc với báo điện tử)")
    parser.add_argument("--kind", choices=["tin", "bài", "phóng sự"], default="tin", help="thể loại (mặc định: tin)")
    parser.add_argument("--status", choices=["published", "pending"], default="published",
                        help="published: đã duyệt (mặc định); pending: chờ duyệt")
    parser.add_argument("--summary", default="", help="tóm tắt")
    parser.add_argument("--topic", action="append", default=[], help="chủ đề (lặp lại được)")
    parser.add_argument("--commune", action="append", default=[], help="mã xã, thị trấn (lặp lại được)")
    args = parser.parse_args(argv)
    missing = ask_missing(args, sys.stdin.isatty())
    if missing:
        raise UserError(f"thiếu {', '.join(missing)}; xem --help")
    root = data_dir(args.data)
    fields = {"title": args.title, "date": args.date, "outlet": args.outlet, "url": args.url, "kind": args.kind,
              "status": args.status, "summary": args.summary, "topics": args.topic, "communes": args.commune}
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
    print(f"Đã thêm {display_path(path)}")
    return 0


if __name__ == "__main__":
    cli.run(main)
