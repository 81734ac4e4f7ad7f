"""The core build, stage by stage: load → check → render → charts → write out, per language.

``SiteBuild.load`` loads and checks the content once; ``SiteBuild.tree(language)`` renders one
language's pages, builds its charts and writes out the editors' syntax in every page
(``generator.render.expand``): what comes out is a complete docs tree, in memory, that a front
end turns into HTML, the MkDocs plugin (``generator.mkdocs_plugin``) or any builder reading the
plain tree that ``generator.plain_tree`` writes. The post-build step is ``generator.finish``.

No MkDocs here: the stages are the generator's own, so that the front end can change.
"""

from __future__ import annotations

import functools
import gc
import json
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

from generator.charts.bundles import basic_bundle
from generator.charts.embed import ChartSet
from generator.diagnostics import ContentError, Diagnostic, Location
from generator.exports import exporters
from generator.loader import forget_positions
from generator.model import Investigation
from generator.pipeline import load_and_check
from generator.render.expand import PageContext, expand_page, page_url
from generator.render.languages import LanguageMap, stories_in, unbuilt_languages
from generator.render.locale import Locale, load_locale
from generator.render.site import (
    GeneratedFile,
    NavSection,
    SiteOutput,
    render_site,
    theme_text,
)


@dataclass
class Tree:
    """One language's docs tree: every file by its docs path, and what the theme is told."""

    language: str
    prefix: str  # where it is served below the site's root: "" or "ro/"
    site_name: str
    site_description: str
    nav: list[dict]  # MkDocs' nav, titles escaped for the theme
    alternate: bool  # whether pages have counterparts in other languages (the language menu)
    files: dict[str, str | bytes] = field(default_factory=dict)  # the charts' files
    # the data downloads, rendered last in the background: read them once the pages are
    downloads: dict[str, GeneratedFile] = field(default_factory=dict)
    # each page, written out when first asked for: the rest still render in the background
    pages: dict[str, Callable[[], str]] = field(default_factory=dict)
    copies: dict[str, Path] = field(default_factory=dict)  # served as is: plotly.js bundles
    rendering: SiteOutput | None = field(default=None, repr=False)

    def paths(self) -> list[str]:
        """Every docs path but the copies', in the order a walk of a docs folder finds them."""
        return sorted([*self.files, *self.pages, *self.downloads], key=walk_order)

    def content(self, path: str) -> str | bytes:
        """A file's content, whatever kind of file it is (waiting for it if need be)."""
        if path in self.pages:
            return self.page(path)
        if path in self.downloads:
            return self.downloads[path].content
        return self.files[path]

    def page(self, path: str) -> str:
        """One page, written out; raises ContentError if it names an item nobody defined."""
        return self.pages[path]()

    def write(self, folder: Path, paths: Iterable[str]) -> None:
        """Files of the tree written into ``folder``, for a builder that reads them from disk."""
        for path in paths:
            content = self.content(path)
            target = folder / path
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(content, "utf-8")

    def finish(self) -> None:
        """Wait for the pages' rendering to end, so that this process may fork again."""
        if self.rendering is not None:
            self.rendering.finish()


def content_epoch(investigations: list[Investigation]) -> int:
    """A build date taken from the content (its latest update), so rebuilds are identical."""
    dates = [
        (inv.story.updated or inv.story.published).start()
        for inv in investigations
        if inv.story is not None
    ]
    if not dates:
        return 0
    return int((max(dates) - datetime(1970, 1, 1)).total_seconds())


def nav_entry(entry: NavSection | tuple[str, str]) -> dict:
    """A nav item; titles escaped, as the theme prints them unescaped."""
    if isinstance(entry, NavSection):
        return {theme_text(entry.title): [{theme_text(t): path} for t, path in entry.pages]}
    title, path = entry
    return {theme_text(title): path}


def walk_order(path: str) -> tuple:
    """Where a builder that walks a docs folder meets ``path``: a folder's files first (its
    index first), then its folders, by name (MkDocs' ``get_files``). Pages are handed over in
    this order, so that the sitemap and the search index list them as from a plain tree."""
    *folders, name = path.split("/")
    stem = name.rsplit(".", 1)[0]
    return (*((1, folder) for folder in folders), (0, stem not in ("index", "README"), name))


def with_alternates(page: str, alternates: list[dict]) -> str:
    """The page with the languages it exists in added to its front matter, where the theme's
    language menu and hreflang links read them (``page.meta.language_alternates``)."""
    line = f"language_alternates: {json.dumps(alternates, ensure_ascii=False, sort_keys=True)}"
    if page.startswith("---\n"):
        return f"---\n{line}\n{page[4:]}"
    return f"---\n{line}\n---\n{page}"


