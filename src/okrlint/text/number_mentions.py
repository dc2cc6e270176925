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
# A number that names a thing rather than measuring it ("the 1 000-tap test").
LABEL = "label"
# Roles that make a key result measurable (a date, a window or a version number does not).
MEASURING_ROLES = frozenset({BASELINE, TARGET, DELTA, THRESHOLD, COUNT})

_MONTHS = (
    "jan|january|feb|february|mar|march|apr|april|may|jun|june|jul|july|aug|august|sep|sept|"
    "september|oct|october|nov|november|dec|december"
)
_TIME_UNITS = (
    "ms|msec|milliseconds?|s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|"
    r"(?:business|working|work)[\s-]days?|bd|d|days?|wks?|weeks?|"
    "mos?|months?|yrs?|years?|quarters?|sprints?"
)
_SIZE_UNITS = "[kmgtp]i?b(?:/s|ps)?|[kmg]bps|req/s|rps|qps|tps|fps"
_UNIT = rf"(?:%|pp|percent(?:age points?)?|points?|pts|x|×|{_TIME_UNITS}|{_SIZE_UNITS})"
_SCALE = r"(?:k|K|m|M|mm|MM|bn|BN|b|B|\s(?:thousand|million|billion))"
_CURRENCY_CODES = "usd|eur|gbp|jpy|chf|cad|aud|inr|cny"
_NUMBER = (
    rf"(?:(?P<currency>[$€£¥]|(?:{_CURRENCY_CODES})(?=\s?\d))\s?)?"
    r"(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?"
    # Thousands grouped by spaces ("1 000") and decimal commas before a unit ("1,4%", "€2,5M").
    r"|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,.])"
    r"|\d+,\d{1,2}(?=\s?[%€]|[kKmMbB]\b)"
    r"|\d+(?:\.\d+)?|\.\d+)"
    # A range written with a dash: "10-15%", "3–5 days".
    r"(?:\s?[-–]\s?(?P<upper>\d+(?:\.\d+)?)(?=\s?(?:%|[a-zA-Z$€£]|$|[\s,.;)])))?"
    rf"(?P<scale>{_SCALE}(?![a-zA-Z]))?"
    r"(?P<plus>\+)?"
    rf"(?:(?:\s|-)?(?P<unit>{_UNIT}|€|(?:{_CURRENCY_CODES}))(?![a-zA-Z]))?"
)
_MENTION = re.compile(rf"(?<![\w.#/@-]){_NUMBER}(?![\w])", re.IGNORECASE)
# Figures left out on purpose: "N3", "X%", "$X", "Y ms".
_REDACTED = re.compile(r"\bN\d+\b|(?<![\w$])[$€£]?\b[XYZ]{1,2}\b\s?%?(?=[\s,.;)]|$)")
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
    "doubles": 2,
    "doubled": 2,
    "doubling": 2,
    "triples": 3,
    "tripled": 3,
    "tripling": 3,
    "quadruple": 4,
    "halve": 0.5,
    "halves": 0.5,
    "halved": 0.5,
    "halving": 0.5,
}
_MULTIPLYING_WORDS = frozenset(
    word for word in _WORD_NUMBERS if word.startswith(("doubl", "tripl", "quadr", "halv"))
) | {"half", "twice"}
_WORD = re.compile(r"\b(" + "|".join(_WORD_NUMBERS) + r")\b", re.IGNORECASE)

