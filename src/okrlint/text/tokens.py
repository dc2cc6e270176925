"""A small English tokenizer and the two matchers the reader needs, in plain Python.

Key results are short sentences, and reading them needs words, their offsets and a few token
attributes, not a statistical pipeline. The rules follow the usual English tokenization
conventions (the ones spaCy's English tokenizer follows too): split on spaces, then peel
punctuation off the front and the back, split contractions ("we'll" -> "we" "'ll", "don't" ->
"do" "n't"), a number from its percent sign or currency, and split hyphens and slashes between
letters ("self-serve" -> "self" "-" "serve") while keeping "week-1", "v2.0" and "3.5/5" whole.
Importing this module costs a few compiled regular expressions.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from okrlint.text.pack import TOKEN_FLAGS

# Characters peeled off the front of a word, one at a time.
_PREFIX = re.compile(
    r"""^(?:\.\.+|…|US\$|C\$|A\$|\+(?![0-9])|[§%=—–,:;!?¿¡()\[\]{}<>_#*&·'"”“`‘´’‚„»«$£€¥₹₽])"""
)
# Characters peeled off the end of a word.
_SUFFIX = re.compile(
    r"""(?:\.\.+|…|[,:;!?¿¡()\[\]{}<>_#*&·'"”“`‘´’‚„»«—–]|['’][sS]|(?<=[0-9])\+"""
    r"""|(?<=[0-9])(?:[$£€¥₹₽]|%|km|m|cm|mm|kg|g|mg|lb|oz|mph|mb|MB|kb|KB|gb|GB|tb|TB|[TGMK])"""
    r"""|(?<=[^\W\d_]{2})\.|(?<=[0-9a-z%)\]}"'”’])\.)$"""
)
# Contractions: the clitic is a token of its own.
_CLITIC = re.compile(r"(?i)^(.+?)(n['’]t|['’](?:ll|re|ve|d|m|s))$")
_CLITIC_SPECIAL = {"can't": ("ca", "n't"), "won't": ("wo", "n't"), "cannot": ("can", "not")}
# Words that keep their dots.
_ABBREVIATIONS = frozenset(
    ["e.g.", "i.e.", "vs.", "etc.", "approx.", "incl.", "a.m.", "p.m.", "u.s."]
)
_LETTER = r"[^\W\d_]"
_INFIX = re.compile(
    r"\.\.+|…"
    r"|(?<=[0-9])[+\-*^](?=[0-9-])"
    rf"|(?<=[a-z])\.(?=[A-Z])"
    rf"|(?<={_LETTER}),(?={_LETTER})"
    rf"|(?<=[^\W_])(?:---|--|——|-|–|—|~)(?={_LETTER})"
    rf"|(?<=[^\W_])[:<>=/](?={_LETTER})"
)
_URL = re.compile(
    r"(?i)^(?:(?:[a-z][\w+.-]*://|www\.)\S+|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|io|dev|ai|co)(?:/\S*)?)$"
)
_NUMBER_WORDS = frozenset(
    re.findall(
        r"\w+",
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy "
        "eighty ninety hundred thousand million billion trillion quadrillion gajillion bazillion "
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
        "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth "
        "thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth hundredth thousandth "
        "millionth billionth trillionth",
    )
)


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    idx: int  # offset of the first character in the text
    whitespace_: str  # the space after the token, or ""
    i: int  # position in the document
    lower_: str

    def __len__(self) -> int:
        return len(self.text)

    @property
    def is_alpha(self) -> bool:
        return self.text.isalpha()

    @property
    def is_space(self) -> bool:
        return self.text.isspace()

    @property
    def is_punct(self) -> bool:
        return _is_punct(self.text)

    @property
    def is_sent_start(self) -> bool:
        return self.i == 0

    @property
    def like_num(self) -> bool:
        return _like_num(self.text)


def like_num(text: str) -> bool:
    """Whether a token written `text` reads as a number (as a Token's `like_num` says)."""
    return _like_num(text)


@functools.lru_cache(maxsize=8192)
def _is_punct(text: str) -> bool:
    return all(unicodedata.category(c).startswith("P") for c in text)


# Remembered by text: the same words are asked about in every text, by several readers.
@functools.lru_cache(maxsize=8192)
def _like_num(text: str) -> bool:
    text = text.lstrip("+-±~")
    if text.replace(",", "").replace(".", "").isdigit():
        return True
    if text.count("/") == 1:
        top, bottom = text.split("/")
        if top.isdigit() and bottom.isdigit():
            return True
    lower = text.lower()
    if lower in _NUMBER_WORDS:
        return True
    return lower[:-2].isdigit() and lower[-2:] in ("st", "nd", "rd", "th")


@dataclass(frozen=True, slots=True)
class Span:
    doc: Doc
    start: int
    end: int

    @property
    def start_char(self) -> int:
        return self.doc.tokens[self.start].idx if self.start < self.end else 0

    @property
    def end_char(self) -> int:
        if self.start >= self.end:
            return self.start_char
        last = self.doc.tokens[self.end - 1]
        return last.idx + len(last.text)

    @property
    def text(self) -> str:
        return self.doc.text[self.start_char : self.end_char]

    def __iter__(self) -> Iterator[Token]:
        return iter(self.doc.tokens[self.start : self.end])

    def __len__(self) -> int:
        return self.end - self.start


class Doc:
    """The tokens of one text, indexed like a list; slicing gives a Span."""

    def __init__(self, text: str, tokens: list[Token]) -> None:
        self.text = text
        self.tokens = tokens

    def __len__(self) -> int:
        return len(self.tokens)

    def __iter__(self) -> Iterator[Token]:
        return iter(self.tokens)

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, slice):
            start, stop, _ = key.indices(len(self.tokens))
            return Span(self, start, max(start, stop))
        return self.tokens[key]


