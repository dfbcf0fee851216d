"""The YAML reader of data files: safe, dates kept as text, no duplicate keys, no aliases."""

from __future__ import annotations

import re

import yaml
from yaml.constructor import ConstructorError

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
