"""Nhập tin bài từ nguồn RSS/Atom của các cơ quan báo chí, ở trạng thái chờ duyệt (pending).

Không có --outlet: đọc nguồn tin (trường feed) của mọi cơ quan trong data/outlets.yml.
Có --outlet: đọc các địa chỉ hoặc tệp đã cho, coi là của cơ quan có mã ID.

Chỉ nhập mục có từ khóa trong data/keywords.yml (ở tiêu đề hoặc tóm tắt); mục đã có trong
data/news/ (cùng địa chỉ bài hoặc cùng mã mục, ở bất kỳ trạng thái nào) được bỏ qua, nên chạy
lại nhiều lần không tạo tệp trùng. Toàn bộ dữ liệu được kiểm tra trước khi ghi; tệp đã có không
bao giờ bị ghi đè. Một nguồn lỗi hay một mục hỏng không làm dừng các nguồn, các mục khác.
ETag / Last-Modified của mỗi nguồn được nhớ trong data/.feed-state.json để lần sau nguồn không
đổi thì máy chủ chỉ trả lời 304, không phải tải lại.

Mỗi nguồn được đọc trong tối đa --timeout giây (cả kết nối, chuyển hướng và tải về), tối đa 10 MB
(cả trước và sau khi giải nén); chỉ đi theo chuyển hướng tới http(s), tối đa 3 lần, cùng cổng với
địa chỉ nguồn tin hoặc cổng chuẩn. Mỗi lần chạy nhận tối đa --max-per-feed tin mới của một nguồn;
phần còn lại được nhập ở lần chạy sau.

Mã thoát:
    0  mọi nguồn đọc được, mọi mục liên quan đã được nhập (hoặc đã có)
    1  có nguồn lỗi (không đọc được), hoặc dữ liệu sai, cơ quan không có: xem các dòng "Lỗi:"
    2  sai cách gọi lệnh
    3  mọi nguồn đọc được, nhưng có mục bị bỏ qua (mục hỏng, hoặc vượt giới hạn mỗi nguồn):
       xem các dòng "!"

Sau khi nhập, duyệt tin bằng: .venv/bin/python scripts/review.py

Ví dụ:
    .venv/bin/python scripts/import_feeds.py
    .venv/bin/python scripts/import_feeds.py --dry-run
    .venv/bin/python scripts/import_feeds.py --outlet bao-bac-giang https://baobacgiang.example/rss/an-ninh.rss
    .venv/bin/python scripts/import_feeds.py --outlet cong-thong-tin-huyen tai-ve/feed.xml
"""

from __future__ import annotations

import os
import sys
import unicodedata
from pathlib import Path

from antq import cli
from antq.feed_import import MAX_NEW_PER_FEED, FeedResult, ImportResult, import_feeds
from antq.fetch import DEFAULT_TIMEOUT, user_agent
from antq.paths import data_dir
from antq.problems import display_path

EXIT_FAILED = 1
EXIT_SKIPPED = 3
LISTED = 20  # reported entries listed per feed; the rest are counted


def one_line(text: str) -> str:
    """Text from a feed never starts a line of the report (the report becomes a pull request's body)."""
    return "".join(" " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c for c in text)


def feed_label(result: FeedResult) -> str:
    return f"{result.outlet.name} ({result.outlet.id}), {result.source}"


