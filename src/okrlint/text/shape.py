"""What the shape of a key-result sentence says, where no lexicon word does.

No list will ever hold every verb of work a team can write, so the reader also looks at the
sentence's structure, with general English knowledge only:

- an imperative: a sentence that opens with a word that is not a known noun, adjective or
  function word, followed by a determiner or a count ("Refactor the ...", "Digitise our ...",
  "Visit five ..."), is the team being told to do something;
- a perfect ("We've published ...", "The team has documented ...") marks work as done;
- a target may be written without a plain figure: a placeholder (X%, N3), a multiple
  ("doubles"), a rank ("top 5"), an open-ended level ("4.5 or higher"), a time limit ("within
  the first 14 days");
- a cadence word in front of a measure names the measure ("monthly visits"), it sets no target.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the tokenizer is loaded with the reader, not with the rules that judge
    from okrlint.text.tokens import Doc


@dataclass(frozen=True)
class StructureWords:
    """The pack's word lists the structure is read with (`kind: words` lexicons)."""

    not_verbs: frozenset[str]
    object_openers: frozenset[str]
    perfect_auxiliaries: frozenset[str]
    perfect_subjects: frozenset[str]


# Verb endings that make a word a verb even before a bare noun ("Digitise intake forms").
_VERB_ENDINGS = ("ise", "ize", "ify", "ate")

_PLACEHOLDER = re.compile(r"(?<![\w.])(?:[XYNZ]{1,2}\d*\s?%|[XYZ]{1,2}\s?(?:k|m|x)\b|N\d+\b)")
_MULTIPLE = re.compile(
    r"\b(?:doubles?|doubled|doubling|triples?|tripled|tripling|quadruples?|quadrupled|halves|"
    r"halved|halving|twofold|threefold|tenfold)\b"
    # "Weekly active teams x2": a multiplier written before its figure, as "2x" is after it.
    r"|(?<![\w.])(?-i:[x×])\s?(?:[1-9](?:\.\d)?|10)(?![\w.])",
    re.IGNORECASE,
)
# "top 5", and a place to take: "Be #1 in G2", "the number one choice" ("issue #12" is a label).
_RANK = re.compile(
    r"\btop[\s-](?:\d+|one|two|three|five|ten|twenty|fifty|hundred)\b"
    r"|\b(?:be|become|becomes|remain|remains|stay|stays|reach|ranks?|ranked|the|as|our)\s+"
    r"(?P<place>#\s?[1-9]|no\.\s?[1-9]|number\s+(?:one|two|three|1|2|3))(?![\d.])",
    re.I,
)
_OPEN_LEVEL = re.compile(
    r"\d(?:[\d.,]*)\s*%?\s*(?:\w+\s+)?or\s+(?:higher|more|better|above|greater|less|lower|fewer|"
    r"below|faster)\b",
    re.IGNORECASE,
)
_TIME_LIMIT = re.compile(
    r"\bwithin\s+(?:the\s+)?(?:first\s+|last\s+)?(?:\d+|one|two|three|four|five|six|seven|"
    r"ten|twelve|fourteen|thirty|ninety)\s*(?:-\s*)?(?:minutes?|hours?|days?|weeks?|months?|"
    r"business\s+days?|working\s+days?|h|d|ms|s)\b",
    re.IGNORECASE,
)


def unseen_work_verb(
    doc: Doc,
    lower: Sequence[str],
    index: int,
    known: Collection[int],
    words: StructureWords,
) -> bool:
    """True when the word at `index` opens an imperative with a verb no lexicon holds.

    `known` holds the token positions where some lexicon term starts (those words are known
    nouns, verbs or adjectives, and are read by their lexicon instead).
    """
    if index + 1 >= len(lower) or index in known:
        return False
    token = doc[index]
    word = lower[index]
    written = token.text
    if not token.is_alpha or len(word) < 3 or word in words.not_verbs:
        return False
    # An acronym or a name with inner capitals is a noun ("NPS 40", "GitHub stars").
    if written.isupper() or any(c.isupper() for c in written[1:]):
        return False
    # A plural noun or a third person ("Signups 500", "Revenue grows"), an adverb, a gerund
    # used as a noun is left to the lexicons.
    if (word.endswith("s") and not word.endswith("ss")) or word.endswith("ly"):
        return False
    following = doc[index + 1]
    nxt = lower[index + 1]
    if nxt in words.object_openers or (following.like_num and nxt not in ("one",)):
        return True
    return word.endswith(_VERB_ENDINGS) and following.is_alpha and nxt not in words.not_verbs


def perfect(
    lower: Sequence[str], index: int, participles: Collection[str], words: StructureWords
) -> int | None:
    """The position of the participle when the text opens with a perfect ("We've shipped ...",
    "The team has documented ..."), else None."""
    for at in range(index, min(index + 4, len(lower) - 1)):
        if lower[at] in words.perfect_auxiliaries:
            before = lower[at - 1] if at > 0 else ""
            if at != index and before not in words.perfect_subjects:
                return None
            after = at + 1
            while after < len(lower) and lower[after] in ("now", "already", "finally", "fully"):
                after += 1
            if after < len(lower) and is_participle(lower[after], participles):
                return after
            return None
    return None


def contraction_start(lower: Sequence[str], doc: Doc, start: int) -> int:
    """Where a span that opens on a contraction ("'ve shipped") starts when quoted: at the word
    it is glued to ("We've shipped")."""
    if start > 0 and lower[start][:1] in ("'", "’") and not doc[start - 1].whitespace_:
        return start - 1
    return start


def is_participle(word: str, participles: Collection[str]) -> bool:
    if word in participles:
        return True
    return len(word) > 4 and word.endswith("ed") and word.isalpha() and word != "need"


def rank(text: str) -> str | None:
    """A rank to reach ("top 5", "top-ten") as written, or None."""
    found = _RANK.search(text)
    return (found.group("place") or found.group()) if found else None


def target_form(text: str) -> str | None:
    """A target written without a plain figure, as written, or None."""
    for pattern in (_PLACEHOLDER, _MULTIPLE, _RANK, _OPEN_LEVEL, _TIME_LIMIT):
        found = pattern.search(text)
        if found:
            # A place to take is quoted without the verb before it ("#1", not "Be #1").
            place = found.group("place") if pattern is _RANK else None
            return (place or found.group()).strip()
    return None
