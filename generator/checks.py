"""Cross-references and editorial rules: what makes content journalism and not just YAML.

Errors stop a build; warnings are reported and become errors under ``--strict``. Every rule names
the place an editor must change and, where a near miss exists, the id they probably meant.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from itertools import pairwise
from typing import Any

from generator import attribution, citation_lint, evidence, legal, markdown_safety
from generator.charts.spec import check_charts
from generator.dates import ends_before
from generator.diagnostics import Diagnostic, Location, Severity, did_you_mean
from generator.model import (
    ATTRIBUTION,
    ENTITY_KINDS,
    KINDS_BY_NAME,
    Entity,
    Investigation,
    SourceRef,
)
from generator.money import check_amounts
from generator.prose import line_and_column, scan
from generator.text import MARKDOWN, TEXT, mapping_text_kind, text_kind

# the kinds whose items have ids, by file key: 'claims' -> 'claim'
KIND_NAMES = {kind.key: kind.name for kind in ENTITY_KINDS if kind.has_ids}
# each kind of prose token (generator.prose) -> the kind of item its id names
_TOKEN_KINDS = {
    "cite": "sources",
    **{name: kind.key for name, kind in KINDS_BY_NAME.items() if kind.has_ids},
    **{f"embed-{name}": kind.key for name, kind in KINDS_BY_NAME.items() if kind.has_ids},
}


def _warning(location: Location, message: str, hint: str | None = None) -> Diagnostic:
    return Diagnostic(location, message, hint, Severity.WARNING)


class _Index:
    """Ids by kind, and every place that refers to each id (for the 'nothing cites it' rules)."""

    def __init__(self, investigation: Investigation):
        # an id missing from a file that failed to load may well be there: its error says so
        self.incomplete = investigation.incomplete
        self.ids: dict[str, dict[str, Entity]] = {}
        self.used: dict[str, set[str]] = {kind: set() for kind in KIND_NAMES}
        self.diagnostics: list[Diagnostic] = []
        for kind in KIND_NAMES:
            known: dict[str, Entity] = {}
            for item in getattr(investigation, kind):
                if item.id in known:
                    first = known[item.id].at("id")
                    self.diagnostics.append(
                        Diagnostic(
                            item.at("id"),
                            f"duplicate {KIND_NAMES[kind]} id '{item.id}'",
                            f"first defined at {first}; ids must be unique",
                        )
                    )
                else:
                    known[item.id] = item
            self.ids[kind] = known

    def resolve(self, kind: str, ref: str, where: Callable[[], Location], owner: str) -> None:
        """Record a reference; a dangling one becomes an error with a 'did you mean'. The place
        is asked for only then: finding it for every reference was a tenth of the checks."""
        self.used[kind].add(ref)
        if ref not in self.ids[kind] and f"{kind}.yml" not in self.incomplete:
            self.diagnostics.append(
                Diagnostic(
                    where(),
                    f"{owner} refers to unknown {KIND_NAMES[kind]} '{ref}'",
                    did_you_mean(ref, self.ids[kind]) or f"define it in {kind}.yml",
                )
            )

    def resolve_attribution(self, ref: str, where: Callable[[], Location], owner: str) -> None:
        """An id of `attributed_to`: an actor or a source (generator.attribution), never both."""
        actors, sources = self.ids["actors"], self.ids["sources"]
        kind = attribution.kind_of(ref, actors, sources)
        if kind is not None:
            self.used[f"{kind}s"].add(ref)
        if ref in actors and ref in sources:
            self.diagnostics.append(
                Diagnostic(
                    where(),
                    f"{owner} is attributed to '{ref}', which names both an actor and a source",
                    "rename one of them so that readers are told who makes the statement: "
                    f"the actor is at {actors[ref].at('id')}, "
                    f"the source at {sources[ref].at('id')}",
                )
            )
        elif kind is None and not {"actors.yml", "sources.yml"} & set(self.incomplete):
            self.diagnostics.append(
                Diagnostic(
                    where(),
                    f"{owner} is attributed to '{ref}', which names neither an actor nor a source",
                    did_you_mean(ref, [*actors, *sources])
                    or "define it in actors.yml for who makes the statement, or in sources.yml "
                    "for a publication whose own finding it is",
                )
            )


@functools.cache
def _key(model: type[Entity], field: str) -> str:
    """The key editors write for a field ('from' for ``from_``), asked once per model."""
    return model.model_fields[field].alias or field


def _refs(item: Entity, field: str) -> Iterator[tuple[str, Callable[[], Location]]]:
    """Each id written in a field (one id, or a list of ids or citations) and its place; a
    dotted field ('stages.sources') is that field of each nested item of a list."""
    head, dot, rest = field.partition(".")
    if dot:
        for child in getattr(item, head):
            yield from _refs(child, rest)
        return
    value = getattr(item, field)
    key = _key(type(item), field)
    if isinstance(value, str):
        yield value, functools.partial(item.at, key)
        return
    for index, ref in enumerate(value if isinstance(value, list) else ()):
        yield ref.id if isinstance(ref, SourceRef) else ref, functools.partial(item.at, key, index)


@functools.cache
def _fields_of(model: type[Entity]) -> tuple[tuple[str, str, Any, Any], ...]:
    """Each field's name, key and text kinds: the same for every item of a model."""
    return tuple(
        (name, field.alias or name, text_kind(field), mapping_text_kind(field))
        for name, field in model.model_fields.items()
    )


