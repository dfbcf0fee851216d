"""The synthetic data set and the benchmark command (shapes only: timings are never asserted)."""

import json
from collections import Counter

from antq.load import load_dataset
from antq.hugo import hugo_files
from antq.synthetic import synthetic_files, write_files

from conftest import run_script

BUILD_KEYS = {"seconds", "median_seconds", "median_cpu_seconds", "peak_memory_bytes", "site_bytes",
              "search_bytes", "html_pages", "time_ratio", "memory_ratio"}


def test_generator_is_deterministic_for_a_seed():
    first = synthetic_files(120, seed=7)
    assert synthetic_files(120, seed=7) == first
    assert synthetic_files(120, seed=8) != first


def test_synthetic_data_set_validates_with_everything_in_proportion(tmp_path):
    write_files(tmp_path, synthetic_files(400, seed=3))
    data = load_dataset(tmp_path)  # raises DataError on any problem: dates, outlets, URLs, numbers, file names
    assert len(data.news) == 400 and len(data.communes) == 4
    assert len(data.hotlines) == 4 + 1 + 4 and len(data.models) == 8 and len(data.people) == 8
    assert all(h.example or h.number in {"111", "112", "113", "114", "115"} for h in data.hotlines)
    years = Counter(item.date.year for item in data.news)
    assert sorted(years) == [2020, 2021, 2022, 2023, 2024, 2025]
    assert len({item.outlet for item in data.news}) == len(data.outlets)
    assert {"published", "pending"} <= {item.status for item in data.news}


def test_bench_json_has_the_documented_keys():
    result = run_script("bench.py", "--items", "30", "--repeat", "1", "--no-blog", "--no-hugo", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["items"] == 30 and report["repeat"] == 1 and report["communes"] == 3 and report["years"] == 6
    assert "preview" not in report and "hugo_ratio" not in report
    assert set(report["machine"]) == {"cores", "cpu", "python", "system"}
    assert set(report["builds"]) == {"site", "baseline"}
    for build in report["builds"].values():
        assert set(build) == BUILD_KEYS
        assert len(build["seconds"]) == 1 and build["peak_memory_bytes"] > 0 and build["search_bytes"] > 0
    assert report["builds"]["baseline"]["time_ratio"] == 1
    # The site has its own pages; the baseline one page per item plus its home page and 404.
    assert report["builds"]["baseline"]["html_pages"] == 30 + 2


def test_bench_help_is_vietnamese_with_an_example():
    result = run_script("bench.py", "--help")
    assert result.returncode == 0 and "Ví dụ:" in result.stdout and "python scripts/bench.py" in result.stdout


def test_preview_is_measured_through_mkdocs_serve_over_http():
    result = run_script("bench.py", "--items", "30", "--repeat", "1", "--no-blog", "--no-baseline", "--no-hugo",
                        "--preview", "2", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert set(report["builds"]) == {"site"} and report["builds"]["site"]["time_ratio"] is None
    preview = report["preview"]["site"]
    assert len(preview["seconds"]) == 2 and preview["median_seconds"] > 0 and preview["first_build_seconds"] > 0
    assert 0 <= preview["idle_cpu_percent"] < 100
    assert "thêm tin bài 2/2" in result.stderr


def test_the_hugo_site_builds_a_page_per_year_from_the_same_data_folder(tmp_path):
    files = hugo_files(tmp_path / "data", [2024, 2025])
    assert f'dataDir = "{(tmp_path / "data").as_posix()}"' in files["config.toml"]
    assert files["content/tin-bai/2025.md"] == '---\ntitle: Tin bài năm 2025\nyear: "2025"\n---\n'
    assert {"content/tin-bai/2024.md", "layouts/tin-bai/single.html", "layouts/tin-bai/list.html",
            "layouts/index.html"} <= set(files)
    year_page = files["layouts/tin-bai/single.html"]
    assert ".Site.Data.news .Params.year" in year_page and "Data.outlets.outlets" in year_page  # the YAML files


def test_a_larger_province_has_the_communes_and_years_asked():
    files = synthetic_files(200, seed=3, communes=5, years=10)
    assert sorted({rel.split("/")[1] for rel in files if rel.startswith("news/")}) == [str(y) for y in range(2016, 2026)]
    assert files["communes.yml"].count("\n- id: ") == 5
