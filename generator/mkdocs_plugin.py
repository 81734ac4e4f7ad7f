"""The MkDocs plugin: a thin adapter that feeds the core's pages to MkDocs, in memory.

It loads and checks content in ``on_config`` (so a broken folder stops the build before anything
is written), adds the pages and downloads in ``on_files`` as in-memory files whose content is
rendered in the background meanwhile (``RenderedFile``), and tells the Markdown extension which
page it is rendering. Nothing is written into content/.

Languages: the first of ``languages`` is built at the site's root, each other one under
``/<language>/`` by a second MkDocs build started from ``on_post_build``, so that the theme's own
words (search, navigation, dates) are in the reader's language too. Each tree holds only the
stories written in its language, and a language no story is written in is not built; which page
exists where is ``generator.render.languages``' business, not this adapter's.
"""

from __future__ import annotations

import gc
import logging
import os
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import config_options as c
from mkdocs.config import load_config
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from generator import csp
from generator.charts.bundles import basic_bundle
from generator.charts.embed import ChartSet
from generator.loader import forget_positions
from generator.model import Investigation
from generator.pipeline import load_and_check
from generator.render.languages import LanguageMap, stories_in, unbuilt_languages
from generator.render.links import Resolver
from generator.render.locale import Locale, LocaleError, load_locale
from generator.render.markdown_ext import ExplainerExtension, PageContext
from generator.render.site import (
    GeneratedFile,
    NavSection,
    SiteOutput,
    render_site,
    theme_text,
)

log = logging.getLogger("mkdocs.plugins.explainer")


class RenderedFile(File):
    """A generated file whose content is read only when MkDocs needs it (``File.generated``
    takes it up front): the pages are still rendering in the background when MkDocs starts
    converting the first ones."""

    def __init__(self, config: MkDocsConfig, generated: GeneratedFile) -> None:
        super().__init__(
            generated.path,
            src_dir=None,
            dest_dir=config.site_dir,
            use_directory_urls=config.use_directory_urls,
        )
        self.generated_by = "explainer"
        self.generated = generated

    @property
    def _content(self) -> str | bytes:
        return self.generated.content

    @_content.setter
    def _content(self, value: str | bytes) -> None:  # a plugin that rewrites the file
        self.generated = GeneratedFile(self.generated.path, lambda: value)


class ExplainerConfig(Config):
    content_dir = c.Type(str, default="content")
    site_config_dir = c.Type(str, default="site_config")
    strict = c.Type(bool, default=False)
    languages = c.ListOfItems(c.Type(str), default=[])


def _content_epoch(investigations: list[Investigation]) -> int:
    """A build date taken from the content (its latest update), so rebuilds are identical."""
    dates = [
        (inv.story.updated or inv.story.published).start()
        for inv in investigations
        if inv.story is not None
    ]
    if not dates:
        return 0
    latest = max(dates)
    return int((latest - latest.__class__(1970, 1, 1)).total_seconds())


