"""The feed import over HTTP, against a server on 127.0.0.1 started by the tests (never the internet)."""

import gzip
import json
import socket
import threading
import time
import tracemalloc
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from antq.feed_import import STATE_FILE, import_feeds
from antq.fetch import MAX_BYTES, FetchError, fetch, redirect_problem, user_agent
from conftest import FIXTURES, run_script

FEEDS = FIXTURES / "feeds"
RSS = (FEEDS / "rss-basic.xml").read_bytes()
TIMEOUT = 0.5  # seconds: short, so that the timeout case stays quick
DEADLINE = ("quá thời gian cho phép (0.5 giây cho cả nguồn tin): máy chủ trả lời quá chậm hoặc "
            "không trả lời")


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


def running():
    """A FeedServer on 127.0.0.1 for the length of one test."""
    srv = FeedServer()
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.release.set()
    srv.shutdown()
    srv.server_close()
    thread.join(5)


@pytest.fixture
def server(monkeypatch):
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    yield from running()


def closed_port_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/rss"


def run(data_dir, *sources, **options):
    return import_feeds(data_dir, [("bao-tinh", s) for s in sources], timeout=TIMEOUT, **options).feeds


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
    assert result.failure == DEADLINE


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
        f"Lỗi: Cổng huyện (cong-huyen), {server.url('/slow')}: {DEADLINE}"]
    assert "Báo tỉnh (bao-tinh)" in result.stdout and ": 2 mới, 1 đã có, 1 không liên quan, 0 lỗi" in result.stdout
    assert "Tổng: 2 tin mới chờ duyệt từ 3 nguồn; 2/3 nguồn lỗi" in result.stdout
    user_agents = {h["User-Agent"] for p, h in server.requests if p == "/bao-tinh.rss"}
    assert user_agents == {"antq-site-feeds/1.0 (+https://antq.example/)"}
    again = run_script("import_feeds.py", "--data", str(data_copy), "--timeout", str(TIMEOUT), env=env)
    assert "không thay đổi từ lần đọc trước (HTTP 304)" in again.stdout
    assert "Tổng: 0 tin mới chờ duyệt" in again.stdout


# -- hostile servers ---------------------------------------------------------------------------
# Each case is a server an attacker (or a broken outlet) could run; the import must stay bounded in
# time and memory, and the other feeds must go on.

def drip_body(handler):
    """A byte every 50 ms: each read is quick, the whole would take minutes."""
    handler.send_response(200)
    handler.send_header("Content-Type", "application/rss+xml; charset=utf-8")
    handler.send_header("Content-Length", str(len(RSS)))
    handler.end_headers()
    for byte in RSS:
        if handler.server.release.wait(0.05):
            return
        handler.wfile.write(bytes([byte]))


def drip_headers(handler):
    """A status line, then one header line that never ends."""
    handler.wfile.write(b"HTTP/1.1 200 OK\r\nX-Slow: ")
    while not handler.server.release.wait(0.05):
        handler.wfile.write(b"x")


@pytest.mark.parametrize("route", [drip_body, drip_headers], ids=["body", "headers"])
def test_a_slow_drip_server_is_cut_at_the_feeds_deadline(server, data_copy, route):
    server.routes["/drip"] = route
    server.routes["/rss"] = feed(RSS)
    started = time.monotonic()
    dripping, good = run(data_copy, server.url("/drip"), server.url("/rss"))
    assert dripping.failure == DEADLINE and not dripping.new
    assert time.monotonic() - started < TIMEOUT + 2  # before: as long as the server kept dripping
    assert good.failure is None and len(good.new) == 2


