"""Unique slugs for records people name (organisations, communities, projects)."""

from __future__ import annotations

from django.db import models
from django.utils.text import slugify


def unique_slug(model: type[models.Model], name: str, fallback: str) -> str:
    """A slug for `name` not yet used by `model` ("polska-pomoc", then "polska-pomoc-2", ...)."""
    base = slugify(name)[:70] or fallback
    slug, n = base, 2
    while model._default_manager.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug
