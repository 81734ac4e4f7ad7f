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


class _ContentLoader(yaml.SafeLoader):
    """SafeLoader with only null, true/false, int and float resolvers (YAML 1.2 core-like)."""


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
    block_scalars: set[Path_] = field(default_factory=set)

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

    def where_in_text(self, path: Path_, line: int, column: int) -> Location:
        """The position of a character inside a text value (for a citation in Markdown)."""
        start = self.where(path)
        if tuple(path) in self.block_scalars:  # `|` or `>`: the text starts on the next line
            return Location(self.path, start.line + line, start.column + column + 1)
        if line == 1:
            return Location(self.path, start.line, start.column + column - 1)
        return Location(self.path, start.line + line - 1, column)


def _location(path: str, mark: yaml.Mark) -> Location:
    return Location(path, mark.line + 1, mark.column + 1)


def parse_yaml(text: str, path: str) -> tuple[YamlDocument | None, list[Diagnostic]]:
    """Parse one YAML document; syntax errors become diagnostics, never exceptions."""
    try:
        node = yaml.compose(text, Loader=_ContentLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = _location(path, mark) if mark else Location(path)
        problem = exc.problem or "invalid YAML"
        hint = "check indentation, colons and quotes on this line or the one before"
        if exc.context:
            problem = f"{problem} ({exc.context})"
        return None, [Diagnostic(where, f"YAML syntax error: {problem}", hint)]
    except yaml.YAMLError as exc:  # reader errors: control characters, bad encoding
        mark = getattr(exc, "problem_mark", None)
        where = _location(path, mark) if mark else Location(path)
        return None, [Diagnostic(where, f"YAML syntax error: {exc}", "remove the character")]
    document = YamlDocument(path, None)
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
    if depth > 100:
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
    if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
        document.block_scalars.add(at)
    if node.tag == "tag:yaml.org,2002:str" or not node.tag.startswith("tag:yaml.org,2002:"):
        return node.value
    try:
        return constructor.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, TypeError):
        return node.value
