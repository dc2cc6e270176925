"""Understanding what a key result says: readings built from rule packs, a tokenizer and regexes.

Importing this package is cheap: the reader is imported and built only when texts are read.
"""

from __future__ import annotations

from collections.abc import Mapping

from okrlint.analysis.facts import Facts, facts_of
from okrlint.analysis.numbers import NumberMention, find_numbers
from okrlint.analysis.pack import PackError, PackRule, RulePack, builtin_folder, load_pack
from okrlint.analysis.reading import KeyResultReading, Term

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
    "read_texts",
    "reading_of",
]


def read_texts(texts: list[str] | tuple[str, ...], pack: RulePack) -> dict[str, KeyResultReading]:
    """Readings of every distinct text, keyed by text (see `reader.read_texts`)."""
    from okrlint.analysis.reader import read_texts as read

    return read(texts, pack)


def reading_of(readings: object, text: str) -> KeyResultReading | None:
    """The reading of `text` from a rule context's readings, or None when it was not read."""
    # Rules ask this for every text of every file; a plain dict (the usual case) skips the
    # slower check against the Mapping ABC.
    if type(readings) is dict or isinstance(readings, Mapping):
        found = readings.get(text)
        if isinstance(found, KeyResultReading):
            return found
    return None
