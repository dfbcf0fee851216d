"""Where the data lives: `data/` beside the project, or $SITE_DATA_DIR."""

from __future__ import annotations

import os
import re
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def data_dir(explicit: str | os.PathLike | None = None) -> Path:
    if explicit:
        return Path(explicit)
    return Path(os.environ.get("SITE_DATA_DIR") or PROJECT / "data")


def site_url() -> str | None:
    """The site's public address: $SITE_URL, else mkdocs.yml's `site_url` default, if any."""
    if os.environ.get("SITE_URL"):
        return os.environ["SITE_URL"]
    try:
        config = (PROJECT / "mkdocs.yml").read_text(encoding="utf-8")
    except OSError:
        return None
    # Read as text: the value may be an !ENV tag, which a plain YAML loader refuses.
    found = re.search(r"^site_url:.*?(https?://[^\s\"',\]]+)", config, re.MULTILINE)
    return found.group(1) if found else None
