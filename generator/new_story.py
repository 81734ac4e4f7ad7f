"""``python -m generator new <slug>``: a new investigation that validates and builds at once.

An editor's first hour goes to learning which keys each file takes. Each file written here holds
a small, plainly fictional example that passes ``validate --strict`` (so the preview works before
the first real source is in), and under it every key the model accepts, read from the model
itself so the list cannot fall behind it. Every text is written in every language the story
lists: English and Romanian placeholders exist; any other language gets the English text, marked
for translation.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import textwrap
import types
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

from generator.loader import folder_name_problem
from generator.model import FILE_MODELS, Entity, PageFrontMatter, SourceRef
from generator.schema import SCHEMA_DIR
from generator.text import LANGUAGE_PATTERN

PAGE_SLUG = "what-happened"

# The placeholder texts, one per language written out; other languages get the English one.
TEXTS: dict[str, dict[str, str]] = {
    "title": {
        "en": "The Example Bridge contract",
        "ro": "Contractul pentru Podul Exemplu",
    },
    "dek": {
        "en": "A fictional placeholder story: replace every text, source and figure.",
        "ro": "O poveste fictivă de început: înlocuiți fiecare text, sursă și cifră.",
    },
    "lane": {"en": "Council", "ro": "Consiliu"},
    "methodology": {
        "en": "Placeholder: say how sources were chosen and statuses given [@example-minutes].",
        "ro": "Exemplu: spuneți cum au fost alese sursele și date statusurile [@example-minutes].",
    },
    "claim_confirmed": {
        "en": "The council awarded the bridge contract to :actor[sample-builders] "
        "[@example-minutes].",
        "ro": "Consiliul a atribuit contractul pentru pod firmei :actor[sample-builders] "
        "[@example-minutes].",
    },
    "claim_reported": {
        "en": "The bridge cost more than planned, the Example Gazette reported "
        "[@example-gazette-report].",
        "ro": "Podul a costat mai mult decât era planificat, a relatat Example Gazette "
        "[@example-gazette-report].",
    },
    "event_title": {
        "en": "The council votes on the bridge contract",
        "ro": "Consiliul votează contractul pentru pod",
    },
    "council_role": {
        "en": "The fictional council that awarded the contract.",
        "ro": "Consiliul fictiv care a atribuit contractul.",
    },
    "builder_role": {
        "en": "The fictional company that won the contract.",
        "ro": "Compania fictivă care a câștigat contractul.",
    },
    "relation_label": {"en": "Awarded the contract", "ro": "I-a atribuit contractul"},
    "case_title": {
        "en": "The inquiry into the bridge contract",
        "ro": "Ancheta privind contractul pentru pod",
    },
    "case_court": {"en": "Example Audit Office", "ro": "Oficiul de Audit Exemplu"},
    "case_charge": {
        "en": "Overcharging the council",
        "ro": "Supraevaluarea costurilor facturate consiliului",
    },
    "dataset_title": {
        "en": "Payments for the bridge by quarter",
        "ro": "Plățile pentru pod, pe trimestre",
    },
    "dataset_description": {
        "en": "Fictional payments, as the council's minutes list them [@example-minutes].",
        "ro": "Plăți fictive, așa cum le listează procesul-verbal al consiliului "
        "[@example-minutes].",
    },
    "column_quarter": {"en": "Quarter ending", "ro": "Trimestrul încheiat"},
    "column_amount": {"en": "Amount paid", "ro": "Suma plătită"},
    "bar_title": {"en": "Payments by quarter", "ro": "Plăți pe trimestre"},
    "bar_description": {
        "en": "A bar chart of two fictional quarterly payments of 10,000 and 15,000.",
        "ro": "Un grafic cu bare a două plăți trimestriale fictive, de 10.000 și 15.000.",
    },
    "timeline_title": {"en": "What happened when", "ro": "Ce s-a întâmplat și când"},
    "timeline_description": {
        "en": "A timeline of the fictional case, with the council's vote in March 2024.",
        "ro": "O cronologie a cazului fictiv, cu votul consiliului din martie 2024.",
    },
    "page_title": {"en": "What happened", "ro": "Ce s-a întâmplat"},
    "page_description": {
        "en": "The fictional case in a few lines.",
        "ro": "Cazul fictiv în câteva rânduri.",
    },
    "page_body": {
        "en": "This placeholder page shows how prose cites sources and embeds items. The "
        "council of the fictional town voted on the contract in March 2024 "
        "[@example-minutes, p. 2].\n\n::claim[contract-awarded]\n\n::chart[payments-by-quarter]\n",
        "ro": "Această pagină de început arată cum textul citează surse și include elemente. "
        "Consiliul orașului fictiv a votat contractul în martie 2024 "
        "[@example-minutes, p. 2].\n\n::claim[contract-awarded]\n\n::chart[payments-by-quarter]\n",
    },
}


class NewStoryError(Exception):
    """A slug, folder or language list that cannot make a story: one line for the editor."""


def parse_languages(value: str) -> list[str]:
    """``en,ro`` as a list; refuses an empty, repeated or malformed code."""
    languages = [part.strip() for part in value.split(",")]
    for language in languages:
        if not re.match(LANGUAGE_PATTERN, language):
            raise NewStoryError(
                f"'{language}' is not a language code: write two lower-case letters, "
                "optionally a region (en, ro, pt-BR), separated by commas"
            )
    if len(set(languages)) != len(languages):
        raise NewStoryError(f"'{value}' names a language twice")
    return languages


def _in(language: str, key: str) -> str:
    texts = TEXTS[key]
    if language in texts:
        return texts[language]
    return f"(translate into {language}) {texts['en']}"


class _Writer:
    """The placeholder texts of one story in YAML: a plain value for one language, a mapping
    of every language for several."""

    def __init__(self, languages: list[str]):
        self.languages = languages

    def text(self, key: str, indent: int) -> str:
        """What follows ``key:``: `` value`` or one indented ``lang: value`` line per language."""
        if len(self.languages) == 1:
            return " " + _quoted(_in(self.languages[0], key))
        pad = " " * indent
        return "".join(f"\n{pad}{lang}: {_quoted(_in(lang, key))}" for lang in self.languages)


def _quoted(text: str) -> str:
    """A YAML scalar for ``text``: double-quoted when a plain one would be read otherwise."""
    if re.search(r"(^[\[\]{}&*!|>'\"%@`#,?:-])|(: )|( #)|(:$)", text):
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return text


# ---- every key, from the model ---------------------------------------------------------------


def _entities(hint: Any) -> list[type[Entity]]:
    """The models a field holds, directly, optionally or in a list; citations aside (they are
    explained once, under `sources`)."""
    if isinstance(hint, type) and issubclass(hint, Entity):
        return [] if hint is SourceRef else [hint]
    found: list[type[Entity]] = []
    for arg in typing.get_args(hint):
        found.extend(_entities(arg))
    return found


def _choices(hint: Any) -> list[str]:
    """The allowed values of a Literal field (inside optional, list or Annotated)."""
    if typing.get_origin(hint) is Literal:
        return [str(value) for value in typing.get_args(hint)]
    if typing.get_origin(hint) in (typing.Union, types.UnionType, list, typing.Annotated):
        for arg in typing.get_args(hint):
            if choices := _choices(arg):
                return choices
    return []


def key_lines(model: type[Entity], depth: int = 1) -> list[str]:
    """One comment line per key of ``model`` (and of the mappings nested in it): whether it is
    required, its allowed values and its meaning, as the model describes them."""
    hints = typing.get_type_hints(model, include_extras=True)
    lines = []
    for name, field in model.model_fields.items():
        if field.exclude:
            continue
        key = field.alias or name
        presence = "required" if field.is_required() else "optional"
        choices = _choices(hints[name])
        allowed = f" One of: {', '.join(choices)}." if choices else ""
        meaning = " ".join((field.description or "").split())
        indent = "#" + "  " * depth
        lines += textwrap.wrap(
            f"{key}: ({presence}) {meaning}{allowed}",
            width=100,
            initial_indent=indent,
            subsequent_indent=indent + "    ",
            break_on_hyphens=False,
        )
        for child in _entities(hints[name]):
            lines += key_lines(child, depth + 1)
    return lines


def _every_key(kind: str) -> str:
    """The comment block under a file's example: every key of its items."""
    ((name, _),) = FILE_MODELS[kind].model_fields.items()
    hint = typing.get_type_hints(FILE_MODELS[kind], include_extras=True)[name]
    (model,) = _entities(hint)
    what = "item" if typing.get_origin(hint) is list else "story"
    lines = [
        f"# Every key of {'an' if what == 'item' else 'the'} {what}, from the model "
        "(docs/reference.md explains each type):",
        *key_lines(model),
    ]
    if kind == "sources":
        lines += [
            "# A citation (in `sources:` lists of other files) is an id, or {id: ..., locator: "
            "p. 3}.",
        ]
    return "\n".join(lines) + "\n"


