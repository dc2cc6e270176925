"""okrlint's own tokenizer and matchers, which the reader is built on."""

from __future__ import annotations

from pathlib import Path

import pytest

from okrlint.errors import PackError
from okrlint.text.pack import load_pack
from okrlint.text.tokens import Matcher, PhraseMatcher, tokenize


def words(text: str) -> list[str]:
    return [token.text for token in tokenize(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Raise NPS from 30 to 45% by Q3.",
            ["Raise", "NPS", "from", "30", "to", "45", "%", "by", "Q3", "."],
        ),
        ("We'll ship it", ["We", "'ll", "ship", "it"]),
        ("don't stop", ["do", "n't", "stop"]),
        ("Let's go", ["Let", "'s", "go"]),
        ("self-serve sign-ups", ["self", "-", "serve", "sign", "-", "ups"]),
        ("week-1 retention", ["week-1", "retention"]),
        ("v2.0 (beta)", ["v2.0", "(", "beta", ")"]),
        ("a 30-day trial", ["a", "30", "-", "day", "trial"]),
        ("$5 per seat", ["$", "5", "per", "seat"]),
        ("rated 3.5/5, e.g. by users", ["rated", "3.5/5", ",", "e.g.", "by", "users"]),
        ("Growth: run 4 tests", ["Growth", ":", "run", "4", "tests"]),
        ("50+ teams", ["50", "+", "teams"]),
        ("the customers' orders", ["the", "customers", "'", "orders"]),
        ("see docs.example.com/start now", ["see", "docs.example.com/start", "now"]),
    ],
)
def test_tokenize_splits_words_the_english_way(text: str, expected: list[str]) -> None:
    assert words(text) == expected


def test_tokens_keep_their_offsets_and_spacing() -> None:
    text = "Ship  the guide—today!"
    doc = tokenize(text)
    for token in doc:
        assert text[token.idx : token.idx + len(token)] == token.text
    assert doc[0].whitespace_ == " "
    assert doc[1].is_space and doc[1].text == " "
    span = doc[2:4]
    assert span.text == "the guide"
    assert [t.text for t in span] == ["the", "guide"]


def test_token_attributes() -> None:
    doc = tokenize("Ten 1,000 3rd x - ok")
    assert [t.like_num for t in doc] == [True, True, True, False, False, False]
    assert doc[4].is_punct and not doc[5].is_punct
    assert doc[0].is_sent_start and not doc[1].is_sent_start


def test_phrase_matcher_finds_every_phrase_on_lower_case_words() -> None:
    matcher = PhraseMatcher()
    matcher.add("launch", ["roll out", "launch"])
    matcher.add("thing", ["sign-up flow"])
    lower = [t.lower_ for t in tokenize("Roll out the Sign-up flow and launch it")]
    assert matcher(lower) == [("launch", 0, 2), ("thing", 3, 7), ("launch", 8, 9)]


def test_matcher_returns_every_span_of_optional_and_repeated_tokens() -> None:
    matcher = Matcher()
    matcher.add(
        "done",
        [
            [
                {"LOWER": {"IN": ["is", "are"]}},
                {"LOWER": {"IN": ["now", "fully"]}, "OP": "*"},
                {"LOWER": "done"},
            ]
        ],
    )
    matcher.add("start", [[{"IS_SENT_START": True, "IS_ALPHA": True}, {"LOWER": "to"}]])
    matcher.add("not_be", [[{"LOWER": "can"}, {"LOWER": {"NOT_IN": ["be"]}, "IS_ALPHA": True}]])
    assert matcher(tokenize("It is now fully done")) == [("done", 1, 5)]
    assert matcher(tokenize("Design to ship")) == [("start", 0, 2)]
    assert matcher(tokenize("users can export")) == [("not_be", 1, 3)]
    assert matcher(tokenize("users can be")) == []
    plus = Matcher()
    plus.add("has", [[{"LOWER": "has"}, {"LOWER": {"IN": ["a", "new"]}, "OP": "+"}]])
    assert plus(tokenize("has a new page")) == [("has", 0, 2), ("has", 0, 3)]


def test_a_pattern_with_an_unknown_token_attribute_is_a_pack_error(tmp_path: Path) -> None:
    (tmp_path / "patterns.yaml").write_text("patterns:\n  odd:\n    - [{POS: VERB}]\n")
    with pytest.raises(PackError, match="unknown token attribute 'POS'"):
        load_pack([tmp_path])
