"""Every rule's metadata examples are its tests: bad ones flag the marked lines, good ones pass."""

import dataclasses
from typing import Any

import pytest

from okrlint.api import Rule
from okrlint.rules.assembly import installed_rules
from okrlint.testing import check_example, check_rule_examples

RULES = installed_rules().sorted()


@pytest.mark.parametrize("rule", RULES, ids=[r.meta.code for r in RULES])
def test_rule_examples_give_exactly_the_marked_findings(rule: type[Rule[Any]]) -> None:
    assert check_rule_examples(rule) == []


def test_an_example_checks_the_message_and_the_fixed_text_it_declares() -> None:
    rule = installed_rules().rules["OUT001"]
    example = rule.meta.bad[0]
    assert example.messages and example.fixed is not None
    assert check_example(rule, example) == []
    wrong_message = dataclasses.replace(example, messages=("not what OUT001 says",))
    (problem,) = check_example(rule, wrong_message)
    assert "expected the messages ['not what OUT001 says']" in problem
    wrong_fix = dataclasses.replace(example, fixed=example.yaml)
    (problem,) = check_example(rule, wrong_fix)
    assert problem.startswith("--fix gives another text:")
    assert "+    initiatives:" in problem