class ExplainerPlugin(BasePlugin[ExplainerConfig]):
    def __init__(self) -> None:
        self.extension = ExplainerExtension()
        self.language: str | None = None  # set before an extra language's build
        self.languages: list[str] = []
        self.root_url = ""
        self.investigations: list[Investigation] = []
        self.output: SiteOutput | None = None
        self.locale: Locale | None = None
        self.resolver: Resolver | None = None
        self.charts: ChartSet | None = None
        self.language_names: dict[str, str] = {}
        self.language_map: LanguageMap | None = None

    def _path(self, config: MkDocsConfig, value: str) -> Path:
        return (Path(config.config_file_path).parent / value).resolve()

    @property
    def is_default_language(self) -> bool:
        return self.language == self.languages[0]

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Load, check and render the content (with the collector paused: it would walk the
        growing heap again and again), then keep it out of the collector's sight until the build
        ends; a large investigation's build spent a twentieth of its time collecting."""
        gc.disable()
        try:
            return self._configure(config)
        finally:
            gc.freeze()
            gc.enable()

    def _configure(self, config: MkDocsConfig) -> MkDocsConfig:
        if not self.investigations:  # an extra language's build is handed them, checked
            self.investigations = self._load(config)
        os.environ.setdefault("SOURCE_DATE_EPOCH", str(_content_epoch(self.investigations)))
        self.languages = list(self.config.languages) or [config.theme["language"]]
        self.language = self.language or self.languages[0]
        prefix = "" if self.is_default_language else f"{self.language}/"
        self.root_url = (config.site_url or "").removesuffix(prefix)
        site_config = self._path(config, self.config.site_config_dir)
        try:
            self.locale = load_locale(site_config / "locales", self.language)
            self.language_names = {
                lang: load_locale(site_config / "locales", lang)["language_name"]
                for lang in self.languages
            }
        except LocaleError as exc:
            raise PluginError(str(exc)) from None
        config.theme["language"] = self.language
        config.site_name = self.locale["site_name"]
        config.site_description = self.locale["site_description"]
        if self.is_default_language:
            for slug, missing in unbuilt_languages(self.investigations, self.languages).items():
                log.warning(
                    f"story '{slug}' is written in {', '.join(missing)}, which the site does "
                    f"not build: add it to the explainer plugin's 'languages' in mkdocs.yml"
                )
        self.language_map = LanguageMap(
            self.investigations, self.languages, self.language_names, self.root_url
        )
        stories = stories_in(self.investigations, self.language)
        self.output = render_site(stories, site_config / "templates", self.locale)
        self.resolver = self.output.resolver
        # while the pages render in the background
        basic = basic_bundle(Path(config.config_file_path).parent)
        self.charts = ChartSet.build(stories, self.locale, self.resolver, basic)
        config.nav = [self._nav_entry(entry) for entry in self.output.nav]
        # The theme shows its language menu (partials/alternate.html) when this is set, and
        # writes its own <link rel="alternate"> to each language's root when it is a list: a
        # flag, so that the menu and the hreflang links are the page's own (on_page_context).
        config.extra["alternate"] = len(self.language_map.languages) > 1
        if self.extension not in config.markdown_extensions:
            config.markdown_extensions.append(self.extension)
        return config

    def _load(self, config: MkDocsConfig) -> list[Investigation]:
        content_dir = self._path(config, self.config.content_dir)
        strict = self.config.strict or os.environ.get("EXPLAINER_STRICT") == "1"
        result = load_and_check(content_dir, strict=strict)
        for warning in result.warnings:
            log.warning(str(warning))
        if result.errors:
            raise PluginError(
                "content has errors:\n"
                + "\n".join(str(d) for d in result.errors)
                + f"\n{len(result.errors)} error(s); fix them and build again"
            )
        for investigation in result.investigations:
            forget_positions(investigation)
        return result.investigations

    @staticmethod
    def _nav_entry(entry: NavSection | tuple[str, str]) -> dict:
        """A nav item; titles escaped, as the theme prints them unescaped."""
        if isinstance(entry, NavSection):
            return {theme_text(entry.title): [{theme_text(t): path} for t, path in entry.pages]}
        title, path = entry
        return {theme_text(title): path}

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        for generated in self.output.files:
            files.append(RenderedFile(config, generated))
        for path, content in self.charts.files().items():
            files.append(File.generated(config, path, content=content))
        for bundle in self.charts.plotly_bundles():
            files.append(File.generated(config, bundle.site_path, abs_src_path=str(bundle.source)))
        return files

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files):
        slug = page.file.src_uri.split("/", 1)[0]
        known = {inv.slug for inv in self.investigations}
        self.extension.page = PageContext(
            investigation=slug if slug in known else None,
            resolver=self.resolver,
            locale=self.locale,
            page=page.file.src_uri,
            root="../" * page.url.count("/"),
            charts=self.charts,
        )
        return markdown

    def on_page_context(self, context: dict, page: Page, config: MkDocsConfig, nav) -> dict:
        """The languages this page exists in, for the language menu and the hreflang links."""
        context["language_alternates"] = self.language_map.alternates(page.url, self.language)
        return context

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files):
        context = self.extension.page
        if context is not None and context.problems:
            raise PluginError("\n".join(context.problems))
        return html

    def on_post_build(self, config: MkDocsConfig) -> None:
        """After the default language, build every other one into its own folder; then give
        every page of the whole site the same Content-Security-Policy."""
        self.output.finish()
        if not self.is_default_language:
            return
        for language in self.language_map.languages[1:]:
            alternate = load_config(
                config.config_file_path,
                site_dir=os.path.join(config.site_dir, language),
                site_url=f"{self.root_url}{language}/",
                strict=config.strict,
            )
            alternate.plugins["explainer"].language = language
            alternate.plugins["explainer"].investigations = self.investigations
            build(alternate)
        try:
            csp.apply_to_site(Path(config.site_dir))
        except csp.PolicyError as exc:
            raise PluginError(str(exc)) from None
        gc.unfreeze()  # `mkdocs serve` builds again and again in one process

    def on_serve(self, server, config: MkDocsConfig, builder):
        server.watch(str(self._path(config, self.config.content_dir)))
        server.watch(str(self._path(config, self.config.site_config_dir)))
        return server
