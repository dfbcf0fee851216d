"""The feed import over HTTP, against a server on 127.0.0.1 started by the tests (never the internet)."""

import gzip
import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from antq.feed_import import STATE_FILE, import_feeds
from antq.fetch import FetchError, fetch, user_agent
from conftest import FIXTURES, run_script

FEEDS = FIXTURES / "feeds"
RSS = (FEEDS / "rss-basic.xml").read_bytes()
TIMEOUT = 0.5  # seconds: short, so that the timeout case stays quick


class FeedServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), Handler)
        self.routes = {}
        self.requests = []  # (path, headers) of every request received
        self.release = threading.Event()  # ends the slow handler when the test is over

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}{path}"

    def handle_error(self, request, client_address):
        pass  # a client that gave up (the timeout case) is expected


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        self.server.requests.append((self.path, dict(self.headers)))
        route = self.server.routes.get(self.path)
        if route is None:
            self.send_error(404)
        else:
            route(self)

    def log_message(self, *args):
        pass


def feed(body: bytes, etag: str | None = None, content_type="application/rss+xml; charset=utf-8", gzipped=False):
    def respond(handler):
        if etag and handler.headers.get("If-None-Match") == etag:
            handler.send_response(304)
            handler.send_header("ETag", etag)
            handler.end_headers()
            return
        data = gzip.compress(body) if gzipped else body
        handler.send_response(200)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(data)))
        if gzipped:
            handler.send_header("Content-Encoding", "gzip")
        if etag:
            handler.send_header("ETag", etag)
            handler.send_header("Last-Modified", "Tue, 05 Mar 2024 03:00:00 GMT")
        handler.end_headers()
        handler.wfile.write(data)
    return respond


def status(code: int):
    return lambda handler: handler.send_error(code)


def redirect(to: str, code: int = 301):
    def respond(handler):
        handler.send_response(code)
        handler.send_header("Location", to)
        handler.send_header("Content-Length", "0")
        handler.end_headers()
    return respond


def slow(handler):
    handler.server.release.wait(10)  # far longer than the client waits


@pytest.fixture
def server(monkeypatch):
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    srv = FeedServer()
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.release.set()
    srv.shutdown()
    srv.server_close()
    thread.join(5)


def closed_port_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/rss"


def run(data_dir, *sources, **options):
    return import_feeds(data_dir, [("bao-tinh", s) for s in sources], timeout=TIMEOUT, **options)


def test_unchanged_feed_is_answered_304_with_the_remembered_etag(server, data_copy):
    server.routes["/rss"] = feed(RSS, etag='"v1"')
    [first] = run(data_copy, server.url("/rss"), agent=user_agent("https://antq.example/"))
    assert len(first.new) == 2
    state = json.loads((data_copy / STATE_FILE).read_text(encoding="utf-8"))
    assert state == {server.url("/rss"): {"etag": '"v1"', "last_modified": "Tue, 05 Mar 2024 03:00:00 GMT"}}
    [second] = run(data_copy, server.url("/rss"))
    assert second.unchanged and not second.new and second.failure is None
    (_, headers1), (_, headers2) = server.requests
    assert "If-None-Match" not in headers1 and headers1["User-Agent"] == "antq-site-feeds/1.0 (+https://antq.example/)"
    assert headers2["If-None-Match"] == '"v1"' and headers2["If-Modified-Since"] == "Tue, 05 Mar 2024 03:00:00 GMT"
    assert json.loads((data_copy / STATE_FILE).read_text(encoding="utf-8")) == state


def test_a_changed_etag_downloads_again_and_dedup_keeps_it_idempotent(server, data_copy):
    server.routes["/rss"] = feed(RSS, etag='"v1"')
    run(data_copy, server.url("/rss"))
    server.routes["/rss"] = feed(RSS, etag='"v2"')
    [again] = run(data_copy, server.url("/rss"))
    assert not again.unchanged and not again.new and again.already == 3
    assert json.loads((data_copy / STATE_FILE).read_text(encoding="utf-8"))[server.url("/rss")]["etag"] == '"v2"'


@pytest.mark.parametrize("code, cause", [
    (404, "máy chủ trả lời HTTP 404: không có nguồn tin ở địa chỉ này"),
    (500, "máy chủ trả lời HTTP 500: máy chủ của cơ quan báo chí đang lỗi"),
])
def test_http_errors_fail_that_feed_only(server, data_copy, code, cause):
    server.routes["/bad"] = status(code)
    server.routes["/rss"] = feed(RSS)
    bad, good = run(data_copy, server.url("/bad"), server.url("/rss"))
    assert bad.failure.startswith(cause) and not bad.new
    assert good.failure is None and len(good.new) == 2


