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
from antq.quota import YearResult, count_quotas, pace_text, status_text, threshold_note
from antq.render import days_text


def as_text(results: list[YearResult]) -> str:
    lines = []
    for year in results:
        lines.append(f"Năm {year.year} (giai đoạn {', '.join(p.id for p in year.periods) or 'không có'})")
        for g in year.groups:
            pace, note = pace_text(g), threshold_note(g)
            when = "" if g.whole_year else f" [{days_text(g.start, g.end)}]"
            lines.append(f"  {g.group.name}{when}: {g.count}/{g.target} ({g.rule_text}) – {status_text(g)}"
                         + (f"; {note}" if note else "") + (f"; {pace}" if pace else ""))
        lines.append(f"  Đã duyệt {len(year.published)} tin bài = {len(year.counted)} được tính + "
                     f"{len(year.not_counted)} không tính; {len(year.pending)} tin bài chờ duyệt")
        lines += [f"    không tính: {n.date.isoformat()} {n.title} – {reason}" for n, reason in year.not_counted]
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
        record = {id(n): news_record(data, n) for r in chosen for n in r.published}
        details = [quota_detail(r, record) for r in chosen]
        sys.stdout.buffer.write(to_json(details[0] if args.year is not None else details))
    elif args.format == "csv":
        sys.stdout.buffer.write(quota_csv(chosen))
    else:
        print(as_text(chosen))
    return 0


if __name__ == "__main__":
    cli.run(main)
