"""The shell every command shares: Vietnamese help and argument errors, the --data option, and
one wording for every error, printed on one line (or one line per data problem) with exit code 1."""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Callable

from .dataset import Dataset
from .load import load_dataset
from .paths import data_dir
from .problems import DataError, UserError

# argparse's own words (it asks gettext for them), in Vietnamese.
ARGPARSE_WORDS = {
    "usage: ": "cách dùng: ",
    "options": "tùy chọn",
    "positional arguments": "tham số",
    "show this help message and exit": "in hướng dẫn này rồi thoát",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
    "the following arguments are required: %s": "thiếu tham số bắt buộc: %s",
    "unrecognized arguments: %s": "không hiểu tham số: %s",
    "argument %(argument_name)s: %(message)s": "tham số %(argument_name)s: %(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "không có lựa chọn %(value)r (chọn một trong: %(choices)s)",
    "invalid %(type)s value: %(value)r": "giá trị %(value)r không hợp lệ (cần kiểu %(type)s)",
    "expected one argument": "cần một giá trị",
    "expected at least one argument": "cần ít nhất một giá trị",
    "expected at most one argument": "cần nhiều nhất một giá trị",
    "ambiguous option: %(option)s could match %(matches)s": "tùy chọn %(option)s chưa rõ, có thể là %(matches)s",
    "not allowed with argument %s": "không dùng cùng với %s",
    "one of the arguments %s is required": "cần một trong các tham số %s",
    "ignored explicit argument %r": "bỏ qua giá trị %r",
}
argparse._ = lambda text: ARGPARSE_WORDS.get(text, text)  # argparse looks `_` up at call time


NOTHING_WRITTEN = "chưa ghi hay sửa tệp nào."


def parser(doc: str, *, data: bool = True) -> argparse.ArgumentParser:
    """A command's parser: its docstring is its help; with `data`, the --data option."""
    made = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    if data:
        made.add_argument("--data", metavar="THƯ_MỤC", help="thư mục dữ liệu (mặc định: data/ hoặc $SITE_DATA_DIR)")
    return made


def load(args: argparse.Namespace, added: dict[str, str] | None = None) -> Dataset:
    """The data set named by --data (or the default), validated."""
    return load_dataset(data_dir(args.data), added)


def command(main: Callable[..., int]) -> Callable[..., int]:
    """Wrap a command's `main(argv)`: every known error becomes Vietnamese lines on stderr and exit 1."""
    @functools.wraps(main)
    def wrapped(*args, **kwargs) -> int:
        try:
            return main(*args, **kwargs)
        except DataError as error:
            print(error, file=sys.stderr)
            print(f"Lỗi: {error.summary}; {NOTHING_WRITTEN}", file=sys.stderr)
        except UserError as error:
            print(f"Lỗi: {error}; {NOTHING_WRITTEN}", file=sys.stderr)
        except KeyboardInterrupt:
            print(f"\nĐã dừng; {NOTHING_WRITTEN}", file=sys.stderr)
        return 1
    return wrapped


def run(main: Callable[[list[str] | None], int]) -> None:
    sys.exit(main(None))
