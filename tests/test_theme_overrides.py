"""Our copies of the theme's templates (overrides/) are the installed theme's with exactly the
changes we made, so that a theme upgrade that changes them is noticed here, not in production."""

import difflib
from pathlib import Path

import material
import pytest

from conftest import PROJECT

THEME = Path(material.__file__).parent / "templates"
# File: (lines removed from the theme's, lines added), header comment aside.
CHANGES = {
    "base.html": (
        ['    <input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">',
         '    <input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">'],
        ['    <input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">',
         '    <input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search">']),
    "partials/search.html": (
        ['<div class="md-search" data-md-component="search" role="dialog">'],
        ['<div class="md-search" data-md-component="search" role="dialog" aria-label="{{ lang.t(\'search\') }}">']),
}


def without_header(text: str) -> list[str]:
    """The template's lines after its opening comment ({#- ... -#})."""
    return text.split("-#}\n", 1)[1].splitlines()


@pytest.mark.parametrize("name", CHANGES)
def test_an_overridden_template_is_the_theme_s_with_only_our_change(name):
    theirs = without_header((THEME / name).read_text(encoding="utf-8"))
    ours = without_header((PROJECT / "overrides" / name).read_text(encoding="utf-8"))
    diff = [line for line in difflib.ndiff(theirs, ours) if line[:2] in ("- ", "+ ")]
    removed, added = CHANGES[name]
    assert [line[2:] for line in diff if line.startswith("- ")] == removed
    assert [line[2:] for line in diff if line.startswith("+ ")] == added


def test_every_overridden_template_is_checked():
    overridden = {p.relative_to(PROJECT / "overrides").as_posix() for p in (PROJECT / "overrides").rglob("*.html")}
    # main.html extends the theme through its blocks: no copy to compare.
    assert overridden - {"main.html"} == set(CHANGES)
