"""Web addresses of articles: without tracking parameters, normalised as RFC 3986 says, and in one
form to compare, so that one article written two ways is still one article."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

# Query parameters that say how a reader arrived, not which article: campaign tags, click ids.
TRACKING = re.compile(r"utm_.*|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|igshid|mc_cid|mc_eid|_ga|_gl|zarsrc|gidzl",
                      re.IGNORECASE)
DEFAULT_PORT = {"http": 80, "https": 443}
# RFC 3986 2.3: percent-encoding these changes nothing, so a normalised address writes them as they are.
UNRESERVED = re.compile(r"[A-Za-z0-9\-._~]")
PERCENT = re.compile(r"%([0-9A-Fa-f]{2})")
NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _percent(text: str) -> str:
    """Percent-encodings in one form (RFC 3986 6.2.2.1-2): unreserved characters decoded, other
    encodings in upper case; characters outside ASCII encoded as UTF-8 (RFC 3987 3.1)."""
    def one(match: re.Match) -> str:
        char = chr(int(match[1], 16))
        return char if UNRESERVED.fullmatch(char) else "%" + match[1].upper()
    # Only letters beyond ASCII are encoded: anything else a valid address never has (a space) stays, to be refused.
    return NON_ASCII.sub(lambda m: quote(m[0]), PERCENT.sub(one, text))


def _remove_dot_segments(path: str) -> str:
    """RFC 3986 5.2.4: `/a/./b/../c` is `/a/c`."""
    out: list[str] = []
    for segment in path.split("/"):
        if segment == "..":
            if len(out) > 1:
                out.pop()
        elif segment != ".":
            out.append(segment)
    if path.endswith(("/.", "/..")):
        out.append("")
    return "/".join(out)


def _host(netloc: str, scheme: str) -> str:
    """The authority with the host in lower case (RFC 3986 6.2.2.1) and without the scheme's
    default port (6.2.3); user information, which no article address needs, is kept as written."""
    user, _, hostport = netloc.rpartition("@")
    host, colon, port = hostport.rpartition(":") if not hostport.endswith("]") else (hostport, "", "")
    if not colon or not port.isdigit():
        host, port = hostport, ""
    if port and int(port) == DEFAULT_PORT.get(scheme):
        port = ""
    return (user + "@" if user else "") + unquote(host).lower() + (":" + port if port else "")


def clean_url(url: str) -> str:
    """An article's address as it is shown and written: without fragment or tracking parameters,
    normalised (RFC 3986 section 6.2.2-6.2.3: scheme and host case, default port, percent-encoding,
    dot segments, an empty path as "/")."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    kept = [(k, v) for k, v in pairs if not TRACKING.fullmatch(k)]
    # The query is rewritten only when something was removed, so its spelling is otherwise kept.
    query = parts.query if kept == pairs else urlencode(kept)
    path = _remove_dot_segments(_percent(parts.path)) or "/"
    return urlunsplit((scheme, _host(parts.netloc, scheme), path, _percent(query), ""))


def canonical_url(url: str) -> str:
    """The form under which two addresses of one article compare equal: the clean address,
    without a trailing slash (sites serve `/bai/` and `/bai` as the same page)."""
    parts = urlsplit(clean_url(url))
    return urlunsplit((parts.scheme, parts.netloc, parts.path.rstrip("/") or "/", parts.query, ""))
