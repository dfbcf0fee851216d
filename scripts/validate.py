"""Kiểm tra toàn bộ dữ liệu của trang (data/ hoặc --data DIR).

In mọi lỗi dạng `tệp:dòng: trường: nhận được gì, cần gì` rồi thoát với mã 1;
nếu dữ liệu hợp lệ, in một dòng tóm tắt và thoát với mã 0. Cảnh báo (ví dụ số đường dây
nóng quá 180 ngày chưa gọi thử, tính đến hôm nay theo giờ địa phương hoặc $SITE_TODAY)
được in cùng dạng `tệp:dòng: trường: ...` nhưng không làm đổi mã thoát.

Ví dụ:
    .venv/bin/python scripts/validate.py
    .venv/bin/python scripts/validate.py --data tests/fixtures/valid
"""

from __future__ import annotations

import sys

from antq import cli
from antq.checks import find_warnings
from antq.dates import today


@cli.command
def main(argv: list[str] | None = None) -> int:
    args = cli.parser(__doc__).parse_args(argv)
    data = cli.load(args)
    warnings = find_warnings(data, today(data.site.timezone))
    for warning in warnings:
        print(warning, file=sys.stderr)
    if warnings:
        print(f"{len(warnings)} cảnh báo (không chặn việc xuất bản).", file=sys.stderr)
    print(f"Dữ liệu hợp lệ: {len(data.news)} tin bài, {len(data.hotlines)} đường dây nóng, "
          f"{len(data.models)} mô hình, {len(data.people)} gương người tốt, {len(data.communes)} xã, thị trấn, "
          f"{len(data.units)} đơn vị khác, {sum(len(t.indicators) for t in data.targets)} chỉ số mục tiêu, "
          f"{len(data.tasks)} việc có hạn.")
    return 0


if __name__ == "__main__":
    cli.run(main)
