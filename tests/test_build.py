"""The whole build: strict MkDocs over the shipped data and over test data sets."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from browser import build
from conftest import CONSENT, PROJECT, VALID

PAGES = ["index.html", "duong-day-nong/index.html", "huong-dan/index.html", "huong-dan/to-giac-toi-pham/index.html",
         "huong-dan/phong-trao/index.html", "huong-dan/mo-hinh-tu-quan/index.html", "mo-hinh/index.html",
         "mo-hinh/theo-xa/index.html", "guong-nguoi-tot/index.html", "tin-bai/index.html", "chi-tieu/index.html",
         "du-lieu/index.html", "muc-tieu/index.html", "muc-tieu/don-vi/index.html", "nhiem-vu/index.html"]


@pytest.fixture(scope="module")
def shipped_site(tmp_path_factory):
    site = tmp_path_factory.mktemp("site")
    result = build(site)
    assert result.returncode == 0, result.stderr
    return site


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_shipped_data_builds_every_page(shipped_site):
    for page in PAGES:
        assert (shipped_site / page).is_file(), page
    years = sorted(p.parent.name for p in shipped_site.glob("tin-bai/*/index.html"))
    assert years[:6] == ["2020", "2021", "2022", "2023", "2024", "2025"]
    for year in years[:6]:
        assert (shipped_site / f"chi-tieu/{year}/index.html").is_file()
        for report in (year, f"{year}-6-thang-dau", f"{year}-6-thang-cuoi"):
            assert (shipped_site / f"bao-cao/{report}/index.html").is_file(), report
        assert (shipped_site / f"du-lieu/chi-tieu-{year}.csv").is_file()
        assert (shipped_site / f"du-lieu/tin-bai-{year}.json").is_file()


def test_demonstration_banner_and_edit_link_on_pages(shipped_site):
    for page in html_pages(shipped_site):
        if page.name == "404.html" or page.parent.name == "quan-tri":  # the staff editor is an application
            continue
        text = page.read_text(encoding="utf-8")
        assert "Dữ liệu minh họa." in text, page
    for page in ["index.html", "duong-day-nong/index.html", "chi-tieu/2024/index.html", "mo-hinh/index.html"]:
        assert ">Sửa trang này</a>" in (shipped_site / page).read_text(encoding="utf-8"), page


class ResourceLinks(HTMLParser):
    """Addresses a browser fetches while loading a page (not the links a reader may follow)."""
    NOT_LOADED = {"canonical", "alternate", "author", "license", "next", "prev", "search"}

    def __init__(self):
        super().__init__()
        self.loaded: list[str] = []

    def handle_starttag(self, name, attrs):
        attrs = dict(attrs)
        if name == "link" and not set((attrs.get("rel") or "").split()) & self.NOT_LOADED:
            self.loaded.append(attrs.get("href") or "")
        elif name in ("script", "img", "iframe", "source", "video", "audio", "embed", "object"):
            self.loaded += [attrs.get("src") or "", attrs.get("data") or ""]


class Links(HTMLParser):
    """The links of a page and the ids it has."""

    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, name, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if name == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])


def test_every_link_of_the_targets_and_duties_pages_lands_on_a_page_and_an_anchor(shipped_site):
    """The generated pages link in raw HTML, which MkDocs does not check: every relative link and its
    #anchor must exist in the built site."""
    pages = sorted(shipped_site.glob("muc-tieu/**/index.html")) + [shipped_site / "nhiem-vu/index.html"]
    assert len(pages) > 20
    parsed: dict[Path, Links] = {}

    def parse(path: Path) -> Links:
        if path not in parsed:
            parsed[path] = Links()
            parsed[path].feed(path.read_text(encoding="utf-8"))
        return parsed[path]

    checked = 0
    for page in pages:
        for href in parse(page).hrefs:
            if re.match(r"[a-z]+:", href) or href.startswith("//"):
                continue
            path, _, anchor = href.partition("#")
            target = (page.parent / path).resolve() if path else page
            if target.is_dir():
                target = target / "index.html"
            assert target.is_file(), (page, href)
            if anchor and target.suffix == ".html":
                assert anchor in parse(target).ids, (page, href)
                checked += 1
    assert checked > 500  # every figure's year and every unit behind it


def test_no_page_loads_anything_from_another_host(shipped_site):
    for page in html_pages(shipped_site):
        parser = ResourceLinks()
        parser.feed(page.read_text(encoding="utf-8"))
        assert parser.loaded, page
        assert not [url for url in parser.loaded if re.match(r"(?:[a-z]+:)?//", url, re.I)], page
    css_import = re.compile(r"""url\(\s*["']?(?:https?:)?//|@import""", re.I)
    for css in shipped_site.rglob("*.css"):
        assert not css_import.search(css.read_text(encoding="utf-8")), css


