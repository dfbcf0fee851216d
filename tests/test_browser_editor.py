"""The staff editor at /quan-tri/ in Chromium, as staff use it.

On the demonstration site: opening the editor asks nothing of any other host, and speaks
Vietnamese. Then end to end, against decap-server (Decap's local backend) on 127.0.0.1 in git
mode over a temporary git copy of data/: a member of staff fills in a new broadcast item, a
reviewer approves and publishes it, the YAML file lands under data/news/YYYY/ with the
conventional name, the data validates and a build lists the item. Empty required fields and a
malformed address are refused in the form, in Vietnamese.

The screenshots are the staff guide's (docs/maintainers/quan-tri.md): set EDITOR_SCREENSHOTS to
a folder to keep them there, e.g. EDITOR_SCREENSHOTS=docs/maintainers/anh.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from antq.source import Loader
from browser import PROJECT, build_site, first_visit, serve
from conftest import run_script

SERVER = PROJECT / "node_modules/decap-server/dist/index.js"
TITLE = "Đài huyện phát phóng sự về Tổ tuần tra Nhân dân xã Tân Sơn"
# 1 January: Decap's own {{year}} and {{day}} would name it after 31 December (UTC).
DAY = "2025-01-01"
FILE = f"data/news/2025/{DAY}-dai-huyen-phat-phong-su-ve-to-tuan-tra-nhan-dan-xa-tan-son.yml"
MODELINE = "# yaml-language-server: $schema=../../../schemas/news.schema.json"
# What staff see (Vietnamese time zone and language), at a size that keeps the guide's pictures small.
CONTEXT = {"timezone_id": "Asia/Ho_Chi_Minh", "locale": "vi-VN", "viewport": {"width": 1280, "height": 760}}


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = Path(os.environ.get("EDITOR_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    """A git repository holding a copy of the shipped data: the editor's commits land here."""
    root = tmp_path_factory.mktemp("repo")
    shutil.copytree(PROJECT / "data", root / "data")
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.name", "Kiểm thử")
    git(root, "config", "user.email", "kiem-thu@example.invalid")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Dữ liệu ban đầu")
    return root


@pytest.fixture(scope="module")
def local_backend(repo, tmp_path_factory):
    """decap-server on 127.0.0.1 in git mode (a branch per item, merged on "Công bố")."""
    port = free_port()
    env = {**os.environ, "MODE": "git", "PORT": str(port), "BIND_HOST": "127.0.0.1",
           "GIT_REPO_DIRECTORY": str(repo), "LOG_LEVEL": "warn"}
    # Its own working folder: decap-server reads a .env file from there.
    folder = tmp_path_factory.mktemp("server")
    log = folder / "decap-server.log"
    with log.open("w") as out:
        process = subprocess.Popen(["node", str(SERVER)], cwd=folder, env=env, stdout=out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            assert process.poll() is None and time.monotonic() < deadline, log.read_text()
            time.sleep(0.2)
    yield f"http://127.0.0.1:{port}/api/v1"
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def editor_site(repo, local_backend, tmp_path_factory):
    site = build_site(tmp_path_factory.mktemp("editor-site"), repo / "data", SITE_EDITOR_BACKEND=local_backend)
    yield from serve(site)


@pytest.fixture
def page(browser):
    context = browser.new_context(**CONTEXT)
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())  # "Bạn có chắc rằng bạn muốn công bố mục này?"
    yield page
    context.close()


def sign_in(page, site) -> None:
    page.goto(site / "quan-tri/")
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_text("Bộ sưu tập").wait_for()


def pick(page, label: str, typed: str, option: str) -> None:
    """Choose in a picker (outlet, commune, choice) by typing, then clicking the option shown."""
    page.get_by_label(label).fill(typed)
    page.get_by_text(option, exact=True).click()


def set_status(page, current: str, new: str) -> None:
    """Move the item on the editorial board: draft -> in review -> ready."""
    page.get_by_text(f"Trạng thái: {current}").click()
    page.get_by_role("menuitem", name=new).click()
    page.get_by_text(f"Trạng thái: {new}").wait_for()