def test_timeout_fails_that_feed_quickly(server, data_copy):
    server.routes["/slow"] = slow
    [result] = run(data_copy, server.url("/slow"))
    assert result.failure == "quá thời gian chờ (0.5 giây), máy chủ không trả lời"


def test_unreachable_host_fails_that_feed(data_copy, monkeypatch):
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    [result] = run(data_copy, closed_port_url())
    assert result.failure == "máy chủ từ chối kết nối"


def test_redirect_is_followed_and_reported(server, data_copy):
    server.routes["/cu/rss"] = redirect(server.url("/moi/rss"))
    server.routes["/moi/rss"] = feed((FEEDS / "relative-links.xml").read_bytes())
    [result] = run(data_copy, server.url("/cu/rss"))
    assert result.moved_to == server.url("/moi/rss")
    # Relative links resolve against the address the feed was finally read from.
    assert [f.text.split("url: ", 1)[1].split("\n", 1)[0] for f in result.new] == [
        server.url("/phap-luat/diem-ma-tuy.html"), server.url("/moi/phap-luat/to-giac-trom-cap.html?id=7")]


def test_declared_encoding_and_gzip_over_http(server, data_copy):
    server.routes["/rss"] = feed((FEEDS / "encoding-windows-1258.xml").read_bytes(), content_type="text/xml",
                                 gzipped=True)
    [result] = run(data_copy, server.url("/rss"))
    assert [f.title for f in result.new] == ["Đồng Cốc: bắt giữ đối tượng buôn bán ma túy"]
    assert server.requests[0][1]["Accept-Encoding"] == "gzip, deflate"


def test_malformed_feed_over_http_fails_and_is_not_remembered(server, data_copy):
    server.routes["/rss"] = feed((FEEDS / "malformed.xml").read_bytes(), etag='"broken"')
    [result] = run(data_copy, server.url("/rss"))
    assert result.failure.startswith("nguồn tin hỏng")
    assert server.url("/rss") not in json.loads((data_copy / STATE_FILE).read_text(encoding="utf-8"))


def test_fetch_returns_bytes_and_headers(server):
    server.routes["/rss"] = feed(RSS, etag='"v1"')
    got = fetch(server.url("/rss"), timeout=TIMEOUT)
    assert got.status == 200 and got.body == RSS and got.headers["etag"] == '"v1"'
    assert fetch(server.url("/rss"), etag='"v1"', timeout=TIMEOUT).status == 304
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch(server.url("/khong-co"), timeout=TIMEOUT)


def test_the_command_reads_every_outlet_feed_and_one_bad_feed_does_not_stop_the_others(server, data_copy):
    server.routes["/bao-tinh.rss"] = feed(RSS, etag='"v1"')
    server.routes["/slow"] = slow
    refused = closed_port_url()
    outlets = data_copy / "outlets.yml"
    text = outlets.read_text(encoding="utf-8")
    text = text.replace('    name: "Báo tỉnh"\n', f'    name: "Báo tỉnh"\n    feed: "{server.url("/bao-tinh.rss")}"\n')
    text = text.replace('    name: "Cổng huyện"\n', f'    name: "Cổng huyện"\n    feed: "{server.url("/slow")}"\n')
    text = text.replace('    name: "Đài huyện"\n', f'    name: "Đài huyện"\n    feed: "{refused}"\n')
    outlets.write_text(text, encoding="utf-8")
    env = {"no_proxy": "127.0.0.1,localhost"}
    result = run_script("import_feeds.py", "--data", str(data_copy), "--timeout", str(TIMEOUT),
                        "--site-url", "https://antq.example/", env=env)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"Lỗi: Đài huyện (dai-huyen), {refused}: máy chủ từ chối kết nối",
        f"Lỗi: Cổng huyện (cong-huyen), {server.url('/slow')}: quá thời gian chờ (0.5 giây), máy chủ không trả lời"]
    assert "Báo tỉnh (bao-tinh)" in result.stdout and ": 2 mới, 1 đã có, 1 không liên quan, 0 lỗi" in result.stdout
    assert "Tổng: 2 tin mới chờ duyệt từ 3 nguồn; 2/3 nguồn lỗi" in result.stdout
    user_agents = {h["User-Agent"] for p, h in server.requests if p == "/bao-tinh.rss"}
    assert user_agents == {"antq-site-feeds/1.0 (+https://antq.example/)"}
    again = run_script("import_feeds.py", "--data", str(data_copy), "--timeout", str(TIMEOUT), env=env)
    assert "không thay đổi từ lần đọc trước (HTTP 304)" in again.stdout
    assert "Tổng: 0 tin mới chờ duyệt" in again.stdout
