"""Nhập tin bài từ nguồn RSS/Atom của các cơ quan báo chí, ở trạng thái chờ duyệt (pending).

Không có --outlet: đọc nguồn tin (trường feed) của mọi cơ quan trong data/outlets.yml.
Có --outlet: đọc các địa chỉ hoặc tệp đã cho, coi là của cơ quan có mã ID.

Chỉ nhập mục có từ khóa trong data/keywords.yml (ở tiêu đề hoặc tóm tắt); mục đã có trong
data/news/ (cùng địa chỉ bài hoặc cùng mã mục, ở bất kỳ trạng thái nào) được bỏ qua, nên chạy
lại nhiều lần không tạo tệp trùng. Toàn bộ dữ liệu được kiểm tra trước khi ghi; tệp đã có không
bao giờ bị ghi đè. Một nguồn lỗi không làm dừng các nguồn khác; khi có nguồn lỗi, lệnh thoát
với mã 1. ETag / Last-Modified của mỗi nguồn được nhớ trong data/.feed-state.json để lần sau
nguồn không đổi thì máy chủ chỉ trả lời 304, không phải tải lại.

Sau khi nhập, duyệt tin bằng: python scripts/review.py

Ví dụ:
    python scripts/import_feeds.py
    python scripts/import_feeds.py --dry-run
    python scripts/import_feeds.py --outlet bao-bac-giang https://baobacgiang.example/rss/an-ninh.rss
    python scripts/import_feeds.py --outlet cong-thong-tin-huyen tai-ve/feed.xml
"""

from __future__ import annotations

import os
import sys

from antq import cli

from antq.feed_import import feed_label, import_feeds, report_lines, totals_line
from antq.fetch import DEFAULT_TIMEOUT, user_agent
from antq.paths import data_dir


@cli.command
def main(argv: list[str] | None = None) -> int:
    parser = cli.parser(__doc__)
    parser.add_argument("--outlet", nargs="+", action="append", metavar=("ID", "FEED"),
                        help="mã cơ quan báo chí rồi một hay nhiều địa chỉ RSS/Atom hoặc tệp (lặp lại được)")
    parser.add_argument("--dry-run", action="store_true", help="chỉ đọc và báo cáo, không ghi tệp nào")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="GIÂY",
                        help=f"thời gian chờ mỗi máy chủ (mặc định: {DEFAULT_TIMEOUT:g} giây)")
    parser.add_argument("--site-url", default=os.environ.get("SITE_URL"), metavar="URL",
                        help="địa chỉ trang, ghi vào User-Agent để máy chủ nguồn tin biết ai đọc (mặc định: $SITE_URL)")
    args = parser.parse_args(argv)
    if any(len(group) < 2 for group in args.outlet or []):
        parser.error("--outlet cần mã cơ quan báo chí rồi ít nhất một địa chỉ nguồn tin")
    chosen = [(group[0], feed) for group in args.outlet for feed in group[1:]] if args.outlet else None
    root = data_dir(args.data)
    results = import_feeds(root, chosen, dry_run=args.dry_run, timeout=args.timeout, agent=user_agent(args.site_url))
    if not results:
        print("Không có nguồn tin nào: chưa cơ quan nào trong data/outlets.yml có trường feed. "
              "Thêm feed cho cơ quan, hoặc dùng --outlet ID FEED.")
        return 0
    for result in results:
        if result.failure:
            print(f"Lỗi: {feed_label(result)}: {result.failure}", file=sys.stderr)
        else:
            print("\n".join(report_lines(result, root, args.dry_run)))
    print(totals_line(results, args.dry_run))
    return 1 if any(r.failure for r in results) else 0


if __name__ == "__main__":
    cli.run(main)