def text_fields(item: Entity, kinds: frozenset[str]) -> Iterator[tuple[tuple[Any, ...], Any]]:
    """(path, value) of each text field of the given kinds in ``item``, nested models included."""
    for name, key, kind, mapping_kind in _fields_of(type(item)):
        value = getattr(item, name)
        if value is None:
            continue
        if kind in kinds:
            yield (key,), value
        elif mapping_kind in kinds:
            for label_key, text in value.items():
                yield (key, label_key), text
        elif isinstance(value, list):
            for index, child in enumerate(value):
                if isinstance(child, Entity):
                    for path, text in text_fields(child, kinds):
                        yield (key, index, *path), text


def _markdown_fields(item: Entity) -> Iterator[tuple[tuple[Any, ...], str]]:
    """(path, text) for each Markdown value, one per language."""
    for path, value in text_fields(item, frozenset({MARKDOWN})):
        if isinstance(value, str):
            yield path, value
        else:
            for language, text in value.items():
                yield (*path, language), text


def _ends_before(item: Any) -> bool:
    """Whether ``item.end`` certainly comes before ``item.date`` (see ``dates.ends_before``):
    '2024-11' as an end does not come before '2024-11-24' as a start, and a start written
    'before 2024-03' may well come before an end of '2024-02-10'."""
    return ends_before(item.date, item.end)


