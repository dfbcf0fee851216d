"""Whole builds and the real browser for the tests: strict builds by MkDocs (or ProperDocs),
Debian's Chromium driven by Playwright, a static server on 127.0.0.1, and the session fixtures
that build each test site once.

conftest.py imports the fixtures from here, so every test module shares one build of each site.
"""

from __future__ import annotations

import email.utils
import functools
import gzip
import hashlib
import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
PROJECT = TESTS.parent
CHROMIUM = "/usr/bin/chromium"
# No component updates, sync or background fetches: the only requests are the page's own.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
AXE = PROJECT / "node_modules/axe-core/axe.min.js"
TODAY = "2026-11-26"


def configured_site_url() -> str:
    """The site's public address as the build sees it: $SITE_URL, else mkdocs.yml's default."""
    import yaml

    class Tagged(yaml.SafeLoader):
        """mkdocs.yml's `!ENV [NAME, default]` read as the list it tags; Python names left unresolved."""
    Tagged.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node))
    Tagged.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    value = yaml.load((PROJECT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Tagged)["site_url"]
    return os.environ.get(value[0], value[-1]) if isinstance(value, list) else value


def build(site_dir: Path, data_dir: Path | None = None, today: str | None = None,
          tool: str = "mkdocs", **settings: str) -> subprocess.CompletedProcess:
    """A strict build of the site (by `tool`: mkdocs, or its fork properdocs) into `site_dir`,
    from `data_dir` (default: data/) as of `today` (default: the real today); `settings` are
    more environment variables (SITE_EDITOR_BACKEND...)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for name in ("SITE_DATA_DIR", "SITE_TODAY", "SITE_EDITOR_BACKEND"):
        env.pop(name, None)
    env.update({k: v for k, v in {"SITE_DATA_DIR": data_dir and str(data_dir), "SITE_TODAY": today}.items() if v})
    env.update(settings)
    return subprocess.run([sys.executable, "-m", tool, "build", "--strict", "-f", "mkdocs.yml", "--site-dir",
                           str(site_dir)], cwd=PROJECT, env=env, capture_output=True, text=True, timeout=900)


def build_site(site_dir: Path, data_dir: Path | None = None, today: str = TODAY, **settings: str) -> Path:
    result = build(site_dir, data_dir, today, **settings)
    assert result.returncode == 0, result.stderr
    return site_dir


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


# Types a static host (GitHub Pages, Netlify, nginx's defaults) compresses.
COMPRESSED = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml",
              "application/rss+xml", "application/atom+xml", "application/feed+json")


class StaticHostHandler(_QuietHandler):
    """What a static host sends: gzip when the browser accepts it, an ETag answered with 304,
    and `Cache-Control: max-age=600` (GitHub Pages' header) on every file."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".js": "application/javascript",
                      ".json": "application/json", ".xml": "application/xml", ".svg": "image/svg+xml"}
    protocol_version = "HTTP/1.1"  # keep-alive, as any host today
    _gzipped: dict[str, bytes] = {}  # by ETag

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().do_GET()  # the redirect to the address with a slash
            path = path / "index.html"
        if not path.is_file():
            return self.send_error(404)
        body = path.read_bytes()
        kind = self.guess_type(str(path))
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Cache-Control", "max-age=600")
            return self.end_headers()
        compress = kind.startswith(COMPRESSED) and "gzip" in self.headers.get("Accept-Encoding", "")
        if compress:
            if etag not in self._gzipped:
                self._gzipped[etag] = gzip.compress(body, 6, mtime=0)
            body = self._gzipped[etag]
        self.send_response(200)
        self.send_header("Content-Type", kind + ("; charset=utf-8" if kind.startswith("text/") else ""))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", email.utils.formatdate(path.stat().st_mtime, usegmt=True))
        self.send_header("Vary", "Accept-Encoding")
        if compress:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        self.wfile.write(body)


@dataclass
class Served:
    root: Path
    url: str  # with a trailing slash

    def __truediv__(self, path: str) -> str:
        return self.url + path


def serve(root: Path, handler=_QuietHandler):
    """Serve `root` on 127.0.0.1 until the generator is closed: plain files, no compression, unless
    `handler` is StaticHostHandler."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Served(root, f"http://127.0.0.1:{server.server_address[1]}/")
    finally:
        server.shutdown()
        server.server_close()


def settle(page, quiet: float = 2.0, limit: float = 60.0) -> None:
    """Wait until no request is in flight and none started for `quiet` seconds.

    Playwright's own "networkidle" can come before the theme's script starts its search
    worker on a slow machine; this waits for that too."""
    state = {"inflight": 0, "last": time.monotonic()}

    def started(_):
        state["inflight"] += 1
        state["last"] = time.monotonic()

    def ended(_):
        state["inflight"] -= 1
        state["last"] = time.monotonic()

    page.on("request", started)
    page.on("requestfinished", ended)
    page.on("requestfailed", ended)
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        page.wait_for_timeout(100)
        if state["inflight"] <= 0 and time.monotonic() - state["last"] >= quiet:
            return
    raise AssertionError(f"the network was still busy after {limit} s")


def received(request) -> int:
    """Bytes of a finished request's response, headers and body, as Chromium received them."""
    sizes, response = request.sizes(), request.response()
    # Playwright reports no body size for a worker's script; the file server always sends Content-Length.
    body = max(sizes["responseBodySize"], int(response.headers.get("content-length", 0)) if response else 0)
    return sizes["responseHeadersSize"] + body


def first_visit(browser, url: str, then=None) -> dict[str, int]:
    """Bytes received per address on a first visit to `url` until the network is idle, then
    (if given) after `then(page)` until it is idle again."""
    context = browser.new_context()
    page = context.new_page()
    finished = []
    page.on("requestfinished", lambda request: finished.append(request))
    page.goto(url, wait_until="commit")
    settle(page)
    if then is not None:
        then(page)
        settle(page)
    sizes: dict[str, int] = {}
    for request in finished:
        sizes[request.url] = sizes.get(request.url, 0) + received(request)
    context.close()
    return sizes


# -- session fixtures ------------------------------------------------------------------------

@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        # launch() starts Chromium with a fresh temporary profile of its own.
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def demo_build(tmp_path_factory) -> Path:
    """The shipped demonstration data, built once for every test that reads or serves it."""
    return build_site(tmp_path_factory.mktemp("demo-site"))


@pytest.fixture(scope="session")
def demo_site(demo_build):
    """The demonstration build served as plain files."""
    yield from serve(demo_build)


@pytest.fixture(scope="session")
def demo_host(demo_build):
    """The demonstration build served as a static host would: gzip, ETag, cache headers."""
    yield from serve(demo_build, StaticHostHandler)


@pytest.fixture(scope="session")
def big_site(tmp_path_factory):
    """The demonstration data with 10,000 generated news items instead of its own, built once and served."""
    from synthetic_news import write_synthetic_news
    root = tmp_path_factory.mktemp("big")
    data = write_synthetic_news(PROJECT / "data", root / "data", 10_000)
    yield from serve(build_site(root / "site", data))


# -- the theme's search box ----------------------------------------------------------------

def search(page, query: str) -> None:
    """Type `query` in the site's own search box, as a person would, and wait for its results to settle."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.press_sequentially(query, delay=15)
    box.press("End")  # a key event: the theme reads the box on key up, after any composed text
    deadline, last, since = time.monotonic() + 20, None, time.monotonic()
    while time.monotonic() < deadline:
        now = page.locator(".md-search-result").inner_html()
        if now != last:
            last, since = now, time.monotonic()
        elif time.monotonic() - since > 0.8 and page.locator(".md-search-result__item").count():
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"no search results for {query!r}")


def results(page) -> list[dict]:
    """Each result group: its page address, the titles shown and the words marked."""
    return page.eval_on_selector_all(".md-search-result__item", """items => items.map(item => ({
        page: item.querySelector("a").getAttribute("href"),
        titles: [...item.querySelectorAll("h1, h2")].map(h => h.textContent),
        marked: [...item.querySelectorAll("mark")].map(m => m.textContent)}))""")



WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page) -> list[dict]:
    """axe-core's WCAG 2.0/2.1 A and AA violations on the page as it is now."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG)
    return result["violations"]
