"""The JSON Schema files in schemas/ are the model's, and every data file points at its schema."""

from pathlib import Path

from antq.schemas import SCHEMA_DIR, json_schemas
from conftest import PROJECT


def test_schema_files_are_up_to_date():
    expected = json_schemas()
    assert sorted(p.name for p in SCHEMA_DIR.glob("*.json")) == sorted(expected)
    for name, text in expected.items():
        assert (SCHEMA_DIR / name).read_text(encoding="utf-8") == text, f"chạy python scripts/export_schemas.py ({name})"


def test_every_shipped_data_file_names_its_schema():
    data = PROJECT / "data"
    files = sorted(data.glob("*.yml")) + sorted(data.glob("news/*/*.yml"))
    assert len(files) > 6
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        target = (path.parent / first.split("$schema=", 1)[-1]).resolve()
        assert first.startswith("# yaml-language-server: $schema="), path
        assert target.is_file() and target.parent == SCHEMA_DIR, path
