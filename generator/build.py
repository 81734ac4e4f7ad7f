"""``python -m generator build``: validate, build into a staging folder, then swap it in.

A failed build (bad content, a crash, a full disk) must leave the last good site untouched, so
MkDocs never writes into site/ itself: it builds into a staging folder beside it
(``.site.new-XXXXXXXX``), and only a complete build replaces site/, by an atomic exchange of the
two folders where the system offers one (Linux ``renameat2``). Whoever looks at site/, even
while a build is killed, sees the old site or the new one, whole, never a mixture.

- A build killed before the swap leaves its staging folder behind (and one killed just after,
  the previous site under that name); the next build removes such stale folders first.
- Two builds into the same site/ take turns rather than fail: each holds an exclusive lock
  (``flock`` on ``.site.lock`` beside site/, removed when done) from that clean-up until after
  its swap. The second says it is waiting, then builds from the content as it is by then, so
  site/ ends up showing the latest content; and no build ever removes the staging folder of
  one still running. The lock is the kernel's: a killed build releases it with its process.
- A build that cannot write (a full disk, a file size limit, permissions) stops with one line,
  exit code 1, and site/ untouched.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import glob
import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path

from generator.diagnostics import ContentError

try:
    import fcntl
except ImportError:  # not on Windows: builds there do not wait for each other
    fcntl = None

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
        shutil.rmtree(new, ignore_errors=True)  # ``new`` now holds the previous site
        return
    if target.exists():
        retired = target.with_name(f".{target.name}.old-{os.getpid()}")
        os.replace(target, retired)
        try:
            os.replace(new, target)
        except OSError:
            os.replace(retired, target)
            raise
        shutil.rmtree(retired, ignore_errors=True)
    else:
        os.replace(new, target)


def _lock(site_dir: Path) -> int | None:
    """Take the exclusive build lock of ``site_dir``, waiting while another build holds it."""
    if fcntl is None:
        return None
    path = site_dir.with_name(f".{site_dir.name}.lock")
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                print(f"waiting for another build into {site_dir.name}/ to end", file=sys.stderr)
                fcntl.flock(fd, fcntl.LOCK_EX)
            # the build before us removes the file when done: hold the lock of the one there now
            try:
                current = os.stat(path)
            except FileNotFoundError:
                current = None
            if current is not None and os.path.samestat(current, os.fstat(fd)):
                return fd
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)


def _unlock(fd: int | None, site_dir: Path) -> None:
    if fd is None:
        return
    site_dir.with_name(f".{site_dir.name}.lock").unlink(missing_ok=True)
    os.close(fd)


def _remove_leftovers(site_dir: Path) -> None:
    """What killed builds left beside site/: staging folders, and a retired site (put back
    first if a build died between moving it away and moving its own in, where renameat2 is
    missing)."""
    name = glob.escape(site_dir.name)
    retired = sorted(site_dir.parent.glob(f".{name}.old-*"))
    if retired and not site_dir.exists():
        os.replace(retired.pop(), site_dir)
    for leftover in [*retired, *site_dir.parent.glob(f".{name}.new-*")]:
        if leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)


def _os_problem(exc: OSError, staging: Path | None) -> str:
    """'File too large (assets/app.js)': the reason, and the file inside the site if known."""
    reason = exc.strerror or str(exc)
    for name in (exc.filename2, exc.filename):  # a copy names its source first
        if name and staging and Path(os.fsdecode(name)).is_relative_to(staging):
            return f"{reason} ({Path(os.fsdecode(name)).relative_to(staging).as_posix()})"
    return f"{reason} ({os.fsdecode(exc.filename)})" if exc.filename else reason


def build_site(config_file: Path, site_dir: Path, strict: bool = False) -> int:
    """Build the site; returns the process exit code (0 built, 1 content or build errors)."""
    site_dir = Path(site_dir).resolve()
    try:
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        lock = _lock(site_dir)
    except OSError as exc:
        print(f"build failed: {_os_problem(exc, None)}", file=sys.stderr)
        return 1
    try:
        return _build_locked(config_file, site_dir, strict)
    finally:
        _unlock(lock, site_dir)


def finish_site(out: Path, site_dir: Path) -> int:
    """Put the plain trees' built sites together (``python -m generator render``, then a
    builder in each ``OUT/<language>``) and finish them, then swap the result into site/ as a
    build does; returns the exit code."""
    from generator.finish import FinishError, assemble, finish
    from generator.plain_tree import MANIFEST

    out, site_dir = Path(out), Path(site_dir).resolve()
    try:
        languages = (out / MANIFEST).read_text("utf-8").split()
        epoch = int((out / "epoch.txt").read_text("utf-8"))
    except (OSError, ValueError):
        print(
            f"{out} holds no rendered trees: run `python -m generator render {out}`",
            file=sys.stderr,
        )
        return 1
    built = [out / language / "site" for language in languages]
    missing = [str(path) for path in built if not (path / "index.html").is_file()]
    if missing:
        print(f"not built yet: {', '.join(missing)}", file=sys.stderr)
        return 1
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    lock = _lock(site_dir)
    staging = None
    try:
        _remove_leftovers(site_dir)
        staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.new-", dir=site_dir.parent))
        staging.chmod(0o755)
        assemble(built, staging)
        finish(staging, epoch)
        replace_directory(staging, site_dir)
    except FinishError as exc:
        print(f"{exc}\nfinish failed; {site_dir.name}/ was left as it was", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"finish failed: {_os_problem(exc, staging)}", file=sys.stderr)
        return 1
    finally:
        if staging is not None and staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
        _unlock(lock, site_dir)
    print(f"finished {site_dir}")
    return 0


def _build_locked(config_file: Path, site_dir: Path, strict: bool) -> int:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from generator.mkdocs_plugin import FrontEndError, build_with_mkdocs

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s - %(message)s")
    untouched = f"{site_dir.name}/ was left as it was"
    staging = None
    try:
        _remove_leftovers(site_dir)
        staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.new-", dir=site_dir.parent))
        staging.chmod(0o755)  # mkdtemp makes it private; a published site is world-readable
        build_with_mkdocs(config_file, staging, strict)
        replace_directory(staging, site_dir)
    except (FrontEndError, ContentError) as exc:
        message = str(exc).strip()
        if message:
            print(message, file=sys.stderr)
        print(f"build failed; {untouched}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"build failed: {_os_problem(exc, staging)}; {untouched}", file=sys.stderr)
        return 1
    finally:
        if staging is not None and staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    print(f"built {site_dir}")
    return 0
