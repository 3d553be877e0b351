"""The role x page matrix's rows for Learn (the governance app), in the same format as PAGES in
test_every_page_for_every_role.py (kept here so that file stays under 500 lines): what each role gets on GET
(anonymous, host_admin, host_staff, host_lead, partner, partner_lead, other_partner, steering, outsider), or on
posting nothing for pages that only take POST."""

from __future__ import annotations

from typing import Any

# fmt: off
LEARN_PAGES: dict[str, dict[str, Any]] = {
    "governance:stage":                 {"get": "in  200 200 200 200 200 200 200 200"},
    "governance:charter":               {"get": "in  200 200 200 404 404 404 200 404"},
    "governance:charter-version":       {"ids": {"pk": "charter"}, "get": "in  200 200 200 404 404 404 200 404"},
    "governance:charter-approve":       {"ids": {"pk": "charter"}, "post": "in  200 200 200 404 404 404 403 404"},
    "governance:members":               {"get": "in  200 200 200 404 404 404 200 404"},
    "governance:member":                {"ids": {"pk": "member"}, "get": "in  200 200 200 404 404 404 200 404"},
    "governance:member-end":            {"ids": {"pk": "member"}, "post": "in  200 200 200 404 404 404 403 404"},
    "governance:meetings":              {"get": "in  200 200 200 404 404 404 200 404"},
    "governance:meeting":               {"ids": {"pk": "meeting"}, "get": "in  200 200 200 404 404 404 200 404"},
    "governance:meeting-add":           {"ids": {"pk": "meeting", "what": "meeting_part"},
                                         "post": "in  400 400 400 404 404 404 403 404"},
    "governance:teams":                 {"get": "in  200 200 200 404 404 404 200 404"},
    "governance:team":                  {"ids": {"pk": "team"}, "get": "in  200 200 200 404 404 404 200 404"},
    "governance:team-join":             {"ids": {"pk": "team"}, "post": "in  200 200 200 404 404 404 403 404"},
    "governance:team-decide":           {"ids": {"pk": "team"}, "post": "in  200 200 200 404 404 404 403 404"},
    "governance:team-leave":            {"ids": {"pk": "team_place"},
                                         "post": "in  200 200 200 404 404 404 403 404"},
    "governance:actions":               {"get": "in  200 200 200 404 404 404 200 404"},
    "governance:action":                {"ids": {"pk": "action"}, "get": "in  200 200 200 404 404 404 200 404"},
    "governance:paper":                 {"ids": {"pk": "paper"}, "get": "in  200 200 200 404 404 404 200 404"},
    "governance:rounds":                {"get": "in  200 200 200 404 404 404 200 404"},
    "governance:round":                 {"ids": {"pk": "round"}, "get": "in  200 200 200 404 404 404 200 404"},
    "governance:round-answer":          {"ids": {"pk": "round"}, "post": "in  403 403 403 404 404 404 200 404"},
    "governance:round-close":           {"ids": {"pk": "round"}, "post": "in  302 302 302 404 404 404 403 404"},
    "governance:round-remind":          {"ids": {"pk": "round"}, "post": "in  302 302 302 404 404 404 403 404"},
    "governance:round-links":           {"ids": {"pk": "round"}, "post": "in  302 302 302 404 404 404 403 404"},
    "governance:answer-by-link":        {"ids": {"token": "pulse_token"},
                                         "get": "200 200 200 200 200 200 200 200 200"},
    "governance:toc-current":           {"get": "in  302 302 302 302 302 302 302 200"},
    "governance:toc":                   {"ids": {"pk": "toc"}, "get": "in  200 200 200 200 200 200 200 404"},
    "governance:toc-add-element":       {"ids": {"pk": "toc"}, "post": "in  400 400 400 403 403 403 403 404"},
    "governance:toc-approve":           {"ids": {"pk": "toc"}, "post": "in  400 400 400 403 403 403 403 404"},
    "governance:toc-xlsx":              {"ids": {"pk": "toc"}, "get": "in  200 200 200 200 200 200 200 404"},
    "governance:toc-pdf":               {"ids": {"pk": "toc"}, "get": "in  200 200 200 200 200 200 200 404"},
    "governance:toc-add-indicator":     {"ids": {"pk": "outcome"}, "post": "in  400 400 400 403 403 403 403 404"},
    "governance:toc-start":             {"post": "in  400 400 400 403 403 403 403 404"},
    "governance:toc-import":            {"post": "in  400 400 400 403 403 403 403 404"},
    "governance:reviews":               {"get": "in  200 200 200 404 404 404 200 404"},
    "governance:review-date":           {"ids": {"subject": "review_subject"},
                                         "post": "in  200 200 200 404 404 404 403 404"},
    "governance:review-record":         {"ids": {"subject": "review_subject"},
                                         "post": "in  200 200 200 404 404 404 403 404"},
    "governance:story":                 {"get": "in  200 200 200 200 200 200 200 200"},
    "governance:story-publish":         {"ids": {"pk": "entry"}, "post": "in  302 302 302 403 403 403 403 404"},
    "governance:standards":             {"get": "in  200 200 200 404 404 404 200 404"},
    "governance:public-story":          {"get": "200 200 200 200 200 200 200 200 200"},
    "governance:public-entry":          {"ids": {"pk": "entry"}, "get": "200 200 200 200 200 200 200 200 200"},
}
# fmt: on
