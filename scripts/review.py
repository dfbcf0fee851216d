"""Duyệt tin bài đang chờ duyệt (status: pending), ví dụ tin nhập từ RSS/Atom.

Không có --publish/--reject: liệt kê các tin chờ duyệt, đánh số (ngày, nơi đăng, tiêu đề, địa
chỉ bài, tệp); khi chạy trong cửa sổ lệnh, lệnh hỏi lần lượt từng tin.
--publish: đã duyệt (hiện trên trang và được tính chỉ tiêu); cần --approver: mã người duyệt trong
data/staff.yml, khác người đã nhập tin. Tệp được ghi thêm approved_by và approved_on (hôm nay).
--reject: không nhận (không hiện, không tính, và không bị nhập lại từ nguồn tin).
Chọn tin bằng số trong danh sách hoặc bằng tệp. Chỉ dòng "status:" của tệp được sửa (và thêm hai
dòng người duyệt, ngày duyệt khi duyệt), phần còn lại giữ nguyên; toàn bộ dữ liệu được kiểm tra
trước khi ghi: tin thiếu bằng chứng, người duyệt trùng người nhập hay không có trong danh sách cán
bộ thì không được duyệt.

Ví dụ:
    .venv/bin/python scripts/review.py
    .venv/bin/python scripts/review.py --approver vi-van-long --publish 1 3 --reject 2
    .venv/bin/python scripts/review.py --approver vi-van-long --publish data/news/2026/2026-11-23-cong-an-phuong-chu-canh-bao-lua-dao-mua-ban-hang-truc-tuyen.yml
"""

from __future__ import annotations

import argparse
import sys

from antq import cli
from antq.dates import show, today
from antq.dataset import Dataset
from antq.problems import display_path
from antq.review import Pending, ReviewError, decide, find_pending, pending_items

DONE = {"published": "Đã duyệt", "rejected": "Đã loại"}
ANSWERS = {"d": "published", "l": "rejected"}


def describe(data: Dataset, p: Pending) -> str:
    return (f"{p.number:>3}. {show(p.item.date)} · {data.outlet[p.item.outlet].name} · {p.item.title}\n"
            f"     Bằng chứng: {evidence_text(p.item)}\n"
            f"     Người nhập: {p.item.entered_by or 'không ghi'}\n"
            f"     {display_path(data.root / p.rel)}")


def evidence_text(item) -> str:
    if item.broadcast is not None:
        b = item.broadcast
        log = f", nhật ký {b.log.number} ngày {show(b.log.date)}" if b.log else ""
        return f"{b.programme or '?'} lúc {b.time or '?'}, dài {b.duration or '?'}{log}{', ' + b.recording if b.recording else ''}"
    if item.print is not None:
        return f"báo in số {item.print.issue or '?'}, trang {item.print.page or '?'}"
    return item.url or "chưa có"


def ask(data: Dataset, pending: list[Pending], args: argparse.Namespace) -> dict[str, str]:
    """One question per item, shown just above it; Enter leaves it for later, q stops asking.
    The approver's id is asked once, at the first item approved, unless --approver gave it."""
    chosen = {}
    for p in pending:
        print(describe(data, p))
        try:
            answer = input(f"Tin {p.number} – [d] duyệt, [l] loại, [Enter] để sau, [q] dừng: ").strip().lower()
        except EOFError:
            break
        if answer == "q":
            break
        if answer in ANSWERS:
            chosen[p.rel] = ANSWERS[answer]
        if answer == "d" and not args.approver:
            args.approver = input("Mã người duyệt (trong data/staff.yml, khác người nhập): ").strip() or None
    return chosen


def chosen_from_args(args: argparse.Namespace, data: Dataset, pending: list[Pending]) -> dict[str, str]:
    chosen: dict[str, str] = {}
    for status, choices in (("published", args.publish), ("rejected", args.reject)):
        for choice in choices:
            rel = find_pending(pending, data.root, choice).rel
            if chosen.get(rel, status) != status:
                raise ReviewError(f"{display_path(data.root / rel)} vừa được chọn duyệt vừa được chọn loại")
            chosen[rel] = status
    return chosen


@cli.command
def main(argv: list[str] | None = None) -> int:
    parser = cli.parser(__doc__)
    parser.add_argument("--publish", nargs="+", default=[], metavar="SỐ_HOẶC_TỆP", help="các tin được duyệt")
    parser.add_argument("--reject", nargs="+", default=[], metavar="SỐ_HOẶC_TỆP", help="các tin không nhận")
    parser.add_argument("--approver", metavar="MÃ", help="mã người duyệt trong data/staff.yml (khác người nhập tin)")
    parser.add_argument("--list", action="store_true", help="chỉ liệt kê, không hỏi")
    parser.add_argument("-i", "--interactive", action="store_true",
                        help="hỏi từng tin (mặc định khi chạy trong cửa sổ lệnh)")
    args = parser.parse_args(argv)
    data = cli.load(args)
    pending = pending_items(data)
    if args.publish and not args.approver:
        raise ReviewError("--publish cần --approver MÃ: mã người duyệt trong data/staff.yml, khác người nhập tin")
    if args.publish or args.reject:
        chosen = chosen_from_args(args, data, pending)
    else:
        if not pending:
            print("Không có tin nào chờ duyệt.")
            return 0
        print(f"{len(pending)} tin chờ duyệt:")
        if args.list or not (args.interactive or sys.stdin.isatty()):
            print("\n".join(describe(data, p) for p in pending))
            print("Duyệt: .venv/bin/python scripts/review.py --publish SỐ ...; loại: --reject SỐ ...")
            return 0
        chosen = ask(data, pending, args)
    decide(data.root, chosen, args.approver, today(data.site.timezone))
    for rel, status in chosen.items():
        by = f" (người duyệt: {args.approver})" if status == "published" else ""
        print(f"{DONE[status]}: {display_path(data.root / rel)}{by}")
    left = len(pending) - len(chosen)
    print(f"Còn {left} tin chờ duyệt." if left else "Không còn tin nào chờ duyệt.")
    return 0


if __name__ == "__main__":
    cli.run(main)
