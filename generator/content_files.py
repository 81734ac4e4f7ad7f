"""Reading a content file: a regular file inside its investigation's folder, and never more of
it than the size limit.

Content arrives in pull requests, and a reviewer reads the YAML, not the file system: a symbolic
link committed as ``pages/leak.md`` would otherwise publish whatever it points at on the build
machine (a key, a password file), and one pointing at ``/dev/zero`` would be read until the
machine runs out of memory (its size reads as 0, so a size check alone passes it). So every
content file is resolved to its real path first: it must lie inside the investigation's own
folder (a link from one of its files to another is harmless) and be a regular file, and it is
read only after that, at most one byte past the limit.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from generator.diagnostics import Diagnostic, Location, too_large
from generator.limits import MAX_FILE_BYTES

_PIECE = 64 * 1024  # read beyond the reported size, in case it was not the whole file
_LINKED_OUT_HINT = "copy the file into the investigation's folder instead of linking to it"


def outside_problem(path: Path, root: Path, shown: str) -> Diagnostic | None:
    """Why ``path`` may not be read as content of the investigation in ``root``, or None.

    Only names are looked at (the link and the folder it leads to), never the target's bytes.
    """
    try:
        real = path.resolve(strict=True)
    except FileNotFoundError:
        return Diagnostic(
            Location(shown, 1, 1),
            f"'{path.name}' is a link to a file that does not exist",
            _LINKED_OUT_HINT,
        )
    except (OSError, RuntimeError):  # a loop of links, or no permission to look
        return Diagnostic(
            Location(shown, 1, 1), f"'{path.name}' cannot be opened as a file", _LINKED_OUT_HINT
        )
    if not real.is_relative_to(Path(root).resolve()):
        return Diagnostic(
            Location(shown, 1, 1),
            f"'{path.name}' is a link to something outside this investigation",
            _LINKED_OUT_HINT,
        )
    return None


def kind_problem(mode: int, path: Path, shown: str) -> Diagnostic | None:
    """Why a file of this kind (from its stat mode) is not content, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    kind = "a folder" if stat.S_ISDIR(mode) else "a device, pipe or socket"
    return Diagnostic(
        Location(shown, 1, 1),
        f"'{path.name}' is {kind}, not a regular file",
        "content files are plain text files saved in the investigation's folder",
    )


def read_content_bytes(
    path: Path, root: Path, shown: str, limit: int = MAX_FILE_BYTES
) -> tuple[bytes | None, list[Diagnostic]]:
    """The bytes of a content file, or the diagnostic that says why it was not read.

    The size the file system reports is checked first (a large file is refused unread), and the
    read itself stops one byte past ``limit``: a file that grows while it is read, or one that
    reports no size, cannot make the build read more.
    """
    problem = outside_problem(path, root, shown)
    if problem is not None:
        return None, [problem]
    try:
        # O_NONBLOCK: should a pipe take the file's place after the check, opening it must
        # not wait for a writer; fstat below refuses it
        descriptor = os.open(path.resolve(), os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        return None, [Diagnostic(Location(shown, 1, 1), f"cannot read file: {exc.strerror}")]
    status = os.fstat(descriptor)
    problem = kind_problem(status.st_mode, path, shown)
    if problem is None and status.st_size > limit:
        problem = too_large(status.st_size, shown)
    if problem is not None:
        os.close(descriptor)
        return None, [problem]
    try:
        data = _read_at_most(descriptor, limit + 1, status.st_size)
    except OSError as exc:
        return None, [Diagnostic(Location(shown, 1, 1), f"cannot read file: {exc.strerror}")]
    if len(data) > limit:
        return None, [
            Diagnostic(
                Location(shown, 1, 1),
                f"file holds more than the {_amount(limit)} limit (its size was not known "
                "before it was read)",
                "is this the right file? Content files are plain text files",
            )
        ]
    return data, []


def _read_at_most(descriptor: int, most: int, expected: int) -> bytes:
    """Up to ``most`` bytes, in pieces the size of what is left of the ``expected`` size (a
    single read of ``most`` would set aside the whole limit for every small file)."""
    chunks: list[bytes] = []
    total = 0
    with os.fdopen(descriptor, "rb", buffering=0) as handle:
        while total < most:
            chunk = handle.read(min(max(expected - total, 0) + _PIECE, most - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    return b"".join(chunks)


def _amount(size: int) -> str:
    return f"{size // 2**20} MB" if size >= 2**20 else f"{size:,} bytes"
