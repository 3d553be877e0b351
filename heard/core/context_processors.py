from __future__ import annotations

from typing import Any

from django.http import HttpRequest

# The loop, in the order people work through it: (label, URL name, section key).
NAVIGATION = [
    ("Partners", "partners:organisation-list", "partners"),
    ("Projects", "engagement:project-list", "projects"),
    ("Hear", "engagement:hear", "hear"),
    ("Understand", "engagement:understand", "understand"),
    ("Report", "engagement:report", "report"),
    ("Influence", "engagement:influence", "influence"),
    ("Learn", "engagement:learn", "learn"),
]


def heard(request: HttpRequest) -> dict[str, Any]:
    return {"navigation": NAVIGATION}
