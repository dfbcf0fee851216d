"""Where the data lives: `data/` beside the project, or $SITE_DATA_DIR."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def data_dir(explicit: str | os.PathLike | None = None) -> Path:
    if explicit:
        return Path(explicit)
    return Path(os.environ.get("SITE_DATA_DIR") or PROJECT / "data")
