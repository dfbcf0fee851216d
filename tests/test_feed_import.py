"""Importing feeds: one fixture file per case under tests/fixtures/feeds/, each stating its expectation."""

import re
import time
from datetime import date

import pytest
import yaml

from antq.urls import canonical_url, clean_url
from antq.dates import local_date
from antq.feed_import import (STATE_FILE, FeedError, SourceError, import_feeds, keyword_matcher, parse_feed,
                              plain_text, read_entries, shorten)
from antq.load import load_dataset
from antq.problems import DataError
from conftest import CONSENT, FIXTURES, run_script, script_main

FEEDS = FIXTURES / "feeds"
CASES = sorted(FEEDS.glob("*.xml"))


def expectation(path) -> dict[str, int] | str:
    """The `expect:` line of a fixture's header comment."""
    header = path.read_bytes()[:1200].decode("ascii", errors="replace")
    line = re.search(r"^\s*expect: (.+)$", header, re.MULTILINE).group(1).strip()
    return line if line == "failure" else {k: int(v) for k, v in (p.split("=") for p in line.split())}


def import_file(data_dir, fixture, outlet="bao-tinh", **options):
    [result] = import_feeds(data_dir, [(outlet, str(FEEDS / fixture))], **options).feeds
    return result


def written(data_dir, result) -> list[dict]:
    return [yaml.safe_load((data_dir / f.rel).read_text(encoding="utf-8")) for f in result.new]


def test_every_fixture_says_what_it_shows_and_expects():
    assert len(CASES) >= 12
    for case in CASES:
        text = case.read_bytes()[:1200].decode("ascii", errors="replace")
        assert "shows:" in text and "expect:" in text, case.name


@pytest.mark.parametrize("fixture", CASES, ids=[c.stem for c in CASES])
def test_fixture_feed_imports_as_its_header_says(data_copy, fixture):
    expected = expectation(fixture)
    before = sorted(data_copy.rglob("*.yml"))
    result = import_file(data_copy, fixture.name)
    if expected == "failure":
        assert result.failure and not result.new
        assert sorted(data_copy.rglob("*.yml")) == before
        return
    assert result.failure is None
    assert {"new": len(result.new), "already": result.already, "irrelevant": result.irrelevant,
            "errors": len(result.problems)} == expected
    assert len(sorted(data_copy.rglob("*.yml"))) == len(before) + expected["new"]
    load_dataset(data_copy)  # what was written is valid data


def test_imported_file_is_pending_entered_by_the_import_with_outlet_title_plain_summary_canonical_url_and_guid(
        data_copy):
    result = import_file(data_copy, "rss-basic.xml")
    first = data_copy / result.new[0].rel
    assert result.new[0].rel == "news/2024/2024-03-05-cong-an-xa-an-hoa-ra-mat-mo-hinh-camera-an-ninh.yml"
    assert first.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../../../schemas/news.schema.json\n")
    assert yaml.safe_load(first.read_text(encoding="utf-8")) == {
        "title": "Công an xã An Hòa ra mắt mô hình camera an ninh", "date": date(2024, 3, 5), "outlet": "bao-tinh",
        "url": "https://bao.example/phap-luat/camera-an-ninh-an-hoa.html", "kind": "tin", "status": "pending",
        "entered_by": "nhap-tu-dong", "summary": "Mô hình gồm 12 camera ở các ngã ba, ngã tư.", "guid": "bao-tinh-1001"}


def test_importing_the_same_feed_twice_writes_files_once(data_copy):
    first = run_script("import_feeds.py", "--data", str(data_copy), "--outlet", "bao-tinh", str(FEEDS / "rss-basic.xml"))
    files = {p: p.read_bytes() for p in data_copy.rglob("*.yml")}
    second = run_script("import_feeds.py", "--data", str(data_copy), "--outlet", "bao-tinh", str(FEEDS / "rss-basic.xml"))
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    assert "2 mới, 1 đã có, 1 không liên quan, 0 lỗi" in first.stdout
    assert "0 mới, 3 đã có, 1 không liên quan, 0 lỗi" in second.stdout
    assert {p: p.read_bytes() for p in data_copy.rglob("*.yml")} == files


