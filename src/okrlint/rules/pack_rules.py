"""Rules written as data in a rule pack's rules.yaml, of a closed set of kinds.

Each becomes an ordinary rule class, added to the registry of a run whose configs name its pack
(`okrlint.rules.registry.registry_for`), so `select`, `ignore`, `severity` and suppressions
treat it like any built-in rule. Pack rules are off unless their pack is named in the config
that applies to the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from okrlint.api import KeyResultItem, NoOptions, ObjectiveItem, Rule, RuleContext, RuleMeta, Scope
from okrlint.config.files import LoadedConfig
from okrlint.findings import Severity, Violation
from okrlint.text.pack import PackRule, RulePack, pack_for_config
from okrlint.text.reading import KeyResultReading, reading_of

_CLASSES: dict[tuple[str, PackRule], type[Rule[Any]]] = {}


def pack_rules(config: LoadedConfig) -> list[type[Rule[Any]]]:
    """The declarative rules of the config's rule packs, as rule classes (the same class for
    the same rule of the same pack, however many configs name it)."""
    if not config.values.rule_packs:
        return []
    pack = pack_for_config(config)
    rules = []
    for spec in pack.rules:
        rule = _CLASSES.get((pack.fingerprint, spec))
        if rule is None:
            rule = _CLASSES[(pack.fingerprint, spec)] = make_rule(spec, pack)
        rules.append(rule)
    return rules


def make_rule(spec: PackRule, pack: RulePack) -> type[Rule[Any]]:
    scope = Scope.KEY_RESULT if spec.applies_to == "key_result" else Scope.OBJECTIVE
    meta = RuleMeta(
        code=spec.code,
        name=spec.name,
        family=spec.pack,
        scope=scope,
        summary=spec.summary or spec.message,
        rationale=spec.rationale or f"A {spec.kind} rule from the rule pack '{spec.pack}'.",
        bad=(),
        good=(),
        severity=Severity(spec.severity),
        enabled=False,
        needs_readings=True,
        source=f"rule pack {spec.pack}",
    )
    checker = _KINDS[spec.kind]

    def check(
        self: Rule[NoOptions], item: Any, context: RuleContext[NoOptions]
    ) -> Iterator[Violation]:
        yield from checker(spec, item, context)

    return type(
        f"PackRule_{spec.code}",
        (Rule,),
        {"meta": meta, "check": check, "__module__": __name__},
    )


def _text_of(item: Any) -> str:
    if isinstance(item, KeyResultItem):
        return item.text
    if isinstance(item, ObjectiveItem):
        return item.objective.title
    return ""


def _message(spec: PackRule, **values: Any) -> str:
    fields = {"term": "", "max": spec.max, "min": spec.min, "count": ""}
    fields.update(values)
    try:
        return spec.message.format(**fields)
    except (KeyError, IndexError, ValueError):
        return spec.message


def _violation(item: Any, message: str) -> Violation:
    violation: Violation = item.violation(message)
    return violation


def _reading(item: Any, context: RuleContext[NoOptions]) -> KeyResultReading | None:
    reading = reading_of(context.readings, _text_of(item))
    return reading if reading is not None and reading.english else None


def _lexicon(spec: PackRule, item: Any, context: RuleContext[NoOptions]) -> Iterator[Violation]:
    return _first_hit(spec, spec.lexicon, item, context)


def _required(spec: PackRule, item: Any, context: RuleContext[NoOptions]) -> Iterator[Violation]:
    reading = _reading(item, context)
    if reading is not None and not reading.hits.get(spec.lexicon or ""):
        yield _violation(item, _message(spec))


def _pattern(spec: PackRule, item: Any, context: RuleContext[NoOptions]) -> Iterator[Violation]:
    return _first_hit(spec, spec.pattern, item, context)


def _first_hit(
    spec: PackRule, name: str | None, item: Any, context: RuleContext[NoOptions]
) -> Iterator[Violation]:
    """A finding quoting the first term the reading found under `name` (a lexicon or pattern)."""
    reading = _reading(item, context)
    found = reading.hits.get(name or "", ()) if reading else ()
    if found:
        yield _violation(item, _message(spec, term=found[0].text))


def _length(spec: PackRule, item: Any, context: RuleContext[NoOptions]) -> Iterator[Violation]:
    size = len(_text_of(item))
    if (spec.max is not None and size > spec.max) or (spec.min is not None and size < spec.min):
        yield _violation(item, _message(spec, count=size))


def _count(spec: PackRule, item: Any, context: RuleContext[NoOptions]) -> Iterator[Violation]:
    if not isinstance(item, ObjectiveItem):
        return
    matching = 0
    for key_result in item.key_results():
        reading = reading_of(context.readings, key_result.text)
        if reading is not None and reading.hits.get(spec.lexicon or ""):
            matching += 1
    if (spec.max is not None and matching > spec.max) or (
        spec.min is not None and matching < spec.min
    ):
        yield _violation(item, _message(spec, count=matching))


_KINDS = {
    "lexicon": _lexicon,
    "required": _required,
    "pattern": _pattern,
    "length": _length,
    "count": _count,
}
