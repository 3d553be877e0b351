"""`heard classify` judges all its texts' words at once (one pass over their letters, each distinct text once):
the answers are the ones `words_to_suggest_from` gives each text alone."""

from __future__ import annotations

from heard.lib.classify import shipped_training_data
from heard.lib.classify.readable import words_to_suggest_from, words_to_suggest_from_each
from heard.lib.tests.test_words_the_model_cannot_read import INTERPRETER, KNOWN

TEXTS = [
    "The nurse was kind and listened to everything I said.",
    "Great service",
    "",
    "   ",
    "10/10",
    INTERPRETER,
    "ডাক্তার আমার কথা শোনেননি",
    "Врач меня не выслушал",
    "Waxaan sugay saddex toddobaad oo dhakhtarka ma aan arag",
    "Lekarz nie chciał mnie słuchać i było mi bardzo przykro",
    "Çok uzun bekledim",
    "Muito bom",
    "The GP was rude. Врач меня не выслушал",  # mixed scripts
    "ΣΟΦΟΣ staff",  # a Greek final sigma next to an English word
    "Café staff were lovely",
    "Great service",  # the same text again
    "Lovely staff\x00 and a NUL",  # the separator the batch uses: judged text by text
]


def test_many_texts_get_the_answers_each_gets_alone() -> None:
    english = ["" if i % 5 else "A translation" for i in range(len(TEXTS))]
    expected = [words_to_suggest_from(t, e, "", KNOWN) for t, e in zip(TEXTS, english, strict=True)]
    assert words_to_suggest_from_each(TEXTS, english, KNOWN) == expected
    clean = TEXTS[:-1]
    assert words_to_suggest_from_each(clean, [""] * len(clean), KNOWN) == [
        words_to_suggest_from(t, "", "", KNOWN) for t in clean
    ]


def test_the_shipped_comments_get_the_answers_each_gets_alone() -> None:
    texts = shipped_training_data().texts
    known = frozenset(word for text in texts[::2] for word in text.lower().split())
    expected = [words_to_suggest_from(t, "", "", known) for t in texts]
    assert words_to_suggest_from_each(texts, [""] * len(texts), known) == expected
    assert expected.count(None) > 0  # some are judged unreadable: the test covers both answers
