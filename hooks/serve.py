"""MkDocs hook: what makes `mkdocs serve` quick and quiet, and templates compiled once.

The server watches the data folder with the system's file events (changes only), and tells the
package it builds again and again, so that it keeps what did not change (antq/memo.py).
"""

from __future__ import annotations

from jinja2 import FileSystemBytecodeCache
from watchdog.events import FileClosedEvent, FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent
from watchdog.observers import Observer

from antq.memo import keep_between_builds
from antq.paths import data_dir

CHANGES = [FileCreatedEvent, FileModifiedEvent, FileDeletedEvent, FileMovedEvent, FileClosedEvent]


def on_startup(command, dirty):
    # Only a process that builds again and again keeps anything for the next build (antq/memo.py).
    if command == "serve":
        keep_between_builds()


def on_env(env, config, files):
    # Templates compiled once, not on every build and `mkdocs serve` rebuild: Jinja's own cache, in a
    # folder of the user's that nobody else may write (its default), keyed by each template's source.
    try:
        env.bytecode_cache = FileSystemBytecodeCache()
    except (OSError, RuntimeError):  # no such folder can be made safely: compile as usual
        pass
    return env


def on_serve(server, config, builder):
    server.watch(str(data_dir()))
    _watch_events(server)
    return server


def _watch_events(server) -> None:
    # MkDocs polls every watched file twice a second (with 10,000 data files, a good part of a core
    # while nothing changes); the system's file events cost nothing while idle, and come at once.
    # Where they are not available (or MkDocs keeps its watches otherwise), polling stays.
    watched = getattr(server, "_watched_paths", None)
    if isinstance(watched, dict) and not isinstance(server.observer, Observer):
        counts, polling = dict(watched), server.observer
        _move_watches(server, counts, _Changes()) or _move_watches(server, counts, polling)


class _Changes(Observer):
    """Events of changes only: the system also tells of files opened and read, and every build reads them."""

    def schedule(self, event_handler, path, *, recursive=False, event_filter=None, follow_symlink=False):
        return super().schedule(event_handler, path, recursive=recursive, follow_symlink=follow_symlink,
                                event_filter=event_filter or CHANGES)


def _move_watches(server, counts: dict[str, int], observer) -> bool:
    for path in list(server._watched_paths):
        while path in server._watched_paths:
            server.unwatch(path)
    server.observer = observer
    try:
        for path, count in counts.items():
            for _ in range(count):
                server.watch(path)
    except OSError:  # no inotify instance left, for one
        return False
    return True