# -- on the demonstration site, as published --------------------------------------------------

def test_opening_the_editor_asks_nothing_of_another_host_and_speaks_vietnamese(browser, demo_site, shots):
    requested = []
    context = browser.new_context(**CONTEXT)
    context.on("request", lambda request: requested.append(request.url))
    page = context.new_page()
    page.goto(demo_site / "quan-tri/")
    page.get_by_role("button", name="Đăng nhập bằng GitHub").wait_for()
    page.wait_for_timeout(1000)
    page.screenshot(path=shots / "quan-tri-dang-nhap.png")
    site = urlsplit(demo_site.url).netloc
    assert [url for url in requested if urlsplit(url).netloc != site] == []
    assert demo_site / "quan-tri/config.yml" in requested
    # Every phrase of Decap's English interface has a Vietnamese one (its own, or docs/quan-tri/vi.js).
    missing = page.evaluate("""() => {
        const out = [];
        const walk = (en, vi, at) => Object.keys(en).forEach(key => {
            const where = at ? at + '.' + key : key;
            if (typeof en[key] === 'object') (vi && typeof vi[key] === 'object') ? walk(en[key], vi[key], where) : out.push(where);
            else if (!vi || typeof vi[key] !== 'string') out.push(where);
        });
        walk(CMS.getLocale('en'), CMS.getLocale('vi'), '');
        return out;
    }""")
    assert missing == []
    context.close()


def test_the_editor_weighs_what_the_note_says_and_only_on_its_own_page(browser, demo_site):
    sizes = first_visit(browser, demo_site / "quan-tri/")
    assert 1_000_000 < sum(sizes.values()) < 7_000_000, sizes
    home = first_visit(browser, demo_site.url)
    assert not [url for url in home if "/quan-tri/" in url]


# -- end to end against the local backend ------------------------------------------------------

def test_empty_required_fields_and_a_malformed_address_are_refused_in_vietnamese(page, editor_site, repo, shots):
    sign_in(page, editor_site)
    page.goto(editor_site / "quan-tri/#/collections/tin-bai/new")
    page.get_by_label("Địa chỉ bài trên mạng").fill("baobacgiang.vn/tin-bai")
    page.get_by_role("button", name="Lưu", exact=True).click()
    for message in ("Tiêu đề tin bài bắt buộc nhập.", "Cơ quan báo chí bắt buộc nhập.",
                    "Địa chỉ bài trên mạng không khớp với mẫu: Cần địa chỉ web đầy đủ bắt đầu bằng https:// hoặc http://."):
        assert page.get_by_text(message, exact=True).is_visible(), message
    page.screenshot(path=shots / "quan-tri-loi.png")
    assert git(repo, "branch", "--list", "cms/*") == ""  # nothing was saved


