"""One core, any front end: the plugin's site and the plain trees' site are the same bytes, and
builders other than MkDocs build them (ProperDocs through the plugin and from the plain tree;
Zensical from the plain tree).

Each builds a throw-away project holding the fictional stories (one in English, one in English
and Romanian), so both language trees are made.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.sitetools import (
    ROOT,
    build,
    fixture_project,
    html_pages,
    resolve_link,
    soup,
    tree_digest,
)

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
ENV.pop("SOURCE_DATE_EPOCH", None)
BIN = Path(sys.executable).parent
POLICY = 'meta[http-equiv="Content-Security-Policy"]'


def run(*command: str | Path, cwd: Path) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=ENV,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def render(project: Path, out: Path) -> list[str]:
    """``python -m generator render``; the languages it wrote, the first at the root."""
    run(sys.executable, "-m", "generator", "render", out, "--config", "mkdocs.yml", cwd=project)
    return (out / "languages.txt").read_text("utf-8").split()


def finish(project: Path, out: Path, site: Path) -> None:
    run(sys.executable, "-m", "generator", "finish", out, "--site-dir", site, cwd=project)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return fixture_project(tmp_path_factory.mktemp("front-ends"), shipped=False)


@pytest.fixture(scope="module")
def plugin_site(project: Path) -> Path:
    site = project.parent / "plugin-site"
    result = build(project, site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="module")
def plain_trees(project: Path) -> Path:
    out = project.parent / "plain"
    render(project, out)
    return out


def check_site(site: Path, languages: list[str]) -> None:
    """What every front end's site must do, whoever built it: pages in each language, links
    and anchors that resolve, citations that lead to the sources, charts, the policy first."""
    pages = html_pages(site)
    assert (site / "index.html").is_file()
    for language in languages[1:]:
        assert (site / language / "index.html").is_file(), language
    unresolved, citations, charts = [], 0, 0
    for page in pages:
        document = soup(page)
        head = document.head
        first = head.find(True)
        if first.name == "meta" and first.get("charset"):
            first = first.find_next_sibling(True)
        assert first is not None and first.name == "meta", page
        assert first.get("http-equiv") == "Content-Security-Policy", page
        article = document.find("article") or document
        for link in article.find_all("a", href=True):
            href = link["href"]
            if href.startswith(("http:", "https:", "mailto:")):
                continue
            target, fragment = resolve_link(site, page, href)
            if target is None or (
                fragment and target.suffix == ".html" and not soup(target).find(id=fragment)
            ):
                unresolved.append(f"{page.relative_to(site)} -> {href}")
        for cite in article.select("sup.citation a.citation__link"):
            citations += 1
            note = article.find(id=cite["href"].removeprefix("#"))
            assert note is not None, page
            entry = next(  # the original comes first; then its entry on the sources page
                (a["href"] for a in note.find_all("a", href=True) if "#source-" in a["href"]),
                None,
            )
            assert entry is not None, note
            target, fragment = resolve_link(site, page, entry)
            assert target is not None and target.parent.name == "sources"
            assert soup(target).find(id=fragment) is not None, fragment
        for figure in article.select("figure.chart"):
            charts += 1
            data, _ = resolve_link(site, page, figure["data-chart-src"])
            assert data is not None and data.suffix == ".json", figure["data-chart-src"]
    assert not unresolved, "\n".join(unresolved[:20])
    assert citations > 10 and charts > 2, (citations, charts)


def test_no_core_module_imports_mkdocs():
    """The MkDocs adapter (its build events and its serve mode) is all that knows MkDocs: the
    core builds without it."""
    importers = set()
    for path in sorted((ROOT / "generator").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(name == "mkdocs" or name.startswith("mkdocs.") for name in names):
                importers.add(path.relative_to(ROOT).as_posix())
    assert importers == set(MKDOCS_ADAPTER)


MKDOCS_ADAPTER = ("generator/mkdocs_plugin.py", "generator/mkdocs_preview.py")


def test_the_mkdocs_adapter_uses_no_private_attribute():
    """MkDocs' public API only, so that a builder compatible with it runs the adapter as it
    is: no ``thing._name`` but the module's own (``self._name``), in the adapter nor in the
    core's serve mode it hands the server to."""
    for name in (*MKDOCS_ADAPTER, "generator/preview.py"):
        private = sorted(
            {
                node.attr
                for node in ast.walk(ast.parse((ROOT / name).read_text("utf-8")))
                if isinstance(node, ast.Attribute)
                and node.attr.startswith("_")
                and not node.attr.endswith("__")
                and not (isinstance(node.value, ast.Name) and node.value.id == "self")
            }
        )
        assert private == [], (name, private)


