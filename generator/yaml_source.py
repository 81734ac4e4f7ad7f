"""Reading YAML while remembering where every value came from.

The parser's events carry marks; building the data from them ourselves keeps a position for
every path in the document, so a model error at ``claims[3].sources[1]`` can point at its line
(positions are read only once a message asks for one). The resolver set is deliberately small:
dates and words like ``yes``/``no``/``on`` stay strings, and the model parses them with a proper
error instead of PyYAML guessing (or raising on ``2024-13-45``).
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from generator.diagnostics import Diagnostic, Location
from generator.limits import MAX_FRIENDLY_YAML_CHARS, MAX_YAML_DEPTH

Path_ = tuple[str | int, ...]
MAX_DEPTH = MAX_YAML_DEPTH  # levels of nesting (see generator/limits.py)


class _ContentResolver(yaml.resolver.BaseResolver):
    """Only null, true/false, int and float resolvers (YAML 1.2 core-like)."""


_ContentResolver.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)
_ContentResolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_ContentResolver.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789")
)
_ContentResolver.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"),
    list("-+0123456789."),
)


class _PythonParser(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):
    """PyYAML's own parser: its error messages are the ones the hints below are written for."""

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)


# libyaml scans and parses about five times faster (most of the cost of reading a large file).
# A file it refuses is read again by the Python parser, for the messages editors are shown.
_PARSERS: tuple[type, ...] = (
    (yaml.cyaml.CParser, _PythonParser) if yaml.__with_libyaml__ else (_PythonParser,)
)


@dataclass
class Marks:
    """Where each value of a document was written: (line, column) of every value and mapping
    key, and the stretch of the file each text value spans (a Location is made only for the
    few that a message needs: making one per value took a tenth of reading a file)."""

    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    scalar_spans: dict[Path_, tuple[int, int]] = field(default_factory=dict)


@dataclass
class YamlDocument:
    """Plain data (dicts, lists, scalars), its text, and where each value was written.

    The marks are read when a message first asks for one: content that passes every check
    never needs them, and recording them while reading took half the time of reading.
    """

    path: str
    data: Any
    source: str = ""
    marks: Marks | None = None  # None until asked for

    @property
    def positions(self) -> dict[Path_, tuple[int, int]]:
        return self._marks().positions

    @property
    def key_positions(self) -> dict[Path_, tuple[int, int]]:
        return self._marks().key_positions

    @property
    def scalar_spans(self) -> dict[Path_, tuple[int, int]]:
        return self._marks().scalar_spans

    def _marks(self) -> Marks:
        if self.marks is None:  # the text was read without errors once: it reads again
            self.marks = _read_first(self.source, self.path)[0].marks
        return self.marks

    def forget_positions(self) -> None:
        """Drop what only reading and messages need, once the content has passed its checks:
        a build keeps the content for minutes after. The model holds the values; the plain
        data, the text and any marks read for a message are not needed."""
        self.marks = Marks()
        self.data = None
        self.source = ""

    def where(self, path: Path_) -> Location:
        """The position of ``path``, or of its nearest ancestor that exists (for missing keys)."""
        path = tuple(path)
        while path:
            if path in self.positions:
                return Location(self.path, *self.positions[path])
            path = path[:-1]
        return Location(self.path, *self.positions.get((), (1, 1)))

    def where_key(self, path: Path_) -> Location:
        """The position of a mapping key itself (unknown keys point there)."""
        position = self.key_positions.get(tuple(path))
        return Location(self.path, *position) if position else self.where(path)

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
        start, end = span
        found = start - 1
        for _ in range(_occurrences_before(text, needle, offset) + 1):
            found = self.source.find(needle, found + 1, end)
            if found == -1:
                return self.where(path)
        line = bisect.bisect_right(self._line_starts, found)
        return Location(self.path, line, found - self._line_starts[line - 1] + 1)

    @functools.cached_property
    def _line_starts(self) -> list[int]:
        """Where each line of the file starts: a position's line is a binary search away
        (counting newlines from the top for every citation made large files quadratic)."""
        return [0, *(match.end() for match in re.finditer("\n", self.source))]