# ---- the files ---------------------------------------------------------------------------------


def _story(w: _Writer) -> str:
    languages = ", ".join(w.languages)
    return f"""story:
  title:{w.text("title", 4)}
  dek:{w.text("dek", 4)}
  authors: [Example Desk]
  published: 2024-05-01
  status: developing
  languages: [{languages}]
  lanes:
    council:{w.text("lane", 6)}
  key_findings: [contract-awarded]
  methodology:{w.text("methodology", 4)}
"""


def _sources(w: _Writer) -> str:
    language = w.languages[0]
    return f"""sources:
  - id: example-minutes
    title: Minutes of the Example City Council meeting
    publisher: Example City Council
    url: https://council.example.org/minutes/2024-03
    published: 2024-03-12
    kind: primary-document
    language: {language}
  - id: example-gazette-report
    title: The bridge will cost more
    publisher: Example Gazette
    url: https://gazette.example.com/bridge-cost
    published: 2024-04-02
    kind: news-report
    language: {language}
"""


def _claims(w: _Writer) -> str:
    return f"""claims:
  - id: contract-awarded
    statement:{w.text("claim_confirmed", 6)}
    status: confirmed
    sources:
      - id: example-minutes
        locator: p. 2
    actors: [example-council, sample-builders]
    events: [contract-vote]
  - id: cost-reported
    statement:{w.text("claim_reported", 6)}
    status: reported
    sources: [example-gazette-report]
    actors: [example-council]
"""


