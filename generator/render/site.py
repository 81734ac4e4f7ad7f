"""The page set of each investigation, rendered from Jinja2 templates in site_config/templates.

The output is Markdown with a little trusted HTML, handed to whatever front end builds the site
(the MkDocs plugin today). Editors' plain text is escaped for both HTML and Markdown on the way
in; their Markdown fields were checked for raw HTML and unsafe links before rendering starts.
"""

from __future__ import annotations

import functools
import html
import json
import re
import unicodedata
import urllib.parse
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import groupby
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from generator import attribution, evidence, legal, prose
from generator.model import Investigation, Source, kind_of
from generator.parallel import InBackground
from generator.render import citation
from generator.render.downloads import Exporter, dataset_csv, investigation_json
from generator.render.indexes import build_indexes, page_title
from generator.render.links import Resolver, anchor, page_path, plain
from generator.render.locale import Locale, format_number
from generator.render.markdown_ext import slugify
from generator.render.paging import Section, split
from generator.text import pick

# The page kinds of an investigation, each with its template (site_config/templates/): the
# overview (at index), the four sections that list entries (split into parts when long, see
# InvestigationRenderer._sections), the methodology and the data page, by their address inside
# the investigation; then one narrative page per pages/*.md, at its own id.
PAGE_KINDS = {
    "index": "overview.md.j2",
    "timeline": "timeline.md.j2",
    "claims": "claims.md.j2",
    "actors": "actors.md.j2",
    "cases": "cases.md.j2",
    "sources": "sources.md.j2",
    "methodology": "methodology.md.j2",
    "data": "data.md.j2",
    "page": "page.md.j2",
    "chart": "chart.md.j2",
}
NARRATIVE = "page"  # the narrative pages' kind: its pages are at their own ids
# the pages only a story that has such items gets (legal proceedings: most stories have none)
ONLY_WITH_ITEMS = {"cases": "cases"}
# the section pages, in the menu's order (after the overview and the narrative pages)
CHART = "chart"  # a chart's own page, at charts/<id>, for other sites to embed
SECTIONS = tuple(name for name in PAGE_KINDS if name not in ("index", NARRATIVE, CHART))
RELATIONS = "relations"  # the heading of who's who under which relations are listed
UNKNOWN_PERIOD = (0, 0)  # the timeline's heading for events whose sources give no date
STATUS_ORDER = evidence.STATUS_ORDER
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")
# The overview: how many events its compact timeline shows at most when the editors chose
# none (story.yml ``key_events``), and the reading speed behind a narrative page's reading time.
KEY_EVENTS_AT_MOST = 8
WORDS_PER_MINUTE = 200
_WORD = re.compile(r"\w+")


@dataclass
class GeneratedFile:
    """A page or a download, made when its content is first read: by then a forked child has
    usually rendered it (see render_site)."""

    path: str
    made: Callable[[], str | bytes]

    @property
    def content(self) -> str | bytes:
        return self.made()


@dataclass
class NavSection:
    title: str
    pages: list[tuple[str, str]] = field(default_factory=list)  # (title, path)


@dataclass
class SiteOutput:
    files: list[GeneratedFile] = field(default_factory=list)
    nav: list[NavSection | tuple[str, str]] = field(default_factory=list)
    resolver: Resolver | None = None  # knows where every item landed, long sections' parts too
    rendering: InBackground | None = None

    def finish(self) -> None:
        """Wait for the child rendering the files to end, so that this process may fork again."""
        if self.rendering is not None:
            self.rendering.finish()


def escape_text(value: Any) -> Markup:
    """Plain editor text, safe in Markdown and HTML alike: no markup, no syntax, no links."""
    return _escaped(str(value))


@functools.lru_cache(maxsize=1 << 18)
def _escaped(text: str) -> Markup:
    """Kept: the same names and titles are printed on many pages (a source on every page that
    cites it)."""
    # Markdown first, then HTML: entities made by html.escape must keep their '#' and ';'.
    escaped = _MARKDOWN_SPECIALS.sub(r"\\\1", text)
    return Markup(html.escape(escaped, quote=False).replace("\n", " "))


def link_target(url: str) -> str:
    """An address as a Markdown link target: brackets and quotes percent-encoded, so that no
    address can close the link and add text or syntax after it (what is left is checked to be
    one http(s) address when it is read)."""
    return urllib.parse.quote(url, safe="/:?#@!$&*+,;=%~-._")