# Spans that look like numbers but are not amounts.
_DATES = re.compile(
    # A day is one or two digits that end there: "October 2026" is a month and a year.
    rf"\b(?:(?:19|20)\d\d-\d\d(?:-\d\d)?|(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?!\d)(?:,?\s+(?:19|20)\d\d)?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\b(?:,?\s+(?:19|20)\d\d)?"
    rf"|(?:{_MONTHS})\s+(?:19|20)\d\d|(?:19|20)\d\d(?:[-/](?:Q[1-4]|H[12]|\d\d))?"
    r"|FY\s?\d{2,4}(?:[-/]\d{2,4})?|\bQ[1-4]\b(?:\s+(?:FY\s?)?(?:19|20)?\d\d)?|\bH[12]\b"
    r"|\b(?:week|wk|day|month|sprint)\s+\d{1,2}\b(?=\s*(?:$|[,.;)]|of\b|and\b))"
    r"|\d{1,2}/\d{1,2}/\d{2,4})",
    re.IGNORECASE,
)
_BY_DATE = re.compile(
    rf"\b(?:by|before|until|till|in|on|at|after|during)\s+(?:the\s+)?(?:end\s+of\s+)?(?:{_MONTHS}|Q[1-4]|H[12]|"
    r"(?:19|20)\d\d|(?:week|month|day)\s+\d+|the\s+quarter|the\s+year|this\s+quarter|next\s+quarter|EOQ|EOY)",
    re.IGNORECASE,
)
_VERSION = re.compile(
    r"(?<![\w.])v?\d+(?:\.\d+){2,}\b|(?<![\w.])v\d+(?:\.\d+)?\b"
    # "Launch 2.0" is a version; "from 4.0 to 4.5" is a baseline and a target.
    r"|(?<!from\s)\b\d+\.0\b(?!\s*[%x×])(?!\s+(?:to|->|→)\s*\d)"
)
# "a 1 000-tap test", "the 3-step guide": the number names a thing (a time unit is a window).
_LABEL = re.compile(
    r"(?<![\w.])\d{1,3}(?:[ \u00a0\u202f]\d{3})*-(?P<word>[a-z]+)\b(?!\s*%)", re.IGNORECASE
)
_SUPERLATIVES = (
    "largest|biggest|smallest|highest|lowest|best|worst|most|least|fastest|slowest|busiest|"
    "newest|oldest|strongest|weakest|heaviest|riskiest|costliest|greatest|top"
)
# Numbers written as words that can count periods ("the next three years").
_COUNTING_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|fifty"
)
_WINDOW = re.compile(
    rf"(?<![\w.])\d+\s?-\s?(?:{_TIME_UNITS})\b|\b(?:week|day|month|wk|d|w|m)-?\d+\b(?!\s*%)"
    rf"|\b(?:within|in|after|over)\s+(?:the\s+)?(?:first\s+)?\d+\s+(?:{_TIME_UNITS})\s+(?:of|after|from)\b"
    rf"|\b(?:first|last|past|next|coming)\s+(?:\d+|{_COUNTING_WORDS})\s+(?:{_TIME_UNITS})\b"
    # "per 1,000 orders", "per 10k sessions", "per 100 000 requests": the base of a rate.
    r"|\bper\s+(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,.])"
    r"|\d+(?:\.\d+)?\s?(?:k|m|thousand|million)(?![a-z])|\d+)\b"
    r"|\btop\s+\d+\s+(?=\w+\s+(?:by|of)\b)",
    re.IGNORECASE,
)
# "with the top 50 accounts", "across our top 20 stores", "for our 20 largest suppliers": which
# things, not how many. Looked for around each figure found, not over the whole text.
_SCOPE_BEFORE = re.compile(
    r"(?:(?P<top>\b(?:with|for|across|among|from)\s+(?:the|our|their|its|your)\s+top)"
    r"|(?P<which>\b(?:with|for|across|among|from)\s+(?:the|our|their|its|your))"
    r"|\b(?:the|our|their|its|your))\s+$",
    re.IGNORECASE,
)
_NOUN_NEXT = re.compile(r"\s+[a-z]", re.IGNORECASE)
# A figure and a time unit that name a class of things by their age or length, not an amount:
# "accounts 60+ days past due", "invoices 90 days old", and "the 60+ day bucket" (an open-ended
# figure and a singular unit before a noun; "our 4 hour response SLA" is a level).
_AGE_NEXT = re.compile(r"\s+(?:past\s+due|overdue|old)\b", re.IGNORECASE)
_SINGULAR_TIME_UNITS = frozenset(
    ("second", "minute", "hour", "day", "week", "month", "quarter", "year", "sprint")
)
_DETERMINER_BEFORE = re.compile(
    r"\b(?:the|a|an|our|their|its|your|this|these|those)\s+$", re.IGNORECASE
)
_HEAD_NOUN_NEXT = re.compile(
    r"\s+(?!(?:and|or|of|to|in|on|at|for|by|per|from|with|than|ago)\b)[a-z]", re.IGNORECASE
)
# "for 1 ad asset", "for one region": a count of one after "for" is the article "a" written as
# a figure, the scope of the work, not an amount to reach.
_FOR_BEFORE = re.compile(r"\bfor\s+$", re.IGNORECASE)
# "one of your customers", "one of the regions": any one, or a certain one, not a count.
_ONE_OF_NEXT = re.compile(
    r"\s+of\s+(?:the|our|your|their|its|my|his|her|these|those)\b", re.IGNORECASE
)
_SUPERLATIVE_NEXT = re.compile(rf"\s+(?:{_SUPERLATIVES})\b", re.IGNORECASE)
# A number that says which one of a series is meant, not how many: "phase 2", "batch 5",
# "points #1, 2 & 3". Nouns that number the parts of a piece of work, in general English.
_SERIES_NOUNS: tuple[str, ...] = (
    *("phase", "stage", "step", "part", "batch", "wave", "round", "milestone", "iteration"),
    *("chapter", "module", "episode", "season", "pillar", "item", "section", "cohort", "point"),
    *("lesson", "unit", "tier", "zone", "lane", "floor"),
)
_SERIES_WORDS = frozenset(_SERIES_NOUNS) | {
    noun + ("es" if noun.endswith("ch") else "s") for noun in _SERIES_NOUNS
}
_PLAIN_FIGURE = re.compile(r"\d+")
_LIST_SEPARATOR = re.compile(r"\s*(?:,|&|and|/)\s*", re.IGNORECASE)
# A bare year-like figure after the words of a target and before a noun is an amount ("Reach
# 2000 subscribers"); "by 2026" and "in 2026" stay dates.
_BARE_YEAR = re.compile(r"(?:19|20)\d\d")
_NOUN_AFTER = re.compile(r"\s+(?!(?:and|or|to|through|until|onwards)\b)[a-z]+\b", re.IGNORECASE)
_BEFORE_AMOUNT = re.compile(r"(?:\breach(?:ing)?|\bhit|\btarget(?:\s+of)?:?|=)\s*~?\s*$", re.I)
# "the existing one", "a new one", "each one": "one" stands for a thing named before.
# "for the half", "in the second half": half a year, a period, not an amount. ("Cut it by half",
# "half of new users" are amounts.)
_A_HALF_YEAR = re.compile(
    r"\b(?:(?:this|next|last|each|per|every|first|second)|the(?!\s+half\s+of\b))\s+$",
    re.IGNORECASE,
)
_HALF_OF = re.compile(r"\s+of\b", re.IGNORECASE)
# "Cut waiting by half of today's", "down to half of last year's": a multiple of a level.
_BY_OR_TO = re.compile(r"\b(?:by|to|than|at|about|nearly|almost)\s+$", re.IGNORECASE)
# "without asking twice", "never pay twice", "fixed before anyone complains twice": how often
# something should NOT happen, said of a verb in a negated clause or one that must not come to
# pass, names no amount; "twice as many", "twice a week" still measure.
_NEGATED_BEFORE = re.compile(
    r"\b(?:without|never|not|no\s+need\s+to|before|until|till)\b[^,.;:()]{0,40}$"
    r"|n't\b[^,.;:()]{0,40}$",
    re.IGNORECASE,
)
_TWICE_MEASURES = re.compile(
    r"\s+(?:as|the|a|an|per|each|every|our|their|its|that|what|over|\d)\b", re.IGNORECASE
)
_PRONOUN_ONE = re.compile(
    r"\b(?:the|this|that|which|each|every|any|another|a|an|its|our|their|your|my)"
    r"(?:\s+[a-z]+)?\s+$",
    re.IGNORECASE,
)