def test_a_new_broadcast_item_goes_through_review_into_the_data_and_the_site(page, editor_site, repo, shots,
                                                                          tmp_path):
    sign_in(page, editor_site)
    page.get_by_text("Nội dung").click()
    page.locator('a[href*="/collections/tin-bai/entries/"]').first.wait_for()  # the items on file, listed
    page.screenshot(path=shots / "quan-tri-noi-dung.png")
    page.get_by_text("Tạo tin bài mới").click()
    # A member of staff enters the item, with the broadcast's evidence.
    page.get_by_label("Tiêu đề tin bài").fill(TITLE)
    page.get_by_label("Ngày đăng hoặc phát sóng").fill(DAY)
    pick(page, "Cơ quan báo chí", "Trung tâm Văn",
         "Trung tâm Văn hoá - Thông tin và Thể thao huyện Lục Ngạn ttvhttt-luc-ngan")
    page.get_by_label("Tên chương trình").fill("Thời sự địa phương")
    page.get_by_label("Giờ phát sóng theo giờ Việt Nam").fill("18:30")
    page.get_by_label("Thời lượng").fill("5:10")
    page.get_by_label("Số văn bản, sổ hoặc nhật ký phát sóng").fill("02/NKPS")
    page.get_by_label("Ngày của văn bản, nhật ký phát sóng").fill(DAY)
    pick(page, "Thể loại", "phóng", "phóng sự")
    pick(page, "Người nhập tin", "Nguyễn Thị", "Nguyễn Thị Hoa nguyen-thi-hoa")
    page.get_by_label("Tóm tắt").fill("Phóng sự 5 phút về ca tuần tra đêm của Tổ tuần tra Nhân dân thôn Kép.")
    page.get_by_role("button", name="Thêm chủ đề").click()
    page.get_by_label("Chủ đề").last.fill("tuần tra")
    pick(page, "Xã, thị trấn được nhắc đến", "tan-son", "xã Tân Sơn tan-son")
    page.get_by_label("Tiêu đề tin bài").scroll_into_view_if_needed()
    page.screenshot(path=shots / "quan-tri-tin-moi.png")
    page.get_by_role("button", name="Lưu", exact=True).click()
    page.get_by_text("Mục đã được lưu", exact=True).wait_for()
    branch = git(repo, "branch", "--list", "cms/*").strip()
    assert branch == "cms/tin-bai/" + FILE.removeprefix("data/news/").removesuffix(".yml")
    assert not (repo / FILE).exists()  # waiting for review, not in the data yet
    set_status(page, "Bản nháp", "Đang xét duyệt")

    # A second person reviews it on the editorial board, approves and publishes it.
    page.goto(editor_site / "quan-tri/#/workflow")
    page.get_by_text(TITLE).wait_for()
    page.screenshot(path=shots / "quan-tri-bien-tap.png")
    page.get_by_text(TITLE).click()
    pick(page, "Trạng thái duyệt", "duyệt", "Đã duyệt, được hiện và tính chỉ tiêu")
    pick(page, "Người duyệt", "Lê Thị", "Lê Thị Thu le-thi-thu")
    page.get_by_label("Ngày duyệt").fill("2025-01-02")
    page.get_by_role("button", name="Lưu", exact=True).click()
    page.get_by_text("Mục đã được lưu", exact=True).wait_for()
    page.reload()  # Decap shows the board status of before the save until the item is opened again
    set_status(page, "Đang xét duyệt", "Sẵn sàng")
    page.get_by_text("Công bố", exact=True).click()
    page.screenshot(path=shots / "quan-tri-cong-bo.png")
    page.get_by_text("Công bố ngay").click()
    page.get_by_text("Mục đã được công bố", exact=True).wait_for()

    # The file, where and as the guide says.
    text = (repo / FILE).read_text(encoding="utf-8")
    assert text.splitlines()[0] == MODELINE
    assert yaml.load(text, Loader=Loader) == {
        "title": TITLE, "date": "2025-01-01", "outlet": "ttvhttt-luc-ngan", "status": "published",
        "kind": "phóng sự", "summary": "Phóng sự 5 phút về ca tuần tra đêm của Tổ tuần tra Nhân dân thôn Kép.",
        "topics": ["tuần tra"], "communes": ["tan-son"],
        "broadcast": {"programme": "Thời sự địa phương", "time": "18:30", "duration": "5:10",
                      "log": {"number": "02/NKPS", "date": "2025-01-01"}},
        "entered_by": "nguyen-thi-hoa", "approved_by": "le-thi-thu", "approved_on": "2025-01-02"}
    assert git(repo, "branch", "--list", "cms/*") == "" and "Thêm tin bài" in git(repo, "log", "--format=%s")
    assert git(repo, "status", "--porcelain") == ""

    # The data validates, and a build lists the item on its year's page.
    checked = run_script("validate.py", "--data", str(repo / "data"))
    assert checked.returncode == 0 and "Dữ liệu hợp lệ" in checked.stdout, checked.stderr
    site = build_site(tmp_path / "site", repo / "data")
    assert TITLE in (site / "tin-bai/2025/index.html").read_text(encoding="utf-8")