def test_an_item_on_file_in_any_status_is_not_imported_again(data_copy):
    result = import_file(data_copy, "rss-basic.xml")
    rejected = data_copy / result.new[0].rel
    rejected.write_text(rejected.read_text(encoding="utf-8").replace("status: pending", "status: rejected"),
                        encoding="utf-8")
    (data_copy / result.new[1].rel).unlink()
    again = import_file(data_copy, "rss-basic.xml")
    assert [f.rel for f in again.new] == [result.new[1].rel] and again.already == 2


def test_feed_ids_are_compared_per_outlet_and_urls_across_outlets(data_copy):
    import_file(data_copy, "duplicate-entries.xml", outlet="bao-tinh")
    other = import_file(data_copy, "duplicate-entries.xml", outlet="cong-huyen")
    # The first two are the same article by URL, whatever the outlet; the third has a new URL, and
    # its guid, known for bao-tinh, says nothing about cong-huyen's items.
    assert other.already == 2
    assert [f.title for f in other.new] == ["Triệt phá đường dây đánh bạc, bảo đảm trật tự (cập nhật)"]


@pytest.mark.parametrize("fixture, expected", [
    ("dates-new-year-gmt.xml", [date(2020, 12, 31), date(2021, 1, 1)]),
    ("dates-new-year-plus7.xml", [date(2020, 12, 31), date(2021, 1, 1)]),
])
def test_dates_are_local_dates_in_vietnam(data_copy, fixture, expected):
    result = import_file(data_copy, fixture)
    assert [item["date"] for item in written(data_copy, result)] == expected
    assert [f.rel[:10] for f in result.new] == ["news/2020/", "news/2021/"]


def test_pub_date_from_the_brief_is_new_year_in_vietnam():
    utc = time.strptime("Thu, 31 Dec 2020 18:30:00", "%a, %d %b %Y %H:%M:%S")
    assert local_date(utc, "Asia/Ho_Chi_Minh") == date(2021, 1, 1)
    assert local_date(utc, "UTC") == date(2020, 12, 31)


def test_windows_1258_feed_decodes_to_composed_vietnamese(data_copy):
    assert b"\xf2" in (FEEDS / "encoding-windows-1258.xml").read_bytes()  # a combining dot below, not UTF-8
    [item] = written(data_copy, import_file(data_copy, "encoding-windows-1258.xml"))
    assert item["title"] == "Đồng Cốc: bắt giữ đối tượng buôn bán ma túy"
    assert item["summary"] == "Lực lượng Công an huyện phối hợp Công an xã bắt quả tang."


def test_markup_in_titles_and_summaries_becomes_plain_text(data_copy):
    first, second = written(data_copy, import_file(data_copy, "html-in-titles.xml"))
    assert first["title"] == "Bắt đối tượng tàng trữ ma túy & vũ khí"
    assert first["summary"] == "Đêm 2/6, Công an xã An Hòa bắt quả tang. Thu giữ 2 gói ma túy."
    assert second["title"] == "Tuần tra an ninh dịp Tết & lễ hội"


def test_relative_links_resolve_against_the_channel_link_when_read_from_a_file(data_copy):
    items = written(data_copy, import_file(data_copy, "relative-links.xml"))
    assert [i["url"] for i in items] == ["https://bao.example/phap-luat/diem-ma-tuy.html",
                                         "https://bao.example/phap-luat/to-giac-trom-cap.html?id=7"]


def test_atom_links_resolve_against_xml_base(data_copy):
    items = written(data_copy, import_file(data_copy, "atom-basic.xml", outlet="cong-huyen"))
    assert items[0]["url"] == "https://cong.example/tin-tuc/tong-ket-phong-trao.html"
    assert items[0]["summary"] == "Hội nghị biểu dương 25 tập thể & cá nhân."
    assert items[1]["date"] == date(2024, 4, 1)  # <updated> when there is no <published>


def test_taken_file_names_get_a_numeric_suffix_and_nothing_is_overwritten(data_copy):
    original = (data_copy / "news/2024/2024-03-05-tuan-tra-dem.yml").read_bytes()
    result = import_file(data_copy, "name-taken.xml")
    long = "news/2024/2024-03-05-tuan-tra-dem-bao-dam-an-ninh-trat-tu-o-cac-thon-vung-cao"
    assert [f.rel for f in result.new] == ["news/2024/2024-03-05-tuan-tra-dem-2.yml", f"{long}.yml", f"{long}-2.yml"]
    assert result.already == 1  # the same title again, from the same outlet on the same day
    assert (data_copy / "news/2024/2024-03-05-tuan-tra-dem.yml").read_bytes() == original


