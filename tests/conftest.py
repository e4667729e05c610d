"""Shared test set-up: tests import reference.py from this folder, and sigmoid_cli from the
source tree beside it (not an installed copy), in every xdist worker and from any directory."""

from __future__ import annotations

import os
import sys
from typing import Any

sys.path.insert(0, os.path.dirname(__file__))
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from hypothesis import settings

# CI runs the same examples every time (a red build is then reproducible, not a dice roll);
# a developer's runs keep exploring new ones.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")


def pytest_timeout_set_timer(item: Any, settings: Any) -> bool | None:
    """pytest-timeout's thread method (see pyproject.toml), with the stuck test's name first."""
    if settings.timeout <= 0 or settings.method != "thread":
        return None
    import threading

    import pytest_timeout

    def expire() -> None:
        item.config.get_terminal_writer().line(
            f"\nTIMEOUT: {item.nodeid} ran for more than {settings.timeout:g} s; its stack follows"
        )
        pytest_timeout.timeout_timer(item, settings)

    timer = threading.Timer(settings.timeout, expire)
    timer.daemon = True
    item.cancel_timeout = lambda: (timer.cancel(), timer.join())
    timer.start()
    return True
