"""Suggested outcome-shaped rewrites for key results that are outputs.

Rewriting a key result needs a person: only they know who should behave differently and by how
much. So a rewrite is offered only when every part of it is known: the people (who), what they
would do differently (the behaviour the text names, or the one its deliverable is for) and the
share from and to which it should move (a baseline and a target written as percentages, in the
text or in the key result's `baseline:`/`target:` fields with a `%` unit). A rewrite with a
slot left open ("from <baseline> to <target>") would be one more sentence to fix; without every
part there is no suggestion and the message says what to measure instead. It is shown with the
finding, never applied by `--fix` and never offered as a SARIF fix.

    "Roll out the mobile app to all users", baseline: 20%, target: 35%
        ->  "Increase the share of users who use the mobile app from 20% to 35%"
"""

from __future__ import annotations

import re
from typing import Any

from okrlint.model import KeyResult
from okrlint.text.number_mentions import BASELINE, TARGET
from okrlint.text.pack import RulePack, load_pack, plural_forms
from okrlint.text.reading import KeyResultReading

_WORD = re.compile(r"[a-z][a-z-]*")
_THE = re.compile(r"^(the|a|an|our|new|v\d+(\.\d+)*)\s+", re.IGNORECASE)


def _text(term: Any) -> str | None:
    if term is None:
        return None
    text = getattr(term, "text", term)
    return str(text).strip() or None


def behaviour_for(deliverable: str | None, pack: RulePack | None = None) -> str | None:
    """The behaviour a deliverable is usually meant to change, from the words of its name
    (the pack's `deliverable_behaviours`; the built-in pack's when none is given)."""
    if not deliverable:
        return None
    behaviours = _behaviours(pack or load_pack())
    for word in _WORD.findall(deliverable.lower()):
        if word in behaviours:
            return behaviours[word]
    return None


_BEHAVIOURS: dict[str, dict[str, str]] = {}


def _behaviours(pack: RulePack) -> dict[str, str]:
    found = _BEHAVIOURS.get(pack.fingerprint)
    if found is None:
        found = _BEHAVIOURS[pack.fingerprint] = pack.word_pairs("deliverable_behaviours")
    return found


def _thing(deliverable: str | None) -> str:
    if not deliverable:
        return "the work"
    cleaned = deliverable.strip().rstrip(".")
    while _THE.match(cleaned):
        cleaned = _THE.sub("", cleaned, count=1)
    return f"the {cleaned}" if cleaned else "the work"


def suggest_outcome(
    reading: KeyResultReading, verdict: Any, key_result: KeyResult | None = None
) -> str | None:
    """An outcome-shaped rewrite of an output key result (`verdict`: its `output_verdict`), or
    None when the text does not say who would behave differently and how, or the key result
    gives no share to move from and to."""
    kind = verdict.output_kind or ""
    if kind in ("hire", "internal_metric"):
        # What new people or a team's own measure should move is not in the text.
        return None
    who = _people(reading.actor) or _people_named(reading)
    known = _text(reading.behaviour)
    pack = getattr(reading, "pack", None)
    does = (
        behaviour_for(verdict.deliverable, pack)
        or behaviour_for(known, pack)
        or _doing(reading.behaviour)
    )
    figures = _shares(reading, key_result)
    if not who or not does or figures is None:
        return None
    baseline, target = figures
    return f"Increase the share of {who} who {does} from {baseline} to {target}"


_PERCENT_UNITS = frozenset({"%", "percent"})


def _shares(reading: KeyResultReading, key_result: KeyResult | None) -> tuple[str, str] | None:
    """The baseline and target shares, as written: a rewrite about a share of people takes its
    figures only from percentages (a count of posts or a date is not a share)."""
    numbers = getattr(reading, "numbers", ())
    baseline = next((n for n in numbers if n.role == BASELINE), None)
    target = next((n for n in reversed(numbers) if n.role == TARGET), None)
    if baseline and target and {baseline.unit, target.unit} <= _PERCENT_UNITS:
        return baseline.text, target.text
    if key_result is None or key_result.baseline is None or key_result.target is None:
        return None
    if (key_result.unit or "").strip().lower() not in _PERCENT_UNITS:
        return None
    return f"{key_result.baseline:g}%", f"{key_result.target:g}%"


def _people_named(reading: KeyResultReading) -> str | None:
    """The people the text names, in the plural ("all users" -> "users", "every admin" ->
    "admins")."""
    hits = getattr(reading, "hits", None) or {}
    people = hits.get("customer_actors", ())
    return _people(people[0]) if people else None


def _people(term: Any) -> str | None:
    """People as a plural subject of "the share of ... who": a lexicon word written in its
    singular form ("admin", "paying customer") takes its plural, a plural stays as written."""
    written = _text(term)
    if written is None:
        return None
    base = getattr(term, "term", None)
    if isinstance(base, str) and written.lower() == base.lower():
        plurals = plural_forms(written)
        # "people", "staff": already plural, or a word with no plural of its own.
        if plurals and not written.lower().endswith(_NO_PLURAL):
            return plurals[0]
    return written


# Nouns that are plural already or take no plural ("people", "staff").
_NO_PLURAL = ("people", "staff", "folk", "folks", "children")


def _doing(term: Any) -> str | None:
    """What people do, as a verb after "who": a verb of behaviour in its base form ("every admin
    upgrades" -> "upgrade"); a noun of behaviour ("repeat purchases") is no verb and gives
    nothing."""
    if term is None:
        return None
    lexicon = getattr(term, "lexicon", None)
    if lexicon is None:
        return _text(term)
    if lexicon == "behaviour_verbs":
        base = getattr(term, "term", None)
        return str(base) if base else _text(term)
    return None
