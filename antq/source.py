"""The YAML reader of data files: safe, dates kept as text, no duplicate keys, no aliases."""

from __future__ import annotations

import re
from sys import intern

import yaml
from yaml.constructor import ConstructorError
from yaml.resolver import Resolver

# The C loader is ~20x faster than the pure-Python one, which matters at thousands of files.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DuplicateKey(ConstructorError):
    """A key written twice in one mapping: YAML would silently keep the second."""


class Loader(_BaseLoader):
    """Safe loader that keeps dates as text, so an impossible date such as
    2024-02-30 becomes a field error with a line number, not a crash."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = key_node.value
            if key in seen:
                raise DuplicateKey(None, None, f"duplicate key {key!r}", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


Loader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))


def _number_or_time(loader, node):
    # YAML 1.1 reads 18:30 as 1110 (base 60). Staff, and the browser editor (which writes YAML 1.2),
    # mean a time of day or a duration: kept as written.
    text = loader.construct_scalar(node)
    if ":" in text:
        return text
    return loader.construct_yaml_int(node) if node.tag.endswith(":int") else loader.construct_yaml_float(node)


Loader.add_constructor("tag:yaml.org,2002:int", _number_or_time)
Loader.add_constructor("tag:yaml.org,2002:float", _number_or_time)
Loader.add_constructor("tag:yaml.org,2002:map", Loader.construct_yaml_map)
# YAML 1.1 reads 18:30 as the number 1110 (base 60); read it as text, as YAML 1.2 and the editors do,
# so that an air time or a duration is what staff typed.
Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if not (tag == "tag:yaml.org,2002:int" and regexp.match("18:30"))]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()}
Loader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(
    r"^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+)$"), list("-+0123456789"))


# -- the common shape of a news file, read without building YAML nodes ----------------------------
# Block mappings of one-line plain or quoted scalars, lists of them and mappings of them, as
# `news_text` writes a news file and as staff copy one. PyYAML's C loader spends most of its time
# building a node per value; this reads such a file several times faster and gives the same value.
# Anything else (another character, line, quote, indicator, indentation or type of value) is left to
# PyYAML, whole file: `load_simple` returns None.

# Printable characters that are not line breaks (YAML also breaks lines at U+0085, U+2028 and U+2029)
# and no BOM, tab or carriage return.
_UNUSUAL_CHAR = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
# Each line: a key and its value (or none: a list or a mapping follows), a list item, or a comment or
# nothing. A value is double-quoted (escaping only quotes and backslashes), single-quoted without quotes
# inside, plain (starting with none of YAML's indicators, holding no ": " nor " #"), or a flow list of
# double-quoted or plain items (holding none of ,[]{}:#).
_DOUBLE = r'"(?:[^"\\\n]|\\["\\])*"'
_PLAIN = r"""[^-?:,\[\]{}#&*!|>'"%@`\s](?:[^: #\n]+|:(?=[^ \n])| +(?=[^ #\n])|#)*"""
_FLOW_PLAIN = r"""[^-?:,\[\]{}#&*!|>'"%@`\s](?:[^,\[\]{}:#\s]+| +(?=[^ ,\]]))*"""
_FLOW_ITEM = rf"(?:{_DOUBLE}|{_FLOW_PLAIN})"
_KEY = r"[A-Za-z_][A-Za-z0-9_]*"
_FLOW_PAIR = rf"{_KEY}: +{_FLOW_ITEM}"
_VALUE = (rf"(?:{_DOUBLE}|'[^'\n]*'|\[ *(?:{_FLOW_ITEM} *, *)*(?:{_FLOW_ITEM})? *\]"
          rf"|\{{ *(?:{_FLOW_PAIR} *, *)*(?:{_FLOW_PAIR})? *\}}|{_PLAIN})")
_END = r"(?: +#.*| *)"  # spaces, or a comment after one
_LINES = re.compile(rf"^(?:( *)({_KEY}):(?: +({_VALUE}))?{_END}|( *)- +({_VALUE}){_END}| *(?:#.*)?)$", re.M)
_ITEMS = re.compile(_FLOW_ITEM)
_PAIRS = re.compile(rf"({_KEY}): +({_FLOW_ITEM})")
_ESCAPE = re.compile(r'\\(["\\])')
_STR = "tag:yaml.org,2002:str"
SHORT = 24
_STRING_TAGS = {_STR, "tag:yaml.org,2002:timestamp"}  # timestamps are kept as text


class _Resolver(Resolver):
    """How `Loader` tells a plain scalar's type."""
    yaml_implicit_resolvers = Loader.yaml_implicit_resolvers


_resolver = _Resolver()
_RESOLVED_FIRST = frozenset(Loader.yaml_implicit_resolvers)  # plain scalars starting otherwise are strings


def _value(text: str) -> str | list[str] | None:
    """The value of a scalar or flow list matched by _VALUE, or None when YAML reads it as no string.
    A short one is interned: the same outlet, status, kind or commune in 100,000 files is one string."""
    first = text[0]
    if first == '"':
        text = _ESCAPE.sub(r"\1", text[1:-1]) if "\\" in text else text[1:-1]
        return intern(text) if len(text) <= SHORT else text
    if first == "'":
        return intern(text[1:-1]) if len(text) <= SHORT + 2 else text[1:-1]
    if first == "[":
        items = [_value(item) for item in _ITEMS.findall(text)]
        return None if None in items else items
    if first == "{":
        pairs = _PAIRS.findall(text)
        mapping = {key: _value(item) for key, item in pairs}
        if len(mapping) != len(pairs) or None in mapping.values() or not all(map(_is_text, mapping)):
            return None
        return mapping
    if first not in _RESOLVED_FIRST or _resolver.resolve(yaml.ScalarNode, text, (True, False)) in _STRING_TAGS:
        return intern(text) if len(text) <= SHORT else text
    return None


def _is_text(key: str) -> bool:
    return key[0] not in _RESOLVED_FIRST or _resolver.resolve(yaml.ScalarNode, key, (True, False)) == _STR


def load_simple(text: str) -> dict | None:
    """What PyYAML (with `Loader`) reads from `text` when `text` has the simple shape above; else None."""
    if _UNUSUAL_CHAR.search(text):
        return None
    lines = _LINES.findall(text)  # (indent, key, value, indent, item) per line that has the shape
    if len(lines) != text.count("\n") + 1:
        return None
    result: dict = {}
    # The open mappings and lists, innermost last, with their indentation; and the key that waits for
    # its value on the next lines (a "key:" never followed by one is null in YAML: PyYAML reads it).
    open_: list[tuple[int, dict | list]] = [(0, result)]
    waiting: tuple[int, dict, str] | None = None
    for spaces, name, value, item_spaces, item in lines:
        if name:
            indent = len(spaces)
            if waiting is not None:
                if indent <= waiting[0]:
                    return None
                waiting[1][waiting[2]] = mapping = {}
                open_.append((indent, mapping))
                waiting = None
            while open_[-1][0] > indent or (open_[-1][0] == indent and isinstance(open_[-1][1], list)):
                open_.pop()
            depth, mapping = open_[-1]
            if depth != indent or name in mapping or not _is_text(name):
                return None  # a key twice is an error; "yes:" is not a string
            if not value:
                waiting = (indent, mapping, name)
            elif (read := _value(value)) is not None:
                mapping[name] = read
            else:
                return None
        elif item:
            indent = len(item_spaces)
            if waiting is not None:
                if indent < waiting[0]:
                    return None
                waiting[1][waiting[2]] = items = []
                open_.append((indent, items))
                waiting = None
            while open_[-1][0] > indent:
                open_.pop()
            depth, items = open_[-1]
            if depth != indent or not isinstance(items, list) or (read := _value(item)) is None \
                    or not isinstance(read, str):
                return None
            items.append(read)
    return result if result and waiting is None else None


def has_alias(text: str) -> int:
    """The line of the first alias (`*name`) in a YAML text, or 0. Aliases can make a small file
    expand to an enormous one in every output; data files never need them."""
    if "*" not in text:  # the event scan below costs time; almost no file has a star at all
        return 0
    try:
        for event in yaml.parse(text, Loader=Loader):
            if isinstance(event, yaml.AliasEvent):
                return event.start_mark.line + 1
    except yaml.YAMLError:
        return 0  # reported by the load itself
    return 0


class Dumper(yaml.SafeDumper):
    """Writes data files as staff would: never an alias, even for a value used twice."""

    def ignore_aliases(self, data) -> bool:
        return True


def dump(value: object) -> str:
    """YAML text of `value` for a data file: keys in the given order, Vietnamese letters as they are."""
    return yaml.dump(value, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=1000, default_flow_style=False)
