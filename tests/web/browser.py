"""Headless Chromium (Debian's `chromium`) driven by Playwright, for the browser tests.

Playwright's own browser download does not work here, so the system browser is launched by
path; the tests skip, saying why, only when no Chromium can be found. Playwright gives every
launch a fresh temporary profile (it refuses a --user-data-dir argument to `launch`).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

# Without the background-networking flags Chromium keeps calling home on a closed network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def find_chromium() -> Path | None:
    """$STORYLINE_CHROMIUM, Debian's /usr/bin/chromium, or a chromium on the PATH."""
    for candidate in (
        os.environ.get("STORYLINE_CHROMIUM"),
        "/usr/bin/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return Path(candidate)
    return None
