"""Kết quả chỉ tiêu tin bài theo năm, cho người đối chiếu.

Không có --year: mọi năm của các giai đoạn kế hoạch đã bắt đầu. Mỗi tin bài chỉ
tính một lần, vào năm của ngày đăng (giờ Việt Nam), khi đã duyệt (published).

Ví dụ:
    python scripts/quota.py
    python scripts/quota.py --year 2024 --format json
    python scripts/quota.py --format csv > chi-tieu.csv
"""

from __future__ import annotations

import argparse
import json
import sys

from antq.dates import today
from antq.load import DataError, load_dataset
from antq.pages import QUOTA_COLUMNS, quota_records, to_csv
from antq.paths import data_dir
from antq.quota import YearResult, count_quotas
from antq.render import days_text, pace_text, status_text, threshold_note


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", metavar="DIR", help="thư mục dữ liệu (mặc định: data/ hoặc $SITE_DATA_DIR)")
    parser.add_argument("--year", type=int, metavar="YYYY", help="chỉ một năm")
    parser.add_argument("--format", choices=["text", "csv", "json"], default="text", help="dạng kết quả (mặc định: text)")
    args = parser.parse_args(argv)
    try:
        data = load_dataset(data_dir(args.data))
    except DataError as error:
        print(f"{error}\nLỗi: {error.summary}.", file=sys.stderr)
        return 1
    results = count_quotas(data, today(data.site.timezone))
    if args.year is not None and args.year not in results:
        years = ", ".join(map(str, results)) or "không có"
        print(f"Lỗi: năm {args.year} không thuộc giai đoạn kế hoạch nào đã bắt đầu; các năm có: {years}", file=sys.stderr)
        return 1
    chosen = [results[args.year]] if args.year is not None else list(results.values())
    if args.format == "json":
        value = chosen[0].summary() if args.year is not None else [r.summary() for r in chosen]
        print(json.dumps(value, ensure_ascii=False, indent=2))
    elif args.format == "csv":
        sys.stdout.write(to_csv(QUOTA_COLUMNS, [row for r in chosen for row in quota_records(r)]).decode("utf-8-sig"))
    else:
        print(as_text(chosen))
    return 0


if __name__ == "__main__":
    sys.exit(main())
