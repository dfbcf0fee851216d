"""Web addresses of articles: without tracking parameters, and in one form to compare."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that say how a reader arrived, not which article: campaign tags, click ids.
TRACKING = re.compile(r"utm_.*|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|igshid|mc_cid|mc_eid|_ga|_gl|zarsrc|gidzl",
                      re.IGNORECASE)


def clean_url(url: str) -> str:
    """An article's address without fragment or tracking parameters, otherwise as given."""
    parts = urlsplit(url.strip())
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    kept = [(k, v) for k, v in pairs if not TRACKING.fullmatch(k)]
    # The query is rewritten only when something was removed, so its spelling is otherwise kept.
    query = parts.query if kept == pairs else urlencode(kept)
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path, query, ""))


def canonical_url(url: str) -> str:
    """The form under which two addresses of one article compare equal."""
    parts = urlsplit(clean_url(url))  # already lowercased scheme and host, no fragment
    return urlunsplit((parts.scheme, parts.netloc, parts.path.rstrip("/") or "/", parts.query, ""))
