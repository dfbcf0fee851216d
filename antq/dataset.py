"""The validated data set: every record of a data folder, each with where it was read."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from datetime import date
from functools import cached_property
from pathlib import Path

from .model import (Agency, Commune, Directive, Hotline, LocalityYear, ModelType, NewsItem, Outlet, Person, Record,
                    SecurityModel, Site, StaffMember, Target, Task, Unit, UnitYear)
from .problems import Where


@dataclass(frozen=True)
class Dataset:
    root: Path
    site: Site
    outlets: tuple[Outlet, ...]
    communes: tuple[Commune, ...]
    hotlines: tuple[Hotline, ...]
    model_types: tuple[ModelType, ...]
    models: tuple[SecurityModel, ...]
    people: tuple[Person, ...]
    news: tuple[NewsItem, ...] = field(repr=False)
    # Words that make a feed entry relevant (data/keywords.yml), for the feed import.
    keywords: tuple[str, ...] = ()
    # The register of staff who enter and approve news items (data/staff.yml).
    staff: tuple[StaffMember, ...] = ()
    # The plan's targets: units.yml, unit-years.yml, locality-years.yml, directives.yml, targets.yml, duties.yml.
    units: tuple[Unit, ...] = ()
    unit_years: tuple[UnitYear, ...] = ()
    locality_years: tuple[LocalityYear, ...] = ()
    directives: tuple[Directive, ...] = ()
    targets: tuple[Target, ...] = ()
    agencies: tuple[Agency, ...] = ()
    tasks: tuple[Task, ...] = ()

    @staticmethod
    def where_of(record: Record) -> Where:
        """Where the loader read `record` (a record made in code: nowhere in particular)."""
        # Read from pydantic's store of private attributes: the attribute itself goes through
        # BaseModel.__getattr__, ten times slower, and the checks ask tens of thousands of times.
        private = record.__pydantic_private__
        return (private.get("_where") if private else None) or Where(Path("(không có tệp)"))

    def file_of(self, item: NewsItem) -> str:
        """A news item's file, relative to the data folder (news/YYYY/...)."""
        path, root = str(self.where_of(item).path), str(self.root)
        if path.startswith(root) and path[len(root):len(root) + 1] == os.sep:  # the loader's paths: root / ...
            return path[len(root) + 1:].replace(os.sep, "/")
        return self.where_of(item).path.relative_to(self.root).as_posix()

    @cached_property
    def frame(self) -> tuple:
        """Everything but the news items: what a rendering of one item may read besides the item."""
        return tuple(getattr(self, f.name) for f in fields(self) if f.name != "news")

    @cached_property
    def news_of_year(self) -> dict[int, list[NewsItem]]:
        """Every news item (any status) by the year of its date, in the order of `news`."""
        years: dict[int, list[NewsItem]] = {}
        for item in self.news:
            years.setdefault(item.date.year, []).append(item)
        return years

    @cached_property
    def outlet(self) -> dict[str, Outlet]:
        return {o.id: o for o in self.outlets}

    @cached_property
    def commune(self) -> dict[str, Commune]:
        return {c.id: c for c in self.communes}

    def commune_on(self, commune_id: str, day: date) -> Commune | None:
        """The commune that `commune_id` is on `day`: itself while valid, then the one it merged into (and so on)."""
        seen = set()
        commune = self.commune.get(commune_id)
        while commune is not None and not commune.valid_on(day) and commune.merged_into and commune.id not in seen:
            seen.add(commune.id)
            commune = self.commune.get(commune.merged_into)
        return commune if commune is not None and commune.valid_on(day) else None

    def model_commune(self, model: SecurityModel, day: date) -> Commune | None:
        """The commune a model belongs to on `day` (see `SecurityModel.commune_now`)."""
        return self.commune_on(model.commune_now or model.commune, day)

    @cached_property
    def staff_member(self) -> dict[str, StaffMember]:
        return {s.id: s for s in self.staff}

    @cached_property
    def model_type(self) -> dict[str, ModelType]:
        return {t.id: t for t in self.model_types}

    @cached_property
    def published(self) -> tuple[NewsItem, ...]:
        """Published items, newest first."""
        return tuple(sorted((n for n in self.news if n.status == "published"),
                            key=lambda n: (n.date, n.title), reverse=True))
