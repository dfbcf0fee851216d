"""Đo tốc độ dựng trang với N tin bài tổng hợp, so với MkDocs thuần và plugin blog của Material.

Tạo một bộ dữ liệu tổng hợp N tin bài (kèm xã, đường dây nóng, mô hình, gương người tốt
theo tỉ lệ) trong thư mục tạm, rồi dựng xen kẽ ba bản (A B C, A B C ...), mỗi bản trong
một tiến trình mới với `mkdocs build --strict`:

  site      trang này (hook đọc dữ liệu qua SITE_DATA_DIR);
  baseline  MkDocs + Material, không hook: N trang Markdown tương đương, cùng giao diện,
            cùng plugin tìm kiếm và cùng markdown_extensions với mkdocs.yml;
  blog      cùng N tin bài làm bài viết của plugin blog của Material (bỏ qua bằng --no-blog).

In trung vị thời gian, tỉ lệ so với baseline, bộ nhớ đỉnh (RSS lớn nhất của tiến trình
dựng, lấy bằng os.wait4), dung lượng trang dựng ra và của dữ liệu tìm kiếm (thư mục search/,
với Material là search/search_index.json).
Kết quả trên máy dùng chung thay đổi theo tải: so sánh các tỉ lệ, không so số giây.

Ví dụ:
    .venv/bin/python scripts/bench.py --items 1000
    .venv/bin/python scripts/bench.py --items 10000 --repeat 1 --no-blog --json
"""

from __future__ import annotations

import json
import sys

from antq import cli
from antq.bench import as_table, bench
from antq.problems import UserError


@cli.command
def main(argv: list[str] | None = None) -> int:
    parser = cli.parser(__doc__, data=False)
    parser.add_argument("--items", type=int, default=1000, metavar="N", help="số tin bài tổng hợp (mặc định: 1000)")
    parser.add_argument("--repeat", type=int, default=3, metavar="R", help="số lần dựng mỗi bản (mặc định: 3)")
    parser.add_argument("--no-blog", action="store_true", help="bỏ qua bản plugin blog (chậm khi N lớn)")
    parser.add_argument("--seed", type=int, default=1, help="hạt giống ngẫu nhiên của bộ dữ liệu (mặc định: 1)")
    parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    args = parser.parse_args(argv)
    if args.items < 1 or args.repeat < 1:
        raise UserError("--items và --repeat phải là số nguyên dương")
    result = bench(args.items, args.repeat, not args.no_blog, args.seed,
                   lambda text: print(text, file=sys.stderr, flush=True))
    print(json.dumps(result, ensure_ascii=False, indent=2) if args.json else as_table(result))
    return 0


if __name__ == "__main__":
    cli.run(main)
