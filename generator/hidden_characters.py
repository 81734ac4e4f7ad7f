"""Invisible text-direction controls are refused wherever an editor can type text.

Characters such as U+202E (right-to-left override) make a name or a link display reversed or
reordered, a known trick to disguise text. Right-to-left languages do not need them: the site
lets the browser find each text's direction. Marks that only nudge direction (U+200E, U+200F)
stay allowed.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from generator.diagnostics import Diagnostic, Location
from generator.prose import line_and_column
from generator.yaml_source import YamlDocument

DIRECTION_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
# The same written as an HTML character reference (&#x202E; or &#8238;), which Markdown and
# Plotly would turn into the character itself.
_REFERENCE = re.compile(r"&#(?:[xX]0*20(?:2[a-eA-E]|6[6-9])|0*(?:823[4-8]|829[4-7]));")
_EITHER = re.compile(f"{DIRECTION_CONTROLS.pattern}|{_REFERENCE.pattern}")
HINT = "remove it: the site sets the direction of right-to-left text itself"


def _message(found: str) -> str:
    code = ord(html.unescape(found))
    written = f" written as '{found}'" if len(found) > 1 else ""
    return f"text contains an invisible direction control (U+{code:04X}){written}"


def in_text(text: str, path: str, first_line: int = 1) -> list[Diagnostic]:
    """Every direction control in a text file's content (CSV, Markdown body)."""
    found = []
    for match in _EITHER.finditer(text):
        line, column = line_and_column(text, match.start())
        found.append(
            Diagnostic(Location(path, first_line + line - 1, column), _message(match.group()), HINT)
        )
    return found


def _strings(value, at: tuple) -> Iterator[tuple[tuple, str]]:
    if isinstance(value, str):
        yield at, value
    elif isinstance(value, dict):
        for key, child in value.items():
            yield from _strings(child, (*at, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _strings(child, (*at, index))


# A YAML escape (double-quoted "\u202E" or "\U0000202E") that makes one of them
_ESCAPED_CONTROL = re.compile(r"\\(?:u|U0000)20(?:2[a-eA-E]|6[6-9])")


def in_document(document: YamlDocument) -> list[Diagnostic]:
    """Every direction control in a YAML document's values, at the value's position."""
    source = document.source
    if not _EITHER.search(source) and not _ESCAPED_CONTROL.search(source):
        return []  # nothing to find: a search of the file beats a walk over every value
    found = []
    for at, text in _strings(document.data, ()):
        for match in _EITHER.finditer(text):
            found.append(
                Diagnostic(
                    document.where_in_text(at, text, match.start()), _message(match.group()), HINT
                )
            )
    return found
