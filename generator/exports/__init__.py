"""Exports: the story in formats other tools read (TimelineJS, FollowTheMoney, Atom).

Each exporter is a pure function from a loaded ``Investigation`` to text, deterministic like
the rest of the build; ``EXPORTERS`` names the files each story's data page offers, and the
renderer registers them as downloads beside the JSON and CSV files.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from generator.model import Investigation
from generator.render.locale import Locale


@dataclass(frozen=True)
class Exporter:
    """One download: its file name under the story's folder, the locale key of its name on the
    data page, and what makes its text (the story and the language it is built in)."""

    path: str  # under the story's folder; {slug} is the story's
    label: str  # the key of its description under 'exports' in the locale files
    format: str  # the format's own name, the same in every language
    make: Callable[[Investigation, Locale], str]

    def site_path(self, slug: str) -> str:
        """Where the file is in each language's tree, from its root."""
        return f"{slug}/{self.path.format(slug=slug)}"


def exporters() -> list[Exporter]:
    """The exports every story gets, in the order the data page lists them. (The modules are
    imported here to keep the package's import light; FollowTheMoney itself, about two seconds
    to import, only when its file is made.)"""
    from generator.exports import atom, ftm, timelinejs

    return [
        Exporter(timelinejs.FILE_NAME, "timelinejs", "TimelineJS JSON", timelinejs.timeline_json),
        Exporter(ftm.FILE_NAME, "ftm", "FollowTheMoney", ftm.ftm_lines),
        Exporter(atom.FILE_NAME, "atom", "Atom", atom.atom_feed),
    ]