def deflated(size: int, wbits: int) -> bytes:
    """`size` zero bytes, compressed: a few hundred kilobytes that unpack to `size`."""
    packer = zlib.compressobj(9, zlib.DEFLATED, wbits)
    block = bytes(1024 * 1024)
    return b"".join(packer.compress(block) for _ in range(size // len(block))) + packer.flush()


def encoded(body: bytes, encoding: str):
    def respond(handler):
        handler.send_response(200)
        handler.send_header("Content-Type", "application/rss+xml")
        handler.send_header("Content-Encoding", encoding)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)
    return respond


@pytest.mark.parametrize("encoding, wbits", [("gzip", 31), ("deflate", 15)])
def test_a_compression_bomb_is_refused_without_unpacking_it(server, encoding, wbits):
    bomb = deflated(256 * 1024 * 1024, wbits)
    assert len(bomb) < 300 * 1024  # 256 MB once unpacked
    server.routes["/bomb"] = encoded(bomb, encoding)
    tracemalloc.start()
    try:
        with pytest.raises(FetchError) as raised:
            fetch(server.url("/bomb"), timeout=10)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert str(raised.value) == (f"nội dung nén ({encoding}) giải nén ra hơn 10 MB, không phải một nguồn tin "
                                 "thông thường")
    assert peak < 2.5 * MAX_BYTES  # before: the whole 256 MB (1 MB of gzip: MemoryError)


def test_a_feed_just_under_the_cap_unpacks(server):
    body = RSS + b"<!--" + b" " * (MAX_BYTES - len(RSS) - 7) + b"-->"
    assert len(body) == MAX_BYTES
    server.routes["/rss"] = encoded(gzip.compress(body), "gzip")
    assert fetch(server.url("/rss"), timeout=10).body == body


@pytest.mark.parametrize("body, cause", [
    (gzip.compress(RSS)[:-20], "nội dung nén (gzip) bị hỏng hoặc bị cắt ngang"),
    (b"\x1f\x8b\x08\x00garbage" * 10, "nội dung nén (gzip) bị hỏng"),
], ids=["truncated", "garbage"])
def test_broken_compression_is_one_cause(server, body, cause):
    server.routes["/rss"] = encoded(body, "gzip")
    with pytest.raises(FetchError) as raised:
        fetch(server.url("/rss"), timeout=TIMEOUT)
    assert str(raised.value) == cause


def test_a_body_over_the_cap_is_refused(server):
    def endless(handler):  # no Content-Length: the body ends when the server closes
        handler.send_response(200)
        handler.send_header("Content-Type", "application/rss+xml")
        handler.end_headers()
        block = b"<!-- an ninh -->" * 4096
        while not handler.server.release.is_set():
            handler.wfile.write(block)
    server.routes["/big"] = endless
    with pytest.raises(FetchError, match="^nội dung lớn hơn 10 MB, không phải một nguồn tin thông thường$"):
        fetch(server.url("/big"), timeout=10)


@pytest.fixture
def other_server():
    yield from running()


def test_a_redirect_to_ftp_is_not_followed(server, data_copy):
    server.routes["/rss"] = redirect("ftp://127.0.0.1/an-ninh.rss")
    [result] = run(data_copy, server.url("/rss"))
    assert result.failure == ("máy chủ chuyển hướng tới 'ftp://127.0.0.1/an-ninh.rss', không phải địa chỉ http:// "
                              "hay https://; không đi theo")


def test_a_redirect_to_another_port_is_not_followed(server, other_server, data_copy):
    other_server.routes["/rss"] = feed(RSS)
    server.routes["/rss"] = redirect(other_server.url("/rss"))
    [result] = run(data_copy, server.url("/rss"))
    port = other_server.server_address[1]
    assert result.failure == (f"máy chủ chuyển hướng tới cổng {port} ('{other_server.url('/rss')}'), khác cổng của "
                              "địa chỉ nguồn tin và cổng chuẩn; không đi theo")
    assert other_server.requests == []


def test_three_redirects_are_followed_and_a_fourth_is_not(server, data_copy):
    for n in range(1, 5):
        server.routes[f"/{n}"] = redirect(server.url(f"/{n + 1}" if n < 4 else "/rss"), code=(301, 302, 307, 308)[n - 1])
    server.routes["/rss"] = feed(RSS)
    server.routes["/5"] = redirect("/rss")  # a relative address, on the same server
    [three] = run(data_copy, server.url("/2"))
    assert three.failure is None and len(three.new) == 2 and three.moved_to == server.url("/rss")
    server.requests.clear()
    [four] = run(data_copy, server.url("/1"))
    assert four.failure == "máy chủ chuyển hướng quá 3 lần; không đi theo nữa (kiểm tra lại địa chỉ feed)"
    assert [path for path, _ in server.requests] == ["/1", "/2", "/3", "/4"]


def test_a_redirect_body_is_never_read(server, data_copy):
    def endless_redirect(handler):
        handler.send_response(302)
        handler.send_header("Location", "/rss")
        handler.end_headers()
        while not handler.server.release.wait(0.05):
            handler.wfile.write(b"x")
    server.routes["/cu"] = endless_redirect
    server.routes["/rss"] = feed(RSS)
    started = time.monotonic()
    [result] = run(data_copy, server.url("/cu"))
    assert result.failure is None and len(result.new) == 2
    assert time.monotonic() - started < TIMEOUT


@pytest.mark.parametrize("current, target, allowed", [
    ("https://bao.example/rss", "https://www.bao.example/rss", True),  # another host: feeds move
    ("https://bao.example/rss", "http://bao.example/rss", False),  # never down from https
    ("http://bao.example/rss", "https://bao.example/rss", True),  # up to https is fine
    ("http://bao.example:8080/rss", "http://bao.example:8080/moi", True),  # the feed's own port
    ("http://bao.example:8080/rss", "https://bao.example/moi", True),  # a standard port
    ("http://bao.example/rss", "http://bao.example:6379/", False),  # another service on the host
    ("http://bao.example/rss", "file:///etc/passwd", False),
    ("http://bao.example/rss", "http://[bao.example/rss", False),  # not an address
])
def test_redirect_rule(current, target, allowed):
    origin = current
    assert (redirect_problem(origin, current, target, hops=1) is None) is allowed


def many_entries(count: int) -> bytes:
    items = "".join(f"<item><title>Tuần tra an ninh số {i}</title><link>https://bao.example/tuan-tra-{i}.html</link>"
                    f"<pubDate>Tue, 05 Mar 2024 02:15:00 GMT</pubDate></item>" for i in range(count))
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Báo tỉnh</title>'
            f"<link>https://bao.example/</link>{items}</channel></rss>").encode("utf-8")


