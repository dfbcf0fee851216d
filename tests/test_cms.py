"""The browser editor's configuration agrees with the data model, field by field, and the built
site ships exactly that configuration and the editor's files; public pages never load them."""

import re
import typing
from pathlib import Path

import pytest
import yaml
from mkdocs.config import load_config
from pydantic import BaseModel, ValidationError

from antq.cms import (NEWS_FOLDER, EditorSettings, cms_config, editor_assets, editor_settings,
                      render_cms_config)
from antq.messages import inner_type
from antq.model import FILE_KINDS, NewsItem, Outlet, Site, ref_kind, schema_name
from conftest import PROJECT

CONFIG = cms_config(EditorSettings(repo="chu/kho"))
NEWS, CATALOGUE = CONFIG["collections"]
FILES = {f["file"].removeprefix("data/"): f for f in CATALOGUE["files"]}
LISTS = {key for name, model in FILE_KINDS.items() if model is not Site for key in model.model_fields}


def _subclasses(cls) -> set[str]:
    return {name for sub in cls.__subclasses__() for name in {sub.__name__, *_subclasses(sub)}}


CLASS_NAMES = _subclasses(BaseModel)


def literal_values(annotation) -> list | None:
    for candidate in (annotation, *typing.get_args(annotation)):
        if typing.get_origin(candidate) is typing.Literal:
            return list(typing.get_args(candidate))
        inner = typing.get_args(candidate)
        if inner and typing.get_origin(inner[0]) is typing.Literal:
            return list(typing.get_args(inner[0]))
    return None


def assert_fields_agree(model: type[BaseModel], fields: list[dict], where: str, optional: bool = False) -> None:
    """Every field of the model, and only those, with its requiredness (none in an optional record),
    description, choices and nested fields; a Vietnamese label, not the field's own name."""
    assert [f["name"] for f in fields] == list(model.model_fields), where
    for field in fields:
        info = model.model_fields[field["name"]]
        at = f"{where}.{field['name']}"
        assert field["label"] and field["label"] != field["name"], at
        # Vietnamese, not the code's own English: the field's name or a record's class name.
        assert field["label"].lower().replace(" ", "_") != field["name"] and field["label"] not in CLASS_NAMES, at
        if field["widget"] == "hidden":
            continue
        assert field["required"] == (info.is_required() and not optional), at
        assert field.get("hint", field["label"]) == (info.description or field["label"]), at
        choices = literal_values(info.annotation)
        if choices is not None:
            assert [o["value"] for o in field["options"]] == choices, at
            assert field.get("multiple", False) == (typing.get_origin(info.annotation) is list), at
        if ref_kind(info) in LISTS:  # a picker of another list's records
            assert field["widget"] == "relation" and field["value_field"] == f"{ref_kind(info)}.*.id", at
            continue
        nested = inner_type(info.annotation)
        if isinstance(nested, type) and issubclass(nested, BaseModel):
            inside_optional = optional or (field["widget"] == "object" and not info.is_required())
            assert_fields_agree(nested, field["fields"], at, inside_optional)


def test_news_form_has_every_field_of_a_news_item():
    assert_fields_agree(NewsItem, NEWS["fields"], "news")


@pytest.mark.parametrize("name", [n for n, m in FILE_KINDS.items() if m is not Site])
def test_each_list_file_has_a_form_with_every_field_of_its_records(name):
    assert FILES[name]["file"] == f"data/{name}"
    assert_fields_agree(FILE_KINDS[name], FILES[name]["fields"], name)


def test_the_site_file_is_left_to_maintainers():
    assert "site.yml" not in FILES


