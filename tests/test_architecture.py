"""The shape of the code: imports run one way, and ARCHITECTURE.md names every extension.

The import graph is read from the source (ast), not from what happens to be imported at run
time, so an import inside a function counts as well as one at the top of a file.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import typing
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "generator"


def module_names(package: Path) -> dict[str, Path]:
    """Every module of the package by dotted name (a package by its ``__init__``)."""
    modules = {}
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(package.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules[".".join(parts)] = path
    return modules


def unit_of(module: str) -> str:
    """The node a module belongs to: its sub-package (``generator.charts`` for every module
    under generator/charts/, however deep), or the module itself for one directly in the
    package."""
    return ".".join(module.split(".")[:2])


def imported(path: Path, modules: dict[str, Path]) -> set[str]:
    """The package's own modules that a file imports, wherever in the file it does."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name in modules)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                name = f"{node.module}.{alias.name}"
                if name in modules:
                    found.add(name)  # from generator import evidence: the module evidence
                elif node.module in modules:
                    found.add(node.module)
    return found


def import_graph(package: Path) -> dict[str, set[str]]:
    """Which unit (sub-package or top-level module) imports which other unit."""
    modules = module_names(package)
    graph: dict[str, set[str]] = {unit_of(name): set() for name in modules}
    for name, path in modules.items():
        unit = unit_of(name)
        for target in imported(path, modules):
            if unit_of(target) != unit:
                graph[unit].add(unit_of(target))
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle through each strongly connected group of units (Tarjan's algorithm, without
    recursion), written as the path that closes it: a → b → a."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, targets = work[-1]
            target = next(targets, None)
            if target is not None:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(sorted(graph.get(target, ())))))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.add(member)
                    if member == node:
                        break
                if len(group) > 1 or node in graph.get(node, ()):
                    groups.append(group)
    return [_path_through(group, graph) for group in groups]


def _path_through(group: set[str], graph: dict[str, set[str]]) -> list[str]:
    """A closed path inside a strongly connected group, from its first member by name."""
    first = min(group)
    path, seen = [first], {first}
    while True:
        following = sorted(t for t in graph[path[-1]] if t in group)
        back = first if first in following else None
        step = back or next((t for t in following if t not in seen), following[0])
        path.append(step)
        if step in seen:
            return path[path.index(step) :]
        seen.add(step)


def test_no_import_cycle_between_the_generators_packages():
    graph = import_graph(PACKAGE)
    assert "generator.charts" in graph and "generator.render" in graph
    found = [" → ".join(cycle) for cycle in cycles(graph)]
    assert not found, f"import cycles: {found}"


def test_charts_come_after_rendering():
    """Charts use the renderer's links and locale; the renderer knows charts only through the
    small protocol it declares (ChartFigures), so the stages read in one direction."""
    graph = import_graph(PACKAGE)
    assert "generator.render" in graph["generator.charts"]
    assert "generator.charts" not in graph["generator.render"]


def test_a_cycle_is_found_and_named(tmp_path):
    """The check itself: a package whose sub-packages import each other, one of them only
    inside a function, fails with the cycle written out."""
    package = tmp_path / "generator"
    for folder in ("alpha", "beta"):
        (package / folder).mkdir(parents=True)
        (package / folder / "__init__.py").write_text("")
    (package / "__init__.py").write_text("")
    (package / "alpha" / "one.py").write_text("from generator.beta.two import thing\n")
    (package / "beta" / "two.py").write_text(
        "def thing():\n    from generator.alpha import one\n    return one\n"
    )
    (package / "solo.py").write_text("from generator import alpha\n")
    graph = import_graph(package)
    assert graph["generator.solo"] == {"generator.alpha"}
    assert cycles(graph) == [["generator.alpha", "generator.beta", "generator.alpha"]]
    (package / "beta" / "two.py").write_text("thing = 1\n")
    assert cycles(import_graph(package)) == []


@pytest.mark.parametrize(
    ("graph", "expected"),
    [
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}, [["a", "b", "c", "a"]]),
        ({"a": {"b"}, "b": set()}, []),
        ({"a": {"a"}}, [["a", "a"]]),
    ],
)
def test_cycles_of_small_graphs(graph, expected):
    assert cycles(graph) == expected


