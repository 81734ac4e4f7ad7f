"""The key reference: every key of every content file, generated from the model.

The README's guide teaches by example; this page is the contract, and it is written by
``python -m generator reference`` from the same pydantic classes the loader validates with, so
that it cannot say something the validator does not do. Meanings come from each field's
``description``; the statuses' definitions and the names of kinds come from the English interface
words (site_config/locales/en.yml), the very text the site shows readers. ``--check`` (and a
test) fails when the committed file differs from what the model gives today.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, TypeAdapter
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from generator import evidence
from generator.dates import PartialDate
from generator.model import (
    FILE_MODELS,
    ActorKind,
    ColumnType,
    Entity,
    Id,
    Language,
    PageFrontMatter,
    SourceKind,
    SourceRef,
    Status,
    StoryStatus,
    WebUrl,
)
from generator.text import Markdown, Name, Text

ROOT = Path(__file__).resolve().parent.parent
REFERENCE_PATH = Path("docs") / "reference.md"
LOCALES_DIR = ROOT / "site_config" / "locales"
COMMAND = "python -m generator reference"


@dataclass(frozen=True)
class ValueType:
    """A kind of value editors write: named in every table, explained once below its heading."""

    alias: Any
    name: str
    plural: str
    cell: str  # the words a table shows for one value, after the linked name
    explanation: str  # after the JSON Schema's description of the type, when it has one


# The words editors read for the model's own types.
VALUE_TYPES = (
    ValueType(
        Text,
        "text",
        "texts",
        ", or one per language `{en: ..., ro: ...}`",
        "Write `title: The vote` or `title: {en: The vote, ro: Votul}`. Under `--strict` "
        "every language the story lists must be present.",
    ),
    ValueType(
        Name,
        "name",
        "names",
        ", or one per language",
        "Written like text; a proper name needs no translation, a descriptive one does.",
    ),
    ValueType(
        Markdown,
        "Markdown",
        "Markdown texts",
        ", or one per language",
        "Written like text. Link items with `:claim[id]`, `:actor[id]`, `:event[id]` or "
        "`:source[id]`.",
    ),
    ValueType(
        PartialDate,
        "date",
        "dates",
        " such as `2024`, `2024-11` or `2024-11-24`",
        "Write the precision the source gives, unquoted: `published: 2024-11-24`. A month is "
        "never shown as a day.",
    ),
    ValueType(
        Id,
        "id",
        "ids",
        "",
        "A lower-case slug: letters a-z, digits and single hyphens (`ap-2024-12-06`). Unique "
        "within its kind; a reference to an id that does not exist is an error.",
    ),
    ValueType(
        WebUrl,
        "web address",
        "web addresses",
        "",
        "One `http://` or `https://` URL, without spaces (write them as `%20`).",
    ),
    ValueType(
        Language,
        "language code",
        "language codes",
        "",
        "Two lower-case letters, optionally a region: `en`, `ro`, `pt-BR`.",
    ),
)

# Enumerations explained in a section of their own: the model's values with the names readers
# see, by the locale key that holds those names (statuses get their definitions instead).
KIND_SECTIONS = (
    (SourceKind, "source_kinds", "Source kinds", "the heading the sources page lists them under"),
    (ActorKind, "actor_kinds", "Actor kinds", "the heading who's who lists them under"),
    (StoryStatus, "story_statuses", "Story statuses", "what readers see"),
    (ColumnType, "column_types", "Column types", "what readers see"),
)


def _anchor(title: str) -> str:
    """The anchor GitHub and MkDocs give a plain heading."""
    return "-".join("".join(c for c in title.lower() if c.isalnum() or c in " -").split()).replace(
        " ", "-"
    )


def _value_type(hint: Any) -> ValueType | None:
    for value_type in VALUE_TYPES:
        if hint is value_type.alias or hint == value_type.alias:
            return value_type
    return None


def _is_source_ref(hint: Any) -> bool:
    return typing.get_origin(hint) is typing.Annotated and typing.get_args(hint)[0] is SourceRef


def _in_order(values: tuple[str, ...], order: tuple[str, ...]) -> list[str]:
    """Every one of ``values``: those in ``order`` first, as ordered there, then the rest."""
    return [v for v in order if v in values] + [v for v in values if v not in order]


def _without_none(hint: Any) -> Any:
    """``X`` for ``X | None``; other unions unchanged."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        args = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        if len(args) == 1:
            return args[0]
        return typing.Union[tuple(args)]  # noqa: UP007 - built from a tuple
    return hint