@dataclass
class SiteBuild:
    """The checked content of a site and what every language's tree shares."""

    site_config_dir: Path
    project_dir: Path
    investigations: list[Investigation]
    languages: list[str]  # the site's, from the configuration; the first at the root
    warnings: list[Diagnostic]
    root_url: str = ""

    @classmethod
    def load(
        cls,
        content_dir: Path,
        site_config_dir: Path,
        languages: list[str],
        strict: bool = False,
        root_url: str = "",
        project_dir: Path | None = None,
    ) -> SiteBuild:
        """Load and check; raises ContentError with every error (warnings are kept)."""
        with _collector_paused():
            result = load_and_check(Path(content_dir), strict=strict)
        if result.errors:
            raise ContentError(result.errors)
        for investigation in result.investigations:
            forget_positions(investigation)
        return cls(
            Path(site_config_dir),
            Path(project_dir or Path(site_config_dir).parent),
            result.investigations,
            list(languages),
            result.warnings,
            root_url,
        )

    @property
    def epoch(self) -> int:
        return content_epoch(self.investigations)

    def unbuilt(self) -> dict[str, list[str]]:
        """By story, its languages the site does not build (worth a warning)."""
        return unbuilt_languages(self.investigations, self.languages)

    def notices(self) -> list[str]:
        """What a build reports without stopping: the checks' warnings, and each story
        written in a language the site does not build."""
        return [str(warning) for warning in self.warnings] + [
            f"story '{slug}' is written in {', '.join(missing)}, which the site does not "
            f"build: add it to the explainer plugin's 'languages' in mkdocs.yml"
            for slug, missing in self.unbuilt().items()
        ]

    def locale(self, language: str) -> Locale:
        return load_locale(self.site_config_dir / "locales", language)

    def language_map(self) -> LanguageMap:
        names = {lang: self.locale(lang)["language_name"] for lang in self.languages}
        return LanguageMap(self.investigations, self.languages, names, self.root_url)

    @property
    def built_languages(self) -> list[str]:
        return self.language_map().languages

    def tree(self, language: str) -> Tree:
        """Render, build the charts and write out one language's pages (see the module)."""
        with _collector_paused():
            return self._tree(language)

    def _tree(self, language: str) -> Tree:
        locale = self.locale(language)
        languages = self.language_map()
        stories = stories_in(self.investigations, language)
        site_url = languages.root_url + languages.prefix(language) if languages.root_url else ""
        output = render_site(
            stories, self.site_config_dir / "templates", locale, exporters(), site_url=site_url
        )
        # while the pages render in the background
        basic = basic_bundle(self.project_dir)
        charts = ChartSet.build(stories, locale, output.resolver, basic, site_url)
        tree = Tree(
            language=language,
            prefix=languages.prefix(language),
            site_name=locale["site_name"],
            site_description=locale["site_description"],
            nav=[nav_entry(entry) for entry in output.nav],
            alternate=len(languages.languages) > 1,
        )
        slugs = {inv.slug for inv in stories}
        for generated in output.files:
            if not generated.path.endswith(".md"):
                tree.downloads[generated.path] = generated
                continue
            slug = generated.path.split("/", 1)[0]
            context = PageContext(
                slug if slug in slugs else None,
                output.resolver,
                locale,
                page=generated.path,
                charts=charts,
            )
            alternates = languages.alternates(page_url(generated.path), language)
            tree.pages[generated.path] = functools.partial(
                _written_out, generated, context, [asdict(alt) for alt in alternates]
            )
        tree.files.update(charts.files())
        tree.rendering = output
        for bundle in charts.plotly_bundles():
            tree.copies[bundle.site_path] = bundle.source
        return tree


def _written_out(generated: GeneratedFile, context: PageContext, alternates: list[dict]) -> str:
    """A rendered page with its syntax written out and its languages in its front matter."""
    page = expand_page(generated.content, context)
    if context.problems:
        raise ContentError([_unknown_item(problem) for problem in context.problems])
    return with_alternates(page, alternates)


def _unknown_item(problem: str) -> Diagnostic:
    """A page that names an item no one defined ("slug/page.md: unknown actor 'x'"); the
    checks name such ids in their files first, so this is a second line."""
    page, _, message = problem.partition(": ")
    return Diagnostic(Location(page), message, "run `python -m generator validate` to find it")


class _collector_paused:
    """The garbage collector paused while the content loads and renders (it would walk the
    growing heap again and again: a large investigation's build spent a twentieth of its time
    collecting), then what was made kept out of its sight until ``generator.finish``."""

    def __enter__(self) -> None:
        gc.disable()

    def __exit__(self, *exc) -> None:
        gc.freeze()
        gc.enable()