# "by a third", "by two thirds", "by three quarters": a change in percent, as "by 33%" is; not a
# time from now ("by a quarter from now") nor "a third party".
_BY_A_FRACTION = re.compile(
    r"\bby\s+(?:at\s+least\s+|about\s+|nearly\s+|almost\s+|over\s+|more\s+than\s+)?"
    r"(?P<fraction>(?P<count>a|one|two|three)[\s-]+(?P<part>thirds?|quarters?))"
    r"(?=\s*(?:$|[,.;:)(]|(?:by|in|within|over|to|and|or|before|until|across|for|this|next|on|"
    r"at|per|vs|versus|compared|while|without|through|during|each|every|year|yoy|"
    r"from(?!\s+(?:now|today|launch|the\s+start))|of(?!\s+the\s+way))\b))",
    re.IGNORECASE,
)
_FRACTION_PARTS = {"third": 3, "thirds": 3, "quarter": 4, "quarters": 4}
# "One in three new customers", "2 out of 3 admins", "1 in 5 trials": a share of things, as
# "33%" is; not "1 in 2 weeks" (a rate over time).
_SMALL = "one|two|three|four|five|six|seven|eight|nine|ten"
_SHARE_OF_WHOLE = re.compile(
    rf"\b(?P<count>\d{{1,3}}|{_SMALL})\s+(?:in|out\s+of)\s+(?P<whole>\d{{1,4}}|{_SMALL}|"
    rf"twenty|hundred)\b(?=\s+(?!(?:{_TIME_UNITS})\b)(?P<noun>[a-z])|\s*(?:$|[,.;)]))",
    re.IGNORECASE,
)
_FRACTION_COUNTS = {"a": 1, "one": 1, "two": 2, "three": 3}

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
    r"\bversus|\bcompared\s+(?:to|with)|\binstead\s+of|\brather\s+than|\bstarting\s+(?:at|from)|"
    r"\bbase:?)\s*~?\s*$",
    re.IGNORECASE,
)
_BEFORE_TARGET = re.compile(
    r"(?:\bto|\breach(?:es|ed|ing)?|\btarget(?:\s+of)?:?|=|\bhit)\s*~?\s*$", re.IGNORECASE
)
_BEFORE_DELTA = re.compile(
    r"\bby\s+(?:at\s+least\s+|over\s+|more\s+than\s+|~|about\s+)?$", re.IGNORECASE
)
# "Weekly downloads up 50%", "Churn down 2 points", "Signups +40%": a share or a sum after "up",
# "down" or "+" that follow the measure is a change; after a verb that takes "up" or "down" it
# is not ("make up 70% of", "Sign up 500 users").
_PHRASAL = (
    "make|makes|made|making|end|ends|ended|add|adds|added|sum|sums|take|takes|took|pick|picks|"
    "set|sets|sign|signs|scale|scales|speed|ramp|open|free|show|shows|back|follow|shut|slow|"
    "break|write|wind|narrow|count|bring|step|cut|turn|keep|keeps"
)
_UP_OR_DOWN_BEFORE = re.compile(
    rf"\b(?!(?:{_PHRASAL})\b)\w+\s+(?:up|down)\s+$|(?<![\w+])\+\s?$", re.IGNORECASE
)
# Compiled once: reading a text tries them on every number and every pair of numbers.
_TIME_UNIT = re.compile(_TIME_UNITS)
# A time unit written after a figure in words: "two business days", "three weeks".
_WORD_TIME_UNIT = re.compile(rf"[ \t]+({_TIME_UNITS})\b", re.IGNORECASE)
_TIME_UNIT_ANY_CASE = re.compile(_TIME_UNITS, re.IGNORECASE)
_CURRENCY_CODE = re.compile(_CURRENCY_CODES)
_NUMBER_SPACES = re.compile(r"[ \u00a0\u202f]")
_DECIMAL_COMMA = re.compile(r"\d+,\d{1,2}")
# A sign before the second figure is a score's ("eNPS from +12 to +30"), not a change.
_RANGE_BETWEEN = re.compile(rf"\s*(?:{_ARROW}|to|→)\s*\+?", re.IGNORECASE)
_ARROW_BETWEEN = re.compile(rf"\s*{_ARROW}\s*\+?")
_AND_BETWEEN = re.compile(r"\s*and\s*")
_PAIRED = re.compile(r"(?<![\w.:])\d{1,2}:\d{1,2}s?(?![\w:])")
# A time of day says when, not how much: "by 10 pm", "at 7:30am", "from 9 a.m.", "24/7 cover".
# An hour and "am"/"pm" alone ("1 PM") may be a product manager, so it needs minutes, a word of
# time before it or the lower case the clock is written in.
_CLOCK = re.compile(
    r"(?<![\w.:$€£¥/])(?P<hour>1[0-2]|0?[1-9])(?P<minutes>[:.][0-5]\d)?\s?"
    r"(?P<half>[ap]m|[ap]\.m\.?)(?![\w])"
    r"|(?<![\w.:/])(?:[01]?\d|2[0-3]):[0-5]\d\s?(?:[ap]\.?m\.?)(?![\w])"
    r"|(?<![\w.:/])24\s?/\s?[57](?![\w/])",
    re.IGNORECASE,
)
_CLOCK_WORD_BEFORE = re.compile(
    r"\b(?:at|by|before|after|until|till|from|to|around|past|between)\s*$",
    re.IGNORECASE,
)
_OF_AFTER = re.compile(r"\s+of\b", re.IGNORECASE)
_OF_THE_TIME = re.compile(r"\s+of\s+the\s+time\b", re.IGNORECASE)
# "Answer within 24 hours for 95% of orders", "... on 90% of days": the share of things the limit
# before it is met for.
_SHARE_AFTER_A_LIMIT = re.compile(r"\b(?:for|on|in|across)\s+$", re.IGNORECASE)
_FROM_BEFORE = re.compile(r"\bfrom\s*[~+]?\s*$", re.IGNORECASE)
_BASELINE_WORD_BEFORE = re.compile(r"\b(?:from|currently|baseline)\b[^.;]*$", re.IGNORECASE)
_BETWEEN_BEFORE = re.compile(r"\bbetween\s*$", re.IGNORECASE)
# Any digit, as `\d` reads one in the patterns above (in any script).
_DIGIT = re.compile(r"\d")


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
    # The upper end of a range ("10-15%": value 10, upper 15).
    upper: float | None = None
    # The value in seconds or bytes, for the baseline and target of a sentence that states them
    # in two units ("from 1.2 s to 800 ms"): converted once when the text is read, so runs that
    # find the reading in the cache compare them without loading the units library.
    base: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> NumberMention:
        return cls(**data)

    @property
    def measures(self) -> bool:
        return self.role in MEASURING_ROLES


