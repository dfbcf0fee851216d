"""The network edge of the feed import: one function that fetches a feed's bytes.

Everything after it (parsing, choosing, writing) takes bytes and is tested on fixture files.
A failure becomes `FetchError` with one Vietnamese cause; nothing here knows about outlets.
"""

from __future__ import annotations

import gzip
import http.client
import socket
import ssl
import urllib.error
import urllib.request
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

DEFAULT_TIMEOUT = 20.0
MAX_BYTES = 10 * 1024 * 1024  # a feed is a few hundred kilobytes; more is not a feed
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
    """The bytes of a feed at an http(s) address, or in a local file (a path or file:// address)."""
    if not is_remote(source):
        return _read_file(source)
    headers = {"User-Agent": agent, "Accept": ACCEPT, "Accept-Encoding": "gzip, deflate"}
    if etag:
        headers["If-None-Match"] = etag
    if modified:
        headers["If-Modified-Since"] = modified
    request = urllib.request.Request(source, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read(MAX_BYTES + 1)
            found = {k.lower(): v for k, v in response.headers.items()}
            final = response.geturl()
    except urllib.error.HTTPError as error:
        if error.code == 304:
            return Fetched(304, headers={k.lower(): v for k, v in error.headers.items()}, url=source)
        raise FetchError(_http_cause(error.code)) from None
    except urllib.error.URLError as error:
        raise FetchError(_network_cause(error.reason, timeout)) from None
    except OSError as error:  # while reading the body: a timeout, a reset connection
        raise FetchError(_network_cause(error, timeout)) from None
    except http.client.HTTPException as error:
        raise FetchError(f"máy chủ trả lời sai giao thức HTTP ({type(error).__name__})") from None
    if len(body) > MAX_BYTES:
        raise FetchError(f"nội dung lớn hơn {MAX_BYTES // (1024 * 1024)} MB, không phải một nguồn tin thông thường")
    return Fetched(200, _decompress(body, found.get("content-encoding", "")), found, final)


def _read_file(source: str) -> Fetched:
    path = Path(url2pathname(urlsplit(source).path)) if source.startswith("file:") else Path(source)
    try:
        return Fetched(200, path.read_bytes(), {}, source)
    except FileNotFoundError:
        raise FetchError(f"không có tệp {path}") from None
    except OSError as error:
        raise FetchError(f"không đọc được tệp {path} ({error.strerror})") from None


def _decompress(body: bytes, encoding: str) -> bytes:
    try:
        if encoding.strip().lower() == "gzip":
            return gzip.decompress(body)
        if encoding.strip().lower() == "deflate":
            return zlib.decompress(body)
    except (OSError, zlib.error, EOFError):
        raise FetchError(f"nội dung nén ({encoding}) bị hỏng") from None
    return body


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
        return f"quá thời gian chờ ({timeout:g} giây), máy chủ không trả lời"
    if isinstance(reason, socket.gaierror):
        return "không tìm thấy máy chủ (tên miền không tồn tại hoặc mất mạng)"
    if isinstance(reason, ConnectionRefusedError):
        return "máy chủ từ chối kết nối"
    if isinstance(reason, ssl.SSLError):
        return f"lỗi kết nối bảo mật HTTPS ({getattr(reason, 'reason', None) or reason})"
    if isinstance(reason, ConnectionError):
        return "kết nối bị ngắt giữa chừng"
    return f"không kết nối được ({reason})"