def _markdown_link(label: str, url: str) -> str:
    return f"[{escape_text(label)}]({escape(url)})"


def theme_text(value: str) -> str:
    """Text for the theme's templates, which print page titles and descriptions unescaped.

    MkDocs renders its theme without autoescaping, so a title reaches <title>, the navigation,
    meta tags and the search index exactly as given: it must arrive HTML-escaped.
    """
    return html.escape(value, quote=True)


# Letters of the Ukrainian alphabet that no decomposition puts next to their neighbours: each
# is written as the letter it follows plus a mark that sorts after every letter (ґ after г).
_AFTER = "\U0010ffff"
_ALPHABET_PLACES = str.maketrans(
    {"ґ": "г" + _AFTER, "є": "е" + _AFTER, "і": "и" + _AFTER, "ї": "и" + _AFTER * 2}
    | {"й": "и" + _AFTER * 3}
)


# what the alphabetical order ignores: all but letters, digits, spaces and the alphabet places
_NOT_LETTERS = re.compile(f"[^\\w\\s{_AFTER}]|_")


def sort_key(text: str) -> tuple[str, str, str]:
    """Alphabetical order for names in any script, without a collation library.

    Letters with diacritics sort next to their base letter (ș with s, ă and â with a, not after
    z), case and punctuation are ignored, Ukrainian letters take their alphabet's place; scripts
    follow one another (Latin, Cyrillic, Arabic). Ties fall back to the exact text.
    """
    folded = unicodedata.normalize("NFC", text).casefold().translate(_ALPHABET_PLACES)
    base = _NOT_LETTERS.sub("", unicodedata.normalize("NFKD", folded))
    return " ".join(base.split()), folded, text


def source_order(source: Source, language: str) -> tuple:
    """Publisher, then date (undated last), then title."""
    when = source.published.start() if source.published else datetime.max
    return sort_key(pick(source.publisher, language)), when, sort_key(source.title or ""), source.id


def front_matter(**values: Any) -> Markup:
    """YAML front matter written as JSON values, so no editor text can break out of it.

    Strings are HTML-escaped for the theme (see theme_text); structured values (the JSON-LD)
    are left to the theme's ``tojson``, which escapes them itself.
    """
    lines = ["---"]
    for key, value in values.items():
        if isinstance(value, str):
            value = theme_text(value)
        if value is not None:
            lines.append(f"{key}: {json.dumps(value, ensure_ascii=False, sort_keys=True)}")
    lines.append("---")
    return Markup("\n".join(lines))


def make_environment(templates_dir: Path, locale: Locale) -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(templates_dir)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    language = locale.language
    env.filters["text"] = lambda value: escape_text(pick(value, language))
    env.filters["md"] = lambda value: Markup(pick(value, language).strip())
    env.filters["pick"] = lambda value: pick(value, language)
    env.filters["plain"] = lambda value, limit=None: plain(pick(value, language), limit)
    env.filters["date"] = locale.date
    env.filters["link_target"] = link_target
    env.filters["number"] = lambda value: format_number(value, locale["number"])
    env.globals["front_matter"] = front_matter
    env.globals["part_title"] = lambda title, part: f"{title}: {part.title}" if part else title
    env.globals["anchor"] = anchor
    env.globals["t"] = locale.words
    return env


