"""Vietnamese wording of schema errors: what was found, what is expected."""

from __future__ import annotations

import difflib
import re
import types
import typing

from pydantic import BaseModel
from pydantic.fields import FieldInfo

EXPECTED_TYPE = {
    "string_type": "cần chuỗi ký tự (nên đặt trong dấu ngoặc kép)",
    "int_type": "cần số nguyên",
    "int_from_float": "cần số nguyên",
    "bool_type": "cần true hoặc false",
    "list_type": "cần danh sách (mỗi mục một dòng bắt đầu bằng \"- \")",
    "model_type": "cần các trường dạng \"tên: giá trị\"",
    "model_attributes_type": "cần các trường dạng \"tên: giá trị\"",
    "dict_type": "cần các trường dạng \"tên: giá trị\"",
}


def shown(value: object) -> str:
    if value is None:
        return "giá trị trống"
    if isinstance(value, dict):
        return "một nhóm trường"
    if isinstance(value, list):
        return "một danh sách"
    return repr(value)


def inner_type(annotation: object) -> object:
    """Strip Optional, list[...] and Annotated down to the record type, if any."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (list, typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0]
        else:
            return annotation


def field_info(model: type[BaseModel], loc: tuple) -> tuple[type[BaseModel] | None, FieldInfo | None]:
    """The record type holding the last field of `loc`, and that field."""
    current: object = model
    info = None
    for i, part in enumerate(loc):
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None, None
        info = current.model_fields.get(part)
        if i == len(loc) - 1 or info is None:
            return current, info
        current = inner_type(info.annotation)
    return (current if isinstance(current, type) else None), info


def describe(error: dict, model: type[BaseModel]) -> str:
    kind, loc, found = error["type"], error["loc"], error.get("input")
    ctx = error.get("ctx", {})
    if kind == "vi":
        return error["msg"]
    if kind == "missing":
        _, info = field_info(model, loc)
        what = info.description if info and info.description else "giá trị"
        return f"không có, cần có trường này ({what})"
    if kind == "extra_forbidden":
        owner, _ = field_info(model, loc)
        allowed = list(owner.model_fields) if owner else []
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        hint = f"có phải ý là '{close[0]}'? " if close else ""
        return f"trường '{loc[-1]}' không được phép; {hint}các trường hợp lệ: {', '.join(allowed)}"
    if kind == "literal_error":
        expected = ctx.get("expected", "").replace(" or ", " hoặc ")
        return f"nhận được {shown(found)}, cần một trong: {expected}"
    if kind in EXPECTED_TYPE:
        return f"nhận được {shown(found)}, {EXPECTED_TYPE[kind]}"
    if kind == "string_too_short":
        return "để trống, cần có nội dung"
    if kind == "too_short":
        return f"danh sách có {len(found) if isinstance(found, list) else 0} mục, cần ít nhất {ctx.get('min_length')} mục"
    if kind == "greater_than_equal":
        return f"nhận được {shown(found)}, cần số lớn hơn hoặc bằng {ctx.get('ge')}"
    if kind == "less_than_equal":
        return f"nhận được {shown(found)}, cần số nhỏ hơn hoặc bằng {ctx.get('le')}"
    return f"nhận được {shown(found)}, giá trị không hợp lệ ({error['msg']})"


def field_label(loc: tuple) -> str:
    """The field as staff see it: `number`, `channels[2]`, `periods[1].quotas[1].rule`."""
    label = ""
    for part in loc:
        label += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if label else str(part))
    return label or "(tệp)"


# What PyYAML's parser says (English), in words staff can act on: (part of the problem, message).
YAML_PROBLEMS = [
    ("duplicate key", "khóa {key} được viết hai lần trong cùng một nhóm; cần xóa một dòng (YAML chỉ giữ dòng sau)"),
    ("found unexpected end of stream", "thiếu dấu ngoặc kép đóng? Giá trị mở bằng dấu ngoặc ở đây chưa được đóng"),
    ("found unexpected end of", "thiếu dấu ngoặc kép đóng? Giá trị mở bằng dấu ngoặc ở đây chưa được đóng"),
    ("mapping values are not allowed", "dấu hai chấm ở chỗ không được phép; nếu giá trị có dấu hai chấm, "
                                       "cần đặt cả giá trị trong dấu ngoặc kép"),
    ("cannot start any token", "có ký tự tab hoặc ký tự không được đứng đầu giá trị; cần thụt lề bằng dấu cách "
                               "và đặt giá trị trong dấu ngoặc kép"),
    ("tab character", "có ký tự Tab ở đầu dòng; cần thụt lề bằng dấu cách, không dùng phím Tab"),
    ("did not find expected key", "thụt lề không thẳng hàng với các dòng trên, hoặc thiếu dấu ngoặc kép đóng? "
                                  "cần thụt lề bằng dấu cách cho thẳng hàng"),
    ("expected <block end>", "thụt lề không thẳng hàng với các dòng trên; cần thụt lề bằng dấu cách cho thẳng hàng"),
    ("did not find expected '-'", "dòng này cần bắt đầu bằng \"- \" như các mục khác của danh sách"),
    ("could not find expected ':'", "thiếu dấu hai chấm sau tên trường, hoặc thiếu dấu ngoặc kép đóng?"),
    ("unacceptable character", "có ký tự điều khiển không nhìn thấy; cần xóa ký tự này"),
]


# Characters YAML refuses to read at all (its reader reports them by byte, not by character).
UNREADABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def _position(text: str, index: int) -> tuple[int, int]:
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def _unclosed_quote(text: str, first: int, last: int) -> tuple[int, int] | None:
    """(line, column) of the first line from `first` to `last` (0-based) with an unpaired double quote."""
    lines = text.splitlines()
    for number in range(first, min(last, len(lines) - 1) + 1):
        quotes = [m.start() for m in re.finditer(r'(?<!\\)"', lines[number].split(" #", 1)[0])]
        if len(quotes) % 2:
            return number + 1, quotes[0] + 1
    return None


def yaml_error(error: Exception, text: str) -> tuple[int, str]:
    """The line and the Vietnamese message of a YAML syntax error, with its column and a hint."""
    problem = str(getattr(error, "problem", "") or "")
    bad_char = UNREADABLE.search(text) if hasattr(error, "position") else None
    if hasattr(error, "position"):  # a ReaderError: a character YAML does not accept at all
        line, column = _position(text, bad_char.start() if bad_char else 0)
        problem = "unacceptable character"
    elif "expected key" in problem or "expected <block end>" in problem or "expected ':'" in problem:
        # A quote left open swallows the lines after it; the parser notices only lines later.
        mark, start = getattr(error, "problem_mark", None), getattr(error, "context_mark", None)
        quote = _unclosed_quote(text, start.line if start else 0, mark.line if mark else 0)
        if "simple key" in (getattr(error, "context", "") or "") and start and "expected ':'" in problem:
            mark = start  # the line that lacks its colon, not the next one where the parser noticed
        line, column = quote or ((mark.line + 1, mark.column + 1) if mark else (1, 1))
        if quote:
            problem = "found unexpected end of stream"
    else:
        # An unclosed quote is reported where the file ends: point at where the quote opened.
        context = getattr(error, "context", "") or ""
        mark = (getattr(error, "context_mark", None) if "quoted scalar" in context
                else getattr(error, "problem_mark", None) or getattr(error, "context_mark", None))
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        if "quoted scalar" in context:
            problem = "found unexpected end of stream"
    lines = text.splitlines()
    indent = lines[line - 1][:len(lines[line - 1]) - len(lines[line - 1].lstrip())] if 0 < line <= len(lines) else ""
    if "\t" in indent and "duplicate key" not in problem and "end of stream" not in problem:
        problem = "tab character"  # whatever the parser made of it, a Tab key press is what to fix
    for part, message in YAML_PROBLEMS:
        if part in problem:
            key = problem.split("duplicate key ", 1)[-1]
            return line, f"YAML không đọc được (cột {column}): " + message.format(key=key)
    return line, (f"YAML không đọc được (cột {column}); cần kiểm tra dấu hai chấm, thụt lề bằng dấu cách "
                  "và dấu ngoặc kép")