def _count_of(written: str) -> int:
    """A small whole number written in figures or in words ("3", "three", "hundred")."""
    if written.isdigit():
        return int(written)
    return int(_WORD_NUMBERS.get(written.lower(), 0))


def find_numbers(text: str) -> list[NumberMention]:
    """Every number in `text` with its role, in order of position."""
    return find_numbers_and_date(text)[0]


def find_numbers_and_date(text: str) -> tuple[list[NumberMention], str | None]:
    """Every number in `text` with its role, in order of position, and its first date or
    deadline (`has_date`): both come from the same search for dates."""
    # Dates, versions, figures, pairs and labels all need a digit: a text without one (half of
    # all key results, most objectives) is not searched for them.
    figures = _DIGIT.search(text) is not None
    excluded: list[tuple[int, int, str]] = []
    dates = list(_DATES.finditer(text)) if figures else []
    excluded.extend((m.start(), m.end(), DATE) for m in dates)
    if figures:
        excluded.extend((m.start(), m.end(), VERSION) for m in _VERSION.finditer(text))
    excluded.extend((m.start(), m.end(), WINDOW) for m in _WINDOW.finditer(text))
    by_dates = list(_BY_DATE.finditer(text))
    for match in by_dates:
        excluded.append((match.start(), match.end(), DATE))
    # `has_date`: the first deadline, else the first date.
    first_date = by_dates[0] if by_dates else dates[0] if dates else None
    date = first_date.group() if first_date is not None else None
    if figures:
        for match in _PAIRED.finditer(text):
            # "1:1 meetings", "24:7 cover", "at 6:30": a name or a time of day, not two amounts.
            excluded.append((match.start(), match.end(), LABEL))
        for match in _CLOCK.finditer(text):
            if _time_of_day(text, match):
                excluded.append((match.start(), match.end(), LABEL))
        for match in _LABEL.finditer(text):
            if not _TIME_UNIT_ANY_CASE.fullmatch(match["word"]) and not has_role_word(
                text, match.start()
            ):
                excluded.append((match.start(), match.end(), LABEL))

    mentions: list[NumberMention] = []
    taken: list[tuple[int, int]] = []
    for match in _SHARE_OF_WHOLE.finditer(text):
        count, whole = _count_of(match["count"]), _count_of(match["whole"])
        if not 0 < count < whole:
            continue
        after_from = _FROM_BEFORE.search(text, 0, match.start()) is not None
        if match["noun"] is None and not (after_from or taken):
            continue  # with no noun after it, only the other end of a share ("up from 1 in 8")
        role = BASELINE if after_from else TARGET
        value = round(100 * count / whole, 1)
        mentions.append(NumberMention(match.group(), value, "%", "percent", role, *match.span()))
        taken.append(match.span())
    shares = list(taken)
    for match in _MENTION.finditer(text) if figures else ():
        start, end = match.span()
        if any(s <= start < e for s, e in shares):
            continue
        while end > start and text[end - 1].isspace():
            end -= 1
        covered = _covering(excluded, start, end)
        if covered == WINDOW and _is_limit(text, start):
            # "<10-min onboarding": a limit on the duration, not a window of time.
            covered = None
        if covered == DATE and _year_like_amount(text, start, end):
            covered = None
        if covered is None and (_scope(text, start, end) or _names_a_class(text, match, end)):
            covered = WINDOW
        if covered is None and (_numbered(text, start, end) or _in_a_name(text, match, start, end)):
            covered = LABEL
        if covered is None and _year_span(match):
            covered = DATE
        if covered is not None:
            mentions.append(_plain(text, start, end, covered))
            taken.append((start, end))
            continue
        mentions.append(_mention(text, match, start, end))
        taken.append((start, end))
    for match in _REDACTED.finditer(text):
        if any(s <= match.start() < e for s, e in taken):
            continue
        written = match.group().strip()
        unit = "%" if written.endswith("%") else ""
        mentions.append(
            NumberMention(
                written, None, unit, "redacted", COUNT, match.start(), match.start() + len(written)
            )
        )
        taken.append(match.span())
    for match in _BY_A_FRACTION.finditer(text):
        count = _FRACTION_COUNTS[match["count"].lower()]
        parts = _FRACTION_PARTS[match["part"].lower()]
        if count >= parts or any(s <= match.start("fraction") < e for s, e in taken):
            continue  # "by three thirds" is no fraction
        mentions.append(
            NumberMention(
                match["fraction"],
                round(100 * count / parts, 1),
                "%",
                "percent",
                DELTA,
                *match.span("fraction"),
            )
        )
        taken.append(match.span("fraction"))
    for match in _WORD.finditer(text):
        if any(s <= match.start() < e for s, e in taken):
            continue
        word = match.group().lower()
        covered = _covering(excluded, *match.span())
        if covered is not None:
            mentions.append(_plain(text, *match.span(), covered))
            continue
        if word == "one" and _PRONOUN_ONE.search(text[max(0, match.start() - 40) : match.start()]):
            continue
        if word == "one" and _one_picks_which(text, *match.span()):
            mentions.append(_plain(text, *match.span(), WINDOW))
            continue
        if word == "half" and _A_HALF_YEAR.search(text, 0, match.start()):
            continue
        if (
            word == "twice"
            and _NEGATED_BEFORE.search(text, 0, match.start())
            and not _TWICE_MEASURES.match(text, match.end())
        ):
            continue
        if _scope(text, *match.span()):
            mentions.append(_plain(text, *match.span(), WINDOW))
            continue
        if (
            word == "half"
            and _HALF_OF.match(text, match.end())
            and not _BY_OR_TO.search(text, 0, match.start())
        ):
            # "Half of new hosts publish ...": a share, as "50% of new hosts" is.
            mentions.append(
                NumberMention(match.group(), 50.0, "%", "percent", COUNT, *match.span())
            )
            continue
        kind = "multiple" if word in _MULTIPLYING_WORDS else "word"
        time_unit = _WORD_TIME_UNIT.match(text, match.end())
        if time_unit is not None and kind == "word":
            # "within two business days" is a duration, as "within 2 business days" is.
            mentions.append(
                NumberMention(
                    text[match.start() : time_unit.end()],
                    float(_WORD_NUMBERS[word]),
                    time_unit.group(1).lower(),
                    "duration",
                    COUNT,
                    match.start(),
                    time_unit.end(),
                )
            )
            continue
        mentions.append(
            NumberMention(match.group(), float(_WORD_NUMBERS[word]), "", kind, COUNT, *match.span())
        )
    mentions.sort(key=lambda m: m.start)
    return _assign_roles(text, mentions), date


