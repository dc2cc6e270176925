"""Numbers in key-result text, with their role: baseline, target, delta, threshold, count, date.

This layer works on the raw text with regular expressions, not on tokens: the tokenizer
splits "10k -> 15k" and "$1.2M" in ways that lose the number. Every mention keeps its character
span, so a message can quote it exactly.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import asdict, dataclass
from typing import Any

# Roles a number can play in a key result.
BASELINE = "baseline"
TARGET = "target"
DELTA = "delta"
THRESHOLD = "threshold"
COUNT = "count"
DATE = "date"
WINDOW = "window"
VERSION = "version"
# Roles that make a key result measurable (a date, a window or a version number does not).
MEASURING_ROLES = frozenset({BASELINE, TARGET, DELTA, THRESHOLD, COUNT})

_MONTHS = (
    "jan|january|feb|february|mar|march|apr|april|may|jun|june|jul|july|aug|august|sep|sept|"
    "september|oct|october|nov|november|dec|december"
)
_TIME_UNITS = (
    "ms|msec|milliseconds?|s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|d|days?|wks?|weeks?|"
    "mos?|months?|yrs?|years?|quarters?|sprints?"
)
_SIZE_UNITS = "[kmgtp]i?b(?:/s|ps)?|[kmg]bps|req/s|rps|qps|tps|fps"
_UNIT = rf"(?:%|pp|percent(?:age points?)?|points?|pts|x|×|{_TIME_UNITS}|{_SIZE_UNITS})"
_SCALE = r"(?:k|K|m|M|mm|MM|bn|BN|b|B)"
_NUMBER = (
    r"(?:(?P<currency>[$€£¥])\s?)?"
    r"(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
    rf"(?P<scale>{_SCALE}(?![a-zA-Z]))?"
    r"(?P<plus>\+)?"
    rf"(?:\s?(?P<unit>{_UNIT})(?![a-zA-Z]))?"
)
_MENTION = re.compile(rf"(?<![\w.#/@-]){_NUMBER}(?![\w])", re.IGNORECASE)
_REDACTED = re.compile(r"\bN\d+\b")
_WORD_NUMBERS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "fifty": 50,
    "hundred": 100,
    "dozen": 12,
    "half": 0.5,
    "double": 2,
    "triple": 3,
    "twice": 2,
}
_WORD = re.compile(r"\b(" + "|".join(_WORD_NUMBERS) + r")\b", re.IGNORECASE)

# Spans that look like numbers but are not amounts.
_DATES = re.compile(
    rf"\b(?:(?:19|20)\d\d-\d\d(?:-\d\d)?|(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+(?:19|20)\d\d)?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\b(?:,?\s+(?:19|20)\d\d)?"
    rf"|(?:{_MONTHS})\s+(?:19|20)\d\d|(?:19|20)\d\d(?:[-/](?:Q[1-4]|H[12]|\d\d))?"
    r"|FY\s?\d{2,4}(?:[-/]\d{2,4})?|\bQ[1-4]\b(?:\s+(?:FY\s?)?(?:19|20)?\d\d)?|\bH[12]\b"
    r"|\b(?:week|wk|day|month|sprint)\s+\d{1,2}\b(?=\s*(?:$|[,.;)]|of\b|and\b))"
    r"|\d{1,2}/\d{1,2}/\d{2,4})",
    re.IGNORECASE,
)
_BY_DATE = re.compile(
    rf"\b(?:by|before|until|till|in|on|at|after|during)\s+(?:the\s+)?(?:end\s+of\s+)?(?:{_MONTHS}|Q[1-4]|H[12]|"
    r"(?:19|20)\d\d|week\s+\d+|the\s+quarter|the\s+year|this\s+quarter|next\s+quarter|EOQ|EOY)",
    re.IGNORECASE,
)
_VERSION = re.compile(
    r"(?<![\w.])v?\d+(?:\.\d+){2,}\b|(?<![\w.])v\d+(?:\.\d+)?\b|\b\d+\.0\b(?!\s*[%x×])"
)
_WINDOW = re.compile(
    rf"(?<![\w.])\d+\s?-\s?(?:{_TIME_UNITS})\b|\b(?:week|day|month|wk|d|w|m)-?\d+\b(?!\s*%)"
    rf"|\b(?:within|in|after|over)\s+(?:the\s+)?(?:first\s+)?\d+\s+(?:{_TIME_UNITS})\s+(?:of|after|from)\b"
    rf"|\b(?:first|last|past|next)\s+\d+\s+(?:{_TIME_UNITS})\b"
    r"|\bper\s+\d+\b|\btop\s+\d+\s+(?=\w+\s+(?:by|of)\b)",
    re.IGNORECASE,
)

# Context words before a number that give it a role.
_ARROW = r"(?:->|→|=>|⇒|➝|➔|—>|-->)"
_BEFORE_THRESHOLD_DOWN = re.compile(
    r"(?:under|below|less\s+than|fewer\s+than|lower\s+than|at\s+most|no\s+more\s+than|"
    r"not\s+more\s+than|max(?:imum)?(?:\s+of)?|within|<=?|≤|down\s+to|no\s+higher\s+than|"
    r"beneath|shorter\s+than|faster\s+than|cap(?:ped)?\s+at)\s*$",
    re.IGNORECASE,
)
_BEFORE_THRESHOLD_UP = re.compile(
    r"(?:over|above|more\s+than|greater\s+than|higher\s+than|at\s+least|no\s+less\s+than|"
    r"not\s+less\s+than|minimum(?:\s+of)?|min\.?|>=?|≥|up\s+to|beyond|exceed(?:s|ing)?|"
    r"north\s+of|in\s+excess\s+of)\s*$",
    re.IGNORECASE,
)
_BEFORE_BASELINE = re.compile(
    r"(?:\bfrom(?:\s+(?:the\s+)?(?:current|today'?s|a\s+baseline\s+of|baseline|about|around|"
    r"approx\.?|approximately|~|an?\s+\w+\s+of))?|\bcurrently(?:\s+at)?|\bcurrent(?:ly)?:?|"
    r"\bbaseline(?:\s+of)?:?|\bup\s+from|\bdown\s+from|\btoday(?:\s+at)?:?|\bwas|\bvs\.?|"
    r"\bversus|\bcompared\s+(?:to|with)|\bstarting\s+(?:at|from)|\bbase:?)\s*~?\s*$",
    re.IGNORECASE,
)
_BEFORE_TARGET = re.compile(
    r"(?:\bto|\breach(?:ing)?|\btarget(?:\s+of)?:?|=|\bhit)\s*~?\s*$", re.IGNORECASE
)
_BEFORE_DELTA = re.compile(
    r"\bby\s+(?:at\s+least\s+|over\s+|more\s+than\s+|~|about\s+)?$", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class NumberMention:
    """A number as written, its value and unit, its role and where it is in the text."""

    text: str
    value: float | None
    unit: str
    kind: str
    role: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> NumberMention:
        return cls(**data)

    @property
    def measures(self) -> bool:
        return self.role in MEASURING_ROLES


def find_numbers(text: str) -> list[NumberMention]:
    """Every number in `text` with its role, in order of position."""
    excluded: list[tuple[int, int, str]] = []
    for pattern, role in ((_DATES, DATE), (_VERSION, VERSION), (_WINDOW, WINDOW)):
        excluded.extend((m.start(), m.end(), role) for m in pattern.finditer(text))
    for match in _BY_DATE.finditer(text):
        excluded.append((match.start(), match.end(), DATE))

    mentions: list[NumberMention] = []
    taken: list[tuple[int, int]] = []
    for match in _MENTION.finditer(text):
        start, end = match.span()
        while end > start and text[end - 1].isspace():
            end -= 1
        covered = _covering(excluded, start, end)
        if covered is not None:
            mentions.append(_plain(text, start, end, covered))
            taken.append((start, end))
            continue
        mentions.append(_mention(text, match, start, end))
        taken.append((start, end))
    for match in _REDACTED.finditer(text):
        mentions.append(NumberMention(match.group(), None, "", "redacted", COUNT, *match.span()))
        taken.append(match.span())
    for match in _WORD.finditer(text):
        if any(s <= match.start() < e for s, e in taken):
            continue
        word = match.group().lower()
        kind = "multiple" if word in ("double", "triple", "twice", "half") else "word"
        mentions.append(
            NumberMention(match.group(), float(_WORD_NUMBERS[word]), "", kind, COUNT, *match.span())
        )
    mentions.sort(key=lambda m: m.start)
    return _assign_roles(text, mentions)


def _covering(excluded: list[tuple[int, int, str]], start: int, end: int) -> str | None:
    for ex_start, ex_end, role in excluded:
        if ex_start <= start and end <= ex_end:
            return role
    return None


def _plain(text: str, start: int, end: int, role: str) -> NumberMention:
    return NumberMention(text[start:end], None, "", role, role, start, end)


def _mention(text: str, match: re.Match[str], start: int, end: int) -> NumberMention:
    number = float(match["number"].replace(",", ""))
    scale = (match["scale"] or "").lower()
    number *= {"k": 1e3, "m": 1e6, "mm": 1e6, "b": 1e9, "bn": 1e9}.get(scale, 1.0)
    unit = (match["unit"] or "").lower()
    currency = match["currency"] or ""
    if currency:
        kind, unit = "currency", currency
    elif unit in ("%", "percent", "pp") or unit.startswith(("percent", "point", "pt")):
        kind = "percent"
    elif unit in ("x", "×"):
        kind = "multiple"
    elif unit and re.fullmatch(_TIME_UNITS, unit):
        kind = "duration"
    elif unit:
        kind = "size"
    elif scale:
        kind = "count"
    else:
        kind = "count"
    return NumberMention(text[start:end], number, unit, kind, "", start, end)


def _assign_roles(text: str, mentions: list[NumberMention]) -> list[NumberMention]:
    result: list[NumberMention] = []
    amounts = [m for m in mentions if m.role == "" or m.role == COUNT]
    roles: dict[int, str] = {}
    # Ranges first: "from 32% to 45%", "32% -> 45%", "10k → 15k", "between 3 and 5".
    for first, second in itertools.pairwise(amounts):
        between = text[first.end : second.start]
        before = text[max(0, first.start - 40) : first.start]
        if re.fullmatch(rf"\s*(?:{_ARROW}|to|→)\s*", between, re.IGNORECASE) and (
            re.search(r"\bfrom\s*~?\s*$", before, re.IGNORECASE)
            or re.fullmatch(rf"\s*{_ARROW}\s*", between)
            or (first.unit == second.unit and first.kind == second.kind and first.kind != "count")
            or re.search(r"\b(?:from|currently|baseline)\b[^.;]*$", before, re.IGNORECASE)
        ):
            roles[id(first)], roles[id(second)] = BASELINE, TARGET
        elif re.fullmatch(r"\s*and\s*", between) and re.search(r"\bbetween\s*$", before, re.I):
            roles[id(first)], roles[id(second)] = THRESHOLD, TARGET
    for mention in amounts:
        if id(mention) in roles:
            continue
        before = text[max(0, mention.start - 40) : mention.start]
        if mention.kind == "multiple" and not _BEFORE_BASELINE.search(before):
            roles[id(mention)] = DELTA
        elif _BEFORE_BASELINE.search(before):
            roles[id(mention)] = BASELINE
        elif _BEFORE_DELTA.search(before):
            roles[id(mention)] = DELTA
        elif _BEFORE_THRESHOLD_DOWN.search(before) or _BEFORE_THRESHOLD_UP.search(before):
            roles[id(mention)] = THRESHOLD
        elif _BEFORE_TARGET.search(before):
            roles[id(mention)] = TARGET
    # A lone amount with no context word is the number to reach ("Reach 10,000 visits").
    unassigned = [m for m in amounts if id(m) not in roles]
    has_target = any(r in (TARGET, THRESHOLD) for r in roles.values())
    for mention in unassigned:
        roles[id(mention)] = COUNT if (has_target or len(unassigned) > 1) else TARGET
    for mention in mentions:
        role = roles.get(id(mention), mention.role)
        result.append(
            NumberMention(
                mention.text,
                mention.value,
                mention.unit,
                mention.kind,
                role,
                mention.start,
                mention.end,
            )
        )
    return result


def threshold_direction(text: str, mention: NumberMention) -> str | None:
    """'decrease' for "under 200 ms", 'increase' for "at least 50", else None."""
    before = text[max(0, mention.start - 40) : mention.start]
    if _BEFORE_THRESHOLD_DOWN.search(before):
        return "decrease"
    if _BEFORE_THRESHOLD_UP.search(before):
        return "increase"
    return None


def has_date(text: str) -> str | None:
    """The first date or deadline in the text ("by May", "end of Q2", "2026-03-31"), if any."""
    found = _BY_DATE.search(text) or _DATES.search(text)
    return found.group() if found else None
