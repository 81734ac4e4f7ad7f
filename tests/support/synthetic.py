"""Synthetic investigations of any size, in the proportions of the shipped one, for tests and
benchmarks.

Usage: python -m tests.support.synthetic --events 1000 [--seed 0] [--languages en]
                                          [--out bench/out/content]

Writes ``OUT/synthetic-<events>/`` (story, sources, claims, events, actors, relations, datasets
with CSV files, charts and narrative pages) and prints its path. The ratios are those of
content/romania-2024 (60 events): per event about 0.7 claims, 1.2 actors, 0.6 relations and 1.8
sources; five datasets and seven charts (two bars, a line, two timelines, a network, a money flow)
whatever the size; a narrative page per 50 events, at most 20. Items cite and mention one another
as often as there (about two sources per claim and per event, three actors per claim, a citation
or two in event bodies, 25 citations and 10 mentions per page), every source is cited and every
actor mentioned, so the content validates without warnings.

The same seed and size always write the same bytes (``random.Random(seed)``, no clock, no set
order). Texts are in English only by default (``story.languages: [en]``); ``--languages en,ro``
writes every text as ``{en: ..., ro: ...}`` and each page also as ``<page>.ro.md``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from generator import evidence
from generator.evidence import Weight

ROOT = Path(__file__).resolve().parents[2]

# Per event, from content/romania-2024 (43 claims, 70 actors, 36 relations, 108 sources).
CLAIMS_PER_EVENT = 0.7
ACTORS_PER_EVENT = 1.2
RELATIONS_PER_EVENT = 0.6
SOURCES_PER_EVENT = 1.8
EVENTS_PER_PAGE = 50
MAX_PAGES = 20


def _split(text: str, separator: str | None = None) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(separator) if part.strip())


LANES = ("election", "intelligence", "platform", "eu", "courts", "investigation", "reactions")
LANE_WEIGHTS = (7, 3, 6, 10, 11, 13, 10)

WORDS = _split(
    """
    account accounts agency alleged analysts announced annulled answer archive audit ballot
    bank board broadcast bureau campaign candidate channel charged claims commission committee
    complaint content coordinated council count court data declassified decision denied
    deputies digital documents donations election electoral evidence experts filed files
    findings first foreign funding groups hearing influence influencers inquiry intelligence
    investigation judges lawyers leaders made media meeting members messages ministry money
    monitoring network news newspaper office officials online operation order paid parliament
    party payments platform police polls posts president press prosecutors public published
    questions recount regulator released reported reporters request researchers response
    results review rules ruling runoff said second security service sources spending statement
    story support television transfers urgent videos vote voters weeks watchdog
    """
)
# English is about two-fifths short function words; without them texts are a third longer.
SHORT = _split(
    """
    the the the of of to to in in a a and and on for by with at from as was is it that
    """
)
GIVEN = _split(
    """
    Ana Andrei Bogdan Cristina Daniel Elena Florin Gabriela Horia Ioana Ion Laura Marius Mihai
    Nicoleta Ovidiu Paula Radu Sorin Teodora Victor Zoe Ilse Jonas Marta Pieter Sofia
    """
)
FAMILY = _split(
    """
    Albu Barbu Ciobanu Dinu Enache Florea Georgescu Hristea Ionescu Jitaru Lazăr Manole Neagu
    Oprea Popescu Radu Stan Tudor Ursu Vasile Zamfir Moreau Keller Novak Rossi Weber
    """
)
PUBLISHERS = _split(
    "Associated Press|Reuters|Agence France-Presse|Politico Europe|Romania Insider|"
    "The Romania Journal|Adevărul|G4Media|HotNews|Libertatea|Digi24|Euronews|Le Monde|"
    "The Guardian|Financial Times|Bloomberg|Balkan Insight|Deutsche Welle|Radio Free Europe|"
    "Jurnalul|Recorder|Snopes|Expert Forum|DFRLab",
    "|",
)
SOURCE_KINDS = (
    ("news-report", 88),
    ("official-statement", 5),
    ("research", 3),
    ("court-legal", 2),
    ("primary-document", 1),
    ("social-post", 1),
)
AUTHORITATIVE_KINDS = frozenset(
    k for k, w in evidence.SOURCE_KINDS.items() if w is Weight.AUTHORITATIVE
)
ACTOR_KINDS = (
    ("person", 40),
    ("organisation", 31),
    ("agency", 14),
    ("account", 6),
    ("platform", 4),
    ("channel", 3),
    ("campaign", 2),
)
CLAIM_STATUSES = (
    ("alleged", 60),
    ("confirmed", 16),
    ("denied", 14),
    ("disputed", 7),
    ("unverified", 3),
)
RELATION_STATUSES = (("confirmed", 64), ("alleged", 33), ("disputed", 3))
RELATION_KINDS = _split(
    """
    reported-to paid promoted petitioned charged investigated coordinated funded
    requested-information recruited ruled-on
    """
)
LOCATORS = ("p. 2", "p. 3", "p. 14", "para. 4", "min. 12", "section 3")


def _weighted(rng: random.Random, table) -> str:
    return rng.choices([name for name, _ in table], weights=[w for _, w in table])[0]


def _count(rng: random.Random, mean: float, low: int = 0) -> int:
    """An integer around ``mean`` (a small Poisson-like spread), at least ``low``."""
    value = int(mean) + (rng.random() < mean - int(mean))
    value += rng.choice((-1, 0, 0, 1)) if value > 1 else 0
    return max(low, value)


def _q(text: str) -> str:
    """A YAML scalar: JSON strings are valid YAML and need no further escaping."""
    return json.dumps(text, ensure_ascii=False)


class _Deck:
    """Ids dealt once each before any repeats, so every item is cited or mentioned at least once."""

    def __init__(self, rng: random.Random, ids: list[str]):
        self.rng = rng
        self.ids = ids
        self.unused = list(reversed(ids))

    def draw(self, k: int = 1, near: int | None = None) -> list[str]:
        chosen: list[str] = []
        while len(chosen) < k and self.unused:
            item = self.unused.pop()
            if item not in chosen:
                chosen.append(item)
        for _ in range(4 * k):
            if len(chosen) >= min(k, len(self.ids)):
                break
            if near is not None:  # items of a story cite sources from around the same time
                index = min(len(self.ids) - 1, max(0, near + self.rng.randint(-30, 30)))
            else:
                index = self.rng.randrange(len(self.ids))
            if self.ids[index] not in chosen:
                chosen.append(self.ids[index])
        return chosen


@dataclass
class Synthetic:
    events: int
    seed: int = 0
    languages: tuple[str, ...] = ("en",)
    rng: random.Random = field(init=False)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        n = self.events
        self.n_claims = max(3, round(n * CLAIMS_PER_EVENT))
        self.n_actors = max(4, round(n * ACTORS_PER_EVENT))
        self.n_relations = max(2, round(n * RELATIONS_PER_EVENT))
        self.n_sources = max(3, round(n * SOURCES_PER_EVENT))
        self.n_pages = min(MAX_PAGES, max(1, n // EVENTS_PER_PAGE))
        years = min(12, 2 + n // 800)
        self.start = date(2024, 6, 1)
        self.span_days = 365 * years

    # --- text ----------------------------------------------------------------------------------
    def words(self, count: int) -> str:
        rng = self.rng
        return " ".join(
            rng.choice(SHORT) if i > 0 and rng.random() < 0.4 else rng.choice(WORDS)
            for i in range(count)
        )

    def sentence(self, count: int) -> str:
        text = self.words(count)
        return text[0].upper() + text[1:] + "."

    def prose(self, length: int, cites: list[str] = (), mentions: list[str] = ()) -> str:
        """About ``length`` characters of sentences, with citations and mentions spread in."""
        parts: list[str] = []
        size = 0
        cites, mentions = list(cites), list(mentions)
        last: list[str] = []
        while size < length or cites or mentions:
            sentence = self.sentence(self.rng.randint(8, 16))
            mentioned = bool(mentions) and (not cites or self.rng.random() < 0.6)
            if mentioned:
                sentence = f"{mentions.pop()} {sentence[0].lower()}{sentence[1:]}"
            if cites or (mentioned and last):  # a sentence naming an actor cites its source
                take = (cites[:2] if self.rng.random() < 0.25 else cites[:1]) or last
                del cites[: len(take)]
                last = take
                inner = "; ".join(
                    f"@{c}, {self.rng.choice(LOCATORS)}" if self.rng.random() < 0.15 else f"@{c}"
                    for c in take
                )
                sentence = f"{sentence[:-1]} [{inner}]."
            parts.append(sentence)
            size += len(sentence) + 1
        return " ".join(parts)

    def text(self, english: str) -> str:
        """A text field in the configured languages: a string, or a flow mapping per language."""
        if len(self.languages) == 1:
            return _q(english)
        versions = [f"{self.languages[0]}: {_q(english)}"]
        versions += [f"{lang}: {_q(f'({lang}) {english}')}" for lang in self.languages[1:]]
        return "{" + ", ".join(versions) + "}"

    def date_at(self, fraction: float) -> date:
        return self.start + timedelta(days=int(fraction * self.span_days))

    # --- ids -----------------------------------------------------------------------------------
    def ids(self, prefix: str, count: int) -> list[str]:
        width = len(str(count))
        return [f"{prefix}{i:0{width}d}-{self.rng.choice(WORDS)}" for i in range(1, count + 1)]

    # --- the investigation ---------------------------------------------------------------------
    def build(self) -> dict[str, str | bytes]:
        """Every file of the investigation: relative path → content."""
        rng = self.rng
        self.source_ids = self.ids("s", self.n_sources)
        self.actor_ids = self.ids("a", self.n_actors)
        self.event_ids = self.ids("e", self.events)
        self.claim_ids = self.ids("c", self.n_claims)
        self.relation_ids = self.ids("r", self.n_relations)
        self.sources = _Deck(rng, self.source_ids)
        self.actors = _Deck(rng, self.actor_ids)
        self.actor_kind = {a: _weighted(rng, ACTOR_KINDS) for a in self.actor_ids}
        # a source's place in time follows its position; items cite sources near their own time
        self.source_position = {s: i for i, s in enumerate(self.source_ids)}
        self.claim_status = {c: _weighted(rng, CLAIM_STATUSES) for c in self.claim_ids}
        files: dict[str, str | bytes] = {}
        files["sources.yml"] = self.sources_yml()
        files["actors.yml"] = self.actors_yml()
        files["events.yml"] = self.events_yml()
        files["claims.yml"] = self.claims_yml()
        files["relations.yml"] = self.relations_yml()
        files.update(self.datasets())
        files["charts.yml"] = self.charts_yml()
        files.update(self.pages())
        # the story last: it mentions whatever the items left uncited
        files["story.yml"] = self.story_yml()
        return dict(sorted(files.items()))

    def near_source(self, fraction: float) -> int:
        return int(fraction * (len(self.source_ids) - 1))

    def source_refs(self, k: int, fraction: float, indent: str) -> str:
        refs = self.sources.draw(k, self.near_source(fraction))
        if not refs:
            return ""
        items = []
        for ref in refs:
            if self.rng.random() < 0.1:
                items.append(f"{{id: {ref}, locator: {_q(self.rng.choice(LOCATORS))}}}")
            else:
                items.append(ref)
        return f"{indent}sources: [{', '.join(items)}]\n"

    def sources_yml(self) -> str:
        rng = self.rng
        out = ["# Synthetic sources (tests/support/synthetic.py).\nsources:\n"]
        self.primary_sources: list[str] = []
        for i, source_id in enumerate(self.source_ids):
            kind = _weighted(rng, SOURCE_KINDS)
            if kind in AUTHORITATIVE_KINDS:  # what confirms a fact on its own
                self.primary_sources.append(source_id)
            publisher = rng.choice(PUBLISHERS)
            out.append(f"  - id: {source_id}\n")
            out.append(f"    title: {_q(self.sentence(rng.randint(5, 9))[:-1])}\n")
            out.append(f"    publisher: {_q(publisher)}\n")
            out.append(f"    url: https://news.example.org/{i % 97}/{source_id}\n")
            if rng.random() < 0.64:
                published = self.date_at(i / len(self.source_ids))
                out.append(f"    published: {published.isoformat()}\n")
            out.append(f"    kind: {kind}\n")
            out.append(f"    language: {'en' if rng.random() < 0.72 else 'ro'}\n")
            if rng.random() < 0.1:
                out.append(f"    archive_url: https://archive.example.org/{source_id}\n")
            if rng.random() < 0.52:
                out.append(f"    note: {self.text(self.sentence(rng.randint(8, 16)))}\n")
        return "".join(out)

    def actor_name(self, actor_id: str, index: int) -> str:
        kind = self.actor_kind[actor_id]
        rng = self.rng
        if kind == "person":
            return f"{rng.choice(GIVEN)} {rng.choice(FAMILY)} {index}"
        word = rng.choice(WORDS).capitalize()
        suffix = {
            "organisation": "Association",
            "agency": "Agency",
            "account": "account",
            "platform": "Platform",
            "channel": "channel",
            "campaign": "campaign",
        }[kind]
        return f"{word} {suffix} {index}"

    def actors_yml(self) -> str:
        rng = self.rng
        self.actor_names = {}
        out = ["# Synthetic actors (tests/support/synthetic.py).\nactors:\n"]
        for i, actor_id in enumerate(self.actor_ids, start=1):
            name = self.actor_name(actor_id, i)
            self.actor_names[actor_id] = name
            out.append(f"  - id: {actor_id}\n")
            out.append(f"    name: {_q(name)}\n")
            out.append(f"    kind: {self.actor_kind[actor_id]}\n")
            if rng.random() < 0.6:
                out.append(f"    country: {rng.choice(('RO', 'RO', 'RO', 'MD', 'RU', 'FR'))}\n")
            if rng.random() < 0.37:
                out.append(f"    aliases: [{_q(name.upper())}]\n")
            out.append(f"    role: {self.text(self.sentence(rng.randint(12, 22)))}\n")
            # actors are mentioned by items, not dealt from the deck here
            out.append(
                self.source_refs(_count(rng, 1.7), i / len(self.actor_ids), "    ")
                if rng.random() < 0.9
                else ""
            )
        return "".join(out)

    def events_yml(self) -> str:
        rng = self.rng
        n = len(self.event_ids)
        self.event_claims: dict[str, list[str]] = {}
        self.event_group: dict[str, str] = {}
        out = ["# Synthetic events (tests/support/synthetic.py).\nevents:\n"]
        for i, event_id in enumerate(self.event_ids):
            fraction = i / max(1, n - 1)
            when = self.date_at(fraction)
            roll = rng.random()
            if roll < 0.07:
                written = when.strftime("%Y-%m")
            elif roll < 0.087:
                written = f"{when.isoformat()}T{rng.randint(8, 22):02d}:{rng.choice((0, 30)):02d}"
            else:
                written = when.isoformat()
            group = rng.choices(LANES, weights=LANE_WEIGHTS)[0]
            self.event_group[event_id] = group
            out.append(f"  - id: {event_id}\n")
            out.append(f"    date: {written}\n")
            if roll >= 0.087 and rng.random() < 0.05:
                out.append(f"    end: {(when + timedelta(days=rng.randint(1, 20))).isoformat()}\n")
            out.append(f"    group: {group}\n")
            out.append(f"    title: {self.text(self.sentence(rng.randint(5, 9))[:-1])}\n")
            refs = self.sources.draw(_count(rng, 2.05, 1), self.near_source(fraction))
            if rng.random() < 0.73:
                cited = [r for r in refs if rng.random() < 0.9] or refs[:1]
                body = self.prose(rng.randint(120, 300), cites=cited)
                out.append(f"    body: {self.text(body)}\n")
            actors = self.actors.draw(_count(rng, 2.4))
            if actors:
                out.append(f"    actors: [{', '.join(actors)}]\n")
            claim_index = int(fraction * (self.n_claims - 1))
            claims = sorted(
                {
                    self.claim_ids[min(self.n_claims - 1, max(0, claim_index + rng.randint(-3, 3)))]
                    for _ in range(_count(rng, 0.73))
                }
            )
            self.event_claims[event_id] = claims
            if claims:
                out.append(f"    claims: [{', '.join(claims)}]\n")
            out.append(f"    sources: [{', '.join(refs)}]\n")
        return "".join(out)

    def attribution(self, status: str, indent: str) -> str:
        if status == "confirmed":
            return ""
        # who alleges: mostly the agencies and organisations of the story
        return f"{indent}attributed_to: [{', '.join(self.actors.draw(_count(self.rng, 1.1, 1)))}]\n"

    def claims_yml(self) -> str:
        rng = self.rng
        out = ["# Synthetic claims (tests/support/synthetic.py).\nclaims:\n"]
        n = len(self.claim_ids)
        for i, claim_id in enumerate(self.claim_ids):
            fraction = i / max(1, n - 1)
            status = self.claim_status[claim_id]
            out.append(f"  - id: {claim_id}\n")
            statement = self.prose(rng.randint(150, 280))
            out.append(f"    statement: {self.text(statement)}\n")
            out.append(f"    status: {status}\n")
            out.append(self.attribution(status, "    "))
            refs = self.source_refs(_count(rng, 2.1, 1), fraction, "    ")
            out.append(self.confirming(refs, status, fraction))
            actors = self.actors.draw(_count(rng, 3.0))
            if actors:
                out.append(f"    actors: [{', '.join(actors)}]\n")
            event_index = int(fraction * (self.events - 1))
            events = sorted(
                {
                    self.event_ids[min(self.events - 1, max(0, event_index + rng.randint(-3, 3)))]
                    for _ in range(_count(rng, 0.95))
                }
            )
            if events:
                out.append(f"    events: [{', '.join(events)}]\n")
            if rng.random() < 0.3:  # denials and disputes answer claims nearby
                rebuttals = sorted(
                    {
                        self.claim_ids[min(n - 1, max(0, i + rng.randint(-5, 5)))]
                        for _ in range(rng.randint(1, 2))
                    }
                    - {claim_id}
                )
                if rebuttals:
                    out.append(f"    rebuttals: [{', '.join(rebuttals)}]\n")
            if rng.random() < 0.5:
                out.append(f"    note: {self.text(self.prose(rng.randint(60, 160)))}\n")
        return "".join(out)

    def relations_yml(self) -> str:
        rng = self.rng
        out = ["# Synthetic relations (tests/support/synthetic.py).\nrelations:\n"]
        # links run between the first half of the actors (the networked ones), as in the story
        networked = self.actor_ids[: max(2, len(self.actor_ids) // 2)]
        self.usd_relations = 0
        n = len(self.relation_ids)
        for i, relation_id in enumerate(self.relation_ids):
            fraction = i / max(1, n - 1)
            source, target = rng.sample(networked, 2)
            kind = rng.choice(RELATION_KINDS)
            status = _weighted(rng, RELATION_STATUSES)
            out.append(f"  - id: {relation_id}\n")
            out.append(f"    from: {source}\n    to: {target}\n    kind: {kind}\n")
            out.append(f"    label: {self.text(kind.replace('-', ' '))}\n")
            if rng.random() < 0.08 or (i == n - 1 and not self.usd_relations):
                currency = "USD" if rng.random() < 0.67 or not self.usd_relations else "EUR"
                self.usd_relations += currency == "USD"
                out.append(
                    f"    amount: {{value: {rng.randint(10, 900) * 1000}, currency: {currency}}}\n"
                )
            if rng.random() < 0.8:
                out.append(f"    date: {self.date_at(fraction).isoformat()}\n")
            out.append(f"    status: {status}\n")
            out.append(self.attribution(status, "    "))
            if rng.random() < 0.72:
                out.append(f"    description: {self.text(self.prose(rng.randint(80, 200)))}\n")
            claim_index = int(fraction * (self.n_claims - 1))
            if rng.random() < 0.6:
                out.append(f"    claims: [{self.claim_ids[claim_index]}]\n")
            refs = self.source_refs(_count(rng, 1.8, 1), fraction, "    ")
            out.append(self.confirming(refs, status, fraction))
        return "".join(out)

    def confirming(self, refs: str, status: str, fraction: float) -> str:
        """A confirmed item's citations lead with a primary source: news reports alone, as
        often as not from one publisher, would not confirm it."""
        if status != "confirmed" or not self.primary_sources:
            return refs
        primary = self.primary_sources[int(fraction * (len(self.primary_sources) - 1))]
        return refs.replace("sources: [", f"sources: [{primary}, ", 1)

    def datasets(self) -> dict[str, str]:
        rng = self.rng
        candidates = [f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}" for _ in range(14)]
        candidates = list(dict.fromkeys(candidates))
        self.leader = candidates[0]
        parties = ["Independent", "USR", "PSD", "AUR", "PNL", "UDMR", "SOS", "PUSL"]
        shares = sorted((rng.uniform(0.5, 25) for _ in candidates), reverse=True)
        total = sum(shares)
        files: dict[str, str] = {}
        rows = ["candidate,party,withdrawn,votes,pct"]
        for name, share in zip(candidates, shares, strict=True):
            pct = round(100 * share / total, 2)
            withdrawn = "true" if rng.random() < 0.07 else "false"
            rows.append(f"{name},{rng.choice(parties)},{withdrawn},{int(pct * 92000)},{pct}")
        files["data/results-national.csv"] = "\n".join(rows) + "\n"
        rows = ["candidate,party,votes,pct"]
        abroad = sorted((rng.uniform(0.5, 25) for _ in candidates), reverse=True)
        for name, share in zip(candidates, abroad, strict=True):
            pct = round(100 * share / sum(abroad), 2)
            rows.append(f"{name},{rng.choice(parties)},{int(pct * 9500)},{pct}")
        files["data/results-abroad.csv"] = "\n".join(rows) + "\n"
        months: dict[str, int] = {}
        for i in range(self.events):
            month = self.date_at(i / max(1, self.events - 1)).strftime("%Y-%m-01")
            months[month] = months.get(month, 0) + 1
        rows = ["month,events,claims"]
        for month, count in months.items():
            rows.append(f"{month},{count},{round(count * CLAIMS_PER_EVENT)}")
        files["data/activity-by-month.csv"] = "\n".join(rows) + "\n"
        rows = ["item,amount,currency,asserted_by,status"]
        for i in range(8 + self.events // 500):
            currency = rng.choice(("USD", "EUR", "RON"))
            rows.append(
                f"Payment {i + 1},{rng.randint(10, 900) * 1000},{currency},"
                f"{rng.choice(('Prosecutors', 'Intelligence service', 'Regulator'))},"
                f"{rng.choice(('alleged', 'confirmed', 'unverified'))}"
            )
        files["data/money.csv"] = "\n".join(rows) + "\n"
        rows = ["date,action,actor"]
        for _ in range(9 + self.events // 200):
            when = self.date_at(rng.random()).isoformat()
            rows.append(f"{when},{self.sentence(6)[:-1]},European Commission")
        files["data/eu-actions.csv"] = "\n".join(rows[:1] + sorted(rows[1:])) + "\n"

        def dataset(ident: str, title: str, columns: list[tuple[str, str, str | None]]) -> str:
            lines = [
                f"  - id: {ident}\n    file: data/{ident}.csv\n",
                f"    title: {self.text(title)}\n",
                f"    description: {self.text(self.prose(rng.randint(120, 260)))}\n",
                "    columns:\n",
            ]
            for name, kind, unit in columns:
                lines.append(f"      - name: {name}\n        type: {kind}\n")
                lines.append(f"        label: {self.text(name.replace('_', ' ').capitalize())}\n")
                if unit:
                    lines.append(f"        unit: {_q(unit)}\n")
            lines.append(self.source_refs(rng.randint(2, 6), rng.random(), "    "))
            return "".join(lines)

        header = "# Synthetic datasets (tests/support/synthetic.py).\ndatasets:\n"
        files["datasets.yml"] = header + "".join(
            (
                dataset(
                    "results-national",
                    "First round: final results",
                    [
                        ("candidate", "string", None),
                        ("party", "string", None),
                        ("withdrawn", "boolean", None),
                        ("votes", "integer", "votes"),
                        ("pct", "number", "%"),
                    ],
                ),
                dataset(
                    "results-abroad",
                    "First round: votes cast abroad",
                    [
                        ("candidate", "string", None),
                        ("party", "string", None),
                        ("votes", "integer", "votes"),
                        ("pct", "number", "%"),
                    ],
                ),
                dataset(
                    "activity-by-month",
                    "Events and claims per month",
                    [
                        ("month", "date", None),
                        ("events", "integer", None),
                        ("claims", "integer", None),
                    ],
                ),
                dataset(
                    "money",
                    "The money alleged",
                    [
                        ("item", "string", None),
                        ("amount", "number", None),
                        ("currency", "string", None),
                        ("asserted_by", "string", None),
                        ("status", "string", None),
                    ],
                ),
                dataset(
                    "eu-actions",
                    "The EU's response, step by step",
                    [("date", "date", None), ("action", "string", None), ("actor", "string", None)],
                ),
            )
        )
        return files

    def charts_yml(self) -> str:
        rng = self.rng
        lanes = sorted(set(self.event_group.values()), key=LANES.index)
        self.chart_ids = [
            "results-national",
            "results-abroad",
            "activity",
            "chronology",
            "one-lane",
            "who-is-linked",
            "money-usd",
        ]
        specs = [
            ("results-national", "type: bar\n    dataset: results-national\n    orientation: "
             f"horizontal\n    x: candidate\n    y: pct\n    highlight: [{_q(self.leader)}]\n"),
            ("results-abroad", "type: bar\n    dataset: results-abroad\n    orientation: horizontal"
             "\n    x: candidate\n    y: pct\n"),
            ("activity", "type: line\n    dataset: activity-by-month\n    x: month\n"
             "    y: [events, claims]\n"),
            ("chronology", "type: timeline\n    derived_from: events\n"),
            ("one-lane", f"type: timeline\n    derived_from: events\n    groups: [{lanes[0]}]\n"),
            ("who-is-linked", "type: network\n    derived_from: relations\n"),
            ("money-usd", "type: flow\n    derived_from: relations\n    currency: USD\n"),
        ]  # fmt: skip
        out = ["# Synthetic charts (tests/support/synthetic.py).\ncharts:\n"]
        for chart_id, spec in specs:
            out.append(f"  - id: {chart_id}\n    {spec}")
            out.append(f"    title: {self.text(self.sentence(rng.randint(5, 9))[:-1])}\n")
            out.append(f"    subtitle: {self.text(self.sentence(rng.randint(8, 14))[:-1])}\n")
            out.append(f"    description: {self.text(self.sentence(rng.randint(30, 60)))}\n")
            if rng.random() < 0.3:
                out.append(f"    notes: {self.text(self.sentence(rng.randint(10, 20)))}\n")
        return "".join(out)

    def pages(self) -> dict[str, str]:
        rng = self.rng
        files = {}
        for number in range(1, self.n_pages + 1):
            slug = f"chapter-{number:02d}-{rng.choice(WORDS)}"
            title = self.sentence(rng.randint(3, 6))[:-1]
            lines = [
                "---",
                f"title: {_q(title)}",
                f"description: {_q(self.sentence(rng.randint(14, 24)))}",
                f"order: {number}",
                "---",
                "",
            ]
            where = (number - 1) / max(1, self.n_pages)
            for section in range(5):
                lines.append(f"## {self.sentence(rng.randint(3, 6))[:-1]}")
                lines.append("")
                for _ in range(2):
                    cites = self.sources.draw(3, self.near_source(where + rng.random() / 10))
                    mentions = [f":actor[{a}]" for a in self.actors.draw(1)]
                    lines.append(self.prose(rng.randint(450, 650), cites=cites, mentions=mentions))
                    lines.append("")
                if section == 1:
                    lines.append(f"::chart[{self.chart_ids[(number - 1) % len(self.chart_ids)]}]")
                    lines.append("")
                if section in (0, 3):
                    claim = self.claim_ids[
                        int(min(0.999, where + rng.random() / 20) * self.n_claims)
                    ]
                    lines.append(f"::claim[{claim}]")
                    lines.append("")
            body = "\n".join(lines)
            files[f"pages/{slug}.md"] = body
            for language in self.languages[1:]:
                files[f"pages/{slug}.{language}.md"] = body.replace(
                    f"title: {_q(title)}", f"title: {_q(f'({language}) {title}')}", 1
                )
        return files

    def story_yml(self) -> str:
        rng = self.rng
        findings = [self.claim_ids[int(i * (self.n_claims - 1) / 5)] for i in range(6)]
        findings = list(dict.fromkeys(findings))
        # whatever the items did not cite or mention yet: the methodology names it
        leftover_sources = (
            self.sources.draw(len(self.sources.unused)) if self.sources.unused else []
        )
        leftover_actors = self.actors.draw(len(self.actors.unused)) if self.actors.unused else []
        methodology = self.prose(
            900,
            cites=leftover_sources or self.sources.draw(2),
            mentions=[f":actor[{a}]" for a in leftover_actors],
        )
        languages = ", ".join(self.languages)
        lanes = "".join(f"    {lane}: {self.text(lane.capitalize())}\n" for lane in LANES)
        return (
            "# A synthetic investigation for benchmarks (tests/support/synthetic.py).\n"
            "story:\n"
            f"  title: {self.text(f'A synthetic investigation of {self.events} events')}\n"
            f"  dek: {self.text(self.sentence(rng.randint(30, 45)))}\n"
            "  authors: [Benchmark desk]\n"
            "  published: 2026-11-28\n"
            "  status: developing\n"
            f"  languages: [{languages}]\n"
            f"  lanes:\n{lanes}"
            f"  key_findings: [{', '.join(findings)}]\n"
            f"  methodology: {self.text(methodology)}\n"
            "  corrections:\n"
            "    - date: 2026-12-01\n"
            f"      text: {self.text(self.sentence(20))}\n"
        )


def generate(events: int, out: Path, seed: int = 0, languages: tuple[str, ...] = ("en",)) -> Path:
    """Write the investigation into ``out/synthetic-<events>/`` (replacing it); returns it."""
    folder = Path(out) / f"synthetic-{events}"
    if folder.exists():
        import shutil

        shutil.rmtree(folder)
    for relative, content in Synthetic(events, seed, tuple(languages)).build().items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, "utf-8")
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--languages", default="en", help="comma-separated, e.g. en,ro")
    parser.add_argument("--out", default=str(ROOT / "bench" / "out" / "content"))
    args = parser.parse_args(argv)
    if args.events < 1:
        parser.error("--events must be at least 1")
    languages = tuple(x.strip() for x in args.languages.split(",") if x.strip())
    print(generate(args.events, Path(args.out), args.seed, languages))
    return 0


if __name__ == "__main__":
    sys.exit(main())

__all__ = ["Synthetic", "generate"]