def test_undated_entries_are_reported_not_guessed(data_copy):
    result = run_script("import_feeds.py", "--data", str(data_copy), "--outlet", "bao-tinh", str(FEEDS / "no-date.xml"))
    assert result.returncode == 3  # entries were skipped
    assert "! mục 'Bắt đối tượng trộm cắp, giữ vững an ninh thôn': không có ngày đăng; không đoán ngày" in result.stdout
    assert "(nguồn ghi 'ngày 31 tháng 12 năm 2020', không đọc được)" in result.stdout
    assert not list(data_copy.glob("news/2020/*"))


def test_malformed_feed_is_one_vietnamese_line_and_exit_1(data_copy):
    result = run_script("import_feeds.py", "--data", str(data_copy), "--outlet", "bao-tinh",
                        str(FEEDS / "malformed.xml"), str(FEEDS / "rss-basic.xml"))
    assert result.returncode == 1
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("Lỗi: Báo tỉnh (bao-tinh), ") and "malformed.xml: nguồn tin hỏng: XML sai cú pháp" in line
    assert "rss-basic.xml: 2 mới" in result.stdout  # the other feed was still imported
    assert "Tổng: 2 tin mới chờ duyệt từ 2 nguồn; 1/2 nguồn lỗi" in result.stdout


def test_dry_run_reports_and_writes_nothing(data_copy):
    before = sorted(data_copy.rglob("*"))
    result = run_script("import_feeds.py", "--data", str(data_copy), "--dry-run", "--outlet", "bao-tinh",
                        str(FEEDS / "rss-basic.xml"))
    assert result.returncode == 0 and "2 sẽ nhập" in result.stdout and "Thử (không ghi gì)" in result.stdout
    assert sorted(data_copy.rglob("*")) == before


def test_entries_outside_the_outlets_active_dates_are_reported_and_the_rest_written(data_copy):
    outlets = data_copy / "outlets.yml"
    outlets.write_text(outlets.read_text(encoding="utf-8").replace(
        '    name: "Báo tỉnh"\n', '    name: "Báo tỉnh"\n    valid_to: 2020-12-31\n'), encoding="utf-8")
    (data_copy / "news/2024/2024-03-05-tuan-tra-dem.yml").unlink()  # dated after valid_to
    (data_copy / "news/2025/2025-01-01-cho-duyet.yml").unlink()
    result = import_file(data_copy, "dates-new-year-gmt.xml")
    assert [f.rel[:15] for f in result.new] == ["news/2020/2020-"]
    assert result.problems == ["mục 'Đêm giao thừa an ninh trật tự được bảo đảm': ngày đăng 01/01/2021 ngoài "
                               "thời gian hoạt động của Báo tỉnh trong data/outlets.yml"]


def test_the_data_set_is_validated_before_anything_is_written(data_copy):
    # A published item elsewhere is broken: the import refuses, and writes neither files nor state.
    people = data_copy / "people.yml"
    people.write_text(people.read_text(encoding="utf-8").replace(CONSENT, "consent: false"), encoding="utf-8")
    before = sorted(data_copy.rglob("*"))
    with pytest.raises(DataError):
        import_file(data_copy, "rss-basic.xml")
    result = run_script("import_feeds.py", "--data", str(data_copy), "--outlet", "bao-tinh", str(FEEDS / "rss-basic.xml"))
    assert result.returncode == 1 and "consent: nhận được false" in result.stderr and "chưa ghi hay sửa tệp nào" in result.stderr
    assert sorted(data_copy.rglob("*")) == before and not (data_copy / STATE_FILE).exists()


def test_a_new_file_the_data_set_refuses_is_reported_and_skipped(data_copy, monkeypatch):
    """The data set is checked with the new files before writing; a file it refuses is one reported
    entry, with the field and the reason, and the other entries are still written."""
    import antq.feed_import as feed_import
    real = feed_import.news_text
    monkeypatch.setattr(feed_import, "news_text", lambda fields: real(fields).replace("kind: tin\n", "kind: tin tức\n")
                        if "camera" in fields["title"] else real(fields))
    result = import_file(data_copy, "rss-basic.xml")
    assert [f.title for f in result.new] == ["TOI PHAM LUA DAO QUA MANG GIAM MANH"]
    [problem] = result.problems
    assert problem.startswith("mục 'Công an xã An Hòa ra mắt mô hình camera an ninh': kind: ")
    assert not list(data_copy.glob("news/2024/2024-03-05-cong-an-*"))
    assert len(list(data_copy.glob("news/2024/2024-03-06-*"))) == 1


