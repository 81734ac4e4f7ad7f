"""Human-readable text: one plain string, or one string per language.

Every text field an editor writes accepts ``"..."`` or ``{en: "...", ro: "..."}``. The model keeps
the value as it was written; the renderer picks a language. Fields holding Markdown are marked so
that checks know to scan them for citations, raw HTML and unsafe links.
"""

from __future__ import annotations

import re
import types
import typing
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

LANGUAGE_PATTERN = r"^[a-z]{2}(-[A-Z]{2})?$"
_LANGUAGE = re.compile(LANGUAGE_PATTERN)


# What a wrong value is, in an editor's words: an empty key is YAML's null, not Python's None.
_KIND_NAMES = {list: "a list", type(None): "nothing (the key has no value)", bool: "true or false"}


def _text(value: Any) -> str | dict[str, str]:
    if isinstance(value, str):
        if not value.strip():
            raise PydanticCustomError("text_empty", "text is empty")
        return value
    if isinstance(value, dict):
        if not value:
            raise PydanticCustomError("text_empty", "text has no language versions")
        for language, translation in value.items():
            if not isinstance(language, str) or not _LANGUAGE.match(language):
                raise PydanticCustomError(
                    "text_language",
                    "'{language}' is not a language code (write en, ro, ...)",
                    {"language": language},
                )
            if not isinstance(translation, str) or not translation.strip():
                raise PydanticCustomError(
                    "text_empty",
                    "the '{language}' text is empty or not a string",
                    {"language": language},
                )
        return dict(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    raise PydanticCustomError(
        "text_type",
        # pydantic fills in {kind} only; other braces are printed as written (no {{ escaping)
        "expected text or one text per language like {en: ..., ro: ...}, got {kind}",
        {"kind": _KIND_NAMES.get(type(value), type(value).__name__)},
    )


_TEXT_SCHEMA = {
    "anyOf": [
        {"type": "string", "minLength": 1},
        {
            "type": "object",
            "propertyNames": {"pattern": LANGUAGE_PATTERN},
            "additionalProperties": {"type": "string", "minLength": 1},
            "minProperties": 1,
        },
    ]
}


class TextKind(str):
    """Metadata naming a field's text kind ("text" or "markdown") for checks and rendering."""


TEXT = TextKind("text")
NAME = TextKind("name")  # a proper name: translating it is optional
MARKDOWN = TextKind("markdown")


def _kind_of(annotation: Any) -> TextKind | None:
    """The text kind of an annotation, looking through Annotated and Optional only."""
    for meta in getattr(annotation, "__metadata__", ()):
        if isinstance(meta, TextKind):
            return meta
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _kind_of(arg)
            if found:
                return found
    return None


def text_kind(field: Any) -> TextKind | None:
    """Whether a pydantic field holds Text, Name or Markdown (Optional included)."""
    for meta in field.metadata:
        if isinstance(meta, TextKind):
            return meta
    return _kind_of(field.annotation)


def mapping_text_kind(field: Any) -> TextKind | None:
    """The text kind of the values of a ``dict[str, Text]`` field (labels keyed by a value)."""
    annotation = field.annotation
    if typing.get_origin(annotation) is dict:
        return _kind_of(typing.get_args(annotation)[1])
    return None


Text = Annotated[
    str | dict[str, str],
    BeforeValidator(_text),
    TEXT,
    WithJsonSchema({**_TEXT_SCHEMA, "description": "Plain text, or one text per language."}),
]
Name = Annotated[
    str | dict[str, str],
    BeforeValidator(_text),
    NAME,
    WithJsonSchema({**_TEXT_SCHEMA, "description": "A name, or one name per language."}),
]
Markdown = Annotated[
    str | dict[str, str],
    BeforeValidator(_text),
    MARKDOWN,
    WithJsonSchema(
        {
            **_TEXT_SCHEMA,
            "description": "Markdown, or one Markdown text per language. "
            "Cite with [@source-id] or [@source-id, p. 3]; no raw HTML.",
        }
    ),
]


def pick(text: str | dict[str, str] | None, language: str, fallback: str = "en") -> str:
    """The text in ``language``, else the fallback language, else the first one written."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    return text.get(language) or text.get(fallback) or next(iter(text.values()))


def languages_of(text: str | dict[str, str]) -> set[str] | None:
    """The languages a text is written in; None for a plain string (language unspecified)."""
    return None if isinstance(text, str) else set(text)


NonEmptyStr = Annotated[str, Field(min_length=1)]
