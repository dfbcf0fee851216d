"""Local dates: today in the site's time zone, and the dd/mm/yyyy shown to readers."""

from __future__ import annotations

import calendar
import os
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo


def today(tz: str) -> date:
    """Today in `tz`; $SITE_TODAY (YYYY-MM-DD) fixes it for tests and previews."""
    fixed = os.environ.get("SITE_TODAY")
    return date.fromisoformat(fixed) if fixed else datetime.now(ZoneInfo(tz)).date()


def local_date(utc_struct, tz: str) -> date:
    """The local calendar date of a UTC time tuple (as feedparser gives)."""
    moment = datetime.fromtimestamp(calendar.timegm(utc_struct), timezone.utc)
    return moment.astimezone(ZoneInfo(tz)).date()


def show(day: date) -> str:
    return day.strftime("%d/%m/%Y")
