"""Funders, pots, bids, budgets, allocations to partners, payments with holdback, and recompense to residents."""

from __future__ import annotations
