"""Getters for `reporting`'s records: every request fetches them here (404 outside a person's scope)."""
