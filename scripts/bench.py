"""Đo tốc độ dựng trang và xem trước với N tin bài tổng hợp, so với MkDocs thuần, plugin blog của
Material và Hugo (nếu đã cài: apt-get install hugo).

Tạo một bộ dữ liệu tổng hợp N tin bài (kèm xã, đường dây nóng, mô hình, gương người tốt
theo tỉ lệ) trong thư mục tạm, rồi dựng xen kẽ các bản (A B C D, A B C D ...), mỗi bản trong
một tiến trình mới:

  site      trang này (`mkdocs build --strict`, hook đọc dữ liệu qua SITE_DATA_DIR);
  baseline  MkDocs + Material, không hook: N trang Markdown tương đương, cùng giao diện,
            cùng plugin tìm kiếm và cùng markdown_extensions với mkdocs.yml (bỏ qua bằng --no-baseline);
  blog      cùng N tin bài làm bài viết của plugin blog của Material (bỏ qua bằng --no-blog);
  hugo      một trang Hugo dựng cùng các trang năm từ cùng các tệp YAML: trang chủ, mục lục các
            năm, mỗi năm một trang theo tháng, kèm số tin bài của từng nơi đăng (bỏ qua bằng --no-hugo).

Với --preview K: chạy `mkdocs serve` (và `hugo server`) trên 127.0.0.1, đo thời gian từ lúc thêm
một tệp tin bài đến lúc trang liệt kê tin đó hiện nó qua HTTP, K lần mỗi máy chủ mỗi lượt, và phần
trăm CPU máy chủ dùng trong 10 giây không có gì thay đổi.

In trung vị thời gian, tỉ lệ so với baseline và với Hugo, bộ nhớ đỉnh (RSS lớn nhất của tiến trình
dựng, lấy bằng os.wait4), dung lượng trang dựng ra và của dữ liệu tìm kiếm (thư mục search/).
Kết quả trên máy dùng chung thay đổi theo tải: so sánh các tỉ lệ trong cùng một lần chạy, không so số giây.

Ví dụ:
    python scripts/bench.py --items 1000
    python scripts/bench.py --items 10000 --repeat 3 --no-blog --no-baseline --preview 5
    python scripts/bench.py --items 100000 --communes 100 --years 10 --repeat 1 --no-blog --no-baseline --json
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
    parser.add_argument("--no-baseline", action="store_true", help="bỏ qua bản MkDocs thuần (chậm khi N lớn)")
    parser.add_argument("--no-hugo", action="store_true", help="bỏ qua Hugo dù đã cài")
    parser.add_argument("--preview", type=int, default=0, metavar="K",
                        help="đo xem trước: số tin bài thêm vào mỗi máy chủ mỗi lượt (mặc định: 0, không đo)")
    parser.add_argument("--communes", type=int, metavar="X", help="số xã (mặc định: một xã mỗi 100 tin bài)")
    parser.add_argument("--years", type=int, metavar="Y", help="số năm tin bài, đến 2025 (mặc định: 6)")
    parser.add_argument("--seed", type=int, default=1, help="hạt giống ngẫu nhiên của bộ dữ liệu (mặc định: 1)")
    parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    args = parser.parse_args(argv)
    if args.items < 1 or args.repeat < 1 or args.preview < 0 or (args.communes or 1) < 1 or (args.years or 1) < 1:
        raise UserError("--items, --repeat, --communes và --years phải là số nguyên dương, --preview không âm")
    result = bench(args.items, args.repeat, not args.no_blog, args.seed,
                   lambda text: print(text, file=sys.stderr, flush=True), baseline=not args.no_baseline,
                   hugo=not args.no_hugo, preview=args.preview, communes=args.communes, years=args.years)
    print(json.dumps(result, ensure_ascii=False, indent=2) if args.json else as_table(result))
    return 0


if __name__ == "__main__":
    cli.run(main)
