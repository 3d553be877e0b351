"""People's names, found with lists, titles and context rather than a model.

A capitalised word is a name when
- it follows a title ("Dr Okafor", "Nurse Aisha", "Mrs. Kaczmarek"), or words that introduce a name ("called
  Sarah", "my name is Abdi", "I am Tomasz"), or a relation or role ("my son Yusuf", "the pharmacist, Kwabena"),
  and is not a place or an ordinary word that no name list has; or
- it is on the first-name list and is not also an ordinary word ("Will", "May", "Grace" need context), a place,
  or part of a place ("Holloway Road", "St Pancras", "Barnsbury Medical Practice").
A name then runs on over the capitalised words that follow it ("Kwame Asante", "Mary Flanagan").
Titles stay in the text; only the name is redacted.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Final

from heard.lib.redaction.lexicon import Lexicon, lexicon
from heard.lib.redaction.patterns import DATE
from heard.lib.redaction.spans import Kind, Span


def _split(words: str) -> list[str]:
    return words.split()


WORD: Final = re.compile(r"[^\W\d_](?:[\w'’\-]*[^\W_])?")
POSSESSIVE: Final = re.compile(r"['’]s$")

TITLES: Final = frozenset(
    _split(
        "dr doctor mr mrs ms miss mx nurse sister matron prof professor sir dame lady lord rev reverend "
        "father imam pastor auntie aunty uncle mister madam"
    )
)
# Words that introduce a name straight after them ("called Sarah", "named Thompson").
NAMING: Final = frozenset(_split("called named call"))
NAMING_PAIRS: Final = frozenset({("name", "is"), ("name", "was"), ("known", "as"), ("names", "are")})
RELATIONS: Final = frozenset(
    _split(
        "son daughter husband wife partner mum mom mother mam dad father brother sister friend neighbour "
        "neighbor carer grandson granddaughter grandmother grandfather grandma grandad granddad nan nanna "
        "gran auntie aunt aunty uncle niece nephew cousin boyfriend girlfriend fiance fiancee child baby girl "
        "boy kid kids children sons daughters brothers sisters son-in-law daughter-in-law mother-in-law "
        "father-in-law brother-in-law sister-in-law stepson stepdaughter stepmother stepfather twin colleague "
        "flatmate landlord landlady gp doctor nurse midwife visitor pharmacist receptionist physio "
        "physiotherapist therapist consultant surgeon dentist paramedic dietitian dietician manager teacher "
        "interpreter translator advocate counsellor caseworker officer worker psychiatrist psychologist "
        "registrar practitioner optician podiatrist volunteer coordinator lead chaplain matron "
        "sister-in-charge assistant hca technician radiographer cleaner porter driver keyworker key-worker "
        "health-visitor"
    )
)
DETERMINERS: Final = frozenset(_split("my our his her their the a an your mum's dad's"))
ADJECTIVES: Final = frozenset(
    _split("little youngest eldest oldest older younger elder baby late new old lovely best dear")
)
VERBS: Final = (
    ("thank",),
    ("thanks",),
    ("thanks", "to"),
    ("thank", "you", "to"),
    ("ask", "for"),
    ("asked", "for"),
    ("ask",),
    ("spoke", "to"),
    ("speak", "to"),
    ("talk", "to"),
    ("saw",),
    ("seen", "by"),
    ("see",),
    ("spoke", "with"),
    ("speak", "with"),
    ("talked", "to"),
    ("talked", "with"),
    ("interview", "with"),
    ("interviewed",),
    ("met", "with"),
    ("call",),
    ("ring",),
    ("email",),
    ("contact",),
    ("from",),
)
# Labels that, with a colon or dash after them, introduce a person ("Contact: Abdi Warsame", "Name - Marta").
LABELS: Final = frozenset(
    _split(
        "name names contact contacts details resident residents interviewee interviewer participant participants "
        "patient client carer from by interpreter translator respondent caller person author referrer attendee "
        "member user service-user spokesperson signed recorded volunteer facilitator cc to"
    )
)
LABEL_GAP: Final = re.compile(r"^\s*(?::|-|–|—)\s*$")
CALENDAR: Final = frozenset(
    _split(
        "january february march april may june july august september october november december monday tuesday "
        "wednesday thursday friday saturday sunday christmas easter eid diwali ramadan summer winter spring"
    )
)
SPEECH: Final = frozenset(_split("said says told tells asked asks explained replied"))
# Lower-case words that follow a person's name where a place or a thing is unlikely ("Sipho Dlamini said").
PERSON_NEXT: Final = frozenset(
    _split(
        "said says told tells asked asks thinks thought wants wanted was is has had came comes could cannot can't "
        "couldn't can rang rings helps helped brought brings felt feels would lives lived needs needed prefers "
        "preferred spoke speaks explained got gets went goes died gave gives wrote writes works worked cares cared "
        "uses used lost found agreed complained waited tried who whose and feel did does didn't doesn't isn't "
        "wasn't hasn't will won't should might must never always still also just reported shared described "
        "mentioned added recalled remembered raised called calls stays stayed moved arrived left saw sees both"
    )
)
# A word followed by one of these is part of a place or service ("Holloway Road", "Coyle ward").
PLACE_NEXT: Final = frozenset(
    _split(
        "road rd street st lane avenue grove close way place gardens terrace square crescent drive walk hill "
        "park row mews court estate green rise parade yard passage villas buildings house tower point lodge "
        "mansions building hospital hospitals practice surgery medical centre center clinic health ward wards church "
        "mosque temple gurdwara synagogue school college university library station line junction community "
        "group council trust hall unit team service services foundation partnership network primary pharmacy "
        "chemist chemists hospice care trust's unit's street's centre's cafe market shop store"
    )
)
# Words after a name that make it a programme or a service, not a person ("Desmond course").
SERVICE_NEXT: Final = frozenset(_split("course courses programme program scheme project award fund ward"))
# Particles inside a name ("Ana de Souza", "Mr Van der Berg").
PARTICLES: Final = frozenset(
    _split("van der den de da do dos das del della la le von ter ten bin binti bint al el ibn")
)
# Organisations and places named after people: never redacted as a person.
ORGANISATIONS: Final = re.compile(
    r"\b(?:Marie Curie|Helen Bamber|Florence Nightingale|Mary Seacole|James Cook|Bishop Auckland|Queen Elizabeth"
    r"|Queen Mary(?:'s)?|Princess Alexandra|Princess Royal|King George|Prince Charles|John Radcliffe|Sue Ryder"
    r"|Terrence Higgins|Mildmay Mission|Tommy's|Barnardo's|Great Ormond|Sadler's Wells|Albert Hall"
    r"|Royal Free|Royal London|Freeman Hospital|Jubilee Line|Victoria Line|Victoria Park|King's Cross)\b"
)
# Endings of words people use to describe themselves ("I am Autistic", "I am Housebound", "I am Eritrean").
DESCRIBING: Final = re.compile(r"(?:ic|less|ed|ous|ful|al|ive|ish|ese|ant|ent|ble|bound|ary|ory|ing|ian|ean|ist)$")
NUMBER_NEXT: Final = re.compile(r" ?\d")
LOWER_CUES: Final = TITLES | NAMING | RELATIONS
PLACE_BEFORE: Final = frozenset(_split("st st. saint"))
# Capitalised words that are roles, never names, even after a title ("Nurse Practitioner").
ROLES: Final = frozenset(
    _split(
        "practitioner specialist manager consultant registrar associate assistant doctor nurse sister matron "
        "staff team receptionist reception who mayor mayoress councillor chancellor bishop justice minister "
        "secretary director chief officer lieutenant commissioner chair chairman chairwoman governor"
    )
)


def _is_capitalised(word: str) -> bool:
    return word[0].isupper() and not word.isupper()


def _sentence_start(text: str, start: int) -> bool:
    before = text[max(0, start - 40) : start].rstrip(" \t\"'“‘(")
    return not before or before[-1] in ".!?:;\n"


class _Finder:
    def __init__(self, text: str, taken: Sequence[Span], words: Lexicon) -> None:
        self.text = text
        self.words = words
        organisations = [Span(m.start(), m.end(), Kind.NAME, m.group()) for m in ORGANISATIONS.finditer(text)]
        blocked = [*taken, *organisations]
        self.all_tokens = list(WORD.finditer(text))
        self.lower = [m.group().lower() for m in self.all_tokens]
        self.allowed = _outside(self.all_tokens, blocked) if blocked else None

    def base(self, i: int) -> str:
        return POSSESSIVE.sub("", self.all_tokens[i].group())

    def gap(self, i: int) -> str:
        """The characters between token i-1 and token i."""
        return self.text[self.all_tokens[i - 1].end() : self.all_tokens[i].start()] if i > 0 else ""

    def is_placey(self, i: int) -> bool:
        word = self.base(i)
        if word in self.words.places:
            return True
        nxt = i + 1
        if nxt < len(self.all_tokens) and self.gap(nxt).strip() == "" and self.lower[nxt] in PLACE_NEXT:
            return True
        return i > 0 and self.lower[i - 1] in PLACE_BEFORE

    @staticmethod
    def unnamey(word: str) -> bool:
        """Titles and roles are never names themselves ("Dr", "Nurse Practitioner")."""
        lower = word.lower().rstrip(".")
        return lower in ROLES or lower in TITLES

    def listed(self, word: str) -> bool:
        if word in self.words.first_names or word in self.words.surnames:
            return True
        parts = word.split("-")  # "Owusu-Ansah", "Mensah-Bonsu"
        return len(parts) > 1 and all(p in self.words.first_names or p in self.words.surnames for p in parts)

    def foreign(self, word: str) -> bool:
        """Not an English word, an ordinary word or a place: a hint, never proof, that a word is a name."""
        lower = word.lower()
        if lower in self.words.english or lower in self.words.common_words or word in self.words.places:
            return False
        return all(part.lower() not in self.words.english for part in word.split("-"))

    def ordinary(self, word: str) -> bool:
        return word.lower() in self.words.common_words

    def context(self, i: int) -> str | None:
        """'strong' when the words before token i introduce a name, 'verb' for weaker cues, else None."""
        if i == 0:
            return None
        gap = self.gap(i)
        prev = self.lower[i - 1].rstrip(".")
        if prev in TITLES and gap.strip(" .") == "" and "\n" not in gap:
            return "strong"
        if prev in LABELS and LABEL_GAP.match(gap):
            return "label"
        if gap.strip(" ,:") != "" or "\n" in gap:
            return None
        if prev in NAMING:
            return "strong"
        if i >= 2 and (self.lower[i - 2], prev) in NAMING_PAIRS:
            return "strong"
        if prev == "name's" and gap.strip() == "":
            return "strong"
        if (prev in ("i'm", "im") and gap.strip() == "") or (i >= 2 and (self.lower[i - 2], prev) == ("i", "am")):
            return "self"  # "I am Tomasz", but also "I am Housebound": only listed names count
        if prev in ("is", "was") and i >= 3 and self.lower[i - 2] in RELATIONS and self.lower[i - 3] in DETERMINERS:
            return "strong"  # "my keyworker is Dunya"
        if prev in RELATIONS:
            for back in (2, 3):
                if i - back < 0:
                    break
                word = self.lower[i - back]
                if word in DETERMINERS:
                    return "strong"
                if word not in ADJECTIVES and word not in RELATIONS and word != "in-law":
                    break
        for verb in VERBS:
            n = len(verb)
            if i - n >= 0 and tuple(self.lower[i - n : i]) == verb:
                return "verb"
        return None

    def starts_name(self, i: int) -> str | None:
        """'strong' or 'weak' when token i starts a name (how sure we are), else None."""
        token = self.all_tokens[i]
        word = self.base(i)
        capitalised = _is_capitalised(word)
        if not capitalised and not word.isupper() and (i == 0 or self.lower[i - 1].rstrip(".") not in LOWER_CUES):
            return None  # the common case, decided before any other look-up
        if len(word) < 2 or self.unnamey(word):
            return None
        if capitalised and word in self.words.first_names and self.next_lower(i) in SPEECH and self.gap(i + 1) == " ":
            return "weak"  # "Victoria said", "Grace told us": a word that is also a name or a place, saying something
        if self.is_placey(i):
            return None
        cue = self.context(i)
        if not capitalised:
            # "the receptionist linda", "DR.PATEL", "mrs okonjo": only after a clear cue, and only listed names.
            spelled = word.capitalize()
            listed = self.listed(spelled) and not self.ordinary(word)
            after_title = i > 0 and self.lower[i - 1].rstrip(".") in (TITLES | NAMING)
            first_name = spelled in self.words.first_names and not self.ordinary(word)
            return "strong" if cue == "strong" and listed and (after_title or first_name or word.isupper()) else None
        if cue in ("strong", "label"):
            if self.listed(word) or not self.ordinary(word) or self.namey_next(i):
                return "strong"
            return None
        if cue == "self":
            if self.namey_next(i):
                return "strong"  # "I'm Precious Moyo": an ordinary word, then a surname
            if self.ordinary(word) or (not self.listed(word) and DESCRIBING.search(word)):
                return None
            return "strong"
        if (
            cue == "verb"
            and word in self.words.first_names
            and self.lower[i - 1] not in ("from", "see", "saw")
            and word.lower() not in CALENDAR
            and not _sentence_start(self.text, token.start())
        ):
            return "weak"  # "Thanks to Hope at the food bank", "spoke to Grace"
        if self.ordinary(word) or self.followed_by_number(i):
            return None
        if word in self.words.first_names:
            return "weak"
        if word in self.words.surnames and self.next_lower(i) in ("family", "household", "family's"):
            return "weak"
        if cue == "verb" and word in self.words.surnames and not _sentence_start(self.text, token.start()):
            return "weak"
        return "weak" if self.full_name_at(i, cue) else None

    def plain_capitalised(self, i: int) -> bool:
        """Token i could be part of a name: capitalised, not a role, place or ordinary word, not an acronym."""
        word = self.base(i)
        return (
            len(word) >= 2
            and not self.lower[i].startswith(("i'", "i’"))
            and _is_capitalised(word)
            and not self.unnamey(word)
            and not self.is_placey(i)
            and not self.ordinary(word)
        )

    def namey_next(self, i: int) -> bool:
        """After a cue, an ordinary word followed by a surname is a name ("I'm Precious Moyo", "Name: Hope Ndlovu")."""
        nxt = i + 1
        if nxt >= len(self.all_tokens) or self.gap(nxt) != " " or not self.plain_capitalised(nxt):
            return False
        word = self.base(nxt)
        return self.listed(word) or self.foreign(word)

    def full_name_at(self, i: int, cue: str | None) -> bool:
        """Two or three capitalised words where a person is likely ("Sipho Dlamini said", "Arben Hoxha, 56"):
        none an ordinary word, a place or a role; one on a name list, or all of them unlike English words; and
        followed by what follows people (a comma, a bracket, "said", "told", "and")."""
        if not self.plain_capitalised(i):
            return False
        j = i
        while j + 1 < len(self.all_tokens) and j - i < 2 and self.gap(j + 1) == " " and self.plain_capitalised(j + 1):
            j += 1
        if j == i or POSSESSIVE.search(self.all_tokens[i].group()):
            return False
        run = [self.base(k) for k in range(i, j + 1)]
        listed = any(self.listed(w) for w in run)
        foreign = all(self.foreign(w) for w in run)
        if not (listed or foreign):
            return False
        if i > 0 and self.lower[i - 1] in ("the", "a", "an", "this", "that", "our"):
            return False  # "the Anatolia Centre", "a Mare Street pharmacy": a thing, not a person
        after = self.text[self.all_tokens[j].end() : self.all_tokens[j].end() + 3]
        nxt = self.next_lower(j)
        if after[:1] in (",", "(", ";") or after[:2] in (" (", " -", " –"):
            return True
        if after[:1] == " " and DATE.match(self.text, self.all_tokens[j].end() + 1):
            return True  # "Nafisa Ahmed 15/08/1992 had her baby"
        if after[:1] == " " and nxt in PERSON_NEXT and self.gap(j + 1) == " ":
            return True
        end_of_sentence = not after.strip() or after[:1] in (".", "!", "?", ":")
        return (listed or cue == "verb") and (end_of_sentence or cue == "verb")

    def back_to_first_name(self, i: int, allowed: Sequence[bool], last_end: int) -> int:
        """A name found by its last part takes the given names before it ("Spoke to Iqra [Mahmood]")."""
        for _ in range(2):
            k = i - 1
            if k <= last_end or not allowed[k] or self.gap(i) != " " or not self.plain_capitalised(k):
                break
            if POSSESSIVE.search(self.all_tokens[k].group()) or self.lower[k] in PARTICLES:
                break
            word = self.base(k)
            if not (self.listed(word) or self.foreign(word)):
                break
            i = k
        return i

    def next_lower(self, i: int) -> str:
        return self.lower[i + 1] if i + 1 < len(self.all_tokens) else ""

    def followed_by_number(self, i: int) -> bool:
        """ "Rowan 1", "Victoria 2": a ward or a bay, not a person."""
        return bool(NUMBER_NEXT.match(self.text, self.all_tokens[i].end()))

    def continues_name(self, i: int) -> bool:
        if self.gap(i) != " ":
            return False
        word = self.base(i)
        if self.lower[i] in PARTICLES:
            nxt = i + 1
            return nxt < len(self.all_tokens) and self.gap(nxt) == " " and _is_capitalised(self.base(nxt))
        if len(word) < 2 or not _is_capitalised(word) or self.unnamey(word) or self.is_placey(i):
            return False
        return self.listed(word) or not self.ordinary(word)

    def find(self) -> Iterator[Span]:
        allowed = self.allowed or [True] * len(self.all_tokens)
        i = 0
        last_end = -1  # the index of the last token of the last name found
        while i < len(self.all_tokens):
            sure = self.starts_name(i) if allowed[i] else None
            if sure:
                i = self.back_to_first_name(i, allowed, last_end)
                j = i
                last_token = self.all_tokens[i]
                while (
                    j + 1 < len(self.all_tokens)
                    and j - i < 2
                    and not POSSESSIVE.search(self.all_tokens[j].group())
                    and allowed[j + 1]
                    and self.continues_name(j + 1)
                ):
                    j += 1
                while self.lower[j] in PARTICLES:  # a run never ends on "van" or "de"
                    j -= 1
                after = self.next_lower(j)
                if sure == "weak" and (after in PLACE_NEXT or after in SERVICE_NEXT):
                    i = j + 1  # "Helen Bamber Foundation", "Desmond course"
                    continue
                last_token = self.all_tokens[j]
                start = self.all_tokens[i].start()
                end = last_token.start() + len(self.base(j))
                yield Span(start, end, Kind.NAME, self.text[start:end])
                last_end = j
                i = j + 1
            else:
                i += 1


def _outside(tokens: Sequence[re.Match[str]], spans: Sequence[Span]) -> list[bool]:
    """For each token (in text order), whether it lies outside every span; about linear in tokens plus spans."""
    ordered = sorted((s.start, s.end) for s in spans)
    result = []
    k = 0
    for token in tokens:
        while k < len(ordered) and ordered[k][1] <= token.start():
            k += 1  # tokens come in text order: a span that ends before this one cannot touch a later token
        m = k
        overlapping = False
        while m < len(ordered) and ordered[m][0] < token.end():
            if ordered[m][1] > token.start():
                overlapping = True
                break
            m += 1
        result.append(not overlapping)
    return result


def find(text: str, taken: Sequence[Span] = ()) -> Iterator[Span]:
    """Names in `text`, outside the spans already `taken` by other kinds."""
    return _Finder(text, taken, lexicon()).find()