def _time_of_day(text: str, match: re.Match[str]) -> bool:
    """The clock time `_CLOCK` found is one: "24/7" and "7:30" always, "5 PM" after a word of
    time ("by 5 PM"), "5pm" and "5 p.m." as written."""
    half = match["half"]
    if not half or match["minutes"] or half.islower():
        return True
    return _CLOCK_WORD_BEFORE.search(text, max(0, match.start() - 12), match.start()) is not None


def _share_meeting_a_limit(
    text: str,
    unassigned: list[NumberMention],
    roles: dict[int, str],
    amounts: list[NumberMention],
) -> NumberMention | None:
    """The one share ("90% of tickets") written before a limit ("within 2 days") when the text
    has no other number to reach, else None."""
    if TARGET in roles.values() or BASELINE in roles.values():
        return None
    limits = [m for m in amounts if roles.get(id(m)) == THRESHOLD]
    if not limits:
        return None
    shares = [
        m
        for m in unassigned
        if m.kind == "percent"
        and (
            (m.start < limits[0].start and _OF_AFTER.match(text, m.end))
            # "answered within 5 minutes, 95% of the time": how often the limit is met.
            or _OF_THE_TIME.match(text, m.end)
            # "within 24 hours for 95% of orders": which share meets it.
            or (
                m.start > limits[0].end
                and _OF_AFTER.match(text, m.end)
                and _SHARE_AFTER_A_LIMIT.search(text, max(0, m.start - 8), m.start) is not None
            )
        )
    ]
    return shares[0] if len(shares) == 1 else None