class InvestigationRenderer:
    """Renders one investigation's pages in one language."""

    def __init__(
        self,
        investigation: Investigation,
        env: Environment,
        locale: Locale,
        resolver: Resolver,
        exports: Sequence[Exporter] = (),
        site_url: str = "",
    ):
        self.inv = investigation
        self.site_url = site_url  # where this language's tree is published ('' when unknown)
        self._exports = exports
        self.env = env
        self.locale = locale
        self.resolver = resolver
        self.indexes = build_indexes(investigation)
        self.language = locale.language
        self.sections = self._sections()
        self._place_parts()
        self._links: dict = {}  # (kind, id) or a Backlink -> its Markdown link
        self.standings = legal.standings_of(investigation.cases)  # by actor id

    def path(self, section: str) -> str:
        return page_path(self.inv.slug, section)

    def url(self, kind: str, item_id: str) -> str:
        return self.resolver.url(self.inv.slug, kind, item_id)

    def label(self, kind: str, item_id: str) -> str:
        return self.resolver.label(self.inv.slug, kind, item_id)

    def links(self, kind: str, ids: list[str], separator: str = "; ") -> Markup:
        """Markdown links to items, in the given order. Python rather than a template macro:
        list pages print tens of thousands of them, and the macro took a third of rendering."""
        return Markup(separator.join(self._link(kind, item_id) for item_id in ids))

    def reported_by(self, item) -> Markup:
        """Who a `reported` item is reported by: the publishers of its sources, not an actor."""
        names = evidence.reported_by(item.sources, self._sources, self.language)
        return Markup(", ".join(f"<bdi>{escape_text(name)}</bdi>" for name in names))

    def as_shown(self, item):
        """``item`` with the status readers see: an event that gives none shows what its
        sources support (generator.evidence), so that the page badges it like a claim."""
        if item.status is not None:
            return item
        status = evidence.shown_status(item, self._sources, self.language)
        return item.model_copy(update={"status": status})

    @functools.cached_property
    def _sources(self) -> dict[str, Source]:
        return {source.id: source for source in self.inv.sources}

    @functools.cached_property
    def _actor_ids(self) -> set[str]:
        return {actor.id for actor in self.inv.actors}

    def attributed(self, item) -> Markup:
        """Who makes an item's statement (generator.attribution): its actors after the
        status's word ('alleged by SRI'), its sources as 'according to <publisher>', each
        linked to its entry (Who's who, the Sources page)."""
        found = attribution.speakers(item.attributed_to, self._actor_ids, self._sources)
        actors = [speaker.id for speaker in found if speaker.kind == attribution.ACTOR]
        sources = [speaker.id for speaker in found if speaker.kind == attribution.SOURCE]
        parts = []
        if actors:
            by = escape(self.locale["status_by"][item.status])
            parts.append(f"{by} {self.links('actor', actors, ', ')}")
        if sources:
            parts.append(", ".join(self.according_to(source_id) for source_id in sources))
        return Markup("; ".join(parts))

    def according_to(self, source_id: str) -> Markup:
        """'according to <publisher>', the publisher linked to the source's entry."""
        publisher = pick(self._sources[source_id].publisher, self.language)
        link = _markdown_link(publisher, self.url("source", source_id))
        return Markup(escape(self.locale["according_to"])).format(publisher=Markup(link))

    def disagreement(self, item) -> Markup:
        """'Sources disagree: <publisher A>: <says>; <publisher B>: <says>', each publisher
        linked to its source's entry."""
        entries = []
        for entry in getattr(item, "disagreement", None) or ():
            source = self._sources.get(entry.source)
            if source is None:
                continue
            publisher = pick(source.publisher, self.language)
            link = _markdown_link(publisher, self.url("source", entry.source))
            entries.append(f"{link}: {escape_text(pick(entry.says, self.language))}")
        if not entries:
            return Markup("")
        heading = escape_text(self.locale["sources_disagree"])
        return Markup(f"{heading}: {'; '.join(entries)}")

    def quote(self, ref) -> Markup:
        """A citation's quoted words in the page's quotation marks, and 'translated from
        <language>' when they were first said in a language other than the page's."""
        if ref.quote is None:
            return Markup("")
        opening, closing = self.locale["quote_marks"]
        text = f"{opening}{pick(ref.quote, self.language)}{closing}"
        said_in = (ref.quote_language or "").split("-")[0]
        if said_in and said_in != self.language.split("-")[0]:
            name = self.locale["language_names"].get(said_in, ref.quote_language)
            text += f" ({self.locale['translated_from'].format(language=name)})"
        return escape_text(text)

    def source_refs(self, refs: list) -> Markup:
        """Links to the sources cited, each with its locator ('p. 3') and its quoted words
        when there are some."""
        word = escape(self.locale["words"]["locator"])
        return Markup(
            "; ".join(
                self._link("source", ref.id)
                + (f" ({word} {escape_text(ref.locator)})" if ref.locator else "")
                + (f' <span class="citation-quote">{self.quote(ref)}</span>' if ref.quote else "")
                for ref in refs
            )
        )

    def work(self, page=None) -> citation.Work:
        """The overview (``page`` None) or a narrative page, as a work to cite."""
        story = self.inv.story
        site_name = self.locale["site_name"]
        story_title = pick(story.title, self.language)
        address = f"{self.inv.slug}/" if page is None else f"{self.inv.slug}/{page.slug}/"
        return citation.Work(
            key=f"{self.inv.slug}-{page.slug}" if page else self.inv.slug,
            title=page.title if page else story_title,
            container=story_title if page else "",
            site_name=site_name,
            authors=[pick(author, self.language) for author in story.authors],
            published=story.published,
            updated=story.updated,
            url=self.site_url + address if self.site_url else "",
            language=self.language,
        )

    def cite(self, page=None) -> dict[str, Any]:
        """What the 'Cite this' block shows: the reference in each style and its downloads."""
        name = page.slug if page else "index"
        return {
            "styles": citation.formatted(self.work(page)),
            "bibtex": f"/{self.inv.slug}/cite/{name}.bib",
            "csl_json": f"/{self.inv.slug}/cite/{name}.json",
        }

    def _citation_files(self) -> list[GeneratedFile]:
        """Each citable page's BibTeX and CSL-JSON, linked from its 'Cite this' block."""
        files = []
        for page in [None, *self.narrative_pages()]:
            name = page.slug if page else "index"
            work = self.work(page)
            base = f"{self.inv.slug}/cite/{name}"
            files.append(GeneratedFile(f"{base}.bib", functools.partial(citation.bibtex, work)))
            files.append(GeneratedFile(f"{base}.json", functools.partial(citation.csl_json, work)))
        return files

    def claim_speakers(self, groups: list) -> list[tuple[str, str, int]]:
        """The actors a claims list can be filtered by: who says the claims shown (id, name,
        how many), the most frequent first, so the filter offers the voices a reader meets."""
        counts: dict[str, int] = {}
        for _, claims in groups:
            for claim in claims:
                for actor_id in claim.attributed_to:
                    if actor_id in self._actor_ids:  # a source is a publisher, not a voice
                        counts[actor_id] = counts.get(actor_id, 0) + 1
        names = {actor_id: self.label("actor", actor_id) for actor_id in counts}
        ranked = sorted(counts, key=lambda a: (-counts[a], sort_key(names[a])))
        return [(actor_id, names[actor_id], counts[actor_id]) for actor_id in ranked]

    def source_urls(self, refs: list) -> Markup:
        """The sources' addresses written out, for paper (print.css shows them)."""
        return Markup("; ".join(str(escape(self._sources[ref.id].url)) for ref in refs))

    def heading_id(self, title: str) -> str:
        """The id the page's Markdown gives a heading of this title: links to a section that
        work without JavaScript."""
        return slugify(title, "-")

    def _link(self, kind: str, item_id: str) -> str:
        """Kept per item: a source or an actor is linked from many entries."""
        key = (kind, item_id)
        if key not in self._links:
            self._links[key] = _markdown_link(self.label(kind, item_id), self.url(kind, item_id))
        return self._links[key]

    def backlinks(self, links: list, separator: str, skip: str | None = None) -> Markup:
        """Links to what mentions or cites an item (all but ``skip``'s kind)."""
        return Markup(separator.join(self._backlink(link) for link in links if link.kind != skip))

    def _backlink(self, link) -> str:
        """Kept per item, like ``_link``."""
        if link not in self._links:
            target = self.backlink(link)
            self._links[link] = _markdown_link(target["label"], target["url"])
        return self._links[link]

    def backlink(self, link) -> dict[str, str]:
        if link.kind == "page":
            title = page_title(self.inv, link.item_id, self.language)
            return {"url": f"/{self.path(link.item_id)}", "label": title, "kind": "page"}
        return {
            "url": self.url(link.kind, link.item_id),
            "label": self.label(link.kind, link.item_id),
            "kind": link.kind,
        }

    def jsonld(self) -> dict[str, Any]:
        """schema.org NewsArticle for the overview's <head>, from the story's own fields."""
        story = self.inv.story
        data: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": pick(story.title, self.language),
            "description": pick(story.dek, self.language),
            "datePublished": story.published.iso(),
            "inLanguage": self.language,
            "author": [
                {"@type": "Organization", "name": pick(name, self.language)}
                for name in story.authors
            ],
        }
        if story.updated:
            data["dateModified"] = story.updated.iso()
        return data

    # --- the overview: a summary of the story before its detail ---

    def status_summary(self) -> list[dict[str, Any]]:
        """How many claims stand at each status, each linked to its part of the claims page.

        Statuses no claim has are left out: they have no section to link to. The anchor is the
        one the claims page's status heading gets (its words, slugified as every heading is);
        when the claims page is split, the link goes to the part that lists the status.
        """
        section = self.sections["claims"]
        summary = []
        for status, claims in section.groups:
            if not claims:
                continue
            heading = slugify(self.locale["status_plural"][status], "-")
            page = self.path("claims")
            for part in section.parts:
                if any(key == status for key, _ in part.groups):
                    page = self.path(f"claims/{part.slug}")
                    break
            summary.append({"status": status, "count": len(claims), "url": f"/{page}#{heading}"})
        return summary

    def key_events(self, events: list) -> list:
        """The overview's turning points, in date order (``events`` is the timeline's order).

        The editors' ``key_events`` when story.yml names them; otherwise the events the key
        findings are about (each finding's ``events``), at most KEY_EVENTS_AT_MOST, the earliest
        kept; and when those are none, the first and the last event of the story.
        """
        story = self.inv.story
        if story.key_events is not None:
            chosen = set(story.key_events)
        else:
            claims = {claim.id: claim for claim in self.inv.claims}
            chosen = {
                event_id
                for claim_id in story.key_findings
                if claim_id in claims
                for event_id in claims[claim_id].events
            }
            if not chosen and events:
                chosen = {events[0].id, events[-1].id}
        picked = [event for event in events if event.id in chosen]
        return picked if story.key_events is not None else picked[:KEY_EVENTS_AT_MOST]

    def timeline_chart(self) -> str | None:
        """The chart whose picture the overview shows: the story's first timeline of every
        lane (no ``groups``), else its first timeline."""
        timelines = [chart for chart in self.inv.charts if chart.type == "timeline"]
        whole = [chart for chart in timelines if not getattr(chart, "groups", None)]
        chosen = whole or timelines
        return chosen[0].id if chosen else None

    def changes(self) -> list[dict[str, Any]]:
        """The overview's "What changed" box: the corrections, newest first, with dates."""
        corrections = sorted(self.inv.story.corrections, key=lambda c: c.date.start(), reverse=True)
        return [{"date": correction.date, "text": correction.text} for correction in corrections]

    def corrections_url(self) -> str:
        heading = slugify(self.locale["words"]["corrections"], "-")
        return f"/{self.path('methodology')}#{heading}"

    def reading_minutes(self, page) -> int:
        """A narrative page's reading time at WORDS_PER_MINUTE, at least a minute: words of its
        prose, without citations and embeds (which a reader does not read as words)."""
        text = prose.CITATION.sub(" ", prose.EMBED.sub(" ", page.body))
        text = prose.MENTION.sub(lambda m: m["id"].replace("-", " "), text)
        return max(1, -(-len(_WORD.findall(text)) // WORDS_PER_MINUTE))

    def reading_time(self, page) -> str:
        minutes = format_number(self.reading_minutes(page), self.locale["number"])
        return self.locale["words"]["overview_reading_time"].format(minutes=minutes)

    def render(self, template: str, **context: Any) -> str:
        base = {
            "inv": self.inv,
            "story": self.inv.story,
            "r": self,
            "locale": self.locale,
            "language": self.language,
            "status_order": STATUS_ORDER,
        }
        return self.env.get_template(template).render(**base, **context)

    def has_page(self, name: str) -> bool:
        """Whether the investigation gets this page (see ONLY_WITH_ITEMS)."""
        items = ONLY_WITH_ITEMS.get(name)
        return items is None or bool(getattr(self.inv, items))

    def case_standings(self, case) -> dict[str, legal.Standing]:
        """Each concerned party's standing in the case, by actor id."""
        return {standing.actor: standing for standing in legal.standings(case)}

    def standing_line(self, standing: legal.Standing) -> Markup:
        """'Charged since 4 March 2021, in <the case, linked>', in the page's language."""
        words = self.locale["legal"]
        date = standing.stage.date
        # a stage the sources give no date for: no "since", which would read "since not known"
        template = words["standing_in"] if date.known else words["standing_in_undated"]
        return Markup(template).format(
            standing=escape_text(words["standings"][standing.key]),
            date=escape_text(self.locale.date(date)),
            case=Markup(self._link("case", standing.case.id)),
        )

    def presumed_innocent(self, standings) -> bool:
        """Whether the page must say that someone is presumed innocent (see legal)."""
        return any(standing.presumed_innocent for standing in standings)

    def in_order(self, case) -> list:
        return legal.in_order(case)

    def stage_title(self, stage) -> str:
        """'Verdict: convicted', or the stage's name alone."""
        legal_words = self.locale["legal"]
        name = legal_words["stages"][stage.stage]
        if stage.outcome:
            return f"{name}: {legal_words['outcomes'][stage.outcome]}"
        return name

    def court_stages(self) -> list[tuple[Any, Any]]:
        """(case, stage) of every case, in date order: the timeline's court proceedings."""
        return legal.dated_stages(self.inv.cases)

    def _sections(self) -> dict[str, Section]:
        """The four long list sections, each under the headings readers scan it by."""
        inv, locale = self.inv, self.locale
        # the dates' own order (generator.dates): on one day, times of day before the day
        events = sorted(inv.events, key=lambda e: (e.date, e.id))
        # periods by where each date sorts, so that 'after 2023-12' (placed at 1 January 2024)
        # does not open a December part between two January ones; an unknown date last, (0, 0)
        by_period = [
            (key, list(group))
            for key, group in groupby(
                events,
                key=lambda e: (
                    (e.date.start().year, e.date.start().month if e.date.precision != "year" else 0)
                    if e.date.known
                    else UNKNOWN_PERIOD
                ),
            )
        ]
        claims_by_status = [
            (status, [c for c in inv.claims if c.status == status]) for status in STATUS_ORDER
        ]
        # Who's who keeps the editors' order within a kind: they list the principal figures
        # first (the candidates by their vote), and names are written given name first, so an
        # alphabetical list would order people by first name.
        actors_by_kind = [
            (kind, [a for a in inv.actors if a.kind == kind]) for kind in locale["actor_kinds"]
        ]
        actors_by_kind.append((RELATIONS, list(inv.relations)))
        # The bibliography is alphabetical by publisher, then by date: where readers look.
        sources_by_kind = [
            (
                kind,
                sorted(
                    (s for s in inv.sources if s.kind == kind),
                    key=lambda source: source_order(source, self.language),
                ),
            )
            for kind in evidence.SOURCE_KINDS
        ]

        def period(key) -> str:
            year, month = key
            if key == UNKNOWN_PERIOD:
                return locale["dates"]["unknown_heading"]
            return f"{locale['months'][month - 1]} {year}" if month else str(year)

        def kind_label(table: str):
            relations = locale["words"]["relations"]
            return lambda key: relations if key == RELATIONS else locale[table][key]

        return {
            "timeline": split(
                "timeline",
                by_period,
                period,
                lambda k: (
                    "date-not-known"
                    if k == UNKNOWN_PERIOD
                    else f"{k[0]}-{k[1]:02d}"
                    if k[1]
                    else str(k[0])
                ),
            ),
            "claims": split(
                "claims", claims_by_status, kind_label("status_plural"), str, ranged=False
            ),
            "actors": split("actors", actors_by_kind, kind_label("actor_kinds"), str, ranged=False),
            "sources": split(
                "sources", sources_by_kind, kind_label("source_kinds"), str, ranged=False
            ),
        }

    def _place_parts(self) -> None:
        """Tell the resolver which part lists each entry of a long section."""
        for section in self.sections.values():
            for part in section.parts:
                path = self.path(f"{section.name}/{part.slug}")
                for _, entries in part.groups:
                    for entry in entries:
                        self.resolver.place(self.inv.slug, kind_of(entry).name, entry.id, path)

    def pages(self) -> list[GeneratedFile]:
        """Every page of the investigation, each still to be rendered; MkDocs converts them in
        this order, and the background renders them in it (see render_site)."""
        narrative = self.narrative_pages()
        events = [e for _, group in self.sections["timeline"].groups for e in group]
        tasks = [
            self._page(
                "index",
                PAGE_KINDS["index"],
                events=events,
                timeline=self.sections["timeline"],
                narrative=narrative,
            )
        ]
        for name, section in self.sections.items():
            template = PAGE_KINDS[name]
            tasks.append(
                self._page(
                    name,
                    template,
                    section=section,
                    groups=section.groups,
                    part=None,
                )
            )
            for index, part in enumerate(section.parts):
                neighbours = {
                    "previous": section.parts[index - 1] if index else None,
                    "next": section.parts[index + 1] if index + 1 < len(section.parts) else None,
                }
                tasks.append(
                    self._page(
                        f"{name}/{part.slug}",
                        template,
                        section=section,
                        groups=part.groups,
                        part=part,
                        **neighbours,
                    )
                )
        if self.has_page("cases"):
            tasks.append(self._page("cases", PAGE_KINDS["cases"]))
        tasks.append(self._page("methodology", PAGE_KINDS["methodology"]))
        tasks.append(self._page("data", PAGE_KINDS["data"]))
        for page in narrative:
            tasks.append(self._page(page.slug, PAGE_KINDS[NARRATIVE], page=page))
        for chart in self.inv.charts:
            tasks.append(self._page(f"charts/{chart.id}", PAGE_KINDS[CHART], chart=chart))
        return tasks

    def _page(self, name: str, template: str, **context: Any) -> GeneratedFile:
        return GeneratedFile(self.path(name), functools.partial(self.render, template, **context))

    def narrative_pages(self):
        """One page per slug, in this language when translated, ordered by ``order``."""
        chosen = {}
        for page in self.inv.pages:
            if page.language in (None, self.language) and (
                page.slug not in chosen or page.language == self.language
            ):
                chosen[page.slug] = page
        return sorted(chosen.values(), key=lambda p: (p.order, p.slug))

    def nav(self) -> NavSection:
        words = self.locale["pages"]
        section = NavSection(pick(self.inv.story.title, self.language))
        section.pages.append((words["overview"], self.path("index")))
        for page in self.narrative_pages():
            section.pages.append((page.title, self.path(page.slug)))
        for name in SECTIONS:
            if self.has_page(name):
                section.pages.append((words[name], self.path(name)))
        return section

    def downloads(self) -> list[GeneratedFile]:
        inv = self.inv
        files = [
            GeneratedFile(
                f"{inv.slug}/data/{inv.slug}.json", functools.partial(investigation_json, inv)
            )
        ]
        for dataset in inv.datasets:
            files.append(
                GeneratedFile(
                    f"{inv.slug}/data/{dataset.id}.csv", functools.partial(dataset_csv, dataset)
                )
            )
        for exporter in self.exports():
            make = functools.partial(exporter.make, inv, self.locale)
            files.append(GeneratedFile(exporter.site_path(inv.slug), make))
        if inv.story is not None:
            files.extend(self._citation_files())
        return files

    def exports(self) -> list[Exporter]:
        """The story in other tools' formats (generator.exports), in this language: registered
        as downloads above and listed on the data page."""
        return list(self._exports) if self.inv.story is not None else []


def render_site(
    investigations: list[Investigation],
    templates_dir: Path,
    locale: Locale,
    exports: Sequence[Exporter] = (),
    site_url: str = "",
) -> SiteOutput:
    """Every page and download of every investigation, plus the home page and the nav;
    ``exports`` are the story's files in other tools' formats (``generator.exports``);
    ``site_url`` is where this language's pages are published, for the addresses they are cited
    by.

    The files render in a forked child, in order, while this process goes on (to the charts,
    then to MkDocs' conversion of the first pages); reading a file's content waits for it.
    """
    env = make_environment(templates_dir, locale)
    by_slug = {inv.slug: inv for inv in investigations}
    resolver = Resolver(by_slug, locale.language, untitled=locale["words"]["untitled"])
    output = SiteOutput(resolver=resolver)
    home_path = "index.md"
    output.nav.append((locale["pages"]["home"], home_path))
    renderers = [
        InvestigationRenderer(inv, env, locale, resolver, exports, site_url)
        for inv in sorted(investigations, key=lambda i: i.slug)
    ]
    home = env.get_template("home.md.j2")
    planned = [
        GeneratedFile(
            home_path,
            functools.partial(
                home.render, renderers=renderers, language=locale.language, locale=locale
            ),
        )
    ]
    for renderer in renderers:
        planned.extend(renderer.pages())
        output.nav.append(renderer.nav())
    for renderer in renderers:
        planned.extend(renderer.downloads())
    for name in env.list_templates(extensions=["j2"]):
        env.get_template(name)  # compiled once, before the child is forked
    output.rendering = InBackground([file.made for file in planned])
    output.files = [
        GeneratedFile(file.path, functools.partial(output.rendering.result, index))
        for index, file in enumerate(planned)
    ]
    return output
