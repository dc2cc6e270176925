"""Helpers for testing rules, public and stable, for okrlint itself and for plugin authors.

A rule example is a small OKR document in which every line that should be flagged ends with
`# expect: CODE` (several codes separated by commas). `check_example` lints it with only the
rule selected and returns what differs from the expectation, so a test is one assertion::

    from okrlint.testing import check_rule_examples
    def test_my_rule_examples():
        assert check_rule_examples(MyRule) == []
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from okrlint.api import Example, Rule
from okrlint.config.files import ConfigFile, LoadedConfig
from okrlint.config.settings import Overrides, Settings, resolve
from okrlint.findings import Finding
from okrlint.fix.runner import FileFix, fix_text
from okrlint.inputs import read_text
from okrlint.pipeline.run import RunOptions, check_sources
from okrlint.rules.assembly import registry_for
from okrlint.rules.registry import Registry

_EXPECT = re.compile(r"#\s*expect:\s*([A-Za-z0-9_, -]+?)\s*$")


def expected_findings(yaml_text: str) -> set[tuple[int, str]]:
    """The (line, code) pairs an example's `# expect:` markers announce."""
    expected: set[tuple[int, str]] = set()
    for number, line in enumerate(yaml_text.splitlines(), start=1):
        match = _EXPECT.search(line)
        if match:
            for code in match.group(1).split(","):
                if code.strip():
                    expected.add((number, code.strip()))
    return expected


def lint_text(
    yaml_text: str,
    select: list[str] | None = None,
    options: Mapping[str, Mapping[str, Any]] | None = None,
    today: dt.date | None = None,
    path: str = "example.yaml",
) -> list[Finding]:
    """Lint YAML given as text, with the given rules selected (all default rules when None)."""
    registry, settings = _settings(select, options)
    source = read_text(yaml_text, path)
    report = check_sources([(source, settings)], registry, RunOptions(today=today), settings)
    return report.findings


def fix_text_as_cli(
    yaml_text: str,
    select: list[str] | None = None,
    options: Mapping[str, Mapping[str, Any]] | None = None,
    today: dt.date | None = None,
    path: str = "example.yaml",
) -> str:
    """The text `okrlint check --fix` would write for YAML given as text, with these rules."""
    registry, settings = _settings(select, options)
    record = FileFix(Path(path), path, yaml_text, yaml_text)
    return fix_text(
        yaml_text, Path(path), path, settings, registry, RunOptions(today=today), record
    )


def _settings(
    select: list[str] | None, options: Mapping[str, Mapping[str, Any]] | None
) -> tuple[Registry, Settings]:
    config = LoadedConfig(ConfigFile(rules={k: dict(v) for k, v in (options or {}).items()}))
    registry = registry_for([config])
    return registry, resolve(config, registry, Overrides(select=select))


def check_example(rule: type[Rule[Any]], example: Example) -> list[str]:
    """Differences between what the example expects and what linting it gives; [] if none."""
    code = rule.meta.code
    with tempfile.TemporaryDirectory() as folder:
        path = "example.yaml"
        if example.history:
            path = str(commit_history(Path(folder), example.history, example.yaml))
        findings = lint_text(
            example.yaml,
            select=[code, *example.also_select],
            options={code: example.options} if example.options else None,
            today=example.today,
            path=path,
        )
    findings = [f for f in findings if f.code == code]
    found = {(f.line, f.code) for f in findings}
    expected = {(line, c) for line, c in expected_findings(example.yaml) if c == code}
    problems = [f"line {line}: expected {c}, not reported" for line, c in sorted(expected - found)]
    for finding in findings:
        if (finding.line, finding.code) not in expected:
            problems.append(f"line {finding.line}: unexpected {finding.code}: {finding.message}")
    messages = [f.message for f in sorted(findings, key=lambda f: (f.line, f.column))]
    if example.messages and messages != list(example.messages):
        problems.append(f"expected the messages {list(example.messages)!r}, got {messages!r}")
    if example.fixed is not None:
        fixed = fix_text_as_cli(
            example.yaml,
            select=[code, *example.also_select],
            options={code: example.options} if example.options else None,
            today=example.today,
        )
        if fixed != example.fixed:
            diff = difflib.unified_diff(
                example.fixed.splitlines(keepends=True),
                fixed.splitlines(keepends=True),
                "expected after --fix",
                "after --fix",
            )
            problems.append("--fix gives another text:\n" + "".join(diff))
    return problems


def commit_history(
    folder: Path, history: Sequence[tuple[str, str, str | None]], final: str
) -> Path:
    """A git repository in `folder` whose `okrs.yaml` went through `history` (ISO date, commit
    message, YAML or None for `final`), with `final` in the working tree; returns the file."""
    path = folder / "okrs.yaml"
    folder.mkdir(parents=True, exist_ok=True)
    _run_git(folder, "init", "-q")
    for day, message, text in history:
        path.write_text(final if text is None else text, encoding="utf-8")
        _run_git(folder, "add", "okrs.yaml")
        _run_git(folder, "commit", "-q", "--allow-empty", "-m", message, date=day)
    path.write_text(final, encoding="utf-8")
    return path


def _run_git(folder: Path, *args: str, date: str | None = None) -> None:
    stamp = f"{date}T12:00:00+00:00" if date else None
    environment = {
        **os.environ,
        "GIT_AUTHOR_NAME": "okrlint example",
        "GIT_AUTHOR_EMAIL": "example@okrlint.invalid",
        "GIT_COMMITTER_NAME": "okrlint example",
        "GIT_COMMITTER_EMAIL": "example@okrlint.invalid",
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
    }
    if stamp:
        environment.update(GIT_AUTHOR_DATE=stamp, GIT_COMMITTER_DATE=stamp)
    subprocess.run(
        ["git", "-C", str(folder), "-c", "commit.gpgsign=false", *args],
        check=True,
        capture_output=True,
        env=environment,
    )


def check_rule_examples(rule: type[Rule[Any]]) -> list[str]:
    """Run every bad and good example of a rule; a rule needs at least one of each."""
    problems: list[str] = []
    if not rule.meta.bad or not rule.meta.good:
        problems.append(f"{rule.meta.code} needs at least one bad and one good example")
    for kind, examples in (("bad", rule.meta.bad), ("good", rule.meta.good)):
        for number, example in enumerate(examples, start=1):
            for problem in check_example(rule, example):
                problems.append(f"{rule.meta.code} {kind} example {number}: {problem}")
            if kind == "bad" and not any(
                c == rule.meta.code for _, c in expected_findings(example.yaml)
            ):
                problems.append(f"{rule.meta.code} bad example {number} expects no finding")
    return problems