def _scope(text: str, start: int, end: int) -> bool:
    """The figure picks which things ("with the top 50 accounts", "our 20 largest suppliers",
    "for the three main accounts")."""
    before = _SCOPE_BEFORE.search(text, max(0, start - 40), start)
    if before is None:
        return False
    if before["top"] or before["which"]:
        # "for the three main accounts", "across our 12 regions": the things worked for.
        return _NOUN_NEXT.match(text, end) is not None
    return _SUPERLATIVE_NEXT.match(text, end) is not None


def _names_a_class(text: str, match: re.Match[str], end: int) -> bool:
    """The figure names which things, by age ("accounts 60+ days past due"), by length ("the
    60+ day bucket", as "the 60-day bucket") or as the one thing worked for ("for 1 asset")."""
    start = match.start()
    unit = (match["unit"] or "").lower()
    if unit and _TIME_UNIT.fullmatch(unit):
        if _AGE_NEXT.match(text, end):
            # "under 30 days old" is a limit to hold.
            return not _is_limit(text, start)
        if not match["plus"] or unit not in _SINGULAR_TIME_UNITS:
            return False
        determiner = _DETERMINER_BEFORE.search(text, max(0, start - 8), start)
        # "cut to a 30+ day runway": the figure is the target.
        return (
            determiner is not None
            and not has_role_word(text, determiner.start())
            and _HEAD_NOUN_NEXT.match(text, end) is not None
        )
    return (
        text[start:end] == "1"
        and _FOR_BEFORE.search(text, max(0, start - 8), start) is not None
        and _HEAD_NOUN_NEXT.match(text, end) is not None
    )


def _one_picks_which(text: str, start: int, end: int) -> bool:
    """ "one of your customers": one of a group named after it, not a count ("at least one of
    the regions" is one); "for one region": the scope of the work."""
    if _ONE_OF_NEXT.match(text, end):
        return not has_role_word(text, start)
    return (
        _FOR_BEFORE.search(text, max(0, start - 8), start) is not None
        and _HEAD_NOUN_NEXT.match(text, end) is not None
        # "for one month" is a duration, as "for 1 month" is.
        and _WORD_TIME_UNIT.match(text, end) is None
    )


def has_role_word(text: str, start: int) -> bool:
    """Words before the figure at `start` say what it is: a baseline, a target, a change or a
    limit ("from", "to", "by", "under")."""
    before = text[max(0, start - 40) : start]
    return any(
        pattern.search(before) for pattern in (_BEFORE_BASELINE, _BEFORE_TARGET, _BEFORE_DELTA)
    ) or _is_limit(text, start)


def _is_limit(text: str, start: int) -> bool:
    before = text[max(0, start - 40) : start]
    return bool(_BEFORE_THRESHOLD_DOWN.search(before) or _BEFORE_THRESHOLD_UP.search(before))


def _numbered(text: str, start: int, end: int) -> bool:
    """ "phase 2", "points #1, 2 & 3": a plain figure that says which one of a series (looked
    for by hand, word by word back from the figure: it runs for every figure read)."""
    if not _PLAIN_FIGURE.fullmatch(text, start, end):  # "2.5", "20%": amounts
        return False
    at = start
    for _ in range(8):  # back over the earlier figures of a list: "1, 2 & 3"
        before = at
        while at > 0 and text[at - 1] in " #":
            at -= 1
        if "#" in text[at:before]:
            return True
        word_end = at
        while at > 0 and text[at - 1].isalpha():
            at -= 1
        word = text[at:word_end].lower()
        if word in _SERIES_WORDS:
            return not has_role_word(text, at)
        if word not in ("", "and"):
            return False
        while at > 0 and text[at - 1] in " ,&/":
            at -= 1
        if not (at and text[at - 1].isdigit()) or not _LIST_SEPARATOR.fullmatch(text, at, before):
            return False
        while at > 0 and text[at - 1].isdigit():
            at -= 1
    return False


