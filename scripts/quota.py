"""Kết quả chỉ tiêu tin bài theo năm, cho người đối chiếu.

Không có --year: mọi năm của các giai đoạn kế hoạch đã bắt đầu. Mỗi tin bài chỉ
tính một lần, vào năm của ngày đăng (giờ Việt Nam), khi đã duyệt (published).
--format json in đúng nội dung tệp JSON tải về trên trang (chi-tieu-YYYY.json, hoặc
chi-tieu.json khi không có --year); --format csv in đúng tệp CSV của trang.

Ví dụ:
    .venv/bin/python scripts/quota.py
    .venv/bin/python scripts/quota.py --year 2024 --format json
    .venv/bin/python scripts/quota.py --format csv > chi-tieu.csv
"""

from __future__ import annotations

import sys

from antq import cli
from antq.dates import today
from antq.export import news_record, quota_csv, quota_detail, to_json
from antq.problems import UserError
from antq.quota import YearResult, count_quotas, pace_text, status_text


def as_text(results: list[YearResult]) -> str:
    lines = []
    for year in results:
        lines.append(f"Năm {year.year} (giai đoạn {year.period.id})")
        for g in year.groups:
            pace = pace_text(g)
            lines.append(f"  {g.group.name}: {g.count}/{g.target} ({g.rule_text}) – {status_text(g)}"
                         + (f"; {pace}" if pace else ""))
    return "\n".join(lines)


@cli.command
def main(argv: list[str] | None = None) -> int:
    parser = cli.parser(__doc__)
    parser.add_argument("--year", type=int, metavar="NĂM", help="chỉ một năm, ví dụ 2024")
    parser.add_argument("--format", choices=["text", "csv", "json"], default="text", help="dạng kết quả (mặc định: text)")
    args = parser.parse_args(argv)
    data = cli.load(args)
    results = count_quotas(data, today(data.site.timezone))
    if args.year is not None and args.year not in results:
        years = ", ".join(map(str, results)) or "không có"
        raise UserError(f"năm {args.year} không thuộc giai đoạn kế hoạch nào đã bắt đầu; các năm có: {years}")
    chosen = [results[args.year]] if args.year is not None else list(results.values())
    if args.format == "json":
        record = {id(n): news_record(data, n) for r in chosen for g in r.groups for n in g.items}
        details = [quota_detail(r, record) for r in chosen]
        sys.stdout.buffer.write(to_json(details[0] if args.year is not None else details))
    elif args.format == "csv":
        sys.stdout.buffer.write(quota_csv(chosen))
    else:
        print(as_text(chosen))
    return 0


if __name__ == "__main__":
    cli.run(main)
