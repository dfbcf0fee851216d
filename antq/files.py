"""The one file writer: atomic (a reader sees the old text or the new, never half), and never
overwriting a file unless asked to."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, text: str, *, replace: bool = False) -> None:
    """Write `text` (UTF-8, line endings as given) to `path`. Without `replace`, an existing file is
    never overwritten: FileExistsError. The temporary file is removed whatever happens."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        if replace:
            os.replace(temp, path)
        else:
            os.link(temp, path)  # fails if the path exists
    finally:
        if os.path.lexists(temp):
            os.unlink(temp)
