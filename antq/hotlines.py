"""Which hotlines are shown: those valid today, the national emergency codes first, then the
whole area's numbers and each commune's."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from .dataset import Dataset
from .model import EMERGENCY, Commune, Hotline, phone_digits


def current_hotlines(data: Dataset, today: date) -> list[Hotline]:
    return [h for h in data.hotlines if h.valid_on(today)]


def emergency_hotlines(current: list[Hotline]) -> list[Hotline]:
    """The national emergency short codes among `current`, 113 first."""
    return sorted((h for h in current if phone_digits(h.number) in EMERGENCY),
                  key=lambda h: EMERGENCY.index(phone_digits(h.number)))


def hotline_sections(data: Dataset, today: date) -> list[tuple[str, list[Hotline]]]:
    current = current_hotlines(data, today)
    emergency = emergency_hotlines(current)
    area = [h for h in current if h.commune is None and h not in emergency]
    by_commune: dict[str, list[Hotline]] = defaultdict(list)
    for h in current:
        if h.commune is not None:
            by_commune[h.commune].append(h)
    sections = [("Số khẩn cấp toàn quốc (miễn phí, 24/7)", emergency), (f"Toàn {data.site.locality}", area)]
    sections += [(data.commune[c].name, hs) for c, hs in sorted(by_commune.items(), key=lambda kv: data.commune[kv[0]].name)]
    return [(title, hs) for title, hs in sections if hs]


def poster_hotlines(data: Dataset, today: date, commune: Commune | None) -> tuple[list[Hotline], list[Hotline]]:
    """(emergency numbers, then the area's own numbers) shown on a poster."""
    current = current_hotlines(data, today)
    emergency = emergency_hotlines(current)
    local = [h for h in current if h not in emergency and h.commune is None]
    if commune is not None:
        local = [h for h in current if h.commune == commune.id] + local
    return emergency, local
