"""Shared test set-up: tests import reference.py from this folder."""

from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

from hypothesis import settings

# CI runs the same examples every time (a red build is then reproducible, not a dice roll);
# a developer's runs keep exploring new ones.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")