# A figure that is part of a name ("SOC 2 Type II", "ISO 27001", "Python 3.12"), read by hand
# around each figure found: a name word before it, a name or a noun in the singular after it.
_NAME_FIGURE = re.compile(r"\d+(?:\.\d+)?")
_SENTENCE_BREAKS = frozenset(":-|–—.;(*•>#`")
# Words before a figure that make it a rank or a count, not part of a name ("Top 5").
# A determiner and at most two words in lower case before a name ("the last Ruby 2 ...").
_DETERMINED_NAME = re.compile(
    r"\b(?:the|our|their|its|your|this|these|those)\s+(?:[a-z][a-z-]*\s+){0,2}$"
)
_RANK_WORDS = frozenset({"top", "bottom", "number", "no", "nr", "rank", "ranked", "first", "last"})
# Words after a figure that say what it is, or open another phrase: the figure is an amount
# ("NPS 50 by June", "CSAT 4.5 or higher", "NPS 40 target").
_AFTER_AN_AMOUNT = frozenset(
    {
        *("by", "to", "in", "on", "at", "for", "of", "from", "with", "within", "across"),
        *("among", "amongst", "between", "per", "over", "under", "above", "below", "before"),
        *("after", "until", "till", "through", "during", "via", "vs", "versus", "than", "as"),
        *("and", "or", "but", "nor", "so", "while", "when", "where", "if", "is", "are", "was"),
        *("were", "be", "will", "the", "a", "an", "our", "this", "that", "each", "every"),
        *("more", "less", "fewer", "new", "higher", "lower", "plus", "times", "out"),
    }
)
# Nouns after a figure that name what it is ("NPS 40 target"); capitalised, they may be a name.
_AMOUNT_NOUNS = frozenset(
    {"target", "goal", "mark", "level", "threshold", "minimum", "maximum", "average", "baseline"}
    | {"median", "mean", "score", "rating"}
)
# Words in -s that are no plural ("process", "status", "analysis", "its").
_NOT_PLURAL_ENDINGS = ("ss", "us", "is", "ics")


def _word_before(text: str, at: int) -> tuple[int, str]:
    """The letters that end just before `at`, and where they start."""
    start = at
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    return start, text[start:at]


def _word_after(text: str, at: int) -> tuple[str, int]:
    """The letters that start at `at`, and where they end."""
    end = at
    while end < len(text) and text[end].isalpha():
        end += 1
    return text[at:end], end


def _plural(word: str) -> bool:
    lower = word.lower()
    return lower.endswith("s") and not lower.endswith(_NOT_PLURAL_ENDINGS) and len(lower) > 3


_LONG_WORD = re.compile(r"[^\W\d_]{4,}")


def _title_case(text: str) -> bool:
    words = _LONG_WORD.findall(text)
    return len(words) >= 3 and all(word[0].isupper() for word in words)


def _opens_sentence(text: str, at: int) -> bool:
    before = text[:at].rstrip()
    return not before or before[-1] in _SENTENCE_BREAKS


def _in_a_name(text: str, match: re.Match[str], start: int, end: int) -> bool:
    """ "the SOC 2 Type II audit", "ISO 27001 certification", "Upgrade to Python 3.12": a
    figure after a name (an acronym, or a capitalised word inside the sentence) and before
    another name, a noun in the singular or the end of the phrase is part of the name, not an
    amount; "NPS 50 by June", "Top 5 ranking", "Germany 3 new stores" stay amounts."""
    if (
        match["unit"]
        or match["scale"]
        or match["plus"]
        or match["currency"]
        or match["upper"]
        or not _NAME_FIGURE.fullmatch(text, start, end)
        or start < 2
        or text[start - 1] != " "
    ):
        return False
    name_start, name = _word_before(text, start - 1)
    if len(name) < 2 or name.islower() or name.lower() in _RANK_WORDS:
        return False
    acronym = name.isupper()
    opening = _opens_sentence(text, name_start)
    if not acronym and opening:
        return False  # "Reach 5 ...": the verb opening the sentence, not a name
    if has_role_word(text, start):
        return False
    after = end
    while after < len(text) and text[after] == " ":
        after += 1
    if after >= len(text) or text[after] in ",.;)":
        # "Upgrade to Python 3.12": a name and its version end the phrase; not after an
        # acronym, which also names measures ("Reach NPS 50"), nor a whole figure ("in Orbit
        # 12" may count as well as name), nor in a text whose every word is capitalised.
        _, earlier = _word_before(text, name_start - 1) if name_start > 1 else (0, "")
        return not acronym and earlier.islower() and "." in text[start:end]
    following, following_end = _word_after(text, after)
    if not following or following.lower() in _AFTER_AN_AMOUNT:
        return False
    if following[0].isupper():
        # "SOC 2 Type II", "Web 3 Wallet"; in a text whose every word is capitalised ("Reach
        # NPS 50 Score"), a capital says nothing.
        return not _title_case(text)
    if following in _AMOUNT_NOUNS:
        return False  # "3 stores": a count of what follows
    # A count comes right after a determiner, not after a name that follows one: in "the old
    # Ruby 2 build scripts" and "the Node 18 services" the figure is the name's.
    if not acronym and _DETERMINED_NAME.search(text, max(0, name_start - 40), name_start):
        return True
    if _plural(following) or text[start:end] == "1":
        return False  # "3 stores", "1 store": a count of what follows
    # "ISO 27001 certification", "SOC 2 report signed off"; "Germany 3 new stores" counts.
    _, then_end = _word_after(text, following_end + 1)
    then = text[following_end + 1 : then_end]
    return not (text[following_end : following_end + 1] == " " and _plural(then))


