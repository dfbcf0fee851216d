"""Deterministic synthetic news items, to build and measure the site at 10,000 items.

Not a fixture of any one case: `write_synthetic_news` fills the news folder of a copy
of a data set (its own items removed) with `count` valid items spread over the years
of its plan periods, the same items for the same seed.
"""

from __future__ import annotations

import json
import random
import shutil
from datetime import date, timedelta
from pathlib import Path

from antq.load import load_dataset
from antq.model import NewsItem
from antq.text import slugify
from antq.schemas import modeline

ACTS = ["ra mắt", "tổng kết", "kiểm tra", "duy trì hoạt động", "nhân rộng", "biểu dương"]
MODELS = ["Tổ tuần tra Nhân dân", "Tổ liên gia tự quản", "Cụm dân cư an toàn", "Tổ hòa giải",
          "mô hình camera an ninh", "Trường học an toàn về an ninh, trật tự"]
EVENTS = ["bắt giữ đối tượng trộm cắp tài sản", "tuyên truyền phòng, chống ma túy", "cảnh báo lừa đảo qua mạng",
          "ra quân bảo đảm an toàn giao thông", "phòng cháy, chữa cháy rừng mùa hanh khô",
          "tiếp nhận vũ khí, vật liệu nổ do người dân giao nộp"]
TOPICS = ["phong trào toàn dân bảo vệ an ninh Tổ quốc", "an ninh trật tự", "mô hình tự quản", "phòng, chống tội phạm"]


def _title(rng: random.Random, commune: str, n: int) -> str:
    if rng.random() < 0.5:
        return f"{commune[:1].upper()}{commune[1:]} {rng.choice(ACTS)} {rng.choice(MODELS)} thôn {n % 17 + 1}"
    return f"Công an {commune} {rng.choice(EVENTS)}"


def _approver(data, enterer: str, day: date) -> str:
    """Someone other than the enterer who may approve on `day`."""
    return next(s.id for s in data.staff if s.approves and s.id != enterer and s.valid_on(day))


def write_synthetic_news(base: Path, target: Path, count: int, seed: int = 1, until: date = date(2026, 11, 26)) -> Path:
    """Copy the data folder `base` to `target` with `count` generated news items instead of its own, dated
    up to `until` (published items are approved by someone other than their enterer, with their evidence)."""
    shutil.copytree(base, target, ignore=shutil.ignore_patterns("news"))
    data = load_dataset(target)
    rng = random.Random(seed)
    first = min(p.start for p in data.site.periods)
    days = (min(max(p.end for p in data.site.periods), date(first.year + 6, 12, 31), until) - first).days + 1
    enterers = [s.id for s in data.staff if not s.approves]
    slots: dict[tuple[str, date], int] = {}
    for i in range(count):
        day = first + timedelta(days=rng.randrange(days))
        outlets = [o for o in data.outlets if o.valid_on(day)]
        communes = [c for c in data.communes if c.valid_on(day)] or list(data.communes)
        outlet, commune = rng.choice(outlets), rng.choice(communes)
        # The number keeps two items of one outlet and day from having the same title.
        title = f"{_title(rng, commune.name, i)} (tin {i + 1})"
        fields = {"title": title, "date": day.isoformat(), "outlet": outlet.id, "kind": rng.choice(["tin", "bài"]),
                  "status": "published" if rng.random() < 0.95 else "pending",
                  "summary": f"{title}, theo kế hoạch của {data.site.places[0].full_name}.",
                  "topics": [rng.choice(TOPICS)], "communes": [commune.id]}
        if outlet.medium == "online":
            fields["url"] = f"https://tin.example/{day.year}/{i}"
        elif outlet.medium == "broadcast":
            slot = slots[outlet.id, day] = slots.get((outlet.id, day), 0) + 1  # one broadcast per minute
            fields["broadcast"] = {"programme": "Thời sự", "time": f"{17 + slot // 60:02d}:{slot % 60:02d}",
                                   "duration": "3:00", "log": {"number": f"{i}/NKPS", "date": day.isoformat()}}
        fields["entered_by"] = enterers[i % len(enterers)]
        if fields["status"] == "published":
            approved = min(day + timedelta(days=1), until)
            fields.update(approved_by=_approver(data, fields["entered_by"], approved), approved_on=approved.isoformat())
        path = target / f"news/{day.year}/{day.isoformat()}-{slugify(title, 40)}-{i}.yml"
        path.parent.mkdir(parents=True, exist_ok=True)
        # JSON values are YAML too, and writing them is much faster than a YAML emitter.
        text = modeline(NewsItem, depth=2) + "".join(f"{k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in fields.items())
        path.write_text(text, encoding="utf-8")
    return target
