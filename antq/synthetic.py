"""A synthetic data set of any size, for measuring the build (`scripts/bench.py`).

`synthetic_files(items, seed)` returns the text of every file of a valid data set with
`items` news items spread over the years and outlets of one plan period, and communes,
hotlines, models and people in proportion (one commune per 100 items, as a district with
28 communes has a few thousand items). The same size and seed give the same files.
It is a demonstration set: every local number is marked `example: true`.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from .model import FILE_KINDS, schema_name
from .news import news_text
from .source import dump
from .text import slugify

START, END = date(2020, 1, 1), date(2025, 12, 31)
MERGER = date(2025, 7, 1)  # outlets and units changed on this day: some close the day before, some open
TODAY = "2026-01-15"  # the day the benchmark builds the site as of ($SITE_TODAY)
CHECKED = (date(2025, 8, 1), date(2026, 1, 10))  # hotlines called within the last months before TODAY
ITEMS_PER_COMMUNE = 100

# id, name, medium, quota group, valid_from, valid_to, share of the items while valid
OUTLETS = [
    ("bao-tinh", "Báo tỉnh", "online", "bao-dai-tinh", None, MERGER - timedelta(1), 3),
    ("ptth-tinh", "Đài Phát thanh và Truyền hình tỉnh", "broadcast", "bao-dai-tinh", None, MERGER - timedelta(1), 2),
    ("bao-ptth-tinh", "Báo và Phát thanh, Truyền hình tỉnh", "online", "bao-dai-tinh", MERGER, None, 5),
    ("ttvhttt-huyen", "Trung tâm Văn hoá - Thông tin và Thể thao huyện", "broadcast", "truyen-thanh",
     None, MERGER - timedelta(1), 8),
    ("truyen-thanh-xa", "Đài truyền thanh các xã, phường", "broadcast", "truyen-thanh", MERGER, None, 8),
    ("cong-thong-tin-huyen", "Cổng thông tin điện tử huyện", "online", None, None, MERGER - timedelta(1), 3),
    ("trang-cong-an-huyen", "Trang mạng xã hội của Công an huyện", "online", None, None, date(2025, 2, 28), 2),
]
PLACE_FIRST = ["An", "Bình", "Cẩm", "Đồng", "Giáp", "Hồng", "Kiên", "Mỹ", "Nam", "Phú", "Quý", "Tân",
               "Thanh", "Trù", "Vĩnh", "Xuân", "Biển", "Đèo", "Hộ", "Kim", "Nghĩa", "Phượng", "Sơn", "Tiên"]
PLACE_SECOND = ["Hòa", "Sơn", "Lập", "Tâm", "Hưng", "Thịnh", "Giang", "Lao", "Mộc", "Đáp", "Hoa", "Dương",
                "Lạc", "Lương", "Quang", "Thành", "Tiến", "Phong", "Yên", "Động", "Hải", "Lâm", "Trung", "Vân"]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vi", "Lương", "Đặng", "Bùi", "Đỗ", "Hà", "Nông"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thu", "Ngọc", "Quang", "Hữu"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hoa", "Lan", "Long", "Mai", "Nam", "Phúc", "Tuấn", "Yến"]
RANKS = ["Thiếu úy", "Trung úy", "Thượng úy", "Đại úy"]
MODEL_TYPES = [
    ("to-tuan-tra-nhan-dan", "Tổ tuần tra Nhân dân"), ("cum-dan-cu-an-toan", "Cụm dân cư an toàn"),
    ("to-lien-gia-tu-quan", "Tổ liên gia tự quản"), ("dong-ho-khong-vi-pham", "Dòng họ không có người vi phạm pháp luật"),
    ("nha-nghi-nha-tro-tu-quan", "Khu nhà nghỉ, nhà trọ tự quản về an ninh, trật tự"), ("to-hoa-giai", "Tổ hòa giải"),
    ("camera-an-ninh", "Camera an ninh"), ("truong-hoc-an-toan", "Trường học an toàn về an ninh, trật tự"),
    ("benh-vien-an-toan", "Bệnh viện an toàn về an ninh, trật tự"), ("vanh-dai-an-toan", "Vành đai an toàn"),
]
WHO = ["Công an {}", "Nhân dân {}", "Đoàn Thanh niên {}", "Hội Phụ nữ {}", "Tổ tuần tra Nhân dân {}", "Mặt trận Tổ quốc {}"]
ACTIONS = [
    "ra quân tuần tra, kiểm soát ban đêm", "tuyên truyền phòng, chống ma túy trong thanh niên",
    "vận động người dân giao nộp vũ khí, vật liệu nổ", "ra mắt mô hình tự quản về an ninh, trật tự",
    "kịp thời tố giác đối tượng trộm cắp tài sản", "sơ kết phong trào toàn dân bảo vệ an ninh Tổ quốc",
    "hòa giải thành mâu thuẫn trong khu dân cư", "lắp đặt camera an ninh tại các trục đường chính",
    "cảnh báo thủ đoạn lừa đảo qua mạng", "bảo đảm trật tự, an toàn giao thông dịp lễ hội",
]
TOPICS = ["an ninh trật tự", "phòng, chống ma túy", "phòng, chống tội phạm", "an toàn giao thông",
          "phong trào toàn dân", "mô hình tự quản", "lừa đảo qua mạng"]


def _dump(name: str, value: dict) -> str:
    body = dump(value)
    return (f"# yaml-language-server: $schema=../schemas/{schema_name(FILE_KINDS[name])}.schema.json\n"
            "# Dữ liệu tổng hợp để đo tốc độ dựng trang (scripts/bench.py).\n" + body)


def _unique(slug: str, seen: set[str]) -> str:
    candidate, n = slug, 1
    while candidate in seen:
        n += 1
        candidate = f"{slug}-{n}"
    seen.add(candidate)
    return candidate


def _day(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(rng.randrange((last - first).days + 1))


def _person_name(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def _communes(count: int) -> list[dict]:
    communes, seen = [], set()
    for i in range(count):
        base = f"{PLACE_FIRST[i % 24]} {PLACE_SECOND[i // 24 % 24]}" + (f" {i // 576 + 1}" if i >= 576 else "")
        kind = "thị trấn" if i % 12 == 5 else "xã"
        communes.append({"id": _unique(slugify(base), seen), "name": f"{kind} {base}", "kind": kind})
    return communes


def _hotlines(rng: random.Random, communes: list[dict]) -> list[dict]:
    hotlines = [{"id": f"khan-cap-{n}", "name": name, "number": n, "answered_by": by, "hours": "24/7",
                 "channels": ["call"], "checked": _day(rng, *CHECKED)}
                for n, name, by in [("113", "Cảnh sát 113", "Trung tâm Chỉ huy Công an tỉnh"),
                                    ("114", "Cứu nạn, cứu hộ 114", "Cảnh sát phòng cháy, chữa cháy"),
                                    ("115", "Cấp cứu y tế 115", "Trung tâm cấp cứu 115"),
                                    ("111", "Bảo vệ trẻ em 111", "Tổng đài quốc gia bảo vệ trẻ em")]]
    hotlines.append({"id": "cong-an-huyen", "name": "Công an huyện – trực ban", "number": "0204 3882 113",
                     "example": True, "answered_by": "Trực ban Công an huyện", "hours": "24/7",
                     "channels": ["call", "sms"], "checked": date(2025, 11, 3), "valid_to": MERGER - timedelta(1)})
    for i, commune in enumerate(communes):
        hotlines.append({"id": f"cong-an-{commune['id']}", "name": f"Công an {commune['name']}",
                         "number": f"09{i // 1000 % 100:02d} {i % 1000:03d} {rng.randrange(1000):03d}",
                         "example": True, "answered_by": "Trực ban Công an " + commune["name"],
                         "hours": "24/7", "channels": rng.choice([["call"], ["call", "sms"], ["call", "sms", "zalo"]]),
                         "commune": commune["id"], "checked": _day(rng, *CHECKED)})
    return hotlines


def _models(rng: random.Random, communes: list[dict]) -> list[dict]:
    models = []
    for i, commune in enumerate(communes):
        for j in range(2):
            type_id, type_name = MODEL_TYPES[(2 * i + j) % len(MODEL_TYPES)]
            place = f"thôn {PLACE_FIRST[rng.randrange(24)]} {PLACE_SECOND[rng.randrange(24)]}"
            established = _day(rng, date(2015, 1, 1), date(2024, 12, 31))
            evaluations = [{"year": y, "result": "formal" if rng.random() < 0.04 else "effective"}
                           for y in range(max(2020, established.year), 2026)]
            models.append({"id": f"{type_id}-{commune['id']}-{j + 1}", "name": f"{type_name} {place}",
                           "type": type_id, "commune": commune["id"], "place": place, "established": established,
                           "members": rng.randrange(5, 60), "officer": f"{rng.choice(RANKS)} {_person_name(rng)}",
                           "evaluations": evaluations})
    return models


def _people(rng: random.Random, communes: list[dict]) -> list[dict]:
    people = []
    for i in range(2 * len(communes)):
        name, minor = _person_name(rng), rng.random() < 0.05
        if minor:  # stored by initials only
            name = "".join(word[0] + "." for word in name.split())
        day = _day(rng, START, END)
        people.append({"id": f"nguoi-{i + 1}" if minor else f"{slugify(name)}-{i + 1}", "name": name, "commune": rng.choice(communes)["id"],
                       "deed": rng.choice(["Tố giác đối tượng trộm cắp tài sản, giúp Công an thu hồi tài sản",
                                           "Nhặt được tài sản, giao nộp Công an để trả lại người đánh rơi",
                                           "Dũng cảm cứu người bị nạn trong mưa lũ"]),
                       "date": day, "recognition": "Giấy khen của Chủ tịch UBND huyện",
                       "consent": {"document": f"{i + 1:02d}/ĐY-CAX", "date": day}, "minor": minor})
    return people


# Who enters the items, and who approves them (someone else).
STAFF = [{"id": "nhap", "name": "Nguyễn Thị Nhập", "role": "Cán bộ truyền thông"},
         {"id": "duyet", "name": "Trần Văn Duyệt", "role": "Lãnh đạo phụ trách phong trào", "approves": True}]


def _news(rng: random.Random, i: int, communes: list[dict], slots: dict) -> tuple[str, str]:
    day = _day(rng, START, END)
    open_outlets = [o for o in OUTLETS if (o[4] or day) <= day <= (o[5] or day)]
    outlet_id, outlet_name, medium = rng.choices(open_outlets, weights=[o[6] for o in open_outlets])[0][:3]
    where = rng.choice(communes)
    # The number keeps file names, addresses and the titles of one outlet's day unique.
    title = f"{rng.choice(WHO).format(where['name'])} {rng.choice(ACTIONS)} (tin {i + 1})"
    slug = f"{slugify(title, limit=50)}-{i + 1}"
    roll = rng.random()
    status = "pending" if roll > 0.96 else "rejected" if roll > 0.95 else "published"
    broadcast = None
    if medium == "broadcast":
        slot = slots[outlet_id, day] = slots.get((outlet_id, day), 0) + 1  # one item per minute of air time
        broadcast = {"programme": "Thời sự", "time": f"{17 + slot // 60:02d}:{slot % 60:02d}", "duration": "3:00",
                     "log": {"number": f"{i + 1}/NKPS", "date": day}}
    fields = {
        "title": title, "date": day, "outlet": outlet_id,
        "url": f"https://{outlet_id}.example/{day.year}/{slug}.html" if medium == "online" or roll < 0.3 else None,
        "broadcast": broadcast, "kind": rng.choice(["tin", "tin", "bài", "phóng sự"]), "status": status,
        "entered_by": "nhap", "approved_by": "duyet" if status == "published" else None,
        "approved_on": day + timedelta(days=1) if status == "published" else None,
        "summary": f"{title}, góp phần giữ vững an ninh, trật tự trên địa bàn ({outlet_name}).",
        "topics": rng.sample(TOPICS, rng.randrange(1, 3)),
        "communes": sorted({where["id"], rng.choice(communes)["id"]}),
    }
    return f"news/{day.year}/{day.isoformat()}-{slug}.yml", news_text(fields)


def synthetic_files(items: int, seed: int = 1) -> dict[str, str]:
    """Path (relative to the data folder) -> text of every file of the data set."""
    rng = random.Random(seed)
    communes = _communes(max(3, items // ITEMS_PER_COMMUNE))
    site = {"name": "Bộ dữ liệu tổng hợp", "places": [{"level": "huyện", "name": "Mẫu", "province": "tỉnh Mẫu"}],
            "timezone": "Asia/Ho_Chi_Minh", "demo": True, "edit_url": "https://git.example/antq/edit/main/",
            "periods": [{"id": "2020-2025", "title": "Kế hoạch mẫu giai đoạn 2020 - 2025",
                         "start": START, "end": END, "quotas": [
                             {"id": "bao-dai-tinh", "name": "Báo, Đài tỉnh", "rule": "at_least", "threshold": 20},
                             {"id": "truyen-thanh", "name": "Truyền thanh huyện, xã", "rule": "more_than",
                              "threshold": 80}]}]}
    outlets = [{k: v for k, v in zip(["id", "name", "medium", "quota", "valid_from", "valid_to"], o) if v is not None}
               for o in OUTLETS]
    files = {
        "site.yml": _dump("site.yml", site),
        "outlets.yml": _dump("outlets.yml", {"outlets": outlets}),
        "communes.yml": _dump("communes.yml", {"communes": communes}),
        "hotlines.yml": _dump("hotlines.yml", {"hotlines": _hotlines(rng, communes)}),
        "models.yml": _dump("models.yml", {"types": [{"id": t, "name": n} for t, n in MODEL_TYPES],
                                           "models": _models(rng, communes)}),
        "people.yml": _dump("people.yml", {"people": _people(rng, communes)}),
        # Read by the feed import, which keeps entries that mention one of these words.
        "keywords.yml": _dump("keywords.yml", {"keywords": ["an ninh", "trật tự", "tội phạm", "ma túy"]}),
        "staff.yml": _dump("staff.yml", {"staff": STAFF}),
        # The plan's targets are not what the benchmark measures: empty registers.
        **{name: _dump(name, {key: [] for key in keys}) for name, keys in (
            ("units.yml", ["units"]), ("unit-years.yml", ["unit_years"]), ("locality-years.yml", ["locality_years"]),
            ("directives.yml", ["directives"]), ("targets.yml", ["targets"]), ("duties.yml", ["agencies", "tasks"]))},
    }
    slots: dict = {}
    files.update(_news(rng, i, communes, slots) for i in range(items))
    return files


def write_files(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
