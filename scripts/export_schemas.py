"""Xuất lại các tệp JSON Schema trong schemas/ từ mô hình dữ liệu (antq/model.py).

Chạy sau mỗi lần sửa antq/model.py; bài kiểm tra sẽ báo nếu schemas/ đã cũ.

Ví dụ:
    .venv/bin/python scripts/export_schemas.py
"""

from __future__ import annotations

from antq import cli
from antq.problems import display_path
from antq.schemas import write_schemas


@cli.command
def main(argv: list[str] | None = None) -> int:
    cli.parser(__doc__, data=False).parse_args(argv)
    for path in write_schemas():
        print(f"Đã ghi {display_path(path)}")
    return 0


if __name__ == "__main__":
    cli.run(main)
