"""Exports: the story in formats other tools read (TimelineJS, FollowTheMoney, Atom).

Each exporter is a pure function from a loaded ``Investigation`` to text, deterministic like
the rest of the build; ``EXPORTERS`` names the files each story's data page offers, and the
renderer registers them as downloads beside the JSON and CSV files.
"""

from __future__ import annotations

from generator.render.downloads import Exporter


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
