"""The staff editor's configuration (Decap CMS at /quan-tri/), generated from the data model.

Every form field comes from the JSON Schema of `antq/model.py`: its label from the field's
`title` (or the first clause of its description), its hint from the description, required
fields, choices, patterns and defaults. Fields that hold another record's id (marked `x-ref`
in the model: `outlet`, `commune`...) become pickers that show names and store ids.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic.json_schema import GenerateJsonSchema

from .model import FILE_KINDS, NewsItem, Record, Site
from .paths import PROJECT
from .schemas import modeline

EDITOR_DIST = PROJECT / "node_modules/decap-cms/dist"

NEWS_FOLDER = "data/news"
# data/news/YYYY/YYYY-MM-DD-ten-ngan.yml (antq/news.py, data/news/README.md): the year and the day
# of the item's `date` as typed, then the short name Decap makes from the title. Not Decap's
# {{year}}/{{day}}: those read the date as UTC, which is the day before in Vietnam. Decap
# lowercases the path template and drops its quotes, so no date('YYYY') filter: truncate(4)
# keeps "2025" and an ellipsis that Decap's file-name cleaning then removes.
NEWS_PATH = "{{date | truncate(4)}}/{{date}}-{{slug}}"
STORED_DATE = "YYYY-MM-DD"
SHOWN_DATE = "DD/MM/YYYY"

# Written by commands, never typed: kept as they are, not shown.
HIDDEN = {"guid"}
# Free text that may run over several lines.
MULTILINE = {"summary", "deed", "note", "description"}
# The editorial rule: whoever types an item does not publish it; a reviewer does.
NEW_NEWS_STATUS = "pending"
PATTERN_HINT = "không đúng dạng; xem hướng dẫn dưới ô này"

COMMIT_MESSAGES = {
    "create": "Thêm {{collection}}: {{slug}}",
    "update": "Sửa {{collection}}: {{slug}}",
    "delete": "Xóa {{collection}}: {{slug}}",
    "uploadMedia": "Tải lên {{path}}",
    "deleteMedia": "Xóa {{path}}",
    "openAuthoring": "{{message}}",
}


@dataclass(frozen=True)
class EditorSettings:
    """Where the editor commits and how staff sign in (mkdocs.yml `extra.editor`)."""
    repo: str  # owner/name on GitHub
    branch: str = "main"
    auth_site: str | None = None  # the Netlify site whose OAuth relay signs staff in to GitHub
    site_url: str | None = None
    local_backend: str | None = None  # decap-server's API address, for tests and local editing


class _NoTitles(GenerateJsonSchema):
    """Only titles written in the model, not the ones pydantic makes up from field names."""

    def field_title_should_be_set(self, schema) -> bool:
        return False


def model_schema(model: type[Record]) -> dict:
    return model.model_json_schema(schema_generator=_NoTitles)


def resolve_node(node: dict, defs: dict) -> tuple[dict, bool]:
    """The node behind a $ref or an Optional (anyOf with null), and whether null is allowed."""
    nullable = False
    if "anyOf" in node:
        options = [o for o in node["anyOf"] if o.get("type") != "null"]
        nullable = len(options) < len(node["anyOf"])
        if len(options) == 1:
            node = {**{k: v for k, v in node.items() if k != "anyOf"}, **options[0]}
    if "$ref" in node:
        # A record's class name and docstring are English, for developers: the field says it for staff.
        target = {k: v for k, v in defs[node["$ref"].rsplit("/", 1)[-1]].items() if k not in ("title", "description")}
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return node, nullable


def label_of(name: str, node: dict) -> str:
    """The field's title, else the first clause of its description, else its name."""
    text = node.get("title") or _first_clause(node.get("description", "")) or name
    return text[:1].upper() + text[1:]


def picker_label(label: str) -> str:
    """A picker shows names: "Mã cơ quan báo chí" is "Cơ quan báo chí" there."""
    return label_of("", {"title": re.sub(r"^Mã (các )?", "", label)})


def _first_clause(description: str) -> str:
    # "true nếu là người chưa thành niên": a yes/no field is labelled by what `true` means.
    description = re.sub(r"^true(:| nếu| khi) ", "", description)
    clause = re.split(r";|: | \(|, ví dụ", description, maxsplit=1)[0].strip()
    # "published: đã duyệt; ..." describes values, not the field: no label in it.
    return "" if re.fullmatch(r"[a-z_]+", clause) else clause


