"""JSON Schema files exported from the model, for editors checking data while staff type."""

from __future__ import annotations

import json
from pathlib import Path

from .model import FILE_KINDS, NewsItem, Record, schema_name

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"


def json_schemas() -> dict[str, str]:
    """File name -> schema text, for every kind of data file."""
    out = {}
    for model in [*FILE_KINDS.values(), NewsItem]:
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **model.model_json_schema()}
        out[f"{schema_name(model)}.schema.json"] = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
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
