"""The browser every browser test and page measurement drives: Debian's Chromium.

Playwright's own browser download does not work on the machines this project is tested on, so
its ``executable_path`` is always this one, launched with the same switches everywhere.
"""

from __future__ import annotations

CHROMIUM = "/usr/bin/chromium"
# No sandbox (containers), no GPU, and no traffic of the browser's own that a test or a
# measurement would count as the site's.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
