"""A config resolved against the rules of a run: what runs, how severe, with which options."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from okrlint.api import Rule
from okrlint.config.files import LoadedConfig
from okrlint.errors import ConfigError, UnknownRuleError
from okrlint.findings import Severity
from okrlint.rules.pack_rules import pack_rules
from okrlint.rules.registry import Registry


@dataclass(frozen=True, slots=True)
class Overrides:
    """Command-line settings, which win over the config file."""

    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    fail_on: Severity | None = None


@dataclass(frozen=True, slots=True)
class Settings:
    """A config resolved against the registry: what runs, how severe, with which options."""

    config: LoadedConfig
    selected: frozenset[str]
    severities: Mapping[str, Severity]
    options: Mapping[str, BaseModel]
    fail_on: Severity
    # `per_file_ignores` with each pattern's selectors resolved to codes.
    per_file_ignores: tuple[tuple[str, frozenset[str]], ...] = ()

    def severity_of(self, code: str) -> Severity:
        return self.severities[code]


def resolve(config: LoadedConfig, registry: Registry, overrides: Overrides) -> Settings:
    values = config.values
    where = str(config.path) if config.path else "command line"
    # The rules of the config's own rule packs are on for this config (and only for it).
    pack_codes = {rule.meta.code for rule in pack_rules(config)}

    def codes(selectors: Iterable[str], key: str, origin: str = where) -> set[str]:
        found: set[str] = set()
        for selector in selectors:
            try:
                found.update(registry.resolve(selector))
            except UnknownRuleError:
                raise ConfigError(
                    f"{origin}: {key}: unknown rule '{selector}' "
                    "(see `okrlint rules` for the codes and names)"
                ) from None
        return found

    if overrides.select is not None:
        selected = codes(overrides.select, "--select", "command line")
    elif values.select is not None:
        selected = codes(values.select, "select")
    else:
        selected = {code for code, rule in registry.rules.items() if rule.meta.enabled}
        selected |= pack_codes
    selected |= codes(values.extend_select, "extend_select")
    selected |= codes(overrides.extend_select, "--extend-select", "command line")
    selected -= codes(values.ignore, "ignore")
    selected -= codes(overrides.ignore, "--ignore", "command line")
    per_file_ignores = tuple(
        (pattern, frozenset(codes(ignored, f"per_file_ignores.{pattern}")))
        for pattern, ignored in values.per_file_ignores.items()
    )

    severities = {code: rule.meta.severity for code, rule in registry.rules.items()}
    for selector, level in values.severity.items():
        for code in codes([selector], f"severity.{selector}"):
            severities[code] = level

    options: dict[str, BaseModel] = {}
    configured: dict[str, tuple[str, dict[str, Any]]] = {}
    for selector, raw in values.rules.items():
        try:
            rule = registry.lookup(selector)
        except UnknownRuleError:
            raise ConfigError(
                f"{where}: rules.{selector}: unknown rule '{selector}' "
                "(see `okrlint rules` for the codes and names)"
            ) from None
        configured[rule.meta.code] = (selector, raw if isinstance(raw, dict) else {})
        if not isinstance(raw, dict):
            raise ConfigError(f"{where}: rules.{selector}: expected a mapping of options")
    for code, rule in registry.rules.items():
        selector, raw = configured.get(code, (code, {}))
        options[code] = rule_options(
            rule, {**preset_options(values.preset, code), **raw}, where, selector
        )

    return Settings(
        config=config,
        selected=frozenset(selected),
        severities=severities,
        options=options,
        fail_on=overrides.fail_on or values.fail_on or Severity.ERROR,
        per_file_ignores=per_file_ignores,
    )


# Where the published authorities disagree, the default is the strict modern reading and a preset
# names the alternative (see README, Configuration):
# - doerr: "a maximum of three Objectives, each with 3-5 Key Results" (whatmatters.com FAQ);
# - google: the playbook sets no counts, so they stay at the default; it fixes the grades a
#   closed key result is held to (committed 1.0, aspirational 0.7);
# - wodtke: "a single Objective with only three Key Results" (Radical Focus).
PRESETS: dict[str, dict[str, dict[str, Any]]] = {
    "doerr": {"FOC001": {"max": 3}, "FOC002": {"max": 5}, "FOC003": {"min": 3}},
    "google": {"CUL003": {"aspirational": 0.7, "committed": 1.0}},
    "wodtke": {"FOC001": {"max": 1}, "FOC002": {"max": 3}},
}


def preset_options(preset: str | None, code: str) -> dict[str, Any]:
    return dict(PRESETS.get(preset or "", {}).get(code, {}))


def rule_options(
    rule: type[Rule[Any]], raw: Mapping[str, Any], where: str = "", selector: str = ""
) -> BaseModel:
    try:
        return rule.Options.model_validate(dict(raw))
    except ValidationError as error:
        problems = []
        for problem in error.errors(include_url=False):
            key = ".".join(str(part) for part in problem["loc"])
            if problem["type"] == "extra_forbidden":
                known = ", ".join(rule.Options.model_fields) or "none"
                problems.append(f"unknown option '{key}' (options of {rule.meta.code}: {known})")
            else:
                problems.append(f"{key}: {str(problem['msg']).removeprefix('Value error, ')}")
        raise ConfigError(
            f"{where}: rules.{selector or rule.meta.code}: " + "; ".join(problems)
        ) from None
