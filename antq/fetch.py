"""The network edge of the feed import: one function that fetches a feed's bytes.

Everything after it (parsing, choosing, writing) takes bytes and is tested on fixture files.
A failure becomes `FetchError` with one Vietnamese cause; nothing here knows about outlets.
A feed's server is not trusted: one deadline covers the whole feed, the body is capped before
and after decompression, and redirects are followed only to http(s), a few hops, known ports.
"""

from __future__ import annotations

import functools
import http.client
import socket
import ssl
import threading
import time
import urllib.error
import urllib.request
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from urllib.request import url2pathname

DEFAULT_TIMEOUT = 30.0  # seconds for one whole feed: connecting, redirects and the download
MAX_BYTES = 10 * 1024 * 1024  # a feed is a few hundred kilobytes; more is not a feed (received or unpacked)
MAX_REDIRECTS = 3
DEFAULT_PORTS = {"http": 80, "https": 443}
CHUNK = 64 * 1024
ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1"


class FetchError(Exception):
    """A feed could not be read; the message is the cause, in Vietnamese."""


@dataclass(frozen=True)
class Fetched:
    status: int  # 200, or 304 when the feed is unchanged since the remembered ETag / Last-Modified
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names
    url: str = ""  # after redirects


def user_agent(site_url: str | None) -> str:
    """Names the site, so that an outlet's webmaster knows who reads the feed and where to ask."""
    return f"antq-site-feeds/1.0 (+{site_url})" if site_url else "antq-site-feeds/1.0"


def is_remote(source: str) -> bool:
    return urlsplit(source).scheme in ("http", "https")


def fetch(source: str, *, etag: str | None = None, modified: str | None = None,
          timeout: float = DEFAULT_TIMEOUT, agent: str = user_agent(None)) -> Fetched:
    """The bytes of a feed at an http(s) address, or in a local file (a path or file:// address).

    `timeout` is the time allowed for the whole feed, however slowly the server answers."""
    if not is_remote(source):
        return _read_file(source)
    headers = {"User-Agent": agent, "Accept": ACCEPT, "Accept-Encoding": "gzip, deflate"}
    if etag:
        headers["If-None-Match"] = etag
    if modified:
        headers["If-Modified-Since"] = modified
    with _Deadline(timeout) as deadline:
        opener = urllib.request.build_opener(_Redirects(source), _TimedHTTPHandler(deadline),
                                             _TimedHTTPSHandler(deadline))
        try:
            with opener.open(urllib.request.Request(source, headers=headers), timeout=timeout) as response:
                found = {k.lower(): v for k, v in response.headers.items()}
                body = _read_body(response, found.get("content-encoding", ""))
                final = response.geturl()
        except urllib.error.HTTPError as error:
            error.close()  # its body is never read: a hostile server could make it endless
            if error.code == 304:
                return Fetched(304, headers={k.lower(): v for k, v in error.headers.items()}, url=source)
            raise FetchError(_http_cause(error.code)) from None
        except FetchError:
            raise
        except (urllib.error.URLError, OSError, http.client.HTTPException, ValueError) as error:
            if deadline.expired:
                raise FetchError(_deadline_cause(timeout)) from None
            if isinstance(error, http.client.HTTPException):
                raise FetchError(f"máy chủ trả lời sai giao thức HTTP ({type(error).__name__})") from None
            raise FetchError(_network_cause(getattr(error, "reason", error), timeout)) from None
        if deadline.expired:  # the connection was cut at the deadline: what was read is not the whole feed
            raise FetchError(_deadline_cause(timeout))
    return Fetched(200, body, found, final)


def redirect_problem(origin: str, current: str, target: str, hops: int) -> str | None:
    """Why a redirect from `current` to `target` is not followed (None: it is), for a feed at `origin`.

    Only http(s); never from https down to http; only to the port of the feed's own address or the
    scheme's standard port (a feed has no business sending the reader to another service on the
    host); at most MAX_REDIRECTS hops."""
    try:
        to = urlsplit(target)
        port = to.port or DEFAULT_PORTS.get(to.scheme)
        origin_port = urlsplit(origin).port or DEFAULT_PORTS.get(urlsplit(origin).scheme)
    except ValueError:
        return f"máy chủ chuyển hướng tới một địa chỉ sai cú pháp ({target[:200]!r}); không đi theo"
    if to.scheme not in ("http", "https") or not to.hostname:
        return (f"máy chủ chuyển hướng tới {target[:200]!r}, không phải địa chỉ http:// hay https://; "
                "không đi theo")
    if urlsplit(current).scheme == "https" and to.scheme == "http":
        return f"máy chủ chuyển hướng từ https:// xuống http:// ({target[:200]!r}); không đi theo"
    if port not in (origin_port, DEFAULT_PORTS[to.scheme]):
        return (f"máy chủ chuyển hướng tới cổng {port} ({target[:200]!r}), khác cổng của địa chỉ nguồn tin "
                "và cổng chuẩn; không đi theo")
    if hops > MAX_REDIRECTS:
        return f"máy chủ chuyển hướng quá {MAX_REDIRECTS} lần; không đi theo nữa (kiểm tra lại địa chỉ feed)"
    return None


# -- one deadline for the whole feed -------------------------------------------------------------

class _Deadline:
    """Cuts every connection of one feed when its time is up. A socket timeout alone bounds each
    read, so a server sending a byte a second would hold the import for ever."""

    def __init__(self, seconds: float) -> None:
        self.at = time.monotonic() + seconds
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc) -> None:
        self._timer.cancel()

    def left(self) -> float:
        left = self.at - time.monotonic()
        if self.expired or left <= 0:
            raise TimeoutError
        return left

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                _cut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True  # set before cutting: the reader checks it when its read ends
            for sock in self._sockets:
                _cut(sock)