def _split_word(word: str) -> list[str]:
    """The tokens of one space-free chunk."""
    if _URL.match(word) or word.lower() in _ABBREVIATIONS:
        return [word]
    front: list[str] = []
    back: list[str] = []
    while word:
        if word.lower() in _ABBREVIATIONS:
            break
        found = _PREFIX.match(word)
        if found and found.end() < len(word) + (1 if len(word) == 1 else 0):
            front.append(found.group())
            word = word[found.end() :]
            continue
        found = _SUFFIX.search(word)
        if found and found.start() > 0:
            back.insert(0, found.group())
            word = word[: found.start()]
            continue
        break
    middle: list[str] = []
    if word:
        special = _CLITIC_SPECIAL.get(word.lower())
        clitic = _CLITIC.match(word) if special is None else None
        if special is not None:
            cut = len(special[0])
            middle = [word[:cut], word[cut:]]
        elif clitic is not None and clitic.group(1).isalpha():
            middle = [clitic.group(1), clitic.group(2)]
        else:
            start = 0
            for infix in _INFIX.finditer(word):
                if infix.start() == 0 and infix.end() == len(word):
                    continue
                if infix.start() > start:
                    middle.append(word[start : infix.start()])
                middle.append(infix.group())
                start = infix.end()
            if start < len(word):
                middle.append(word[start:])
    return front + middle + back


def tokenize(text: str) -> Doc:
    tokens: list[Token] = []
    append = tokens.append
    for chunk in _CHUNKS.finditer(text):
        part = chunk.group()
        if part.isspace():
            # One space belongs to the token before it (see below); any other whitespace is a
            # token.
            rest = part[1:] if part.startswith(" ") and tokens else part
            if rest:
                at = chunk.start() + len(part) - len(rest)
                append(Token(rest, at, "", len(tokens), rest.lower()))
            continue
        position = chunk.start()
        # The space after a word is its last token's: known here, so that the token is made
        # once, with it.
        space = " " if text.startswith(" ", chunk.end()) else ""
        # Most words are plain words: one token, no rule to try.
        if part.isalpha() and part.lower() != "cannot":
            append(Token(part, position, space, len(tokens), part.lower()))
            continue
        pieces = _split_word(part)
        last = len(pieces) - 1
        for number, piece in enumerate(pieces):
            append(
                Token(piece, position, space if number == last else "", len(tokens), piece.lower())
            )
            position += len(piece)
    return Doc(text, tokens)


# A text's chunks: runs of non-space characters and runs of spaces.
_CHUNKS = re.compile(r"\S+|\s+")


class PhraseMatcher:
    """Finds every occurrence of the added phrases in a Doc, on lower-cased tokens."""

    def __init__(self) -> None:
        # first lower-cased token -> (name, the phrase's lower-cased tokens)
        self.by_first: dict[str, list[tuple[str, tuple[str, ...]]]] = {}

    def add(self, name: str, phrases: Sequence[str]) -> None:
        for phrase in phrases:
            parts = phrase.lower().split()
            plain = all(part.isalpha() and part != "cannot" for part in parts)
            words = tuple(parts) if plain else tuple(t.lower_ for t in tokenize(phrase))
            if words:
                self.by_first.setdefault(words[0], []).append((name, words))

    def __call__(self, lower: Sequence[str]) -> list[tuple[str, int, int]]:
        found: set[tuple[str, int, int]] = set()
        for start, word in enumerate(lower):
            for name, words in self.by_first.get(word, ()):
                end = start + len(words)
                if tuple(lower[start:end]) == words:
                    found.add((name, start, end))
        return sorted(found, key=lambda m: (m[1], m[2], m[0]))