class Reference:
    """Collects the sections of the reference while walking the model."""

    def __init__(self, words: dict[str, Any], status_order: tuple[str, ...]):
        self.words = words
        self.status_order = _in_order(typing.get_args(Status), status_order)
        self.literal_sections = {typing.get_args(Status): "Statuses"}
        for literal, _, title, _ in KIND_SECTIONS:
            self.literal_sections[typing.get_args(literal)] = title

    def kinds(self, literal: Any, key: str) -> list[str]:
        """The values of ``literal`` in the order the site shows them (its locale's order)."""
        return _in_order(typing.get_args(literal), tuple(self.words[key]))

    def words_for(self, hint: Any, plural: bool = False) -> str:
        """A type in editors' words, with a link to where its values are explained."""
        hint = _without_none(hint)
        found = _value_type(hint)
        if found:
            link = f"#{_anchor(found.name)}"
            return f"[{found.plural}]({link})" if plural else f"[{found.name}]({link}){found.cell}"
        if _is_source_ref(hint):
            return "[citations](#citation)" if plural else "[citation](#citation)"
        origin = typing.get_origin(hint)
        if origin is typing.Annotated:
            return self.words_for(typing.get_args(hint)[0], plural)
        if origin is Literal:
            return self._literal_words(typing.get_args(hint))
        if origin is list:
            (item,) = typing.get_args(hint)
            if _is_source_ref(item):
                return "list of source ids or `{id, locator}` ([citations](#citation))"
            return f"list of {self.words_for(item, plural=True)}"
        if origin is dict:
            return f"mapping of keys to {self.words_for(typing.get_args(hint)[1], plural=True)}"
        if origin in (typing.Union, types.UnionType):
            return " or ".join(self.words_for(arg, plural) for arg in typing.get_args(hint))
        if isinstance(hint, type) and issubclass(hint, BaseModel):
            return "mappings, see below" if plural else "mapping, see below"
        return {
            str: "strings" if plural else "string",
            int: "whole numbers" if plural else "whole number",
            float: "numbers" if plural else "number",
            bool: "`true` or `false`",
        }.get(hint, str(hint))

    def _literal_words(self, values: tuple[str, ...]) -> str:
        listed = ", ".join(f"`{value}`" for value in values)
        section = self.literal_sections.get(values)
        if section:
            return f"one of the [{section.lower()}](#{_anchor(section)}): {listed}"
        return f"one of {listed}"


def _constraints(field: FieldInfo) -> list[str]:
    notes = []
    for meta in field.metadata:
        min_length = getattr(meta, "min_length", None)
        pattern = getattr(meta, "pattern", None)
        if min_length and typing.get_origin(field.annotation) is list:
            notes.append(f"at least {min_length}")
        elif min_length:
            notes.append("not empty")
        if pattern:
            notes.append(f"matching `{pattern}`")
    return notes


def _yaml_value(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_yaml_value(item) for item in value) + "]"
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


def _presence(field: FieldInfo) -> str:
    if field.is_required():
        return "required"
    default = field.default
    if default is PydanticUndefined and field.default_factory is not None:
        default = field.default_factory()  # type: ignore[call-arg]
    if default in (None, [], {}, ""):
        return "optional"
    return f"optional, default `{_yaml_value(default)}`"


def _nested_models(hint: Any) -> list[type[Entity]]:
    """The Entity classes a field holds (directly, optionally or in a list); citations aside."""
    if _is_source_ref(hint):
        return []
    if isinstance(hint, type) and issubclass(hint, Entity):
        return [hint]
    found = []
    for arg in typing.get_args(hint):
        found.extend(_nested_models(arg))
    return found


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def model_sections(
    reference: Reference, model: type[Entity], path: str, title: str | None = None
) -> list[str]:
    """A table of the model's keys, followed by a section for each nested mapping."""
    hints = typing.get_type_hints(model, include_extras=True)
    lines = [f"### {title or f'`{path}`'}", ""]
    lines += ["| key | | type | meaning |", "| --- | --- | --- | --- |"]
    nested: list[tuple[str, type[Entity]]] = []
    for name, field in model.model_fields.items():
        if field.exclude:
            continue
        key = field.alias or name
        hint = hints[name]
        kind = reference.words_for(hint)
        extra = [] if _value_type(_without_none(hint)) else _constraints(field)
        if extra:
            kind += f" ({', '.join(extra)})"
        lines.append(
            f"| `{key}` | {_presence(field)} | {_cell(kind)} | {_cell(field.description or '')} |"
        )
        suffix = "[]" if typing.get_origin(_without_none(hint)) is list else ""
        nested.extend((f"{path}.{key}{suffix}", child) for child in _nested_models(hint))
    lines.append("")
    for child_path, child in nested:
        lines += model_sections(reference, child, child_path)
    return lines


def _file_section(reference: Reference, kind: str) -> list[str]:
    model = FILE_MODELS[kind]
    hints = typing.get_type_hints(model, include_extras=True)
    ((name, field),) = model.model_fields.items()
    key, hint = field.alias or name, hints[name]
    is_list = typing.get_origin(hint) is list
    (item_model,) = _nested_models(hint)
    intro = (
        f"The file holds one key, `{key}`: a list with one mapping per item."
        if is_list
        else f"The file holds one key, `{key}`: a mapping."
    )
    return [
        f"## {kind}.yml",
        "",
        intro,
        "",
        *model_sections(reference, item_model, f"{key}[]" if is_list else key),
    ]