def _occurrences_before(text: str, needle: str, offset: int) -> int:
    """How often ``needle`` starts in ``text`` before ``offset`` (overlaps counted)."""
    count, found = 0, text.find(needle)
    while -1 < found < offset:
        count, found = count + 1, text.find(needle, found + 1)
    return count


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
    """Parse one YAML document; syntax errors become diagnostics, never exceptions.

    Most files are plain and correct: they are read for their data alone, and their marks
    later, if a message needs one. Anything else is read again with marks and checks.
    """
    try:
        return YamlDocument(path, _read_data(text), source=text), []
    except (yaml.YAMLError, _NotPlain):
        pass
    try:
        return _read_first(text, path)
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


def _read_first(text: str, path: str) -> tuple[YamlDocument, list[Diagnostic]]:
    """Read with marks by the first parser that accepts the text; the last one's error is
    raised, as its messages are the ones editors are shown.

    Past MAX_FRIENDLY_YAML_CHARS the Python parser is not asked: on a text it refuses it takes
    time out of proportion (an unclosed bracket around 2 MB of values took 28 s), and libyaml's
    error still names the line and column.
    """
    for parser in _PARSERS[:-1]:
        try:
            return _read(parser, text, path)
        except yaml.YAMLError:
            if len(text) > MAX_FRIENDLY_YAML_CHARS:
                raise
    return _read(_PARSERS[-1], text, path)


def _read(parser_class: type, text: str, path: str) -> tuple[YamlDocument, list[Diagnostic]]:
    document = YamlDocument(path, None, source=text, marks=Marks())
    errors: list[Diagnostic] = []
    parser = parser_class(text)
    try:
        document.data = _EventReader(parser, path, document.marks, errors, set()).read()
    finally:
        if hasattr(parser, "dispose"):
            parser.dispose()
    return document, errors


class _NotPlain(Exception):
    """The text holds something that needs a message (an alias, a duplicate key ...)."""


def _read_data(text: str) -> Any:
    parser = _PARSERS[0](text)
    try:
        return _DataReader(parser).read()
    finally:
        if hasattr(parser, "dispose"):
            parser.dispose()


class _DataReader:
    """The data alone, from the parser's events, for text with nothing to report.

    Whatever _EventReader would report (aliases, deep nesting, keys that are not plain
    words, merge keys, duplicate keys, a second document) stops it: such a text is read
    again by _EventReader, for its messages.
    """

    def __init__(self, parser) -> None:
        self.parser = parser

    def read(self) -> Any:
        parser = self.parser
        parser.get_event()  # stream start
        if parser.check_event(yaml.StreamEndEvent):
            return None
        parser.get_event()  # document start
        data = self.value(0)
        parser.get_event()  # document end
        if not parser.check_event(yaml.StreamEndEvent):
            raise _NotPlain
        return data

    def value(self, depth: int) -> Any:
        event = self.parser.get_event()
        kind = type(event)
        if depth >= MAX_DEPTH or kind is yaml.AliasEvent:
            raise _NotPlain
        if kind is yaml.ScalarEvent:
            return _scalar(event)
        if kind is yaml.SequenceStartEvent:
            items: list[Any] = []
            while not self.parser.check_event(yaml.SequenceEndEvent):
                items.append(self.value(depth + 1))
            self.parser.get_event()
            return items
        return self.mapping(depth)

    def mapping(self, depth: int) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        parser = self.parser
        while not parser.check_event(yaml.MappingEndEvent):
            key_event = parser.get_event()
            if type(key_event) is not yaml.ScalarEvent:
                raise _NotPlain
            key = key_event.value
            if key == "<<" or key in result:
                raise _NotPlain
            result[key] = self.value(depth + 1)
        parser.get_event()
        return result


_RESOLVER = _ContentResolver()
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