# How often one token pattern may repeat, by its OP.
_OPS = {"?": (0, 1), "*": (0, None), "+": (1, None), "!": (0, 0)}


@dataclass(frozen=True, slots=True)
class _Step:
    """One token pattern: the lower-cased forms it allows or bans, the flags it tests."""

    allowed: frozenset[str] | None
    banned: frozenset[str]
    flags: tuple[tuple[str, bool], ...]
    least: int
    most: int | None

    def test(self, token: Token) -> bool:
        if self.allowed is not None and token.lower_ not in self.allowed:
            return False
        if token.lower_ in self.banned:
            return False
        return all(_flag(token, flag) == wanted for flag, wanted in self.flags)


def _flag(token: Token, flag: str) -> bool:
    if flag == "IS_SENT_START":
        return token.is_sent_start
    if flag == "IS_ALPHA":
        return token.is_alpha
    if flag == "IS_PUNCT":
        return token.is_punct
    return token.like_num


def _step(spec: Mapping[str, Any]) -> _Step:
    allowed: frozenset[str] | None = None
    banned: frozenset[str] = frozenset()
    flags: list[tuple[str, bool]] = []
    for key, value in spec.items():
        if key == "OP":
            continue
        if key == "LOWER":
            if isinstance(value, dict):
                if "IN" in value:
                    allowed = frozenset(str(v).lower() for v in value["IN"])
                if "NOT_IN" in value:
                    banned = frozenset(str(v).lower() for v in value["NOT_IN"])
            else:
                allowed = frozenset([str(value).lower()])
        elif key in TOKEN_FLAGS:
            flags.append((key, bool(value)))
        else:
            raise ValueError(f"unsupported token attribute {key!r}")
    least, most = _OPS.get(str(spec.get("OP", "")), (1, 1))
    return _Step(allowed, banned, tuple(flags), least, most)


class Matcher:
    """Token patterns (lists of attribute tests with optional OP) matched at every position;
    every span that matches is returned, as spaCy's Matcher does without a greedy setting."""

    def __init__(self) -> None:
        # Patterns whose first token must be one of some words, by those words; the others.
        self.by_first: dict[str, list[tuple[str, tuple[_Step, ...]]]] = {}
        self.anywhere: list[tuple[str, tuple[_Step, ...]]] = []
        # Patterns whose first token must start the sentence: tried at the first token only.
        self.at_start: list[tuple[str, tuple[_Step, ...]]] = []

    def add(self, name: str, alternatives: Sequence[Sequence[Mapping[str, Any]]]) -> None:
        for alternative in alternatives:
            steps = tuple(_step(spec) for spec in alternative)
            if not steps:
                continue
            first = steps[0]
            if first.least >= 1 and first.allowed is not None:
                for word in first.allowed:
                    self.by_first.setdefault(word, []).append((name, steps))
            elif first.least >= 1 and ("IS_SENT_START", True) in first.flags:
                self.at_start.append((name, steps))
            else:
                self.anywhere.append((name, steps))

    def __call__(self, doc: Doc) -> list[tuple[str, int, int]]:
        found: set[tuple[str, int, int]] = set()
        tokens = doc.tokens
        by_first, anywhere = self.by_first, self.anywhere
        for start, token in enumerate(tokens):
            patterns = by_first.get(token.lower_, ())
            if anywhere:
                patterns = (*patterns, *anywhere)
            if start == 0 and self.at_start:
                patterns = (*patterns, *self.at_start)
            for name, steps in patterns:
                for end in _ends(steps, 0, tokens, start):
                    if end > start:
                        found.add((name, start, end))
        return sorted(found, key=lambda m: (m[1], m[2], m[0]))


def _ends(steps: tuple[_Step, ...], step: int, tokens: list[Token], at: int) -> set[int]:
    if step == len(steps):
        return {at}
    current = steps[step]
    ends: set[int] = set()
    count = 0
    position = at
    while True:
        if count >= current.least:
            ends |= _ends(steps, step + 1, tokens, position)
        if current.most is not None and count >= current.most:
            break
        if position < len(tokens) and current.test(tokens[position]):
            position += 1
            count += 1
        else:
            break
    return ends