def test_bad_entries_are_each_reported_in_vietnamese_and_skipped(data_copy):
    result = run_script("import_feeds.py", "--data", str(data_copy), "--outlet", "bao-tinh",
                        str(FEEDS / "bad-entries.xml"), str(FEEDS / "rss-basic.xml"))
    assert result.returncode == 3, result.stderr  # something was skipped, nothing failed
    assert result.stderr == ""
    out = result.stdout
    assert "bad-entries.xml: 1 mới, 0 đã có, 0 không liên quan, 5 lỗi" in out
    assert "rss-basic.xml: 2 mới, 1 đã có, 1 không liên quan, 0 lỗi" in out  # the next feed went on
    for line in [
        "  ! mục 'Địa chỉ có dấu cách: an ninh thôn Đồng': url: nhận được 'https://bao.example/an ninh/thon dong.html', "
        "cần địa chỉ web đầy đủ bắt đầu bằng https:// hoặc http://",
        "  ! mục 'Năm 9999 cuối ngày: an ninh': ngày đăng 'Fri, 31 Dec 9999 23:00:00 GMT' nằm ngoài khoảng ngày "
        "dùng được (năm 1 đến 9999 theo giờ Việt Nam)",
        "  ! mục 'Năm 0: an ninh': ngày đăng '0000-01-01T00:00:00Z' nằm ngoài khoảng ngày dùng được "
        "(năm 1 đến 9999 theo giờ Việt Nam)",
        "  ! mục 'Năm 9999 giữa năm: an ninh': ngày đăng 01/06/9999 ở tương lai (nguồn ghi "
        "'Tue, 01 Jun 9999 10:00:00 GMT')",
        "  ! mục 'Địa chỉ hỏng: an ninh': không có địa chỉ bài viết (http/https) dùng được",
    ]:
        assert line in out.splitlines()
    assert "Tổng: 3 tin mới chờ duyệt từ 2 nguồn; 5 mục bị bỏ qua" in out
    assert (data_copy / "news/2024/2024-03-06-muc-tot-tuan-tra-an-ninh-o-an-hoa.yml").is_file()
    load_dataset(data_copy)


def test_unknown_outlet_is_refused(data_copy):
    with pytest.raises(SourceError, match="không có cơ quan báo chí 'bao-khac'"):
        import_feeds(data_copy, [("bao-khac", str(FEEDS / "rss-basic.xml"))])
    result = run_script("import_feeds.py", "--data", str(data_copy), "--outlet", "bao-khac", "x.xml")
    assert result.returncode == 1 and result.stderr.startswith("Lỗi: không có cơ quan báo chí 'bao-khac'")


def test_missing_local_file_is_a_failed_feed(data_copy):
    [result] = import_feeds(data_copy, [("bao-tinh", str(data_copy / "khong-co.xml"))]).feeds
    assert result.failure == f"không có tệp {data_copy / 'khong-co.xml'}"


def test_without_outlet_and_without_feeds_in_the_data_nothing_is_read(data_copy):
    result = run_script("import_feeds.py", "--data", str(data_copy))
    assert result.returncode == 0 and result.stdout.startswith("Không có nguồn tin nào")


def test_help_is_vietnamese_with_an_example():
    for script in ("import_feeds.py", "review.py"):
        result = run_script(script, "--help")
        assert result.returncode == 0 and "Ví dụ:" in result.stdout and f"python scripts/{script}" in result.stdout


# -- units -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, relevant", [
    ("Bảo đảm AN NINH trật tự", True),
    ("bao dam an ninh", True),  # typed without diacritics
    ("Đường dây ma tuý bị triệt phá", True),  # tone mark placed the old way
    ("Xã Tân Ninh khai trương chợ", False),  # 'an ninh' inside another word
    ("Giá vải thiều tăng", False),
])
def test_keywords_match_whole_words_without_case_or_diacritics(text, relevant):
    matches = keyword_matcher(["an ninh", "ma túy", "Đánh bạc"])
    assert matches(text) is relevant


def test_d_with_stroke_matches_d():
    assert keyword_matcher(["đánh bạc"])("DANH BAC o thon") and keyword_matcher(["danh bac"])("Đánh bạc")


