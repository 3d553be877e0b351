"""Drawn charts kept in memory, keyed by their specification's hash, so a report's HTML, PDF and Word files (and
the next request for the same report) draw each chart once. Drawing is cheap now (milliseconds for an SVG, tens
of milliseconds for Word's PNG) but a report for ten communities has a dozen or more, on every page view.

Per process, bounded (least recently used out first), safe across threads. A chart's drawing depends only on its
`ChartSpec` (and the dpi), never on who asks, so a cached drawing is the drawing anyone would get.
"""

from __future__ import annotations

import functools
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, Final, TypeVar

from heard.lib.documents.model import ChartSpec

MAX_CHARTS: Final = 128  # an SVG is 5-20 kB, a PNG 40-150 kB: at most about 20 MB
Drawn = TypeVar("Drawn", str, bytes)

_drawn: OrderedDict[tuple[str, str, tuple[Any, ...]], str | bytes] = OrderedDict()
_lock = threading.Lock()
stats = {"drawn": 0, "reused": 0}


def key_of(spec: ChartSpec) -> str:
    return hashlib.sha256(repr(spec).encode()).hexdigest()


def cached(kind: str) -> Callable[[Callable[..., Drawn]], Callable[..., Drawn]]:
    """Decorates a function (spec, *args) -> the drawing: the same spec and arguments give the kept drawing."""

    def decorate(draw: Callable[..., Drawn]) -> Callable[..., Drawn]:
        @functools.wraps(draw)
        def wrapper(spec: ChartSpec, *args: Any, **kwargs: Any) -> Drawn:
            key = (kind, key_of(spec), (*args, *sorted(kwargs.items())))
            with _lock:
                if key in _drawn:
                    _drawn.move_to_end(key)
                    stats["reused"] += 1
                    return _drawn[key]  # type: ignore[return-value]
            result = draw(spec, *args, **kwargs)
            with _lock:
                _drawn[key] = result
                stats["drawn"] += 1
                while len(_drawn) > MAX_CHARTS:
                    _drawn.popitem(last=False)
            return result

        return wrapper

    return decorate


def clear() -> None:
    with _lock:
        _drawn.clear()
        stats.update(drawn=0, reused=0)
