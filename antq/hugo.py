"""The Hugo site of the benchmark: the same year pages from the same YAML files, made at bench time.

Hugo (the Debian package `hugo`) is what people pick when they want a fast generator. This site is
the part of ours that Hugo can build from the data folder as it is: a home page with the latest
items, an index of the years with their counts, and a page per year with the count of each outlet
and the published items grouped by month, newest first. Hugo reads every YAML file of the folder
(`dataDir`); a content file per year says which year its page shows.
"""

from __future__ import annotations

from pathlib import Path

CONFIG = """baseURL = "{base}"
languageCode = "vi"
title = "Hugo (đối chứng)"
dataDir = "{data}"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
"""
LAYOUTS = {
    "layouts/_default/baseof.html": """<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>{{ .Title }} – {{ .Site.Title }}</title></head>
<body><nav><a href="{{ "/" | relURL }}">Trang chủ</a> · <a href="{{ "/tin-bai/" | relURL }}">Tin bài</a></nav>
<main>{{ block "main" . }}{{ end }}</main></body></html>
""",
    # The published items of one year's folder of data/news, as a list.
    "layouts/partials/published.html": """{{ $items := slice }}{{ range . }}{{ if eq .status "published" }}\
{{ $items = $items | append . }}{{ end }}{{ end }}{{ return $items }}
""",
    "layouts/index.html": """{{ define "main" }}<h1>{{ .Site.Title }}</h1>
{{ $items := slice }}{{ range .Site.Data.news }}{{ $items = $items | append (partial "published.html" .) }}{{ end }}
<h2>Tin bài mới nhất</h2>
<ul>{{ range first 10 (sort $items "date" "desc") }}<li>{{ .title }}</li>{{ end }}</ul>
{{ end }}
""",
    "layouts/tin-bai/list.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
<table><tr><th>Năm</th><th>Số tin bài</th></tr>
{{ range sort .Pages "Params.year" "desc" }}<tr><td><a href="{{ .RelPermalink }}">{{ .Params.year }}</a></td>\
<td>{{ len (partial "published.html" (index $.Site.Data.news .Params.year)) }}</td></tr>{{ end }}</table>
{{ end }}
""",
    "layouts/tin-bai/single.html": """{{ define "main" }}\
{{ $items := sort (partial "published.html" (index .Site.Data.news .Params.year)) "date" "desc" }}
{{ $names := dict }}{{ range .Site.Data.outlets.outlets }}{{ $names = merge $names (dict .id .name) }}{{ end }}
<h1>{{ .Title }}</h1><p>{{ len $items }} tin bài đã duyệt.</p>
<table><tr><th>Nơi đăng, phát</th><th>Số tin bài</th></tr>
{{ range sort .Site.Data.outlets.outlets "name" }}{{ $n := len (where $items "outlet" .id) }}{{ if $n }}\
<tr><td>{{ .name }}</td><td>{{ $n }}</td></tr>{{ end }}{{ end }}</table>
{{ $month := "" }}{{ range $items }}{{ $day := printf "%v" .date | time.AsTime }}\
{{ $m := $day | time.Format "1/2006" }}{{ if ne $m $month }}{{ if $month }}</ul>{{ end }}\
<h2>Tháng {{ $m }}</h2><ul>{{ $month = $m }}{{ end }}
<li><time>{{ $day | time.Format "02/01/2006" }}</time> · {{ if .url }}<a href="{{ .url }}">{{ .title }}</a>\
{{ else }}{{ .title }}{{ end }} · <span>{{ index $names .outlet }}, {{ .kind }}</span></li>{{ end }}\
{{ if $month }}</ul>{{ end }}
{{ end }}
""",
}


def hugo_files(data: Path, years: list[int], base_url: str = "http://127.0.0.1/") -> dict[str, str]:
    """Path (in the Hugo site's folder) -> text: the configuration reading the data folder `data`, the
    templates, and a page for each of the `years`."""
    files = {"config.toml": CONFIG.format(base=base_url, data=data.resolve().as_posix()),
             "content/_index.md": "---\ntitle: Trang chủ\n---\n",
             "content/tin-bai/_index.md": "---\ntitle: Tin bài theo năm\n---\n", **LAYOUTS}
    for year in years:
        files[f"content/tin-bai/{year}.md"] = f'---\ntitle: Tin bài năm {year}\nyear: "{year}"\n---\n'
    return files
