from __future__ import annotations

from typing import Any

from django.http import HttpRequest

# The loop, in the order people work through it: (label, URL name, section key).
NAVIGATION = [
    ("Partners", "partners:organisation-list", "partners"),
    ("Projects", "engagement:project-list", "projects"),
    ("Hear", "engagement:hear", "hear"),
    ("Understand", "engagement:understand", "understand"),
    ("Report", "reporting:stage", "report"),
    ("Influence", "influence:stage", "influence"),
    ("Learn", "governance:stage", "learn"),
]


def heard(request: HttpRequest) -> dict[str, Any]:
    return {"navigation": NAVIGATION}