def test_every_entity_kind_is_one_row_of_the_table():
    """The table agrees with the model: each kind is a list field of Investigation holding its
    model, each reference names a field of that model and a kind with ids, and each section is
    a page the site writes."""
    from generator.model import ATTRIBUTION, ENTITY_KINDS, FILE_MODELS, Investigation
    from generator.render.site import SECTIONS

    assert [kind.key for kind in ENTITY_KINDS] == list(Investigation(slug="x", root="x").counts())
    for kind in ENTITY_KINDS:
        assert Investigation.model_fields[kind.key].annotation == list[kind.model]
        if kind.file_model is not None:
            assert FILE_MODELS[kind.key] is kind.file_model
            assert kind.file_model.model_fields[kind.key].annotation == list[kind.model]
        for field, target in kind.references:
            model = kind.model
            *nested, last = field.split(".")  # 'stages.sources': a field of a nested list's items
            for name in nested:
                (model,) = typing.get_args(model.model_fields[name].annotation)
            assert last in model.model_fields, (kind.key, field)
            targets = ("actors", "sources") if target == ATTRIBUTION else (target,)
            for name in targets:  # attributed_to names an actor or a source
                assert next(k for k in ENTITY_KINDS if k.key == name).has_ids
        assert kind.section is None or kind.section in SECTIONS
        assert not kind.sourced or "sources" in kind.model.model_fields
    assert next(iter(FILE_MODELS)) == "story"


def test_every_chart_type_module_is_registered_by_its_name():
    """A module in generator/charts/types/ is a chart type only once the model lets editors
    write its name; each registered type holds a figure, a picture and what it draws."""
    import typing

    from generator.charts.types import CHART_TYPES
    from generator.model import ChartType

    modules = sorted(
        path.stem for path in (PACKAGE / "charts" / "types").glob("*.py") if path.stem != "__init__"
    )
    assert sorted(CHART_TYPES) == modules == sorted(typing.get_args(ChartType))
    for name, chart_type in CHART_TYPES.items():
        assert chart_type.name == name
        assert callable(chart_type.figure) and callable(chart_type.picture)
        assert chart_type.dataset or chart_type.derived, f"{name} draws nothing"
        assert not chart_type.columns or chart_type.dataset


def undocumented(document: str, heading: str, names: list[str]) -> list[str]:
    """The names not listed as '- `name`: ...' under ``heading`` in ARCHITECTURE.md."""
    section = document.partition(f"### {heading}\n")[2].partition("\n### ")[0]
    listed = {line[3:].partition("`")[0] for line in section.splitlines() if line.startswith("- `")}
    return [name for name in names if name not in listed]


def test_every_chart_type_and_page_kind_is_in_architecture_md():
    """ARCHITECTURE.md lists every registered chart type and page kind where it says how to
    add one, so that a new one cannot be added without a line there."""
    from generator.charts.types import CHART_TYPES
    from generator.render.site import PAGE_KINDS

    document = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    assert undocumented(document, "A chart type", list(CHART_TYPES)) == []
    assert undocumented(document, "A page kind", list(PAGE_KINDS)) == []


def test_a_type_missing_from_architecture_md_is_named():
    document = "### A chart type\n\n- `bar`: bars\n- `line`: lines\n\n### A page kind\n\n- `pie`\n"
    assert undocumented(document, "A chart type", ["bar", "line", "pie"]) == ["pie"]
    assert undocumented(document, "A page kind", ["bar", "pie"]) == ["bar"]


def test_every_module_imports_first_in_a_fresh_interpreter():
    """A cycle inside a package shows only when its modules are imported in one order: each
    module is imported first, alone, as a front end or a test may import it."""
    root = Path(__file__).resolve().parent.parent
    failed = []
    for path in sorted((root / "generator").rglob("*.py")):
        if path.name == "__main__.py":  # runs the command line: nothing to import
            continue
        module = ".".join(path.relative_to(root).with_suffix("").parts).removesuffix(".__init__")
        run = subprocess.run(
            [sys.executable, "-c", f"import {module}"], capture_output=True, text=True, cwd=root
        )
        if run.returncode:
            failed.append(f"{module}: {run.stderr.strip().splitlines()[-1]}")
    assert failed == []
