"""The post-build step, over a built site folder: whatever front end built the HTML.

- **Languages**: each language is built as a site of its own (``generator.plain_tree``); the
  first becomes the site's root and each other one its ``/<language>/`` folder (``assemble``).
- **Build date**: the sitemap's dates are the content's (its latest update), so that the same
  content gives the same bytes whenever and wherever it is built (``pin_build_date``).
- **Content-Security-Policy**: every page gets the same policy, first in its ``<head>``
  (``generator.csp``).
- **Scripts and style sheets**: site_config's own served without comments and indentation
  (``generator.minify``).
- **Search**: a Pagefind bundle per language, with each entry a record of its own
  (``generator.search_index``).
"""

from __future__ import annotations

import gc
import gzip
import io
import re
import shutil
from datetime import UTC, datetime
from pathlib import Path

from generator import csp, minify, search_index

_LASTMOD = re.compile(r"<lastmod>[^<]*</lastmod>")


class FinishError(Exception):
    """A built site the post-build step cannot finish: it must not be published."""


def assemble(built: list[Path], site_dir: Path) -> None:
    """The first built language at ``site_dir``'s root, each other one below it, in the folder
    named after its tree (``OUT/ro/site`` goes to ``ro/``)."""
    first, *others = built
    shutil.copytree(first, site_dir, dirs_exist_ok=True)
    for tree in others:
        shutil.copytree(tree, site_dir / tree.parent.name)


def pin_build_date(site_dir: Path, epoch: int) -> None:
    """The sitemap's <lastmod> dates, and its gzip copy's header, set to ``epoch``."""
    day = datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%d")
    for sitemap in sorted(Path(site_dir).rglob("sitemap.xml")):
        text = _LASTMOD.sub(f"<lastmod>{day}</lastmod>", sitemap.read_text("utf-8"))
        sitemap.write_text(text, "utf-8")
        packed = sitemap.with_name("sitemap.xml.gz")
        if packed.exists():
            buffer = io.BytesIO()
            with gzip.GzipFile(
                filename=packed.name, fileobj=buffer, mode="wb", mtime=epoch
            ) as stream:
                stream.write(text.encode("utf-8"))
            packed.write_bytes(buffer.getvalue())


def finish(site_dir: Path, epoch: int) -> int:
    """Pin the build date, apply the policy and index the pages; returns how many pages carry
    the policy."""
    try:
        pin_build_date(site_dir, epoch)
        minify.minify_site(Path(site_dir))
        pages = csp.apply_to_site(Path(site_dir))
        search_index.build(Path(site_dir))
        return pages
    except (csp.PolicyError, search_index.SearchIndexError) as exc:
        raise FinishError(str(exc)) from None
    finally:
        gc.unfreeze()  # what the core kept from the collector while building