@pytest.mark.parametrize("url, cleaned", [
    ("https://Bao.Example/a.html?utm_source=rss&id=5&utm_medium=x#top", "https://bao.example/a.html?id=5"),
    ("https://bao.example/a.html?fbclid=1&gclid=2&zarsrc=30", "https://bao.example/a.html"),
    ("https://bao.example/a.html?b=%C3%A1&a=1", "https://bao.example/a.html?b=%C3%A1&a=1"),
])
def test_urls_lose_fragment_and_tracking_parameters(url, cleaned):
    assert clean_url(url) == cleaned


def test_tracking_variants_of_one_url_are_duplicates_in_the_data(data_copy):
    (data_copy / "news/2024/2024-06-01-ban-sao.yml").write_text(
        'title: "Bản sao"\ndate: 2024-06-01\noutlet: bao-tinh\nurl: "https://bao.example/tuan-tra-dem?utm_source=fb"\n'
        "status: pending\n", encoding="utf-8")
    with pytest.raises(DataError, match="đã có trong news/2024/2024-03-05-tuan-tra-dem.yml"):
        load_dataset(data_copy)
    assert canonical_url("https://bao.example/x/?utm_source=a#b") == canonical_url("https://bao.example/x")


def test_plain_text_strips_markup_decodes_entities_and_composes_letters():
    assert plain_text("<p>A&nbsp;&amp;&#32;<b>B</b></p><script>x()</script>") == "A & B"
    assert plain_text("T\u00f4\u0323i  ph\u1ea1m", "text/plain") == "Tội phạm"
    assert plain_text("x < y & <b>", "text/plain") == "x < y & <b>"


def test_control_characters_from_a_feed_become_spaces():
    assert plain_text("an\x00ninh\x0bthôn\x7f\x85Đồng", "text/plain") == "an ninh thôn Đồng"
    assert plain_text("<b>a</b>&#0;b") == "a\ufffdb"  # HTML's own rule for a NUL reference: not a control


def test_long_summaries_are_cut_at_a_word():
    text = "an ninh " * 100
    short = shorten(text.strip(), 40)
    assert short == "an ninh an ninh an ninh an ninh an ninh…" and shorten("ngắn", 40) == "ngắn"


def test_outlet_needs_an_id_and_a_feed(data_copy):
    result = run_script("import_feeds.py", "--data", str(data_copy), "--outlet", "bao-tinh")
    assert result.returncode == 2 and "--outlet cần mã cơ quan báo chí rồi ít nhất một địa chỉ nguồn tin" in result.stderr


def test_parse_feed_takes_bytes_and_response_headers():
    body = (FEEDS / "relative-links.xml").read_bytes()
    parsed = parse_feed(body, {"content-type": "application/rss+xml"}, "https://bao.example/rss/an-ninh.rss")
    assert [e.url for e in read_entries(parsed)] == ["https://bao.example/phap-luat/diem-ma-tuy.html",
                                                     "https://bao.example/rss/phap-luat/to-giac-trom-cap.html?id=7"]
    with pytest.raises(FeedError, match="không phải nguồn tin RSS hay Atom"):
        parse_feed(b"", {})


def test_text_xml_without_charset_is_tolerated():
    """Servers often send text/xml without a charset; feedparser flags it, the document is fine."""
    body = (FEEDS / "encoding-windows-1258.xml").read_bytes()
    entries = read_entries(parse_feed(body, {"content-type": "text/xml"}, "https://dai.example/rss"))
    assert entries[0].title == "Đồng Cốc: bắt giữ đối tượng buôn bán ma túy"


def test_a_report_line_never_breaks_whatever_the_text_says():
    """The report becomes a pull request's body, inside a code fence: text from a feed must not
    start a line of its own (and so close the fence)."""
    one_line = script_main("import_feeds.py").__wrapped__.__globals__["one_line"]
    assert one_line("a\n```\r\u2028b\x85c\u2029d") == "a ```  b c d"


@pytest.mark.parametrize("option", [("--timeout", "0"), ("--max-per-feed", "0")])
def test_limits_must_be_positive(data_copy, option):
    result = run_script("import_feeds.py", "--data", str(data_copy), *option)
    assert result.returncode == 2
    assert "--timeout cần số giây lớn hơn 0, --max-per-feed cần số nguyên từ 1 trở lên" in result.stderr
