"""The analysis tests use the small theme model that the root conftest.py gives every test
(heard.lib.classify.testing); `small_model` is imported here for the tests that compare against it."""

from __future__ import annotations

from heard.lib.classify.testing import SMALL, small_model, small_train_default

__all__ = ["SMALL", "small_model", "small_train_default"]
