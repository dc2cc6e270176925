"""Every rule's metadata examples are its tests: bad ones flag the marked lines, good ones pass."""

from typing import Any

import pytest

from okrlint.registry import Rule, default_registry
from okrlint.testing import check_rule_examples

RULES = default_registry().sorted()


@pytest.mark.parametrize("rule", RULES, ids=[r.meta.code for r in RULES])
def test_rule_examples_give_exactly_the_marked_findings(rule: type[Rule[Any]]) -> None:
    assert check_rule_examples(rule) == []
