"""Long section pages cut into parts a phone can open.

A section (timeline, claims, who's who, sources) lists its entries under headings: periods,
statuses, kinds. While it has at most ``ENTRIES_PER_PAGE`` entries it stays one page, as readers
of a typical investigation expect. Past that, one page would run to megabytes (22 MB of HTML
for a timeline of 10,000 events), so the section page becomes an index of parts, each part a
run of consecutive headings holding at most that many entries; a heading with more is cut into
equal parts. The cut follows the headings, so a timeline is split by period.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any

ENTRIES_PER_PAGE = 150  # at about 2.3 KB of HTML per entry, a part stays well under 500 KB

Groups = list[tuple[Hashable, list[Any]]]


@dataclass
class Part:
    slug: str  # the part's page is <section>/<slug>
    # the headings it covers: "June 2024", "June – August 2024", "People (2/3)", and for
    # headings that follow no order, each of them: "People · Organisations · Platforms"
    title: str
    groups: Groups

    @property
    def size(self) -> int:
        return _size(self.groups)


@dataclass
class Section:
    """A section's entries under their headings, and its parts when it needs them."""

    name: str
    groups: Groups
    parts: list[Part] = field(default_factory=list)

    @property
    def paged(self) -> bool:
        return bool(self.parts)

    @property
    def size(self) -> int:
        return _size(self.groups)


def _size(groups: Groups) -> int:
    return sum(len(entries) for _, entries in groups)


def split(
    name: str,
    groups: Groups,
    label: Callable[[Hashable], str],
    slug: Callable[[Hashable], str],
    limit: int = ENTRIES_PER_PAGE,
    ranged: bool = True,
) -> Section:
    """The section, with parts if its entries do not fit on one page. ``ranged``: the headings
    follow an order (periods), so a part of several is titled by its first and last; otherwise
    (kinds, statuses) a title of two would hide those between them, so it names each."""
    groups = [(key, entries) for key, entries in groups if entries]
    section = Section(name, groups)
    if section.size <= limit:
        return section
    pieces: list[tuple[Hashable, list[Any], int, int]] = []  # key, entries, piece, of pieces
    for key, entries in groups:
        count = math.ceil(len(entries) / limit)
        size = math.ceil(len(entries) / count)
        for index in range(count):
            pieces.append((key, entries[index * size : (index + 1) * size], index + 1, count))
    run: list[tuple[Hashable, list[Any], int, int]] = []
    for piece in pieces:
        whole = piece[3] == 1 and (not run or run[-1][3] == 1)
        if run and (not whole or sum(len(p[1]) for p in run) + len(piece[1]) > limit):
            section.parts.append(_part(run, label, slug, ranged))
            run = []
        run.append(piece)
    section.parts.append(_part(run, label, slug, ranged))
    return section


def _part(run, label, slug, ranged: bool = True) -> Part:
    first_key, _, piece, count = run[0]
    last_key = run[-1][0]
    if count > 1:
        title, part_slug = f"{label(first_key)} ({piece}/{count})", f"{slug(first_key)}-{piece}"
    elif len(run) > 1 and ranged:
        title, part_slug = f"{label(first_key)} – {label(last_key)}", slug(first_key)
    elif len(run) > 1:
        title, part_slug = " · ".join(label(key) for key, *_ in run), slug(first_key)
    else:
        title, part_slug = label(first_key), slug(first_key)
    return Part(part_slug, title, [(key, entries) for key, entries, _, _ in run])