def test_new_items_are_written_where_the_guide_says_and_wait_for_review():
    assert NEWS["folder"] == NEWS_FOLDER == "data/news" and NEWS["extension"] == "yml"
    assert re.fullmatch(r"\{\{date \| truncate\(4\)\}\}/\{\{date\}\}-\{\{slug\}\}", NEWS["path"])
    status = next(f for f in NEWS["fields"] if f["name"] == "status")
    assert status["default"] == "pending"
    assert CONFIG["publish_mode"] == "editorial_workflow" and CONFIG["locale"] == "vi"
    assert CONFIG["slug"] == {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"}


def test_every_file_written_keeps_its_schema_line():
    assert NEWS["fields"][0]["comment"] == "yaml-language-server: $schema=../../../schemas/news.schema.json"
    for name, form in FILES.items():
        expected = f"yaml-language-server: $schema=../schemas/{schema_name(FILE_KINDS[name])}.schema.json"
        assert form["fields"][0]["comment"] == expected


def field(fields: list[dict], name: str) -> dict:
    return next(f for f in fields if f["name"] == name)


def test_outlet_and_commune_pickers_show_names_and_store_ids():
    outlet = field(NEWS["fields"], "outlet")
    assert (outlet["widget"], outlet["file"], outlet["value_field"], outlet["multiple"]) == (
        "relation", "outlets", "outlets.*.id", False)
    assert outlet["display_fields"][0] == "outlets.*.name" and outlet["label"] == "Cơ quan báo chí"
    communes = field(NEWS["fields"], "communes")
    assert (communes["file"], communes["value_field"], communes["multiple"]) == ("communes", "communes.*.id", True)
    for name in ("hotlines.yml", "people.yml", "models.yml"):
        key = {"hotlines.yml": "hotlines", "people.yml": "people", "models.yml": "models"}[name]
        assert field(field(FILES[name]["fields"], key)["fields"], "commune")["widget"] == "relation"
    model_type = field(field(FILES["models.yml"]["fields"], "models")["fields"], "type")
    assert (model_type["file"], model_type["value_field"]) == ("models", "types.*.id")


def test_choices_carry_their_vietnamese_meaning_from_the_description():
    status = field(NEWS["fields"], "status")
    assert {o["value"]: o["label"] for o in status["options"]}["pending"].startswith("Chờ duyệt")
    channels = field(field(FILES["hotlines.yml"]["fields"], "hotlines")["fields"], "channels")
    assert channels["multiple"] and {o["value"]: o["label"] for o in channels["options"]} == {
        "call": "Gọi", "sms": "Nhắn tin", "zalo": "zalo"}


def test_dates_are_typed_as_dates_and_stored_as_the_model_reads_them():
    date = field(NEWS["fields"], "date")
    assert (date["widget"], date["format"], date["time_format"]) == ("datetime", "YYYY-MM-DD", False)


@pytest.mark.parametrize("value", ["https://baobacgiang.example/tin.html", "http://a.example", "baobacgiang.vn/tin",
                                   "https://", "htps://a.example/x", "https://a.example/có dấu cách"])
def test_the_forms_url_pattern_refuses_what_the_model_refuses(value):
    pattern, message = field(NEWS["fields"], "url")["pattern"]
    try:
        NewsItem.model_validate({"title": "t", "date": "2024-01-01", "outlet": "o", "status": "pending", "url": value})
        accepted = True
    except ValidationError:
        accepted = False
    assert bool(re.search(pattern, value)) == accepted
    assert message == "Cần địa chỉ web đầy đủ bắt đầu bằng https:// hoặc http://"


@pytest.mark.parametrize("value", ["bao-bac-giang", "Bao-Bac-Giang", "bao_bac_giang", "bao--bac", "báo"])
def test_the_forms_id_pattern_refuses_what_the_model_refuses(value):
    pattern, message = field(field(FILES["outlets.yml"]["fields"], "outlets")["fields"], "id")["pattern"]
    try:
        Outlet.model_validate({"id": value, "name": "n", "medium": "online"})
        accepted = True
    except ValidationError:
        accepted = False
    assert bool(re.search(pattern, value)) == accepted
    assert "chữ thường không dấu" in message


def test_local_backend_only_when_asked():
    assert "local_backend" not in CONFIG
    local = cms_config(EditorSettings(repo="chu/kho", local_backend="http://127.0.0.1:8081/api/v1"))
    assert local["local_backend"]["url"] == "http://127.0.0.1:8081/api/v1"


# -- the built site ------------------------------------------------------------------------------

def test_the_built_editor_is_the_generated_configuration_and_the_npm_files(demo_site):
    mkdocs = load_config(str(PROJECT / "mkdocs.yml"))
    built = (demo_site.root / "quan-tri/config.yml").read_text(encoding="utf-8")
    assert built == render_cms_config(editor_settings(mkdocs.extra["editor"], mkdocs.site_url))
    assert yaml.safe_load(built)["backend"]["repo"] == mkdocs.extra["editor"]["repo"]
    for uri, source in editor_assets().items():
        assert (demo_site.root / uri).read_bytes() == source.read_bytes(), uri
    assert (demo_site.root / "quan-tri/decap-cms.js").stat().st_size > 1_000_000


def test_public_pages_load_nothing_of_the_editor(demo_site):
    pages = [p for p in demo_site.root.rglob("*.html") if "quan-tri" not in p.parts]
    assert len(pages) > 30
    loads = re.compile(r"""<(?:script|link|img|iframe)\b[^>]*(?:src|href)=["'][^"']*(?:quan-tri/|decap)""")
    for path in pages:
        assert not loads.search(path.read_text(encoding="utf-8")), path