class _EventReader:
    """Plain data and the position of every value, straight from the parser's events.

    Building PyYAML's node tree first and converting it after took twice as long. Aliases are
    refused (a few lines of '*name' can stand for millions of values), and so is nesting deeper
    than anyone writes by hand, before either costs much.
    """

    def __init__(self, parser, path: str, marks: Marks, errors: list[Diagnostic], anchors: set):
        self.parser = parser
        self.path = path
        self.marks = marks
        self.errors = errors
        self.anchors = anchors
        self.positions = marks.positions
        self.spans = marks.scalar_spans

    def read(self) -> Any:
        parser = self.parser
        parser.get_event()  # stream start
        if parser.check_event(yaml.StreamEndEvent):
            self.positions[()] = (1, 1)
            return None
        start = parser.get_event().start_mark  # document start
        data = self.value((), 0)
        parser.get_event()  # document end
        if not parser.check_event(yaml.StreamEndEvent):
            raise yaml.composer.ComposerError(
                "expected a single document in the stream",
                start,
                "but found another document",
                parser.get_event().start_mark,
            )
        return data

    def value(self, at: Path_, depth: int) -> Any:
        event = self.parser.get_event()
        if type(event) is yaml.ScalarEvent and event.anchor is None and depth < MAX_DEPTH:
            mark = event.start_mark  # the common case first: a plain value
            self.positions[at] = (mark.line + 1, mark.column + 1)
            self.spans[at] = (mark.index, event.end_mark.index)
            return _scalar(event)
        if isinstance(event, yaml.AliasEvent):
            problem = (
                "YAML aliases ('*name') are not supported"
                if event.anchor in self.anchors
                else f"found undefined alias {event.anchor!r}"
            )
            raise yaml.composer.ComposerError(None, None, problem, event.start_mark)
        if depth >= MAX_DEPTH:
            raise yaml.composer.ComposerError(
                None, None, f"nested more than {MAX_DEPTH} levels deep", event.start_mark
            )
        if event.anchor is not None:
            self.anchors.add(event.anchor)
        mark = event.start_mark
        self.positions[at] = (mark.line + 1, mark.column + 1)
        if type(event) is yaml.ScalarEvent:
            self.spans[at] = (mark.index, event.end_mark.index)
            return _scalar(event)
        if isinstance(event, yaml.SequenceStartEvent):
            items: list[Any] = []
            while not self.parser.check_event(yaml.SequenceEndEvent):
                items.append(self.value((*at, len(items)), depth + 1))
            self.parser.get_event()
            return items
        return self.mapping(at, depth)

    def mapping(self, at: Path_, depth: int) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        path = self.path
        while not self.parser.check_event(yaml.MappingEndEvent):
            key_event = self.parser.peek_event()
            mark = key_event.start_mark
            position = (mark.line + 1, mark.column + 1)
            if not isinstance(key_event, yaml.ScalarEvent):
                self.errors.append(
                    Diagnostic(
                        Location(path, *position),
                        "a mapping key must be a plain word",
                        "write key: value",
                    )
                )
                self.skip(depth + 1)  # the key
                self.skip(depth + 1)  # its value
                continue
            self.parser.get_event()
            key, key_at = key_event.value, (*at, key_event.value)
            if key == "<<":
                self.errors.append(
                    Diagnostic(
                        Location(path, *position),
                        "YAML merge keys ('<<') are not supported",
                        "write the keys out",
                    )
                )
                self.skip(depth + 1)
                continue
            if key in result:
                first_line = self.marks.key_positions[key_at][0]
                self.errors.append(
                    Diagnostic(
                        Location(path, *position),
                        f"duplicate key '{key}'",
                        f"it is already set at line {first_line}; keep one",
                    )
                )
                self.skip(depth + 1)
                continue
            self.marks.key_positions[key_at] = position
            result[key] = self.value(key_at, depth + 1)
        self.parser.get_event()
        return result

    def skip(self, depth: int) -> None:
        """Read a value that is not kept (its positions and problems go nowhere)."""
        _EventReader(self.parser, self.path, Marks(), [], self.anchors).value((), depth)


def _scalar(event: yaml.ScalarEvent) -> Any:
    """Strings stay strings; null, booleans and numbers as the reduced resolver set reads them."""
    tag, value = event.tag, event.value
    if tag is None or tag == "!":
        if not event.implicit[0]:  # quoted or a block: text (most values, so no resolver call)
            return value
        tag = _RESOLVER.resolve(yaml.ScalarNode, value, event.implicit)
    if tag == "tag:yaml.org,2002:str" or not tag.startswith("tag:yaml.org,2002:"):
        return value
    node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
    try:
        return _CONSTRUCTOR.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, TypeError):
        return event.value
    finally:  # the constructor remembers every node it built; these are never seen again
        _CONSTRUCTOR.constructed_objects.clear()
        _CONSTRUCTOR.recursive_objects.clear()
