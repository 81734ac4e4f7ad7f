"""The MkDocs plugin: an adapter that hands the core's docs tree to MkDocs, in memory.

The core (``generator.site_build``) loads, checks, renders, builds the charts and writes out
every page; this adapter only tells MkDocs about it: the files (``on_files``), the nav and the
theme's names (``on_config``), what to watch under ``mkdocs serve`` (``on_serve``), and, after
the first language, a build of each other one under ``/<language>/`` followed by the core's
post-build step (``generator.finish``). Nothing is written into content/.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from mkdocs.commands import serve
from mkdocs.commands.build import build
from mkdocs.config import config_options as c
from mkdocs.config import load_config
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, MkDocsException, PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from generator import preview
from generator.diagnostics import ContentError
from generator.finish import FinishError, finish
from generator.render.locale import LocaleError
from generator.render.markdown_ext import ExplainerExtension
from generator.site_build import SiteBuild, Tree

log = logging.getLogger("mkdocs.plugins.explainer")


class FrontEndError(Exception):
    """MkDocs stopped: its message, for the command line."""


def build_with_mkdocs(config_file: Path, site_dir: Path, strict: bool) -> None:
    """``python -m generator build``'s MkDocs run; ``strict`` is MkDocs' own and the plugin's
    (see ``_load``): warnings about content stop the build too."""
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
        self.written: dict[str, str] = {}  # pages written out ahead, by a preview's rebuild
        self.files: Files | None = None  # what MkDocs was handed, for the preview's first save

    def _path(self, config: MkDocsConfig, value: str) -> Path:
        return (Path(config.config_file_path).parent / value).resolve()

    @event_priority(100)  # before the search plugin reads the theme's language
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        try:
            if self.site is None:
                self.site = self._load(config)
            self.language = self.language or self.site.languages[0]
            self.tree = self.site.tree(self.language)
        except ContentError as exc:
            _record(exc.diagnostics)
            count = len(exc.diagnostics)
            raise PluginError(
                f"content has errors:\n{exc}\n{count} error(s); fix them and build again"
            ) from None
        except LocaleError as exc:
            _record([exc])
            raise PluginError(str(exc)) from None
        config.theme["language"] = self.language
        config.site_name = self.tree.site_name
        config.site_description = self.tree.site_description
        config.nav = self.tree.nav
        # The theme shows its language menu (partials/alternate.html) when this is set; the
        # menu's entries are the page's own (its front matter's language_alternates).
        config.extra["alternate"] = self.tree.alternate
        config.markdown_extensions.append(ExplainerExtension(language=self.language))
        return config

    def _load(self, config: MkDocsConfig) -> SiteBuild:
        languages = list(self.config.languages) or [config.theme["language"]]
        site = SiteBuild.load(
            self._path(config, self.config.content_dir),
            self._path(config, self.config.site_config_dir),
            languages,
            strict=self.config.strict or config.strict,
            root_url=config.site_url or "",
            project_dir=Path(config.config_file_path).parent,
        )
        for warning in site.warnings:
            log.warning(str(warning))
        for slug, missing in site.unbuilt().items():
            log.warning(
                f"story '{slug}' is written in {', '.join(missing)}, which the site does "
                f"not build: add it to the explainer plugin's 'languages' in mkdocs.yml"
            )
        return site

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Every file of the tree, made when MkDocs needs it: a page's text when it reads the
        page, the downloads (rendered last) once it has converted every page (``on_env``)."""
        self.downloads = Path(tempfile.mkdtemp(prefix="explainer-downloads-"))
        generated: dict[str, File] = {}
        for path in self.tree.paths():
            if path in self.tree.pages:
                generated[path] = File.generated(config, path, content="")
            elif path in self.tree.downloads:
                generated[path] = File.generated(
                    config, path, abs_src_path=str(self.downloads / path)
                )
            else:
                generated[path] = File.generated(config, path, content=self.tree.files[path])
            files.append(generated[path])
        for path, source in self.tree.copies.items():
            files.append(File.generated(config, path, abs_src_path=str(source)))
        serving = preview.building()
        if serving is not None and self.language == self.site.languages[0]:
            self._skip_unchanged(serving, config, files, generated)
        self.files = files
        return files

    def _skip_unchanged(
        self, serving: preview.Preview, config: MkDocsConfig, files: Files, generated: dict
    ) -> None:
        """A preview's rebuild: every page written out now, and MkDocs told which generated
        files have the last good build's bytes (generator/preview.py), so that it skips them."""
        try:
            self.written = {path: self.tree.page(path) for path in self.tree.pages}
        except ContentError as exc:
            _record(exc.diagnostics)
            raise PluginError(str(exc)) from None
        contents = {**self.written, **self.tree.files}
        others = preview.other_languages(self.site.built_languages)
        for path in serving.plan(self._shape(config, files), contents, full=bool(others)):
            generated[path].is_modified = _unmodified

    def _shape(self, config: MkDocsConfig, files: Files) -> str:
        """What every page shows besides its own Markdown (see generator/preview.py)."""
        facts = {
            "language": self.language,
            "nav": config.nav,
            "names": [config.site_name, config.site_description, self.tree.alternate],
            "files": sorted(file.src_uri for file in files),
        }
        watched = [self._path(config, self.config.site_config_dir), Path(config.config_file_path)]
        return preview.fingerprint(facts, watched)

    def on_env(self, env, config: MkDocsConfig, files: Files):
        """Every page is converted: the downloads are rendered by now, to be copied next."""
        if preview.building() is not None:
            env.bytecode_cache = preview.TEMPLATES
        for path in self.tree.downloads:
            target = self.downloads / path
            target.parent.mkdir(parents=True, exist_ok=True)
            content = self.tree.content(path)
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(content, "utf-8")
        return env

    def on_page_read_source(self, page: Page, config: MkDocsConfig) -> str | None:
        if page.file.src_uri not in self.tree.pages:
            return None
        if page.file.src_uri in self.written:
            return self.written[page.file.src_uri]
        try:
            return self.tree.page(page.file.src_uri)
        except ContentError as exc:
            _record(exc.diagnostics)
            raise PluginError(str(exc)) from None

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
            if (serving := preview.building()) is not None:
                serving.finish(self.site.epoch)
            else:
                finish(Path(config.site_dir), self.site.epoch)
        except FinishError as exc:
            raise PluginError(str(exc)) from None
        self.site = None  # `mkdocs serve` loads the content again for its next build

    def on_serve(self, server, config: MkDocsConfig, builder):
        """Watch the content and site_config; live reload and errors in the page under the
        site's policy (generator/preview.py)."""
        server.watch(str(self._path(config, self.config.content_dir)))
        server.watch(str(self._path(config, self.config.site_config_dir)))
        site_config = self._path(config, self.config.site_config_dir)
        languages = list(self.config.languages) or [config.theme["language"]]
        watching = preview.start(
            server,
            Path(config.site_dir),
            site_config / "locales",
            languages,
            (MkDocsException,),
            dirty_builds,
        )
        if self.tree is not None and self.files is not None:
            # serve's first build was a full one: the first save may rebuild only what it changes
            with contextlib.suppress(ContentError):
                pages = {path: self.tree.page(path) for path in self.tree.pages}
                watching.remember(self._shape(config, self.files), {**pages, **self.tree.files})
        return server


class _NoDirtyWarning(logging.Filter):
    """MkDocs warns of every dirty build; the preview's are exact (see the module)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


@contextlib.contextmanager
def dirty_builds(dirty: bool) -> Iterator[None]:
    """``mkdocs serve``'s builder, asked for a dirty build when the last build ended well."""
    if not dirty:
        yield
        return
    plain = serve.build
    quiet = _NoDirtyWarning()
    logger = logging.getLogger("mkdocs.commands.build")
    serve.build = lambda config, **options: plain(config, **{**options, "dirty": True})
    logger.addFilter(quiet)
    try:
        yield
    finally:
        serve.build = plain
        logger.removeFilter(quiet)


def _unmodified() -> bool:
    return False


def _record(problems) -> None:
    """A build's problems, for the preview's banner when serving."""
    if (current := preview.current()) is not None:
        current.record(problems)
