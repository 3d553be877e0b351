"""A web process (gunicorn imports heard.wsgi in each worker) imports the chart library when it starts, so the
first person to open a dashboard does not wait about a second of a core for the import (issue 17)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.slow  # a process of its own, importing Django and matplotlib: several seconds on a busy machine
def test_importing_the_web_application_imports_matplotlib_before_any_request():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "heard.settings"}
    modules = ("matplotlib.figure", "matplotlib.backends.backend_svg")
    probe = f"import sys, heard.wsgi; print(*[m in sys.modules for m in {modules!r}])"
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split()[-2:] == ["True", "True"]
