"""What staff write for the public is checked for labels, jargon and hard reading before it is published."""

from __future__ import annotations

from heard.reporting.checks import check_text


def test_labels_and_unexplained_acronyms_are_flagged_with_a_plainer_suggestion():
    notes = check_text("We spoke to vulnerable service users and told the ICB.")
    text = " ".join(notes)
    assert "vulnerable" in text.lower() and "service users" in text.lower() and "ICB" in text
    assert all("Try:" in note or note for note in notes)


def test_plain_words_pass():
    assert check_text("We spoke to 40 residents at the mosque. They told us how hard it is to see a GP.") == []
