"""The MkDocs plugin: an adapter that hands the core's docs tree to MkDocs, in memory.

The core (``generator.site_build``) loads, checks, renders, builds the charts and writes out
every page; this adapter only tells MkDocs about it: the files (``on_files``), the nav and the
theme's names (``on_config``), and, after the first language, a build of each other one under
``/<language>/`` followed by the core's post-build step (``generator.finish``). What
``mkdocs serve`` adds (the watch, rebuilding only what a save changed, the problems in the page)
is generator/mkdocs_preview.py. Only MkDocs' public plugin API is used; nothing is written into
content/.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import config_options as c
from mkdocs.config import load_config
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, MkDocsException, PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from generator import mkdocs_preview, preview
from generator.diagnostics import ContentError
from generator.finish import FinishError
from generator.render.locale import LocaleError
from generator.render.markdown_ext import ExplainerExtension
from generator.site_build import SiteBuild, Tree

log = logging.getLogger("mkdocs.plugins.explainer")


class FrontEndError(Exception):
    """MkDocs stopped: its message, for the command line."""


def build_with_mkdocs(config_file: Path, site_dir: Path, strict: bool) -> None:
    """``python -m generator build``'s MkDocs run; ``strict`` is MkDocs' own and the plugin's
    (see ``load``): warnings about content stop the build too."""
    try:
        build(load_config(str(config_file), site_dir=str(site_dir), strict=strict))
    except (Abort, MkDocsException) as exc:
        raise FrontEndError(str(exc)) from None


class ExplainerConfig(Config):
    content_dir = c.Type(str, default="content")
    site_config_dir = c.Type(str, default="site_config")
    strict = c.Type(bool, default=False)  # or MkDocs' own --strict
    languages = c.ListOfItems(c.Type(str), default=[])


class ExplainerPlugin(BasePlugin[ExplainerConfig]):
    def __init__(self) -> None:
        self.site: SiteBuild | None = None  # handed to each further language's build
        self.language: str | None = None
        self.tree: Tree | None = None
        self.downloads: Path | None = None  # the downloads' files while MkDocs copies them
        self.generated: dict[str, TreeFile] = {}  # the tree's files, by docs path
        self.files: Files | None = None  # what MkDocs was handed, for the preview
        self.written: dict[str, str] = {}  # pages written out ahead, by a preview's rebuild

    def path(self, config: MkDocsConfig, value: str) -> Path:
        return (Path(config.config_file_path).parent / value).resolve()

    def languages(self, config: MkDocsConfig) -> list[str]:
        return list(self.config.languages) or [config.theme["language"]]

    @event_priority(100)  # before the search plugin reads the theme's language
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        mkdocs_preview.quiet_dirty_builds()
        try:
            if self.site is None:
                self.site = self.load(config)
            self.language = self.language or self.site.languages[0]
            self.tree = self.site.tree(self.language)
        except (ContentError, LocaleError) as exc:
            raise mkdocs_preview.stop(exc) from None
        config.theme["language"] = self.language
        config.site_name = self.tree.site_name
        config.site_description = self.tree.site_description
        config.nav = self.tree.nav
        # The theme shows its language menu (partials/alternate.html) when this is set; the
        # menu's entries are the page's own (its front matter's language_alternates).
        config.extra["alternate"] = self.tree.alternate
        config.markdown_extensions.append(ExplainerExtension(language=self.language))
        return config

    def load(self, config: MkDocsConfig) -> SiteBuild:
        site = SiteBuild.load(
            self.path(config, self.config.content_dir),
            self.path(config, self.config.site_config_dir),
            self.languages(config),
            strict=self.config.strict or config.strict,
            root_url=config.site_url or "",
            project_dir=Path(config.config_file_path).parent,
        )
        for notice in site.notices():
            log.warning(notice)
        return site

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Every file of the tree, made when MkDocs needs it: a page's text when it reads the
        page, the downloads (rendered last) once it has converted every page (``on_env``)."""
        self.downloads = Path(tempfile.mkdtemp(prefix="explainer-downloads-"))
        self.generated = {}
        for path in self.tree.paths():
            if path in self.tree.pages:
                made = TreeFile.generated(config, path, content="")
            elif path in self.tree.downloads:
                made = TreeFile.generated(config, path, abs_src_path=str(self.downloads / path))
            else:
                made = TreeFile.generated(config, path, content=self.tree.files[path])
            files.append(made)
            self.generated[path] = made
        for path, source in self.tree.copies.items():
            files.append(File.generated(config, path, abs_src_path=str(source)))
        self.files = files
        self.written = mkdocs_preview.skip_unchanged(self, config)
        return files

    def on_env(self, env, config: MkDocsConfig, files: Files):
        """Every page is converted: the downloads are rendered by now, to be copied next."""
        self.tree.write(self.downloads, self.tree.downloads)
        return preview.cached_templates(env)

    def on_page_read_source(self, page: Page, config: MkDocsConfig) -> str | None:
        path = page.file.src_uri
        if path not in self.tree.pages:
            return None
        try:
            return self.written[path] if path in self.written else self.tree.page(path)
        except ContentError as exc:
            raise mkdocs_preview.stop(exc) from None

    def on_post_build(self, config: MkDocsConfig) -> None:
        """After the first language, every other one into its folder; then the post-build."""
        self.tree.finish()
        shutil.rmtree(self.downloads, ignore_errors=True)
        if self.language != self.site.languages[0]:
            return
        for language in preview.other_languages(self.site.built_languages):
            alternate = load_config(
                config.config_file_path,
                site_dir=os.path.join(config.site_dir, language),
                site_url=f"{self.site.root_url}{language}/",
                strict=config.strict,
            )
            alternate.plugins["explainer"].site = self.site
            alternate.plugins["explainer"].language = language
            build(alternate)
        try:
            preview.post_build(Path(config.site_dir), self.site.epoch)
        except FinishError as exc:
            raise PluginError(str(exc)) from None
        self.site = None  # `mkdocs serve` loads the content again for its next build

    def on_serve(self, server, config: MkDocsConfig, builder):
        return mkdocs_preview.watch(self, server, config)


class TreeFile(File):
    """A file of the core's tree. A preview's rebuild marks ``unchanged`` those the last good
    build wrote with the same bytes; a dirty build (``mkdocs serve --dirty``) skips them."""

    unchanged = False

    def is_modified(self) -> bool:
        return not self.unchanged and super().is_modified()
