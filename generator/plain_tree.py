"""The write stage for builders without our plugin: one plain docs tree per language.

``python -m generator render OUT`` writes, for each built language, ``OUT/<language>/`` with
``docs/`` (every page with the editors' syntax already written out, the chart JSON and CSV, the
downloads, the site's assets and plotly.js), ``overrides/`` (the theme's templates and hook) and
an ``mkdocs.yml`` made from the project's own, that MkDocs, ProperDocs or Zensical builds into
``OUT/<language>/site/``. ``python -m generator finish OUT`` then puts the languages together
and runs the post-build step (``generator.finish``).
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.site_build import SiteBuild, Tree

PLUGIN = "explainer"
EXTENSION = "generator.render.markdown_ext"
MANIFEST = "languages.txt"  # OUT's languages, the first at the root, one a line


@dataclass(frozen=True)
class Tagged:
    """A YAML value with a tag MkDocs resolves itself (``!ENV``, ``!!python/name:``), kept."""

    tag: str
    value: Any


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


def _tagged(loader: yaml.Loader, suffix: str, node: yaml.Node) -> Tagged:
    if isinstance(node, yaml.ScalarNode):
        return Tagged(node.tag, loader.construct_scalar(node))
    return Tagged(node.tag, loader.construct_sequence(node))


_Loader.add_constructor("!ENV", lambda loader, node: _tagged(loader, "", node))
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _tagged)


def _represent(dumper: yaml.Dumper, data: Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value, flow_style=True)
    return dumper.represent_scalar(data.tag, data.value)


_Dumper.add_representer(Tagged, _represent)


def read_config(path: Path) -> dict:
    """The project's mkdocs.yml, with the tags MkDocs resolves kept as they are."""
    return yaml.load(Path(path).read_text("utf-8"), Loader=_Loader) or {}


def env_value(value: Any) -> Any:
    """A ``!ENV [NAME, default]`` value as MkDocs would read it now."""
    if isinstance(value, Tagged) and value.tag == "!ENV":
        names = value.value if isinstance(value.value, list) else [value.value]
        *variables, default = names if len(names) > 1 else [*names, None]
        for name in variables:
            if name in os.environ:
                return os.environ[name]
        return default
    return value


def plugin_options(config: dict) -> dict:
    """The explainer plugin's options in the project's configuration."""
    for entry in config.get("plugins", []):
        if isinstance(entry, dict) and PLUGIN in entry:
            return entry[PLUGIN] or {}
    return {}


def tree_config(config: dict, tree: Tree, site_url: str) -> dict:
    """The configuration of one language's plain tree: the project's, with what the plugin
    would set (names, language, nav, the language menu) written in, and the plugin left out."""
    tree_config = dict(config)
    tree_config.update(
        site_name=tree.site_name,
        site_description=tree.site_description,
        site_url=site_url + tree.prefix if site_url else None,
        docs_dir="docs",
        site_dir="site",
        nav=tree.nav,
    )
    if tree_config["site_url"] is None:
        del tree_config["site_url"]
    theme = dict(config.get("theme", {}))
    theme.update(language=tree.language, custom_dir="overrides")
    tree_config["theme"] = theme
    if config.get("hooks"):
        tree_config["hooks"] = [f"overrides/{Path(hook).name}" for hook in config["hooks"]]
    tree_config["plugins"] = [
        entry
        for entry in config.get("plugins", [])
        if not (entry == PLUGIN or (isinstance(entry, dict) and PLUGIN in entry))
    ]
    tree_config["markdown_extensions"] = [
        *config.get("markdown_extensions", []),
        {EXTENSION: {"language": tree.language}},
    ]
    tree_config["extra"] = {**config.get("extra", {}), "alternate": tree.alternate}
    return tree_config


def write_tree(tree: Tree, folder: Path, config: dict, project: Path, site_url: str) -> None:
    """One language's tree in ``folder`` (see the module)."""
    docs = folder / "docs"
    shutil.copytree(project / config.get("docs_dir", "docs"), docs)
    theme = config.get("theme", {})
    if theme.get("custom_dir"):
        shutil.copytree(project / theme["custom_dir"], folder / "overrides")
    for hook in config.get("hooks", []):
        shutil.copyfile(project / hook, folder / "overrides" / Path(hook).name)
    tree.write(docs, tree.paths())
    tree.finish()
    for path, source in sorted(tree.copies.items()):
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    text = yaml.dump(
        tree_config(config, tree, site_url),
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=100,
    )
    (folder / "mkdocs.yml").write_text(
        "# Made by `python -m generator render` from the project's mkdocs.yml: build with\n"
        "# `mkdocs build` (or properdocs, zensical) here, then `python -m generator finish`.\n"
        + text,
        "utf-8",
    )


def render(config_file: Path, out: Path, strict: bool = False) -> SiteBuild:
    """Every language's plain tree in ``out`` (which must not exist or be empty)."""
    config_file = Path(config_file).resolve()
    project = config_file.parent
    config = read_config(config_file)
    options = plugin_options(config)
    site_url = env_value(config.get("site_url")) or ""
    site = SiteBuild.load(
        project / options.get("content_dir", "content"),
        project / options.get("site_config_dir", "site_config"),
        options.get("languages") or [config.get("theme", {}).get("language", "en")],
        strict=strict,
        root_url=site_url,
        project_dir=project,
    )
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    if any(out.iterdir()):
        raise FileExistsError(f"{out} is not empty")
    languages = site.built_languages
    for language in languages:
        write_tree(site.tree(language), out / language, config, project, site_url)
    (out / MANIFEST).write_text("".join(f"{lang}\n" for lang in languages), "utf-8")
    (out / "epoch.txt").write_text(f"{site.epoch}\n", "utf-8")
    return site
