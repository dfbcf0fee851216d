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


def write_synthetic_news(base: Path, target: Path, count: int, seed: int = 1) -> Path:
    """Copy the data folder `base` to `target` with `count` generated news items instead of its own."""
    shutil.copytree(base, target, ignore=shutil.ignore_patterns("news"))
    data = load_dataset(target)
    rng = random.Random(seed)
    first = min(p.start for p in data.site.periods)
    days = (min(max(p.end for p in data.site.periods), date(first.year + 6, 12, 31)) - first).days + 1
    for i in range(count):
        day = first + timedelta(days=rng.randrange(days))
        outlets = [o for o in data.outlets if o.valid_on(day)]
        communes = [c for c in data.communes if c.valid_on(day)] or list(data.communes)
        outlet, commune = rng.choice(outlets), rng.choice(communes)
        title = _title(rng, commune.name, i)
        fields = {"title": title, "date": day.isoformat(), "outlet": outlet.id, "kind": rng.choice(["tin", "bài"]),
                  "status": "published" if rng.random() < 0.95 else "pending",
                  "summary": f"{title}, theo kế hoạch của {data.site.locality}.",
                  "topics": [rng.choice(TOPICS)], "communes": [commune.id]}
        if outlet.medium == "online":
            fields["url"] = f"https://tin.example/{day.year}/{i}"
        path = target / f"news/{day.year}/{day.isoformat()}-{slugify(title, 40)}-{i}.yml"
        path.parent.mkdir(parents=True, exist_ok=True)
        # JSON values are YAML too, and writing them is much faster than a YAML emitter.
        text = modeline(NewsItem, depth=2) + "".join(f"{k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in fields.items())
        path.write_text(text, encoding="utf-8")
    return target
