"""Every message the generator can give an editor has a case in the broken-content corpus.

The corpus (tests/broken/) is where each rule is shown to fire, at its exact place and in its exact
words. A rule without a case can be deleted or broken and no test notices, so this file reads the
generator's own source with ``ast``, collects the message of every diagnostic it can construct,
and fails naming each message that no case's ``expected.txt`` shows.

A message is the second argument of ``Diagnostic(...)``, the message argument of any function
that passes one of its parameters on as that argument (``_warning``, for example: such wrappers are
found, not listed), the template of ``PydanticCustomError(...)`` and the reason of a CSV
``CellError(...)``. In an f-string each ``{...}`` matches any text; a conditional message gives
one template per branch. A message that relays text made elsewhere (``f"{label}{item['msg']}"``)
is not a rule of its own: the template it relays is collected where it is written.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = ROOT / "generator"
BROKEN = ROOT / "tests" / "broken"
WILDCARD = "{…}"

# Constructor -> (position, keyword) of its message argument, self not counted.
CONSTRUCTORS = {
    "Diagnostic": (1, "message"),
    "PydanticCustomError": (1, "message_template"),
    "CellError": (0, "reason"),
    "Problem": (1, "message"),  # generator.markdown_safety, made into a Diagnostic by checks
}

# Messages no content can produce, each with the reason; every other message needs a case.
# Keys are the templates as the failure message prints them, with {…} for each wildcard.
CANNOT_COME_FROM_CONTENT = {
    # An operating-system error while reading a file that exists (permissions, a disk fault,
    # a file removed between listing and reading): a folder in git cannot reproduce it.
    "cannot read file: {…}": "an OS read error, not content",
    # The model accepts only the column types _parse_cell knows; this guards a future type.
    "has unknown type {…}": "the model refuses unknown column types before a cell is read",
    # A case is a folder validated as '.', so it exists and holds an investigation: these are
    # about the folder given on the command line (tests/test_loader_errors.py and test_cli.py
    # show them).
    "content folder not found": "about the command line's argument, not a content file",
    "no investigation found": "about the command line's argument, not a content file",
    # load_investigation is only ever given folders that find_investigations found by their
    # story.yml, so the loader's own guard cannot fire from content.
    "the investigation has no story.yml": "only folders with a story.yml are loaded",
    # Content can produce it, the corpus cannot hold it: the case would be a file of more than
    # 16 MB in git. tests/test_loader_properties.py builds one in a tmp folder and checks the line.
    "file is {…} KB, larger than the {…} MB limit": "a case would put a 16 MB file in git",
    # The csv module's own refusals: its cell size limit is raised to the file size limit (the
    # project's cell limit answers first), and the default dialect accepts NUL bytes, stray
    # quotes and lone CRs. Kept as a guard; tests/broken/csv-cell-past-parser-limit shows a
    # cell past the csv module's default limit getting the project's message instead.
    "CSV syntax error: {…}": "no content reaches the csv module's own errors",
    # Likewise a Markdown text of over a million characters; tests/test_markdown_limits.py
    # writes one in a tmp folder and checks the line.
    "text is {…} characters long; the limit is {…}": "a case would put a 1 MB page in git",
    # A regular file's size is known before it is read, and git holds only regular files and
    # links; only a device or a /proc file reports less than it holds, and a link to one leads
    # outside the investigation. tests/test_file_safety.py reads /proc/self/status with a small
    # limit (test_the_read_stops_one_byte_past_the_limit_whatever_size_is_reported).
    "file holds more than the {…} limit (its size was not known before it was read)": (
        "only a device or /proc file, which content cannot put inside its folder"
    ),
    # A case would be a CSV of 50,001 rows (1.8 MB) in git, read twice on every corpus run;
    # tests/test_resource_limits.py writes one (test_one_row_past_the_limit_is_refused_at_its_line).
    "dataset '{…}' has more than {…} rows": "a case would put a 1.8 MB CSV in git",
    # A case would be a dataset of 15,001 rows (or 5,001 rows of distinct pairs for the node
    # limit) in git; tests/test_resource_limits.py builds one
    # (test_a_flow_chart_past_the_link_limit_is_refused_at_its_dataset) and checks a network
    # against a lowered limit (test_a_network_past_the_limit_is_refused_at_derived_from).
    "chart '{…}' would draw {…} nodes and {…} links, more than the limit of {…} nodes and {…} "
    "links": "a case would put a dataset of 15,001 rows in git",
}

# Call sites whose message is not written where the Diagnostic is made (an attribute, a value
# computed at run time): the test cannot read their words, so each says where they come from.
OPAQUE = {
    ("generator/diagnostics.py", "self.message"): "as_error copies a diagnostic made elsewhere",
    ("generator/site_build.py", "message"): (
        "a page's unknown id as render/expand.py words it; the checks report the same id first"
    ),
}

# Modules whose messages are about other input than content: each with the reason and the test
# that shows its messages.
NOT_ABOUT_CONTENT = {
    "generator/exports/timelinejs_import.py": (
        "reads a TimelineJS file for `import timelinejs`, not content (tests/test_exports.py)"
    ),
}


@dataclass(frozen=True)
class Template:
    """One message the generator can emit, where it is written, and the lines it matches."""

    module: str
    line: int
    text: str

    @property
    def pattern(self) -> re.Pattern[str]:
        parts = [re.escape(part) for part in self.text.split(WILDCARD)]
        return re.compile(".*".join(parts))

    def relays_only(self) -> bool:
        """A message with no words of its own passes on one made elsewhere."""
        return not re.sub(r"[\W_]", "", self.text.replace(WILDCARD, ""))


def _texts(node: ast.expr, returns: dict[str, list[ast.expr]]) -> list[str] | None:
    """The templates an expression can evaluate to, or None when they cannot be read from it.

    A plain string's ``{name}`` parts are wildcards too: pydantic fills them from the context.
    A call to a generator function stands for what it returns; a string method or an index
    (``.strip()``, ``.splitlines()[0]``) for the string it is applied to.
    """
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [re.sub(r"\{[^{}]*\}", WILDCARD, node.value)]
    if isinstance(node, ast.JoinedStr):
        text = "".join(
            part.value if isinstance(part, ast.Constant) else WILDCARD for part in node.values
        )
        return [text]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _texts(node.left, returns), _texts(node.right, returns)
        if left is None or right is None:
            return None
        return [a + b for a in left for b in right]
    if isinstance(node, ast.IfExp):
        return _all([node.body, node.orelse], returns)
    if isinstance(node, ast.Subscript):
        return _texts(node.value, returns)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return _texts(node.func.value, returns)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        return _all(returns.get(node.func.id), returns)
    return None


def _all(nodes: list[ast.expr] | None, returns: dict[str, list[ast.expr]]) -> list[str] | None:
    texts = [_texts(node, returns) for node in nodes or ()]
    if not texts or any(t is None for t in texts):
        return None
    return [text for group in texts for text in group]


def _callee(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def _argument(call: ast.Call, position: int, keyword: str) -> ast.expr | None:
    for item in call.keywords:
        if item.arg == keyword:
            return item.value
    if len(call.args) > position and not any(isinstance(a, ast.Starred) for a in call.args):
        return call.args[position]
    return None


def _parameters(function: ast.FunctionDef) -> list[str]:
    names = [a.arg for a in (*function.args.posonlyargs, *function.args.args)]
    return names[1:] if names[:1] in (["self"], ["cls"]) else names


def _trees() -> dict[str, ast.Module]:
    return {
        path.relative_to(ROOT).as_posix(): ast.parse(path.read_text("utf-8"), str(path))
        for path in sorted(GENERATOR.rglob("*.py"))
        if path.relative_to(ROOT).as_posix() not in NOT_ABOUT_CONTENT
    }


def _wrappers(trees: dict[str, ast.Module]) -> dict[str, tuple[int, str]]:
    """Functions that pass a parameter on as a message, found until no new one appears."""
    constructors = dict(CONSTRUCTORS)
    while True:
        found = {}
        for tree in trees.values():
            for function in ast.walk(tree):
                if not isinstance(function, ast.FunctionDef) or function.name in constructors:
                    continue
                parameters = _parameters(function)
                for call in ast.walk(function):
                    if not isinstance(call, ast.Call) or _callee(call) not in constructors:
                        continue
                    argument = _argument(call, *constructors[_callee(call)])
                    if isinstance(argument, ast.Name) and argument.id in parameters:
                        found[function.name] = (parameters.index(argument.id), argument.id)
        if not found:
            return constructors
        constructors.update(found)


def _returns(trees: dict[str, ast.Module]) -> dict[str, list[ast.expr]]:
    """What each module-level function of the generator returns, by name."""
    returns: dict[str, list[ast.expr]] = {}
    for tree in trees.values():
        for function in tree.body:
            if isinstance(function, ast.FunctionDef):
                values = [
                    node.value
                    for node in ast.walk(function)
                    if isinstance(node, ast.Return) and node.value is not None
                ]
                returns.setdefault(function.name, []).extend(values)
    return returns


def collect() -> tuple[list[Template], list[tuple[str, int, str]]]:
    """Every message template, and the call sites whose message cannot be read."""
    trees = _trees()
    constructors = _wrappers(trees)
    returns = _returns(trees)
    templates, opaque = [], []
    for module, tree in trees.items():
        wrappers = {
            f.name
            for f in ast.walk(tree)
            if isinstance(f, ast.FunctionDef) and f.name in constructors
        }
        for call in ast.walk(tree):
            name = _callee(call) if isinstance(call, ast.Call) else None
            if name not in constructors:
                continue
            argument = _argument(call, *constructors[name])
            texts = _texts(argument, returns) if argument is not None else None
            if texts is None:
                if not _inside_wrapper(tree, call, wrappers):
                    opaque.append((module, call.lineno, ast.unparse(argument or call)))
                continue
            for text in texts:
                template = Template(module, call.lineno, text)
                if not template.relays_only():
                    templates.append(template)
    return templates, opaque


def _inside_wrapper(tree: ast.Module, call: ast.Call, wrappers: set[str]) -> bool:
    """Whether ``call`` is a wrapper's own pass-through (its words are at the wrapper's callers)."""
    for function in ast.walk(tree):
        if (
            isinstance(function, ast.FunctionDef)
            and function.name in wrappers
            and any(node is call for node in ast.walk(function))
        ):
            return True
    return False


def corpus_lines() -> list[str]:
    """Each expected diagnostic of the corpus, without its path:line:column."""
    lines = []
    for expected in sorted(BROKEN.glob("*/expected*.txt")):
        for line in expected.read_text("utf-8").splitlines():
            lines.append(line.split(": ", 1)[1] if ": " in line else line)
    return lines


TEMPLATES, OPAQUE_SITES = collect()


def _uncovered() -> list[Template]:
    lines = corpus_lines()
    return [
        template
        for template in TEMPLATES
        if template.text not in CANNOT_COME_FROM_CONTENT
        and not any(template.pattern.search(line) for line in lines)
    ]


def test_the_collector_sees_the_generators_messages():
    """A collector that finds nothing would pass everything: it must see known rules."""
    texts = {template.text for template in TEMPLATES}
    assert "{…} '{…}' cites no source" in texts
    assert "{…} refers to unknown {…} '{…}'" in texts
    assert "source '{…}' is not cited by anything" in texts  # through _warning
    assert "impossible date '{…}': there is no month {…}; write the month as 01 to 12" in texts
    # a text a helper function returns
    assert any(text.startswith("text contains an invisible direction control") for text in texts)
    assert "is not a whole number" in texts  # a CellError reason
    assert len(TEMPLATES) > 60


def test_every_message_has_a_case_in_the_corpus():
    missing = _uncovered()
    assert not missing, "messages no case in tests/broken/ shows:\n" + "\n".join(
        f"  {t.module}:{t.line}: {t.text}" for t in missing
    )


def test_every_message_whose_words_cannot_be_read_is_explained():
    unexplained = [site for site in OPAQUE_SITES if (site[0], site[2]) not in OPAQUE]
    assert not unexplained, "messages made from a variable (name them in OPAQUE):\n" + "\n".join(
        f"  {module}:{line}: {text}" for module, line, text in unexplained
    )


@pytest.mark.parametrize("key", sorted(CANNOT_COME_FROM_CONTENT))
def test_every_allowed_gap_is_still_a_message(key):
    """An allow-list entry for a message that is gone would hide the next one with its words."""
    assert key in {template.text for template in TEMPLATES}


def _matches(template: Template, line: str) -> bool:
    return bool(template.pattern.search(line))


def test_a_template_matches_only_its_own_words():
    template = Template("m.py", 1, "{…} refers to unknown {…} '{…}'")
    assert _matches(template, "claim 'a' refers to unknown source 'b' (did you mean 'c'?)")
    assert not _matches(template, "claim 'a' cites no source (add 'sources: [source-id]')")


def iter_messages() -> Iterator[str]:
    """For a reader who wants the full list: python -c 'from tests.test_rule_coverage import *'."""
    for template in TEMPLATES:
        yield f"{template.module}:{template.line}: {template.text}"
