"""Local dates: today in the site's time zone, and the dd/mm/yyyy shown to readers."""

from __future__ import annotations

import calendar
import os
import re
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

from .problems import UserError


def today(tz: str) -> date:
    """Today in `tz`; $SITE_TODAY (YYYY-MM-DD) fixes it for tests and previews."""
    fixed = os.environ.get("SITE_TODAY")
    if not fixed:
        return datetime.now(ZoneInfo(tz)).date()
    try:
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", fixed):
            return date.fromisoformat(fixed)
    except ValueError:
        pass
    raise UserError(f"biến môi trường SITE_TODAY là {fixed!r}, cần một ngày có thật dạng YYYY-MM-DD "
                    "(hoặc bỏ trống để dùng ngày hôm nay)")


def local_date(utc_struct, tz: str) -> date:
    """The local calendar date of a UTC time tuple (as feedparser gives)."""
    moment = datetime.fromtimestamp(calendar.timegm(utc_struct), timezone.utc)
    return moment.astimezone(ZoneInfo(tz)).date()


def show(day: date) -> str:
    return day.strftime("%d/%m/%Y")
