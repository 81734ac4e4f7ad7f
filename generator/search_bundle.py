"""Make a Pagefind bundle the same bytes for the same site.

Pagefind (1.5) writes each filter's values in the order of a hash map, which changes from run to
run, and names every filter file, and the metadata file that lists them, after a hash of their
bytes. So two builds of the same site would differ in ``filter/*.pf_filter``, in
``pagefind.<language>_<hash>.pf_meta`` and in ``pagefind-entry.json``. ``stabilise`` sorts those
values, renames the files after their new bytes the way Pagefind does (the SHA-1 of the CBOR
body), and points the metadata and the entry file at the new names. It also drops the three
ready-made interfaces Pagefind ships beside its engine: the site has its own
(``assets/javascripts/search.js``), and one of them was at times written empty.

The files are ``pagefind_dcd`` followed by CBOR, gzip-compressed; the small codec below reads
and writes exactly the CBOR Pagefind writes (definite lengths, shortest heads), which the tests
check by round trip on a real bundle.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

SIGNATURE = b"pagefind_dcd"
UNUSED = [
    f"pagefind-{name}.{ext}"
    for name in ("ui", "modular-ui", "component-ui")
    for ext in ("js", "css")
]
_SIMPLE = {False: 20, True: 21, None: 22}


class BundleFormatError(Exception):
    """The bundle is not in the format this module knows (another Pagefind version)."""


def stabilise(bundle: Path) -> None:
    """Rewrite ``bundle`` (one language's ``pagefind/`` folder) so its bytes depend on the
    site alone."""
    for name in UNUSED:
        (bundle / name).unlink(missing_ok=True)
    renamed = {}
    for path in sorted((bundle / "filter").glob("*.pf_filter")):
        name, values = read(path)
        values = sorted(([value, sorted(pages)] for value, pages in values), key=lambda v: v[0])
        renamed[path.stem] = write(bundle / "filter", path.stem.split("_")[0], 7, [name, values])
        if renamed[path.stem] != path.stem:  # already in order: the same name, just rewritten
            path.unlink()
    for path in sorted(bundle.glob("pagefind.*.pf_meta")):
        meta = read(path)
        filters = meta[3] if len(meta) > 3 else None
        if not isinstance(filters, list):
            raise BundleFormatError(f"{path}: no list of filters where Pagefind 1.5 puts it")
        meta[3] = sorted([name, renamed.get(file, file)] for name, file in filters)
        old = path.name[len("pagefind.") : -len(".pf_meta")]
        new = write(bundle, old.split("_")[0], 10, meta, prefix="pagefind.", suffix=".pf_meta")
        if new != old:
            path.unlink()
        entry = bundle / "pagefind-entry.json"
        entry.write_text(entry.read_text("utf-8").replace(f'"{old}"', f'"{new}"'), "utf-8")


def fragments(bundle: Path) -> list[dict]:
    """Every record of a bundle as Pagefind stored it (JSON: url, content, filters, meta), in
    the order of their file names: what the tests and the bench read back."""
    found = []
    for path in sorted((bundle / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        if not data.startswith(SIGNATURE):
            raise BundleFormatError(f"{path}: not a Pagefind data file")
        found.append(json.loads(data[len(SIGNATURE) :]))
    return found


def read(path: Path):
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise BundleFormatError(f"{path}: not a Pagefind data file")
    return decode(data[len(SIGNATURE) :])


def write(
    folder: Path,
    language: str,
    digits: int,
    value,
    prefix: str = "",
    suffix: str = ".pf_filter",
) -> str:
    """Write ``value`` under the name Pagefind would give it; returns the name's hash part."""
    body = encode(value)
    stem = f"{language}_{hashlib.sha1(body).hexdigest()[:digits]}"
    (folder / f"{prefix}{stem}{suffix}").write_bytes(gzip.compress(SIGNATURE + body, 9, mtime=0))
    return stem


def decode(data: bytes):
    value, end = _item(data, 0)
    if end != len(data):
        raise BundleFormatError("bytes left after the CBOR value")
    return value


def _head(data: bytes, at: int) -> tuple[int, int, int]:
    major, info = data[at] >> 5, data[at] & 31
    if info < 24:
        return major, info, at + 1
    size = {24: 1, 25: 2, 26: 4, 27: 8}.get(info)
    if size is None:
        raise BundleFormatError(f"CBOR item of indefinite or reserved length ({info})")
    return major, int.from_bytes(data[at + 1 : at + 1 + size], "big"), at + 1 + size


def _item(data: bytes, at: int):
    major, arg, at = _head(data, at)
    if major == 0:
        return arg, at
    if major == 1:
        return -1 - arg, at
    if major in (2, 3):
        raw = data[at : at + arg]
        return (bytes(raw) if major == 2 else raw.decode("utf-8")), at + arg
    if major in (4, 5):
        items = []
        for _ in range(arg if major == 4 else 2 * arg):
            item, at = _item(data, at)
            items.append(item)
        return (items if major == 4 else dict(zip(items[::2], items[1::2], strict=True))), at
    if major == 7 and arg in _SIMPLE.values():
        return {v: k for k, v in _SIMPLE.items()}[arg], at
    raise BundleFormatError(f"CBOR item of a type Pagefind does not write ({major}/{arg})")


def _encode_head(major: int, arg: int) -> bytes:
    if arg < 24:
        return bytes([major << 5 | arg])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if arg < 1 << (8 * size):
            return bytes([major << 5 | info]) + arg.to_bytes(size, "big")
    raise BundleFormatError(f"integer too large for CBOR: {arg}")


def encode(value) -> bytes:
    if value is None or isinstance(value, bool):
        return bytes([0xE0 | _SIMPLE[value]])
    if isinstance(value, int):
        return _encode_head(0, value) if value >= 0 else _encode_head(1, -1 - value)
    if isinstance(value, bytes):
        return _encode_head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _encode_head(3, len(raw)) + raw
    if isinstance(value, list):
        return _encode_head(4, len(value)) + b"".join(encode(v) for v in value)
    if isinstance(value, dict):
        pairs = b"".join(encode(k) + encode(v) for k, v in value.items())
        return _encode_head(5, len(value)) + pairs
    raise BundleFormatError(f"no CBOR form for {type(value).__name__}")