def report_lines(result: FeedResult, root: Path, dry_run: bool = False, limit: int = MAX_NEW_PER_FEED) -> list[str]:
    """What the command prints for one feed that was read (a failure is printed as an error)."""
    if result.unchanged:
        return [f"{feed_label(result)}: không thay đổi từ lần đọc trước (HTTP 304), không tải lại"]
    new = "sẽ nhập" if dry_run else "mới"
    lines = [f"{feed_label(result)}: {len(result.new)} {new}, {result.already} đã có, "
             f"{result.irrelevant} không liên quan, {len(result.problems)} lỗi"]
    if result.moved_to:
        lines.append(f"  → nguồn tin đã chuyển tới {result.moved_to}; nên sửa feed trong data/outlets.yml")
    lines += [f"  + {display_path(root / f.rel)}" for f in result.new]
    lines += [f"  ! {p}" for p in result.problems[:LISTED]]
    if len(result.problems) > LISTED:
        lines.append(f"  ! ... và {len(result.problems) - LISTED} mục lỗi khác, cũng bị bỏ qua")
    if result.left_over:
        lines.append(f"  ! chỉ nhận {limit} tin mới mỗi nguồn mỗi lần chạy; {result.left_over} tin liên quan còn lại "
                     "sẽ được nhập ở lần chạy sau (hoặc chạy lại với --max-per-feed lớn hơn)")
    return [one_line(line) for line in lines]


def totals_line(outcome: ImportResult) -> str:
    new, feeds, failed = outcome.new, len(outcome.feeds), len(outcome.failed)
    head = f"Thử (không ghi gì): {new} tin sẽ được nhập" if outcome.dry_run else f"Tổng: {new} tin mới chờ duyệt"
    tail = f"; {failed}/{feeds} nguồn lỗi" if failed else ""
    skipped = f"; {outcome.skipped} mục bị bỏ qua" if outcome.skipped else ""
    hint = "; duyệt bằng .venv/bin/python scripts/review.py" if new and not outcome.dry_run else ""
    return f"{head} từ {feeds} nguồn{tail}{skipped}{hint}."


def exit_code(outcome: ImportResult) -> int:
    if outcome.failed:
        return EXIT_FAILED
    return EXIT_SKIPPED if outcome.skipped else 0


@cli.command
def main(argv: list[str] | None = None) -> int:
    parser = cli.parser(__doc__)
    parser.add_argument("--outlet", nargs="+", action="append", metavar=("ID", "FEED"),
                        help="mã cơ quan báo chí rồi một hay nhiều địa chỉ RSS/Atom hoặc tệp (lặp lại được)")
    parser.add_argument("--dry-run", action="store_true", help="chỉ đọc và báo cáo, không ghi tệp nào")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="GIÂY",
                        help=f"thời gian tối đa cho cả một nguồn tin (mặc định: {DEFAULT_TIMEOUT:g} giây)")
    parser.add_argument("--max-per-feed", type=int, default=MAX_NEW_PER_FEED, metavar="N",
                        help=f"số tin mới tối đa nhận từ một nguồn trong một lần chạy (mặc định: {MAX_NEW_PER_FEED})")
    parser.add_argument("--site-url", default=os.environ.get("SITE_URL"), metavar="URL",
                        help="địa chỉ trang, ghi vào User-Agent để máy chủ nguồn tin biết ai đọc (mặc định: $SITE_URL)")
    args = parser.parse_args(argv)
    if any(len(group) < 2 for group in args.outlet or []):
        parser.error("--outlet cần mã cơ quan báo chí rồi ít nhất một địa chỉ nguồn tin")
    if args.timeout <= 0 or args.max_per_feed < 1:
        parser.error("--timeout cần số giây lớn hơn 0, --max-per-feed cần số nguyên từ 1 trở lên")
    chosen = [(group[0], feed) for group in args.outlet for feed in group[1:]] if args.outlet else None
    root = data_dir(args.data)
    outcome = import_feeds(root, chosen, dry_run=args.dry_run, timeout=args.timeout,
                           agent=user_agent(args.site_url), limit=args.max_per_feed)
    if not outcome.feeds:
        print("Không có nguồn tin nào: chưa cơ quan nào trong data/outlets.yml có trường feed. "
              "Thêm feed cho cơ quan, hoặc dùng --outlet ID FEED.")
        return 0
    for result in outcome.feeds:
        if result.failure:
            print(one_line(f"Lỗi: {feed_label(result)}: {result.failure}"), file=sys.stderr)
        else:
            print("\n".join(report_lines(result, root, outcome.dry_run, outcome.limit)))
    print(totals_line(outcome))
    return exit_code(outcome)


if __name__ == "__main__":
    cli.run(main)