def choice_labels(values: list, description: str) -> list[dict]:
    """Select options: each value with its meaning from the description ("v: meaning" or "v (meaning)")."""
    options = []
    for value in values:
        found = re.search(rf"(?:^|[;,:]\s*){re.escape(str(value))}(?::\s*([^;]+)|\s+\(([^)]+)\))", description)
        meaning = (found.group(1) or found.group(2)).strip() if found else ""
        label = f"{meaning[:1].upper()}{meaning[1:]}" if meaning else str(value)
        options.append({"label": label, "value": value})
    return options


class _Builder:
    """Turns JSON Schema properties into Decap CMS fields; `targets` maps a list key to its file."""

    def __init__(self, targets: dict[str, str]):
        self.targets = targets

    def fields(self, schema: dict, defs: dict | None = None, optional: bool = False) -> list[dict]:
        """The fields of a record; in an `optional` record none is required (the form may leave the
        record out; the check of the data says what a record given in part lacks)."""
        defs = {**(defs or {}), **schema.get("$defs", {})}
        required = set(schema.get("required", [])) if not optional else set()
        return [self.field(name, node, name in required, defs) for name, node in schema.get("properties", {}).items()]

    def field(self, name: str, raw: dict, required: bool, defs: dict) -> dict:
        node, _ = resolve_node(raw, defs)
        out: dict = {"name": name, "label": label_of(name, node), "required": required}
        if name in HIDDEN:
            return {**out, "widget": "hidden", "required": False}
        out.update(self.widget(name, node, defs, required))
        if out["widget"] == "relation":
            out["label"] = picker_label(out["label"])
        if node.get("description") and node["description"] != out["label"]:
            out["hint"] = node["description"]
        default = node.get("default")
        if default not in (None, "", [], False) and "default" not in out:
            out["default"] = default
        return out

    def widget(self, name: str, node: dict, defs: dict, required: bool = True) -> dict:
        kind = node.get("type")
        if self.targets.get(node.get("x-ref")):
            return self.relation(node["x-ref"], multiple=kind == "array") | (
                {"min": node["minItems"]} if "minItems" in node else {})
        if kind == "array":
            return self.list_widget(name, node, defs)
        if kind == "object" or "properties" in node:
            return {"widget": "object", "collapsed": False, "fields": self.fields(node, defs, not required)}
        if "enum" in node:
            return {"widget": "select", "options": choice_labels(node["enum"], node.get("description", ""))}
        if node.get("format") == "date":
            return {"widget": "datetime", "format": STORED_DATE, "date_format": SHOWN_DATE, "time_format": False}
        if kind == "boolean":
            return {"widget": "boolean"}
        if kind == "integer":
            out = {"widget": "number", "value_type": "int"}
            out.update({k: node[s] for k, s in (("min", "minimum"), ("max", "maximum")) if s in node})
            return out
        out = {"widget": "text" if name in MULTILINE else "string"}
        if "pattern" in node:
            out["pattern"] = [node["pattern"], node.get("patternErrorMessage", PATTERN_HINT)]
        return out

    def list_widget(self, name: str, node: dict, defs: dict) -> dict:
        items, _ = resolve_node(node.get("items", {}), defs)
        out: dict = {"widget": "list"}
        if "minItems" in node:
            out["min"] = node["minItems"]
        if "enum" in items:
            return {"widget": "select", "multiple": True,
                    "options": choice_labels(items["enum"], node.get("description", ""))} | (
                {"min": node["minItems"]} if "minItems" in node else {})
        if items.get("type") == "object" or "properties" in items:
            fields = self.fields(items, defs)
            out.update({"collapsed": True, "fields": fields, "summary": _summary(fields)})
            return out
        item = self.widget(name, items, defs)
        out["field"] = {"name": name, "label": label_of(name, node), **item}
        return out

    def relation(self, key: str, multiple: bool) -> dict:
        return {"widget": "relation", "collection": "danh-muc", "file": self.targets[key],
                "value_field": f"{key}.*.id", "search_fields": [f"{key}.*.name", f"{key}.*.id"],
                "display_fields": [f"{key}.*.name", f"{key}.*.id"], "multiple": multiple, "options_length": 200}


def _summary(fields: list[dict]) -> str:
    names = [f["name"] for f in fields]
    shown = [n for n in ("id", "name", "title", "year") if n in names][:2]
    return " – ".join(f"{{{{fields.{n}}}}}" for n in shown) or f"{{{{fields.{names[0]}}}}}"


def _file_key(name: str) -> str:
    return name.removesuffix(".yml")


def list_files() -> dict[str, str]:
    """Each record list's key -> the data file holding it (outlets -> outlets.yml...)."""
    return {key: file for file, model in FILE_KINDS.items() if model is not Site
            for key in model.model_fields}