def test_the_plain_tree_holds_every_page_written_out(plain_trees: Path):
    """No explainer syntax is left for a builder to expand, and each tree is configured for
    its language, without the plugin."""
    stories = {"en": ["lakeford-water", "riverton-ferry"], "ro": ["riverton-ferry"]}
    for language, slugs in stories.items():
        tree = plain_trees / language
        config = (tree / "mkdocs.yml").read_text("utf-8")
        assert "- explainer" not in config and "explainer:" not in config  # no plugin
        assert f"language: {language}" in config
        for slug in slugs:
            for page in ("index", "claims", "sources", "timeline", "data"):
                assert (tree / "docs" / slug / f"{page}.md").is_file(), (language, slug, page)
        pages = sorted((tree / "docs").rglob("*.md"))
        for page in pages:
            text = page.read_text("utf-8")
            assert "[@" not in text and ":actor[" not in text and "::chart[" not in text, page
            assert text.startswith("---\nlanguage_alternates: "), page
    assert not (plain_trees / "ro" / "docs" / "lakeford-water").exists()  # English only
    assert (plain_trees / "languages.txt").read_text("utf-8").split() == ["en", "ro"]


def test_the_plugin_and_the_plain_tree_build_the_same_bytes(
    project: Path, plugin_site: Path, plain_trees: Path
):
    """MkDocs through the plugin, or MkDocs on each rendered tree then ``finish``: one site."""
    out = project.parent / "plain-mkdocs"
    shutil.copytree(plain_trees, out)
    for language in (out / "languages.txt").read_text("utf-8").split():
        run(BIN / "mkdocs", "build", "-q", "-f", out / language / "mkdocs.yml", cwd=project)
    site = project.parent / "plain-site"
    finish(project, out, site)
    plugin, plain = tree_digest(plugin_site), tree_digest(site)
    assert plugin.keys() == plain.keys()
    differing = [path for path in plugin if plugin[path] != plain[path]]
    assert not differing, differing[:20]
    check_site(site, ["en", "ro"])


def test_properdocs_builds_the_project_through_the_plugin(project: Path, plugin_site: Path):
    """ProperDocs (a maintained fork of MkDocs 1.6) runs the plugin, both languages."""
    site = project.parent / "properdocs-plugin-site"
    run(BIN / "properdocs", "build", "-q", "-f", project / "mkdocs.yml", "-d", site, cwd=project)
    check_site(site, ["en", "ro"])
    assert {p.relative_to(site) for p in html_pages(site)} == {
        p.relative_to(plugin_site) for p in html_pages(plugin_site)
    }


def test_properdocs_builds_the_plain_tree(project: Path, plain_trees: Path, plugin_site: Path):
    out = project.parent / "plain-properdocs"
    shutil.copytree(plain_trees, out)
    for language in (out / "languages.txt").read_text("utf-8").split():
        run(BIN / "properdocs", "build", "-q", "-f", out / language / "mkdocs.yml", cwd=project)
    site = project.parent / "properdocs-plain-site"
    finish(project, out, site)
    check_site(site, ["en", "ro"])
    assert {p.relative_to(site) for p in html_pages(site)} == {
        p.relative_to(plugin_site) for p in html_pages(plugin_site)
    }


def zensical() -> str | None:
    """Zensical's command (in the test extra): $ZENSICAL, else on PATH or beside this Python."""
    found = os.environ.get("ZENSICAL") or shutil.which("zensical")
    if not found and (BIN / "zensical").exists():
        found = str(BIN / "zensical")
    return found


def test_zensical_builds_the_plain_tree_with_its_own_theme(project: Path, plain_trees: Path):
    """What Zensical (0.0.x, no plugins, no hooks) makes of the plain tree: every page of the
    nav, in its own theme, with the site's stylesheet, chart loader and chart figures whose
    data files are there. Not yet: the theme overrides (its template engine has no
    ``lang.t``), the language menu flag (its partial wants a list), and links: it resolves
    no docs-root link (``/slug/claims.md#x``) and puts one more ``../`` before the relative
    ones written in HTML (mentions, the source lists), so those tests stay MkDocs' own."""
    tree = project.parent / "plain-zensical" / "en"
    shutil.copytree(plain_trees / "en", tree)
    config = (tree / "mkdocs.yml").read_text("utf-8")
    config = config.replace("  custom_dir: overrides\n", "").replace(
        "  alternate: true\n", "  alternate: []\n"
    )
    (tree / "mkdocs.yml").write_text(config, "utf-8")
    command = zensical()
    assert command, "zensical is in the test extra of pyproject.toml: reinstall it"
    run(command, "build", cwd=tree)
    site = tree / "site"
    sources = sorted((tree / "docs").rglob("*.md"))
    for source in sources:
        page = source.relative_to(tree / "docs").with_suffix("")
        built = site / page / "index.html" if page.name != "index" else site / page.parent
        built = built / "index.html" if built.is_dir() else built
        assert built.is_file(), page
    home = soup(site / "index.html")
    assert home.find("link", href=lambda h: h and h.endswith("assets/stylesheets/explainer.css"))
    assert home.find("script", src=lambda s: s and s.endswith("assets/javascripts/charts.js"))
    data = site / "lakeford-water" / "data" / "index.html"
    figures = soup(data).select("figure.chart")
    assert figures
    for figure in figures:
        target, _ = resolve_link(site, data, figure["data-chart-src"])
        assert target is not None and target.suffix == ".json"