_YEAR = re.compile(r"(?:19|20)\d\d")
_YEAR_OR_ITS_END = re.compile(r"(?:19|20)?\d\d")


def _year_span(match: re.Match[str]) -> bool:
    """ "2022-2023", "2024-25": a year and a year soon after name a period, not a range."""
    first, second = match["number"], match["upper"]
    if not second or match["unit"] or match["scale"] or match["currency"]:
        return False
    if not _YEAR.fullmatch(first) or not _YEAR_OR_ITS_END.fullmatch(second):
        return False
    return 0 < (int(second) - int(first)) % 100 <= 10


def _year_like_amount(text: str, start: int, end: int) -> bool:
    """ "Reach 2000 subscribers": a figure that looks like a year, after the words of a target
    or a limit and before a noun, counts something."""
    before = text[max(0, start - 40) : start]
    return (
        bool(_BARE_YEAR.fullmatch(text[start:end]))
        and bool(_NOUN_AFTER.match(text, end))
        and bool(
            _BEFORE_AMOUNT.search(before)
            or _BEFORE_THRESHOLD_UP.search(before)
            or _BEFORE_THRESHOLD_DOWN.search(before)
        )
    )


def _covering(excluded: list[tuple[int, int, str]], start: int, end: int) -> str | None:
    for ex_start, ex_end, role in excluded:
        if ex_start <= start and end <= ex_end:
            return role
    return None


def _plain(text: str, start: int, end: int, role: str) -> NumberMention:
    return NumberMention(text[start:end], None, "", role, role, start, end)


_SCALES = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mm": 1e6,
    "million": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "billion": 1e9,
}


def _value(written: str) -> float:
    """A number as written: "1,200", "1 200", "1,4" (a decimal comma), "0.5"."""
    compact = _NUMBER_SPACES.sub("", written)
    if _DECIMAL_COMMA.fullmatch(compact):
        return float(compact.replace(",", "."))
    return float(compact.replace(",", ""))


def _mention(text: str, match: re.Match[str], start: int, end: int) -> NumberMention:
    scale = (match["scale"] or "").strip().lower()
    factor = _SCALES.get(scale, 1.0)
    number = _value(match["number"]) * factor
    upper = float(match["upper"]) * factor if match["upper"] else None
    unit = (match["unit"] or "").lower()
    currency = match["currency"] or ""
    if not currency and (unit == "€" or _CURRENCY_CODE.fullmatch(unit)):
        currency, unit = unit, ""
    if currency:
        kind, unit = "currency", currency.upper()
    elif unit in ("%", "percent", "pp") or unit.startswith(("percent", "point", "pt")):
        kind = "percent"
    elif unit in ("x", "×"):
        kind = "multiple"
    elif unit and _TIME_UNIT.fullmatch(unit):
        kind = "duration"
    elif unit:
        kind = "size"
    elif scale:
        kind = "count"
    else:
        kind = "count"
    return NumberMention(text[start:end], number, unit, kind, "", start, end, upper)


def _assign_roles(text: str, mentions: list[NumberMention]) -> list[NumberMention]:
    result: list[NumberMention] = []
    amounts = [m for m in mentions if m.role == "" or m.role == COUNT]
    roles: dict[int, str] = {}
    # Ranges first: "from 32% to 45%", "32% -> 45%", "10k → 15k", "between 3 and 5".
    for first, second in itertools.pairwise(amounts):
        between = text[first.end : second.start]
        before = text[max(0, first.start - 40) : first.start]
        if _RANGE_BETWEEN.fullmatch(between) and (
            _FROM_BEFORE.search(before)
            or _ARROW_BETWEEN.fullmatch(between)
            or (first.unit == second.unit and first.kind == second.kind and first.kind != "count")
            or _BASELINE_WORD_BEFORE.search(before)
        ):
            roles[id(first)], roles[id(second)] = BASELINE, TARGET
        elif _AND_BETWEEN.fullmatch(between) and _BETWEEN_BEFORE.search(before):
            roles[id(first)], roles[id(second)] = THRESHOLD, TARGET
    for mention in amounts:
        if id(mention) in roles:
            continue
        before = text[max(0, mention.start - 40) : mention.start]
        if mention.kind == "multiple" and not _BEFORE_BASELINE.search(before):
            roles[id(mention)] = DELTA
        elif _BEFORE_BASELINE.search(before):
            roles[id(mention)] = BASELINE
        elif _BEFORE_DELTA.search(before) or (
            mention.kind in ("percent", "currency") and _UP_OR_DOWN_BEFORE.search(before)
        ):
            roles[id(mention)] = DELTA
        elif _BEFORE_THRESHOLD_DOWN.search(before) or _BEFORE_THRESHOLD_UP.search(before):
            roles[id(mention)] = THRESHOLD
        elif _BEFORE_TARGET.search(before):
            roles[id(mention)] = TARGET
    # A lone amount with no context word is the number to reach ("Reach 10,000 visits").
    unassigned = [m for m in amounts if id(m) not in roles]
    share = _share_meeting_a_limit(text, unassigned, roles, amounts)
    if share is not None:
        # "90% of tickets are answered within 2 days": the limit is the condition, the share of
        # what meets it is the number to reach.
        roles[id(share)] = TARGET
        unassigned.remove(share)
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
                mention.upper,
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