class Checker:
    """Runs every rule over one investigation and collects the diagnostics."""

    def __init__(self, investigation: Investigation):
        self.inv = investigation
        self.index = _Index(investigation)
        self.diagnostics = self.index.diagnostics

    def run(self) -> list[Diagnostic]:
        self._references()
        self._editorial_rules()
        self._prose()
        self._unused()
        self._translations()
        self.diagnostics.extend(check_charts(self.inv))  # each chart type's own rules
        self.diagnostics.extend(check_amounts(self.inv))  # who paid, where money moved
        return self.diagnostics

    def _references(self) -> None:
        """Every id an item names, in the fields its kind lists (see model.ENTITY_KINDS)."""
        resolve = self.index.resolve
        story = self.inv.story
        if story is not None:
            for ref, where in _refs(story, "key_findings"):
                resolve("claims", ref, where, "key finding")
            for ref, where in _refs(story, "key_events"):
                resolve("events", ref, where, "key event")
        for kind in ENTITY_KINDS:
            for item in getattr(self.inv, kind.key) if kind.references else ():
                owner = f"{kind.name} '{item.id}'"
                for field, target in kind.references:
                    for ref, where in _refs(item, field):
                        if target == ATTRIBUTION:
                            self.index.resolve_attribution(ref, where, owner)
                        else:
                            resolve(target, ref, where, owner)
                for other in getattr(item, "other_dates", ()):
                    for ref, where in _refs(other, "sources"):
                        resolve("sources", ref, where, owner)

    def _editorial_rules(self) -> None:
        for kind in ENTITY_KINDS:
            for item in getattr(self.inv, kind.key) if kind.sourced else ():
                if not item.sources:
                    self.diagnostics.append(
                        Diagnostic(
                            item.at("id"),
                            f"{kind.name} '{item.id}' cites no source",
                            "nothing unsourced is published: add 'sources: [source-id]'",
                        )
                    )
        for kind in ENTITY_KINDS:
            for item in getattr(self.inv, kind.key) if kind.attributed else ():
                disagreement = getattr(item, "disagreement", None)
                if evidence.needs_attribution(
                    item.status, bool(disagreement), bool(item.attributed_to)
                ):
                    said = f"{kind.name} '{item.id}' is '{item.status}'"
                    self.diagnostics.append(
                        Diagnostic(
                            item.at("status"),
                            f"{said} but says nobody alleges it",
                            evidence.attribution_hint(item.status),
                        )
                    )
                if disagreement is not None:
                    self._disagreement(kind.name, item)
        for kind in ENTITY_KINDS:
            for item in getattr(self.inv, kind.key) if kind.dated else ():
                if item.date is not None and item.end is not None and _ends_before(item):
                    self.diagnostics.append(
                        Diagnostic(
                            item.at("end"),
                            f"{kind.name} '{item.id}' ends {item.end} before it starts {item.date}",
                            "correct one of the dates, or swap 'date' and 'end'",
                        )
                    )
        self._reproductions()
        self._titles_and_quotes()
        self._evidence()
        for case in self.inv.cases:
            self.diagnostics.extend(legal.check_case(case))

    def _disagreement(self, name: str, item: Any) -> None:
        """'Sources disagree': only on a disputed item, between at least two of its own sources."""
        entries = item.disagreement
        if not entries:
            return
        owner = f"{name} '{item.id}'"
        for index, entry in enumerate(entries):
            where = functools.partial(item.at, "disagreement", index, "source")
            self.index.resolve("sources", entry.source, where, f"{owner}'s disagreement")
            cited = {ref.id for ref in item.sources}
            if entry.source in self.index.ids["sources"] and entry.source not in cited:
                self.diagnostics.append(
                    Diagnostic(
                        where(),
                        f"{owner}: the disagreement quotes source '{entry.source}', which the "
                        f"{name} does not cite",
                        f"add '{entry.source}' to its 'sources'",
                    )
                )
        if item.status != "disputed":
            self.diagnostics.append(
                Diagnostic(
                    item.at("disagreement"),
                    f"{owner} lists a disagreement but is '{item.status}'",
                    "sources that disagree make an item 'disputed': change its status, or "
                    "remove 'disagreement'",
                )
            )
        if len(entries) < 2 or len({entry.source for entry in entries}) < 2:
            self.diagnostics.append(
                Diagnostic(
                    item.at("disagreement"),
                    f"{owner}: a disagreement needs what at least two different sources say",
                    "add an entry {source: <another source id>, says: ...} for each source "
                    "that gives a different account",
                )
            )

    def _titles_and_quotes(self) -> None:
        """A source gives its title unless it says none was shown; a quote's language goes
        with a quote."""
        for source in self.inv.sources:
            if source.title_shown and source.title is None:
                self.diagnostics.append(
                    Diagnostic(
                        source.at("id"),
                        f"source '{source.id}' has no title",
                        "add 'title:' as published, or 'title_shown: false' when the source "
                        "shows none: readers then see its publisher and date",
                    )
                )
            elif not source.title_shown and source.title is not None:
                self.diagnostics.append(
                    Diagnostic(
                        source.at("title"),
                        f"source '{source.id}' says its title is not shown but gives one",
                        "remove 'title', or remove 'title_shown: false' if the title is shown",
                    )
                )
        for kind in ENTITY_KINDS:
            for item in getattr(self.inv, kind.key) if kind.sourced else ():
                for index, ref in enumerate(item.sources):
                    if ref.quote_language is not None and ref.quote is None:
                        self.diagnostics.append(
                            Diagnostic(
                                item.at("sources", index, "quote_language"),
                                f"{kind.name} '{item.id}': citation of '{ref.id}' gives "
                                "'quote_language' but no 'quote'",
                                "add the quoted words as 'quote:', or remove 'quote_language'",
                            )
                        )

    def _reproductions(self) -> None:
        """A republished release says whose release it is; copies do not copy each other round."""
        sources = self.index.ids["sources"]
        for source in sources.values():
            if source.kind == "republished-release" and source.reproduces is None:
                self.diagnostics.append(
                    Diagnostic(
                        source.at("kind"),
                        f"source '{source.id}' is a republished release but does not say "
                        "whose release it reproduces",
                        "add 'reproduces: {publisher: <who issued it>, url: <its address>}', "
                        "or the id of the original's own entry in sources.yml",
                    )
                )
        for cycle in evidence.reproduction_cycles(sources):
            first = sources[cycle[0]]
            path = " → ".join([*cycle, cycle[0]])
            self.diagnostics.append(
                Diagnostic(
                    first.at("reproduces"),
                    f"source '{first.id}' reproduces itself through a cycle: {path}",
                    "point 'reproduces' at the original that was copied, or describe an original "
                    "that is not cited as {publisher: ..., url: ...}",
                )
            )

    def _evidence(self) -> None:
        """The status of each claim and relation against what its sources support (a warning;
        an error under --strict), by the one standard in generator.evidence."""
        if "sources.yml" in self.inv.incomplete:
            return  # a source that failed to load may be the one that supports the status
        sources = self.index.ids["sources"]
        language = self.inv.story.languages[0] if self.inv.story else "en"
        for kind in ENTITY_KINDS:
            name = kind.name
            for item in getattr(self.inv, kind.key) if kind.attributed else ():
                if not any(ref.id in sources for ref in item.sources):
                    continue  # no source, or only unknown ones: their own errors say so
                found = evidence.assess(item.sources, sources, language)
                if item.status is None:  # an event shows what its sources support
                    self._unstated_status(item, name, found)
                    continue
                refusal = evidence.judge(item.status, found, language)
                if refusal is not None:
                    self.diagnostics.append(
                        _warning(
                            item.at("status"),
                            f"{name} '{item.id}' is '{item.status}' but {refusal.problem}",
                            refusal.hint,
                        )
                    )
                if item.status == "reported" and item.attributed_to:
                    self.diagnostics.append(
                        _warning(
                            item.at("attributed_to"),
                            f"{name} '{item.id}' is 'reported': readers see the publisher of its "
                            "sources, not 'attributed_to'",
                            "remove 'attributed_to', or mark it 'alleged' if these actors make "
                            "the claim",
                        )
                    )

    def _unstated_status(self, item, name: str, found: evidence.Evidence) -> None:
        """An item without a status (an event may leave it out) shows what its sources support:
        they must support something, and nobody is named as saying it."""
        if found.supports is None:
            self.diagnostics.append(
                _warning(
                    item.at("sources"),
                    f"{name} '{item.id}' gives no status and its sources support neither "
                    "'confirmed' nor 'reported'",
                    f"{evidence.DERIVATIVE_NOTE}: cite the original report, or give it a status "
                    "such as 'unverified' with 'attributed_to' naming who says it",
                )
            )
        if item.attributed_to:
            self.diagnostics.append(
                _warning(
                    item.at("attributed_to"),
                    f"{name} '{item.id}' names who says it but gives no status: readers would "
                    "not see 'attributed_to'",
                    "add the status they support, e.g. 'status: alleged', or remove "
                    "'attributed_to'",
                )
            )

    def _prose_items(self) -> Iterable[Entity]:
        if self.inv.story is not None:
            yield self.inv.story
        for kind in ENTITY_KINDS:
            if kind.file_model is not None:  # pages are read as pages, not as fields
                yield from getattr(self.inv, kind.key)

    def _prose(self) -> None:
        for item in self._prose_items():
            for path, text in _markdown_fields(item):
                document, base = item._origin
                full = (*base, *path)

                def place(offset: int, document=document, full=full, text=text) -> Location:
                    return document.where_in_text(full, text, offset)

                self._check_markdown(text, place, self._owner(item, path))
        for page in self.inv.pages:

            def place(offset: int, page=page) -> Location:
                line, column = line_and_column(page.body, offset)
                return Location(page.path, page.body_line + line - 1, column)

            self._check_markdown(page.body, place, f"page '{page.slug}'", allow_embeds=True)
            self.diagnostics.extend(citation_lint.check_page(page, self.inv.actors, place))

    @staticmethod
    def _owner(item: Entity, path: tuple[Any, ...] = ()) -> str:
        """'claim 'x'', or 'story correction #2' for a text inside a list of nested items."""
        name = type(item).__name__.lower()
        owner = f"{name} '{item.id}'" if hasattr(item, "id") else name
        for key, index in pairwise(path):
            if isinstance(key, str) and isinstance(index, int):
                owner += f" {key.removesuffix('s')} #{index + 1}"
        return owner

    def _check_markdown(self, text: str, place, owner: str, allow_embeds: bool = False) -> None:
        for problem in markdown_safety.problems(text):
            self.diagnostics.append(
                Diagnostic(place(problem.offset), f"{owner}: {problem.message}", problem.hint)
            )
        for token in scan(text):
            where = functools.partial(place, token.offset)  # made for a message only
            if token.kind == "bad-cite":
                self.diagnostics.append(
                    Diagnostic(
                        where(),
                        f"{owner}: malformed citation '{token.value}'",
                        "write [@source-id] or [@source-id, p. 3]; separate several with ';'",
                    )
                )
            elif token.kind.startswith("embed-") and not allow_embeds:
                self.diagnostics.append(
                    Diagnostic(
                        where(),
                        f"{owner}: '::{token.kind[6:]}[...]' embeds only work in pages/*.md",
                        # there is no inline form of a chart: it can only be embedded
                        f"mention it inline with :claim[{token.value}]"
                        if token.kind == "embed-claim"
                        else "embed the chart in a page under pages/",
                    )
                )
            elif token.kind in _TOKEN_KINDS:
                self.index.resolve(_TOKEN_KINDS[token.kind], token.value, where, owner)

    def _unused(self) -> None:
        if self.inv.incomplete:
            return  # what cites an item may be in the part that did not load
        for source in self.inv.sources:
            if source.id not in self.index.used["sources"]:
                self.diagnostics.append(
                    _warning(
                        source.at("id"),
                        f"source '{source.id}' is not cited by anything",
                        "cite it or remove it",
                    )
                )
        mentioned = set(self.index.used["actors"])
        for actor in self.inv.actors:
            if actor.id not in mentioned:
                self.diagnostics.append(
                    _warning(
                        actor.at("id"),
                        f"actor '{actor.id}' is not mentioned by any claim, event, "
                        "relation or page",
                        "link it from the items it takes part in, or remove it",
                    )
                )

    def _translations(self) -> None:
        """Every configured language for every text field (a warning; an error when strict)."""
        story = self.inv.story
        if story is None:
            return
        self._page_translations(story.languages)  # a page in an unlisted language, always
        if len(story.languages) < 2:
            return
        wanted = set(story.languages)
        for item in self._prose_items():
            for path, value in text_fields(item, frozenset({TEXT, MARKDOWN})):
                have = {story.languages[0]} if isinstance(value, str) else set(value)
                for language in sorted(wanted - have):
                    document, base = item._origin
                    self.diagnostics.append(
                        _warning(
                            document.where((*base, *path)),
                            f"{self._owner(item, path)}: '{path[-1]}' has no '{language}' text",
                            f"write it as {{{', '.join(f'{x}: ...' for x in story.languages)}}}",
                        )
                    )

    def _page_translations(self, languages: list[str]) -> None:
        """Each narrative page in every language: ``slug.md`` plus ``slug.<language>.md``."""
        default, versions = languages[0], {}
        for page in self.inv.pages:
            versions.setdefault(page.slug, {})[page.language or default] = page
        for slug, pages in sorted(versions.items()):
            original = pages.get(default) or next(iter(pages.values()))
            for language in languages:
                if language not in pages:
                    self.diagnostics.append(
                        _warning(
                            Location(original.path, 1, 1),
                            f"page '{slug}' has no '{language}' version",
                            f"add pages/{slug}.{language}.md",
                        )
                    )
            for language, page in pages.items():
                if language not in languages:
                    self.diagnostics.append(
                        _warning(
                            Location(page.path, 1, 1),
                            f"page '{slug}' is in '{language}', which the story does not list",
                            "add it to 'languages' in story.yml or rename the file",
                        )
                    )


def check(investigation: Investigation) -> list[Diagnostic]:
    """All errors and warnings of one loaded investigation."""
    return Checker(investigation).run()
