"""`mkdocs serve` (what `make serve` runs) serves the site and rebuilds when the data changes."""

import os
import socket
import subprocess
import sys
import time
import urllib.request

from conftest import PROJECT


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str, until, timeout: float = 90) -> str:
    deadline = time.monotonic() + timeout
    while True:
        try:
            text = urllib.request.urlopen(url, timeout=5).read().decode("utf-8")
            if until(text):
                return text
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise AssertionError(f"{url} did not show the expected content within {timeout} s")
        time.sleep(0.5)


def test_serve_rebuilds_when_data_changes(data_copy):
    port = free_port()
    env = {**os.environ, "SITE_DATA_DIR": str(data_copy), "SITE_URL": f"http://127.0.0.1:{port}/",
           "NO_MKDOCS_2_WARNING": "1", "SITE_TODAY": "2025-01-01"}
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=PROJECT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/duong-day-nong/"
        fetch(url, lambda text: "Công an xã An Hòa" in text)
        hotlines = data_copy / "hotlines.yml"
        hotlines.write_text(hotlines.read_text(encoding="utf-8").replace("Công an xã An Hòa", "Công an xã An Hòa mới"))
        fetch(url, lambda text: "Công an xã An Hòa mới" in text)
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_serve_watches_the_data_with_file_events_of_changes_only(tmp_path):
    """No polling of every data file twice a second: the system's events, and only those of a change
    (every build reads the files, which must not set off another build)."""
    import importlib.util

    from mkdocs.livereload import LiveReloadServer
    from watchdog.observers.polling import PollingObserver

    spec = importlib.util.spec_from_file_location("serve_hook", PROJECT / "hooks/serve.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    data = tmp_path / "data"
    data.mkdir()
    (data / "site.yml").write_text("name: a\n", encoding="utf-8")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=free_port(), root=str(tmp_path))
    server.watch(str(data))
    assert isinstance(server.observer, PollingObserver)
    hook._watch_events(server)
    assert not isinstance(server.observer, PollingObserver) and server._watched_paths == {str(data): 1}
    server.observer.start()
    try:
        (data / "site.yml").read_text(encoding="utf-8")
        time.sleep(0.5)
        assert not server._want_rebuild
        (data / "site.yml").write_text("name: b\n", encoding="utf-8")
        deadline = time.monotonic() + 10
        while not server._want_rebuild and time.monotonic() < deadline:
            time.sleep(0.05)
        assert server._want_rebuild
    finally:
        server.observer.stop()
        server.observer.join()
        server.server_close()