def news_collection(builder: _Builder) -> dict:
    fields = builder.fields(model_schema(NewsItem))
    for field in fields:
        if field["name"] == "status":
            field["default"] = NEW_NEWS_STATUS
    fields[0]["comment"] = modeline(NewsItem, depth=2).removeprefix("# ").rstrip("\n")
    return {
        "name": "tin-bai", "label": "Tin bài", "label_singular": "tin bài",
        "description": "Mỗi tin, bài, phóng sự là một tệp trong data/news/NĂM/. Tin mới ở trạng thái chờ duyệt; "
                       "người duyệt đổi thành đã duyệt rồi xuất bản.",
        "folder": NEWS_FOLDER, "path": NEWS_PATH, "extension": "yml", "format": "yml", "create": True,
        "identifier_field": "title", "summary": "{{date}} – {{title}} ({{status}})",
        "sortable_fields": [{"field": "date", "label": "Ngày", "default_sort": "desc"},
                            {"field": "title", "label": "Tiêu đề"}],
        "view_filters": [{"label": o["label"], "field": "status", "pattern": f"^{o['value']}$"}
                         for o in next(f for f in fields if f["name"] == "status")["options"]],
        "editor": {"preview": False},
        "fields": fields,
    }


def catalogue_collection(builder: _Builder) -> dict:
    files = []
    for file, model in FILE_KINDS.items():
        if model is Site:  # plan periods and quotas: maintainers change them in git
            continue
        fields = builder.fields(model_schema(model))
        fields[0]["comment"] = modeline(model, depth=0).removeprefix("# ").rstrip("\n")
        files.append({"name": _file_key(file), "label": _file_label(model, fields), "file": f"data/{file}",
                      "fields": fields})
    return {"name": "danh-muc", "label": "Danh mục", "description": "Các tệp danh sách trong data/.",
            "editor": {"preview": False}, "files": files}


def _file_label(model: type[Record], fields: list[dict]) -> str:
    return ", ".join(f["label"] for f in fields)


def cms_config(settings: EditorSettings) -> dict:
    """The whole configuration (config.yml) of the editor."""
    builder = _Builder({key: _file_key(file) for key, file in list_files().items()})
    backend: dict = {"name": "github", "repo": settings.repo, "branch": settings.branch,
                     "squash_merges": True, "commit_messages": COMMIT_MESSAGES}
    if settings.auth_site:
        backend.update({"base_url": "https://api.netlify.com", "site_domain": settings.auth_site})
    config: dict = {"backend": backend, "publish_mode": "editorial_workflow", "locale": "vi"}
    if settings.local_backend:
        config["local_backend"] = {"url": settings.local_backend, "allowed_hosts": ["127.0.0.1", "localhost"]}
    if settings.site_url:
        config["site_url"] = config["display_url"] = settings.site_url
    config.update({
        # No field takes uploads; Decap requires a media folder all the same.
        "media_folder": "docs/assets/tai-len", "public_folder": "/assets/tai-len",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [news_collection(builder), catalogue_collection(builder)],
    })
    return config


def render_cms_config(settings: EditorSettings) -> str:
    header = "# Tạo tự động từ antq/model.py (antq/cms.py) khi dựng trang; đừng sửa tay.\n"
    return header + yaml.safe_dump(cms_config(settings), allow_unicode=True, sort_keys=False, width=1000)


def editor_settings(extra: dict, site_url: str | None) -> EditorSettings:
    """From mkdocs.yml's `extra.editor`; $SITE_EDITOR_BACKEND points the editor at a local decap-server."""
    return EditorSettings(repo=extra.get("repo", ""), branch=extra.get("branch", "main"),
                          auth_site=extra.get("auth_site"), site_url=site_url,
                          local_backend=os.environ.get("SITE_EDITOR_BACKEND") or None)


def editor_assets(dist: Path = EDITOR_DIST) -> dict[str, Path]:
    """The editor's files to copy into the site (URI -> file): the bundle, its lazily loaded chunks,
    its licence notice. No source maps."""
    main = dist / "decap-cms.js"
    if not main.is_file():
        raise FileNotFoundError(f"không tìm thấy {main}: trình soạn thảo /quan-tri/ lấy từ npm; "
                                "chạy `make build` (cài bằng npm ci theo package-lock.json)")
    files = [main, dist / "decap-cms.js.LICENSE.txt", *dist.glob("*.decap-cms.js"), *dist.glob("*.wasm")]
    return {f"quan-tri/{path.name}": path for path in sorted(files)}