def test_hotline_page_has_tel_links_and_quota_page_a_chart(shipped_site):
    hotlines = (shipped_site / "duong-day-nong/index.html").read_text(encoding="utf-8")
    assert 'href="tel:113"' in hotlines and "Đã gọi thử, liên lạc được ngày" in hotlines
    quota = (shipped_site / "chi-tieu/2024/index.html").read_text(encoding="utf-8")
    assert quota.count('<svg class="chart"') == 2 and "Theo nơi đăng" in quota
    # 2025 is split between two plans on 1 July: each part's two groups have their own chart.
    split = (shipped_site / "chi-tieu/2025/index.html").read_text(encoding="utf-8")
    assert split.count('<svg class="chart"') == 4 and "Năm 2025 được tính theo từng phần" in split
    # The reports repeat the year pages' items: they stay out of the search index.
    docs = (shipped_site / "search/docs.json").read_text(encoding="utf-8")
    assert '"chi-tieu/2025/"' in docs and '"bao-cao/' not in docs


def test_values_with_markup_show_as_text(tmp_path):
    data = tmp_path / "data"
    import shutil
    shutil.copytree(VALID, data)
    news = data / "news/2024/2024-03-05-tuan-tra-dem.yml"
    news.write_text(news.read_text(encoding="utf-8").replace("Tuần tra đêm ở An Hòa", "<script>alert(1)</script>"))
    hotlines = data / "hotlines.yml"
    hotlines.write_text(hotlines.read_text(encoding="utf-8").replace('"Cảnh sát"', '"<img src=x onerror=alert(2)>"'))
    result = build(tmp_path / "site", data, today="2024-06-01")
    assert result.returncode == 0, result.stderr
    pages = {p: p.read_text(encoding="utf-8") for p in html_pages(tmp_path / "site")}
    assert not any("<script>alert(1)" in t or "<img src=x" in t for t in pages.values())
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages[tmp_path / "site/tin-bai/2024/index.html"]
    assert "&lt;img src=x onerror=alert(2)&gt;" in pages[tmp_path / "site/duong-day-nong/index.html"]


def test_bad_data_fails_the_build_with_the_validator_messages_and_writes_nothing(tmp_path):
    data = tmp_path / "data"
    import shutil
    shutil.copytree(VALID, data)
    (data / "people.yml").write_text((data / "people.yml").read_text(encoding="utf-8").replace(CONSENT, "consent: false"))
    result = build(tmp_path / "site", data)
    assert result.returncode != 0
    assert "people.yml:8: consent: nhận được false, cần số và ngày" in result.stderr
    assert "chưa xuất bản gì" in result.stderr
    assert not (tmp_path / "site").exists()
    # The end too is Vietnamese, not MkDocs' "Aborted with a BuildError!".
    assert "Aborted" not in result.stdout + result.stderr
    assert result.stdout.strip().splitlines()[-1] == "Đã dừng: trang chưa được dựng, chưa xuất bản gì."


def test_strict_mode_warnings_end_the_build_in_vietnamese():
    import importlib.util
    from mkdocs.exceptions import Abort
    spec = importlib.util.spec_from_file_location("site_data_hook", PROJECT / "hooks/site_data.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    with pytest.raises(Abort) as stopped:
        hook.on_build_error(Abort("Aborted with 2 warnings in strict mode!"))
    assert str(stopped.value) == "Đã dừng: 2 cảnh báo (chế độ nghiêm ngặt coi mọi cảnh báo là lỗi), chưa xuất bản gì."
    hook.on_build_error(ValueError("not ours"))  # anything else goes on as MkDocs has it


def test_properdocs_builds_the_same_site(shipped_site, tmp_path):
    """ProperDocs, the maintained MkDocs 1.x fork, builds the site unchanged: we learn the day it stops."""
    result = build(tmp_path / "site", tool="properdocs")
    assert result.returncode == 0, result.stderr
    ours = sorted(p.relative_to(tmp_path / "site").as_posix() for p in (tmp_path / "site").rglob("*") if p.is_file())
    assert ours == sorted(p.relative_to(shipped_site).as_posix() for p in shipped_site.rglob("*") if p.is_file())
    for page in ("duong-day-nong/index.html", "chi-tieu/2024/index.html"):
        main = [re.search(r"<article.*</article>", (site / page).read_text(encoding="utf-8"), re.S)[0]
                for site in (shipped_site, tmp_path / "site")]
        assert main[0] == main[1]


def test_heading_anchors_fold_d_bar_like_the_search(shipped_site):
    """Python-Markdown's own anchors drop đ (#uong-day-nong); ours fold it to d, as people type."""
    home = (shipped_site / "index.html").read_text(encoding="utf-8")
    assert '<h2 id="duong-day-nong">Đường dây nóng</h2>' in home and 'id="uong-day-nong"' not in home
    hotlines = (shipped_site / "duong-day-nong/index.html").read_text(encoding="utf-8")
    assert '<h2 id="xa-deo-gia">xã Đèo Gia</h2>' in hotlines
