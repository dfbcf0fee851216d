"""Which hotlines are shown: those valid today, the national emergency codes first, then each
current commune's numbers (and where on the hotline page they are) and the whole area's."""

from __future__ import annotations

from datetime import date

from .dataset import Dataset
from .model import EMERGENCY, Commune, Hotline, phone_digits
from .text import fold, heading_slug

HOTLINES_PAGE = "duong-day-nong/"


def current_hotlines(data: Dataset, today: date) -> list[Hotline]:
    return [h for h in data.hotlines if h.valid_on(today)]


def emergency_hotlines(current: list[Hotline]) -> list[Hotline]:
    """The national emergency short codes among `current`, 113 first."""
    return sorted((h for h in current if phone_digits(h.number) in EMERGENCY),
                  key=lambda h: EMERGENCY.index(phone_digits(h.number)))


def area_hotlines(current: list[Hotline]) -> list[Hotline]:
    """Numbers for every commune of the area that are not national emergency codes."""
    return [h for h in current if h.commune is None and phone_digits(h.number) not in EMERGENCY]


def current_communes(data: Dataset, today: date) -> list[Commune]:
    """The communes and wards of today, in alphabetical order (Đ with D)."""
    return sorted((c for c in data.communes if c.valid_on(today)), key=lambda c: (fold(c.name), c.name))


def commune_anchor(commune: Commune) -> str:
    """The commune's own address on the hotline page (its poster's QR code opens it)."""
    return heading_slug(commune.name)


def poster_hotlines(data: Dataset, today: date, commune: Commune | None) -> tuple[list[Hotline], list[Hotline]]:
    """(emergency numbers, then the commune's own numbers and the area's) shown on a poster."""
    current = current_hotlines(data, today)
    local = area_hotlines(current)
    if commune is not None:
        local = [h for h in current if h.commune == commune.id] + local
    return emergency_hotlines(current), local
