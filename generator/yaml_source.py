"""Reading YAML while remembering where every value came from.

PyYAML's composer gives nodes with marks; converting them ourselves keeps a position for every
path in the document, so a model error at ``claims[3].sources[1]`` can point at its line. The
resolver set is deliberately small: dates and words like ``yes``/``no``/``on`` stay strings, and
the model parses them with a proper error instead of PyYAML guessing (or raising on
``2024-13-45``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from generator.diagnostics import Diagnostic, Location

Path_ = tuple[str | int, ...]
MAX_DEPTH = 100  # levels of nesting; content needs about five


class _ContentLoader(yaml.SafeLoader):
    """SafeLoader with only null, true/false, int and float resolvers (YAML 1.2 core-like)."""


def _compose_node(loader: yaml.SafeLoader, parent: Any, index: Any) -> yaml.Node:
    """Refuse aliases (a few lines of '*name' can stand for millions of values) and nesting
    deeper than anyone writes by hand (PyYAML composes recursively), before either costs much."""
    event = loader.peek_event()
    if isinstance(event, yaml.AliasEvent) and event.anchor in loader.anchors:
        raise yaml.composer.ComposerError(
            None, None, "YAML aliases ('*name') are not supported", event.start_mark
        )
    depth = getattr(loader, "depth", 0)
    if depth >= MAX_DEPTH:
        raise yaml.composer.ComposerError(
            None, None, f"nested more than {MAX_DEPTH} levels deep", event.start_mark
        )
    loader.depth = depth + 1
    try:
        return yaml.SafeLoader.compose_node(loader, parent, index)
    finally:
        loader.depth = depth


_ContentLoader.compose_node = _compose_node
_ContentLoader.yaml_implicit_resolvers = {}
_ContentLoader.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)
_ContentLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_ContentLoader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789")
)
_ContentLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"),
    list("-+0123456789."),
)


@dataclass
class YamlDocument:
    """Plain data (dicts, lists, scalars) plus the position of every value and mapping key."""

    path: str
    data: Any
    positions: dict[Path_, Location] = field(default_factory=dict)
    key_positions: dict[Path_, Location] = field(default_factory=dict)
    source: str = ""
    scalar_spans: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def where(self, path: Path_) -> Location:
        """The position of ``path``, or of its nearest ancestor that exists (for missing keys)."""
        path = tuple(path)
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), Location(self.path, 1, 1))

    def where_key(self, path: Path_) -> Location:
        """The position of a mapping key itself (unknown keys point there)."""
        return self.key_positions.get(tuple(path)) or self.where(path)

    def where_in_text(self, path: Path_, text: str, offset: int) -> Location:
        """The position of ``text[offset]`` (a citation, a tag) inside the text value at ``path``.

        A value's characters do not map one to one onto the file: block scalars are indented,
        quoted ones start after the quote, folded and plain ones join their lines. So the word
        that starts at ``offset`` is looked up in the value's own stretch of the file (the same
        occurrence, counted from the start); when escapes hide it, the value's start is used.
        """
        span = self.scalar_spans.get(tuple(path))
        word = re.match(r"\S+", text[offset:])
        if span is None or word is None:
            return self.where(path)
        needle = word.group(0)
        occurrence = sum(1 for i in range(offset) if text.startswith(needle, i))
        start, end = span
        found = start - 1
        for _ in range(occurrence + 1):
            found = self.source.find(needle, found + 1, end)
            if found == -1:
                return self.where(path)
        line = self.source.count("\n", 0, found) + 1
        column = found - (self.source.rfind("\n", 0, found) + 1) + 1
        return Location(self.path, line, column)


def _location(path: str, mark: yaml.Mark) -> Location:
    return Location(path, mark.line + 1, mark.column + 1)


def _syntax_error(exc: yaml.MarkedYAMLError, path: str) -> Diagnostic:
    """PyYAML's parser vocabulary ('<block end>', 'simple key') in the words editors use.

    The most common mistakes get their own message and point where the fix goes (an unclosed
    quote at its opening quote, not at the end of the file); anything else keeps PyYAML's text.
    """
    problem, context = exc.problem or "invalid YAML", exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    hint = "check indentation, colons and quotes on this line or the one before"
    if "quoted scalar" in context and exc.context_mark:
        mark, problem = exc.context_mark, "this quoted text is never closed"
        hint = "add the closing quote; inside '...' write a quote as ''"
    elif "flow" in context and "<stream end>" in problem and exc.context_mark:
        mark, problem = exc.context_mark, "this bracket is never closed"
        hint = "add the closing ] or }"
    elif problem.startswith("mapping values are not allowed"):
        problem = "unexpected ':'"
        hint = "put text that contains ': ' in quotes, or check this line's indentation"
    elif "'\\t'" in problem:
        problem, hint = "tab character", "indent with spaces, not tabs"
    elif problem.startswith("could not find expected ':'") and exc.context_mark:
        mark, problem = exc.context_mark, "this line is not a 'key: value' pair"
        hint = "add the ':' or indent the line to continue the text above"
    elif problem.startswith("but found another document"):
        problem, hint = "a second document starts here", "one file holds one document: remove '---'"
    elif problem.startswith("found undefined alias") or "alias" in context:
        mark = exc.context_mark or mark
        problem = "a value that starts with '*' is read as a YAML alias"
        hint = "put the text in quotes"
    elif problem.startswith("YAML aliases"):
        problem, hint = "aliases ('*name') are not supported", "write the value out again"
    elif problem.startswith("nested more than"):
        hint = "flatten the structure"
    elif problem.startswith("expected <block end>") and "<scalar>" in problem:
        problem = "unexpected text after a quoted value"
        hint = "quote the whole text; inside '...' write a quote as ''"
    elif problem.startswith("expected <block end>"):
        problem = "this line is not indented like the lines above it"
        hint = "keys of one item must start in the same column"
    elif context:
        problem = f"{problem} ({context})"
    where = _location(path, mark) if mark else Location(path)
    return Diagnostic(where, f"YAML syntax error: {problem}", hint)


def parse_yaml(text: str, path: str) -> tuple[YamlDocument | None, list[Diagnostic]]:
    """Parse one YAML document; syntax errors become diagnostics, never exceptions."""
    try:
        node = yaml.compose(text, Loader=_ContentLoader)
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_error(exc, path)]
    except yaml.reader.ReaderError as exc:  # control characters
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        return None, [
            Diagnostic(
                Location(path, line, column),
                f"YAML syntax error: invisible control character U+{exc.character:04X}",
                "remove it; such characters often come with text pasted from a PDF",
            )
        ]
    except yaml.YAMLError as exc:
        return None, [Diagnostic(Location(path), f"YAML syntax error: {exc}".splitlines()[0])]
    document = YamlDocument(path, None, source=text)
    if node is None:
        document.positions[()] = Location(path, 1, 1)
        return document, []
    errors: list[Diagnostic] = []
    constructor = _ContentLoader("")
    document.data = _convert(node, (), document, constructor, errors)
    return document, errors


def _convert(
    node: yaml.Node,
    at: Path_,
    document: YamlDocument,
    constructor: yaml.SafeLoader,
    errors: list[Diagnostic],
    depth: int = 0,
) -> Any:
    document.positions[at] = _location(document.path, node.start_mark)
    if depth > MAX_DEPTH:
        errors.append(
            Diagnostic(document.positions[at], "YAML nested too deeply", "flatten the structure")
        )
        return None
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                errors.append(
                    Diagnostic(
                        _location(document.path, key_node.start_mark),
                        "a mapping key must be a plain word",
                        "write key: value",
                    )
                )
                continue
            key = key_node.value
            key_at = (*at, key)
            if key == "<<":
                errors.append(
                    Diagnostic(
                        _location(document.path, key_node.start_mark),
                        "YAML merge keys ('<<') are not supported",
                        "write the keys out",
                    )
                )
                continue
            if key in result:
                first = document.key_positions[key_at]
                errors.append(
                    Diagnostic(
                        _location(document.path, key_node.start_mark),
                        f"duplicate key '{key}'",
                        f"it is already set at line {first.line}; keep one",
                    )
                )
                continue
            document.key_positions[key_at] = _location(document.path, key_node.start_mark)
            result[key] = _convert(value_node, key_at, document, constructor, errors, depth + 1)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _convert(item, (*at, index), document, constructor, errors, depth + 1)
            for index, item in enumerate(node.value)
        ]
    if isinstance(node, yaml.ScalarNode):
        document.scalar_spans[at] = (node.start_mark.index, node.end_mark.index)
    if node.tag == "tag:yaml.org,2002:str" or not node.tag.startswith("tag:yaml.org,2002:"):
        return node.value
    try:
        return constructor.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, TypeError):
        return node.value
