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
