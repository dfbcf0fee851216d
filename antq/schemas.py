"""JSON Schema files exported from the model, for editors checking data while staff type, and
of the quota downloads, for reviewers' scripts."""

from __future__ import annotations

import json
from pathlib import Path

from .export import QuotaYear
from .model import FILE_KINDS, NewsItem, Record, schema_name

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"
DOWNLOAD_SCHEMA = "chi-tieu-nam.schema.json"


def json_schemas() -> dict[str, str]:
    """File name -> schema text, for every kind of data file."""
    out = {}
    named = {f"{schema_name(model)}.schema.json": model for model in [*FILE_KINDS.values(), NewsItem]}
    named[DOWNLOAD_SCHEMA] = QuotaYear
    for name, model in named.items():
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **model.model_json_schema()}
        out[name] = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
    return out


def modeline(model: type[Record], depth: int) -> str:
    """The editor hint that starts a data file `depth` folders below data/."""
    return f"# yaml-language-server: $schema={'../' * (depth + 1)}schemas/{schema_name(model)}.schema.json\n"


def write_schemas(folder: Path = SCHEMA_DIR) -> list[Path]:
    folder.mkdir(exist_ok=True)
    written = []
    for name, text in json_schemas().items():
        (folder / name).write_text(text, encoding="utf-8")
        written.append(folder / name)
    return written
