"""Who an item is attributed to: an actor, or a source whose own finding it is.

`attributed_to` lists ids of either kind. The lookup is written once, here, so that the checks,
the pages, the charts and the exports agree on what an id names: an actor first, then a source.
An id that names both is refused by the checks (readers could not be told which is meant).
"""

from __future__ import annotations

from collections.abc import Container, Iterable
from dataclasses import dataclass
from typing import Literal

from generator.model import Source
from generator.text import pick

ACTOR = "actor"
SOURCE = "source"
SpeakerKind = Literal["actor", "source"]


@dataclass(frozen=True)
class Speaker:
    """One id of `attributed_to`, with the kind of item it names."""

    kind: SpeakerKind
    id: str


def kind_of(ref: str, actors: Container[str], sources: Container[str]) -> SpeakerKind | None:
    """What ``ref`` names: an actor, else a source, else nothing (the checks say so)."""
    if ref in actors:
        return ACTOR
    if ref in sources:
        return SOURCE
    return None


def speakers(ids: Iterable[str], actors: Container[str], sources: Container[str]) -> list[Speaker]:
    """The ids that name something, each with its kind, in the order written."""
    found = []
    for ref in ids:
        kind = kind_of(ref, actors, sources)
        if kind is not None:
            found.append(Speaker(kind, ref))
    return found


def according_to(source: Source, template: str, language: str) -> str:
    """A source as readers see it in an attribution: 'according to <publisher>' (the locale's
    ``according_to`` template), since readers know outlets by name, not by headline."""
    return template.format(publisher=pick(source.publisher, language))


def source_names(ids: Iterable[str], sources: dict[str, Source], language: str) -> list[str]:
    """The publishers of the sources among ``ids`` (for exports and chart tables)."""
    return [pick(sources[ref].publisher, language) for ref in ids if ref in sources]