def _value_types_section(reference: Reference) -> list[str]:
    lines = ["## Value types", ""]
    for value_type in VALUE_TYPES:
        schema = TypeAdapter(value_type.alias).json_schema()
        said = schema.get("description", "")
        lines += [f"### {value_type.name}", "", f"{said} {value_type.explanation}".strip(), ""]
    lines += [
        "### citation",
        "",
        "A source id, or a mapping with the id and where in the source: "
        "`sources: [ap-2024-12-06, {id: sri-note, locator: p. 3}]`.",
        "",
        "| key | | type | meaning |",
        "| --- | --- | --- | --- |",
    ]
    hints = typing.get_type_hints(SourceRef, include_extras=True)
    for name, field in SourceRef.model_fields.items():
        kind = reference.words_for(hints[name])
        lines.append(
            f"| `{name}` | {_presence(field)} | {kind} | {_cell(field.description or '')} |"
        )
    lines += [
        "",
        "### string",
        "",
        "Written once, the same in every language (a source's title as published, a column name).",
        "",
    ]
    return lines


def _statuses_section(reference: Reference) -> list[str]:
    names, meanings = reference.words["statuses"], reference.words["status_meaning"]
    lines = [
        "## Statuses",
        "",
        "The `status` of a claim or a relation says what its cited sources support. These are the "
        "definitions the methodology page shows readers, in the order the site lists them:",
        "",
        "| status | readers see | definition | `attributed_to` names |",
        "| --- | --- | --- | --- |",
    ]
    for status in reference.status_order:
        lines.append(
            f"| `{status}` | {_cell(names.get(status, ''))} | {_cell(meanings.get(status, ''))} "
            f"| {_cell(evidence.ATTRIBUTED_TO.get(status, ''))} |"
        )
    return [*lines, ""]


def _kinds_sections(reference: Reference) -> list[str]:
    lines = []
    for literal, key, title, column in KIND_SECTIONS:
        names = reference.words[key]
        lines += [f"## {title}", "", f"| value | {column} |", "| --- | --- |"]
        for value in reference.kinds(literal, key):
            lines.append(f"| `{value}` | {_cell(str(names.get(value, '')))} |")
        lines.append("")
    return lines


def _csv_section() -> list[str]:
    return [
        "## data/*.csv",
        "",
        "Each dataset's `file` is a CSV file with a header row that lists exactly the names of "
        "its `columns`, in any order; every cell must fit its column's type (an empty cell is "
        "no value):",
        "",
        "| type | a cell holds |",
        "| --- | --- |",
        "| `string` | any text |",
        "| `integer` | a whole number, `-` allowed: `1234` (no thousands separators) |",
        "| `number` | a number with a dot for decimals: `22.94` |",
        "| `date` | a [date](#date) |",
        "| `boolean` | `true` or `false` |",
        "",
    ]


def _pages_section(reference: Reference) -> list[str]:
    return [
        "## pages/*.md",
        "",
        "A narrative page is `pages/<slug>.md` (its translation `pages/<slug>.<language>.md`): "
        "YAML front matter between two `---` lines, then [Markdown](#markdown).",
        "",
        *model_sections(reference, PageFrontMatter, "front matter", title="front matter"),
    ]


def render_reference(status_order: tuple[str, ...] | None = None) -> str:
    """The whole reference page, as Markdown."""
    from generator.render.locale import load_locale

    if status_order is None:
        from generator.render.site import STATUS_ORDER

        status_order = tuple(STATUS_ORDER)
    reference = Reference(load_locale(LOCALES_DIR, "en").words, status_order)
    lines = [
        "# Key reference",
        "",
        f"<!-- Generated by `{COMMAND}` from generator/model.py and "
        "site_config/locales/en.yml: do not edit by hand. -->",
        "",
        "Every key of every content file: whether it is required, what it holds and what it "
        "means. The [editor's guide](../README.md#editors-guide) shows them in use. Unknown keys "
        "are errors.",
        "",
        *_value_types_section(reference),
    ]
    for kind in FILE_MODELS:
        lines += _file_section(reference, kind)
        if kind == "datasets":
            lines += _csv_section()
    lines += _pages_section(reference)
    lines += _statuses_section(reference)
    lines += _kinds_sections(reference)
    return "\n".join(lines).rstrip("\n") + "\n"


def write_reference(path: Path = REFERENCE_PATH) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_reference(), encoding="utf-8")
    return path


def stale_reference(path: Path = REFERENCE_PATH) -> str | None:
    """Why the committed reference is not what the model gives today, or None when it is."""
    path = Path(path)
    if not path.is_file():
        return f"{path.as_posix()} does not exist: run '{COMMAND}' to write it"
    if path.read_text(encoding="utf-8") != render_reference():
        return (
            f"{path.as_posix()} is out of date with generator/model.py or "
            f"site_config/locales/en.yml: run '{COMMAND}' and commit the result"
        )
    return None