def test_a_feed_of_ten_thousand_entries_gives_fifty_a_run_and_says_so(server, data_copy):
    server.routes["/rss"] = feed(many_entries(10_000), etag='"v1"')
    env = {"no_proxy": "127.0.0.1,localhost"}
    args = ("import_feeds.py", "--data", str(data_copy), "--outlet", "bao-tinh", server.url("/rss"))
    first = run_script(*args, env=env)
    assert first.returncode == 3, first.stderr  # read fine, but entries were left
    assert ": 50 mới, 0 đã có, 0 không liên quan, 0 lỗi" in first.stdout
    assert ("  ! chỉ nhận 50 tin mới mỗi nguồn mỗi lần chạy; 9950 tin liên quan còn lại sẽ được nhập ở lần chạy sau "
            "(hoặc chạy lại với --max-per-feed lớn hơn)") in first.stdout.splitlines()
    assert "Tổng: 50 tin mới chờ duyệt từ 1 nguồn; 9950 mục bị bỏ qua" in first.stdout
    assert len(list(data_copy.glob("news/2024/2024-03-05-tuan-tra-an-ninh-so-*.yml"))) == 50
    # The ETag is not remembered, or the next run would get a 304 and never see the rest.
    assert server.url("/rss") not in json.loads((data_copy / STATE_FILE).read_text(encoding="utf-8"))
    second = run_script(*args, env=env)
    assert "If-None-Match" not in server.requests[-1][1]
    assert ": 50 mới, 50 đã có, 0 không liên quan, 0 lỗi" in second.stdout and "9900 tin liên quan còn lại" in second.stdout
    assert len(list(data_copy.glob("news/2024/2024-03-05-tuan-tra-an-ninh-so-*.yml"))) == 100


def test_bad_entries_over_http_are_skipped_and_the_other_outlets_go_on(server, data_copy):
    server.routes["/bao-tinh.rss"] = feed((FEEDS / "bad-entries.xml").read_bytes())
    server.routes["/cong-huyen.atom"] = feed((FEEDS / "atom-basic.xml").read_bytes(),
                                             content_type="application/atom+xml")
    before = set(data_copy.rglob("*.yml"))
    result = run_script("import_feeds.py", "--data", str(data_copy), "--outlet", "bao-tinh", server.url("/bao-tinh.rss"),
                        "--outlet", "cong-huyen", server.url("/cong-huyen.atom"), env={"no_proxy": "127.0.0.1,localhost"})
    assert result.returncode == 3 and result.stderr == ""
    assert ": 1 mới, 0 đã có, 0 không liên quan, 5 lỗi" in result.stdout
    assert "Cổng huyện (cong-huyen), " + server.url("/cong-huyen.atom") + ": 2 mới" in result.stdout
    assert result.stdout.count("\n  ! mục ") == 5
    added = sorted(p.name for p in set(data_copy.rglob("*.yml")) - before)
    assert len(added) == 3 and added[0] == "2024-03-06-muc-tot-tuan-tra-an-ninh-o-an-hoa.yml"
    assert all(name.startswith("2024-04-") for name in added[1:])  # cong-huyen's two