def _cut(sock: socket.socket) -> None:
    try:  # the plain socket's shutdown (also under TLS): a blocked read in another thread returns
        socket.socket.shutdown(sock, socket.SHUT_RDWR)
    except OSError:
        pass  # already closed


class _Timed:
    """An HTTP(S) connection whose socket (from before any TLS handshake) the deadline watches."""

    def __init__(self, *args, deadline: _Deadline, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.deadline = deadline
        self._create_connection = self._open_socket  # http.client's own hook for making the socket

    def _open_socket(self, address, timeout, source_address=None):
        sock = socket.create_connection(address, min(timeout, self.deadline.left()), source_address)
        self.deadline.watch(sock)
        return sock


class _TimedHTTP(_Timed, http.client.HTTPConnection):
    pass


class _TimedHTTPS(_Timed, http.client.HTTPSConnection):
    pass


class _TimedHTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self.deadline = deadline

    def http_open(self, req):
        return self.do_open(functools.partial(_TimedHTTP, deadline=self.deadline), req)


class _TimedHTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self.deadline = deadline
        self.tls = ssl.create_default_context()

    def https_open(self, req):
        return self.do_open(functools.partial(_TimedHTTPS, deadline=self.deadline), req, context=self.tls)


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only when `redirect_problem` finds none; never reads a redirect's body."""

    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.hops = 0

    def http_error_302(self, req, fp, code, msg, headers):
        location = headers.get("location") or headers.get("uri")
        if not location:
            return None  # not a usable redirect: urllib reports the status as an HTTP error
        self.hops += 1
        fp.close()
        try:
            target = urljoin(req.full_url, location.strip())
        except ValueError:
            target = location
        problem = redirect_problem(self.origin, req.full_url, target, self.hops)
        if problem:
            raise FetchError(problem)
        new = self.redirect_request(req, fp, code, msg, headers, target)
        if new is None:  # a method urllib does not redirect
            raise FetchError(f"máy chủ trả lời HTTP {code}")
        return self.parent.open(new, timeout=req.timeout)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


# -- the body ------------------------------------------------------------------------------------

def _read_body(response, encoding: str) -> bytes:
    """The body, unpacked as it arrives; more than MAX_BYTES either way is refused (a 'gzip bomb'
    of 1 MB unpacks to gigabytes)."""
    encoding = encoding.strip().lower()
    unpack = {"gzip": 16 + zlib.MAX_WBITS, "x-gzip": 16 + zlib.MAX_WBITS, "deflate": zlib.MAX_WBITS}.get(encoding)
    inflater = zlib.decompressobj(unpack) if unpack is not None else None
    body = bytearray()
    received = 0
    while chunk := response.read1(CHUNK):
        received += len(chunk)
        if received > MAX_BYTES:
            raise FetchError(f"nội dung lớn hơn {MAX_BYTES // (1024 * 1024)} MB, không phải một nguồn tin thông thường")
        if inflater is None:
            body += chunk
            continue
        try:
            while chunk and not inflater.eof:
                body += inflater.decompress(chunk, MAX_BYTES + 1 - len(body))
                if len(body) > MAX_BYTES:
                    raise FetchError(f"nội dung nén ({encoding}) giải nén ra hơn {MAX_BYTES // (1024 * 1024)} MB, "
                                     "không phải một nguồn tin thông thường")
                chunk = inflater.unconsumed_tail
        except zlib.error:
            raise FetchError(f"nội dung nén ({encoding}) bị hỏng") from None
    if inflater is not None and not inflater.eof:
        raise FetchError(f"nội dung nén ({encoding}) bị hỏng hoặc bị cắt ngang")
    return bytes(body)


def _read_file(source: str) -> Fetched:
    path = Path(url2pathname(urlsplit(source).path)) if source.startswith("file:") else Path(source)
    try:
        return Fetched(200, path.read_bytes(), {}, source)
    except FileNotFoundError:
        raise FetchError(f"không có tệp {path}") from None
    except OSError as error:
        raise FetchError(f"không đọc được tệp {path} ({error.strerror})") from None


# -- causes, in Vietnamese -----------------------------------------------------------------------

def _deadline_cause(timeout: float) -> str:
    return f"quá thời gian cho phép ({timeout:g} giây cho cả nguồn tin): máy chủ trả lời quá chậm hoặc không trả lời"


def _http_cause(code: int) -> str:
    if code == 404 or code == 410:
        return f"máy chủ trả lời HTTP {code}: không có nguồn tin ở địa chỉ này (kiểm tra lại địa chỉ feed)"
    if code in (401, 403):
        return f"máy chủ trả lời HTTP {code}: không cho phép đọc nguồn tin"
    if code == 429:
        return "máy chủ trả lời HTTP 429: đọc quá nhiều lần, hãy thử lại sau"
    if code >= 500:
        return f"máy chủ trả lời HTTP {code}: máy chủ của cơ quan báo chí đang lỗi, hãy thử lại sau"
    return f"máy chủ trả lời HTTP {code}"


def _network_cause(reason: object, timeout: float) -> str:
    if isinstance(reason, TimeoutError):
        return _deadline_cause(timeout)
    if isinstance(reason, socket.gaierror):
        return "không tìm thấy máy chủ (tên miền không tồn tại hoặc mất mạng)"
    if isinstance(reason, ConnectionRefusedError):
        return "máy chủ từ chối kết nối"
    if isinstance(reason, ssl.SSLError):
        return f"lỗi kết nối bảo mật HTTPS ({getattr(reason, 'reason', None) or reason})"
    if isinstance(reason, ConnectionError):
        return "kết nối bị ngắt giữa chừng"
    return f"không kết nối được ({reason})"