def _events(w: _Writer) -> str:
    return f"""events:
  - id: contract-vote
    date: 2024-03-12
    title:{w.text("event_title", 6)}
    group: council
    actors: [example-council, sample-builders]
    claims: [contract-awarded]
    sources: [example-minutes]
"""


def _actors(w: _Writer) -> str:
    return f"""actors:
  - id: example-council
    name: Example City Council
    kind: agency
    role:{w.text("council_role", 6)}
  - id: sample-builders
    name: Sample Builders Ltd
    kind: organisation
    role:{w.text("builder_role", 6)}
"""


def _relations(w: _Writer) -> str:
    return f"""relations:
  - id: council-hires-builders
    from: example-council
    to: sample-builders
    kind: hired
    label:{w.text("relation_label", 6)}
    amount:
      value: 25000
      currency: USD
    date: 2024-03
    status: confirmed
    claims: [contract-awarded]
    sources: [example-minutes]
"""


def _cases(w: _Writer) -> str:
    return f"""cases:
  - id: bridge-inquiry
    title:{w.text("case_title", 6)}
    court:{w.text("case_court", 6)}
    reference: "EX-1/2024"
    parties:
      - actor: sample-builders
        role: suspect
        charges:
          -{w.text("case_charge", 12)}
      - actor: example-council
        role: claimant
    stages:
      - stage: investigation
        date: 2024-04
        sources: [example-gazette-report]
    sources: [example-gazette-report]
"""


