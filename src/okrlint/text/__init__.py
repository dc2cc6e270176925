"""Understanding what a key result says: readings built from rule packs, a tokenizer and regexes.

Importing this package is cheap: the reader is imported and built only when texts are read.
"""

from __future__ import annotations

from collections.abc import Mapping

from okrlint.errors import PackError
from okrlint.text.facts import Facts, facts_of
from okrlint.text.number_mentions import NumberMention, find_numbers
from okrlint.text.pack import PackRule, RulePack, builtin_folder, load_pack
from okrlint.text.reading import KeyResultReading, Term

__all__ = [
    "Facts",
    "KeyResultReading",
    "NumberMention",
    "PackError",
    "PackRule",
    "RulePack",
    "Term",
    "builtin_folder",
    "facts_of",
    "find_numbers",
    "load_pack",
    "reading_of",
]


def reading_of(readings: object, text: str) -> KeyResultReading | None:
    """The reading of `text` from a rule context's readings, or None when it was not read."""
    # Rules ask this for every text of every file; a plain dict (the usual case) skips the
    # slower check against the Mapping ABC.
    if type(readings) is dict or isinstance(readings, Mapping):
        found = readings.get(text)
        if isinstance(found, KeyResultReading):
            return found
    return None
