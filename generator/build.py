"""``python -m generator build``: validate, build into a temporary folder, then swap it in.

A failed build (bad content, a crash, a full disk) must leave the last good site untouched, so
MkDocs never writes into site/ itself: it builds beside it, and only a complete build replaces
it, by an atomic exchange of the two folders where the system offers one.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path

from generator.diagnostics import ContentError

_RENAME_EXCHANGE = 2


def _exchange(new: Path, old: Path) -> bool:
    """Swap two directories in one step (Linux renameat2); False where unsupported."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name or not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(new), at_fdcwd, os.fsencode(old), _RENAME_EXCHANGE)
    return result == 0


def replace_directory(new: Path, target: Path) -> None:
    """Put ``new`` where ``target`` is; readers of ``target`` see the old or the new, whole."""
    if target.exists() and _exchange(new, target):
        shutil.rmtree(new)  # ``new`` now holds the previous site
        return
    if target.exists():
        retired = target.with_name(f".{target.name}.old-{os.getpid()}")
        os.replace(target, retired)
        os.replace(new, target)
        shutil.rmtree(retired, ignore_errors=True)
    else:
        os.replace(new, target)


def build_site(config_file: Path, site_dir: Path, strict: bool = False) -> int:
    """Build the site; returns the process exit code (0 built, 1 content or build errors)."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    site_dir = Path(site_dir).resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.new-", dir=site_dir.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; a published site is world-readable
    if strict:
        os.environ["EXPLAINER_STRICT"] = "1"
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s - %(message)s")
    try:
        config = load_config(str(config_file), site_dir=str(staging), strict=strict)
        build(config)
    except (Abort, MkDocsException, ContentError) as exc:
        shutil.rmtree(staging, ignore_errors=True)
        message = str(exc).strip()
        if message:
            print(message, file=sys.stderr)
        print(f"build failed; {site_dir.name}/ was left as it was", file=sys.stderr)
        return 1
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    replace_directory(staging, site_dir)
    print(f"built {site_dir}")
    return 0