def _datasets(w: _Writer) -> str:
    return f"""datasets:
  - id: payments
    file: data/payments.csv
    title:{w.text("dataset_title", 6)}
    description:{w.text("dataset_description", 6)}
    columns:
      - name: quarter_end
        type: date
        label:{w.text("column_quarter", 10)}
      - name: amount
        type: number
        unit: USD
        label:{w.text("column_amount", 10)}
    sources: [example-minutes]
"""


def _charts(w: _Writer) -> str:
    return f"""charts:
  - id: payments-by-quarter
    type: bar
    dataset: payments
    x: quarter_end
    y: amount
    title:{w.text("bar_title", 6)}
    description:{w.text("bar_description", 6)}
  - id: chronology
    type: timeline
    derived_from: events
    title:{w.text("timeline_title", 6)}
    description:{w.text("timeline_description", 6)}
"""


FILES: dict[str, Callable[[_Writer], str]] = {
    "story": _story,
    "sources": _sources,
    "claims": _claims,
    "events": _events,
    "actors": _actors,
    "relations": _relations,
    "cases": _cases,
    "datasets": _datasets,
    "charts": _charts,
}
CSV = "quarter_end,amount\n2024-06,10000\n2024-09,15000\n"


def _page(language: str) -> str:
    title, description = _in(language, "page_title"), _in(language, "page_description")
    keys = "\n".join(key_lines(PageFrontMatter))
    return f"""---
# Every key of a page's front matter:
{keys}
title: {_quoted(title)}
description: {_quoted(description)}
order: 1
---
{_in(language, "page_body")}"""


def story_files(folder: Path, languages: list[str]) -> dict[str, str]:
    """Every file of a new story, by its path inside ``folder``."""
    writer = _Writer(languages)
    # schema/ beside content/, as `python -m generator schema` writes it: ../../schema in a project
    schema_dir = folder.parent.parent / SCHEMA_DIR.name
    schema = Path(os.path.relpath(schema_dir.absolute(), folder.absolute())).as_posix()
    files = {}
    for kind, make in FILES.items():
        header = f"# yaml-language-server: $schema={schema}/{kind}.schema.json\n"
        files[f"{kind}.yml"] = f"{header}{make(writer)}\n{_every_key(kind)}"
    files["data/payments.csv"] = CSV
    default, *others = languages
    files[f"pages/{PAGE_SLUG}.md"] = _page(default)
    for language in others:
        files[f"pages/{PAGE_SLUG}.{language}.md"] = _page(language)
    return files


def create_story(content_dir: Path, slug: str, languages: list[str]) -> Path:
    """Write the new story's folder whole, or nothing: it is made beside its place and moved
    in at once, and an existing folder is never touched."""
    content_dir = Path(content_dir)
    folder = content_dir / slug
    problem = folder_name_problem(folder, folder.as_posix())
    if problem is not None:
        hint = (problem.hint or "").replace("rename the folder, e.g. to", "choose another, e.g.")
        raise NewStoryError(f"'{slug}' cannot name a story: {problem.message}; {hint}")
    if os.path.lexists(folder):
        raise NewStoryError(
            f"{folder.as_posix()} already exists: choose another name, or edit the story there"
        )
    if content_dir.exists() and not content_dir.is_dir():
        raise NewStoryError(f"{content_dir.as_posix()} is not a folder")
    content_dir.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(dir=content_dir, prefix=f".{slug}."))
    try:
        umask = os.umask(0o022)
        os.umask(umask)
        building.chmod(0o777 & ~umask)  # a folder like any the editor makes, not mkdtemp's 0700
        for name, text in story_files(folder, languages).items():
            path = building / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        os.rename(building, folder)  # fails rather than merge, should the name appear meanwhile
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    return folder
