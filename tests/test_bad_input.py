"""Bad input gets a finding or a clear error, never a traceback, and never stops the other files."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from okrlint.cli import app
from okrlint.pipeline.run import lint_paths
from samples import GOOD


@pytest.fixture(autouse=True)
def _in_tmp(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("FORCE_COLOR", "NO_COLOR", "OKRLINT_OUTPUT_FORMAT", "GITHUB_ACTIONS"):
        monkeypatch.delenv(name, raising=False)


def check(*paths: str, extra: tuple[str, ...] = ()) -> tuple[int, dict[str, object], str]:
    """Run the real command with JSON output next to a good file, which must stay linted."""
    Path("good.yaml").write_text(GOOD)
    result = CliRunner().invoke(app, ["check", *paths, "good.yaml", "--format", "json", *extra])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.stdout + result.stderr
    document = json.loads(result.stdout)
    return result.exit_code, document, result.stderr


def findings(document: dict[str, object]) -> list[tuple[str, int, int, str, str]]:
    rows = document["findings"]
    assert isinstance(rows, list)
    return [(f["path"], f["line"], f["column"], f["code"], f["message"]) for f in rows]


def summary(document: dict[str, object]) -> dict[str, int]:
    value = document["summary"]
    assert isinstance(value, dict)
    return value


def test_an_empty_file_is_skipped_and_counted() -> None:
    Path("empty.yaml").write_bytes(b"")
    status, document, _ = check("empty.yaml")
    assert (status, findings(document), summary(document)["files"]) == (0, [], 1)
    assert lint_paths(["empty.yaml"]).counts.skipped_files == 1


def test_a_file_with_only_comments_is_skipped_and_counted() -> None:
    Path("notes.yaml").write_text("# OKRs for 2026-Q2 go here\n#\n# team: Growth\n")
    status, document, _ = check("notes.yaml")
    assert (status, findings(document)) == (0, [])
    assert lint_paths(["notes.yaml"]).counts.skipped_files == 1


def test_a_list_at_the_top_level_is_skipped_unless_it_holds_okr_sets() -> None:
    Path("list.yaml").write_text("- lint\n- test\n")
    status, document, _ = check("list.yaml")
    assert (status, findings(document)) == (0, [])
    Path("sets.yaml").write_text("- " + GOOD.replace("\n", "\n  ").rstrip() + "\n")
    status, document, _ = check("sets.yaml")
    assert status == 1
    ((path, line, column, code, message),) = findings(document)
    assert (path, line, column, code) == ("sets.yaml", 1, 1, "STR002")
    assert message.startswith("the document is a list, but an OKR document is a mapping")
    assert "separate them with `---`" in message


def test_non_utf8_bytes_are_a_finding_at_the_byte() -> None:
    Path("latin1.yaml").write_bytes(GOOD.replace("Growth", "Croissance élevée").encode("latin-1"))
    status, document, _ = check("latin1.yaml")
    assert status == 1
    ((path, line, column, code, message),) = findings(document)
    assert (path, line, column, code) == ("latin1.yaml", 1, 18, "STR001")
    assert message == ("the file is not UTF-8 text (byte 0xe9 cannot be decoded); save it as UTF-8")
    assert summary(document)["okr_sets"] == 1  # good.yaml


def test_utf16_with_a_byte_order_mark_and_utf8_with_one_are_read() -> None:
    Path("utf16.yaml").write_bytes(GOOD.encode("utf-16"))
    Path("bom.yaml").write_bytes(b"\xef\xbb\xbf" + GOOD.encode("utf-8"))
    status, document, _ = check("utf16.yaml", "bom.yaml")
    assert (status, findings(document), summary(document)["okr_sets"]) == (0, [], 3)


def test_binary_content_is_a_finding() -> None:
    Path("image.yaml").write_bytes(b"team: x\n\x00\x01\x02 period")
    status, document, _ = check("image.yaml")
    assert status == 1
    assert findings(document)[0][:4] == ("image.yaml", 2, 1, "STR001")


def test_a_folder_without_okr_files_is_fine_and_says_so() -> None:
    Path("docs").mkdir()
    Path("docs/README.md").write_text("# OKRs\n")
    Path("docs/.hidden.yaml").write_text(GOOD)
    result = CliRunner().invoke(app, ["check", "docs"])
    assert result.exit_code == 0
    assert result.stdout == "No findings in 0 OKR files.\n"
    assert result.stderr == (
        "okrlint: warning: no OKR files (*.yaml, *.yml, *.json) found in docs; it holds a "
        "Markdown or CSV file (docs/README.md), which okrlint reads only when it is named on the "
        "command line or matched by `include:` in .okrlint.yaml\n"
    )
    # Named, or included by a config, the Markdown is read: the run counts it.
    named = CliRunner().invoke(app, ["check", "docs/README.md"])
    assert "no OKR files" not in named.stderr
    Path("sheets").mkdir()
    Path("sheets/empty.txt").write_text("nothing here\n")
    bare = CliRunner().invoke(app, ["check", "sheets"])
    assert bare.stderr == "okrlint: warning: no OKR files (*.yaml, *.yml, *.json) found in sheets\n"
    # A folder with YAML that is not OKRs: counted, no warning.
    Path("ci").mkdir()
    Path("ci/lint.yml").write_text("on: [push]\n")
    result = CliRunner().invoke(app, ["check", "ci"])
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == "No findings in 0 OKR files (1 other YAML skipped).\n"


def test_a_path_that_does_not_exist_is_exit_2() -> None:
    result = CliRunner().invoke(app, ["check", "okrs/2026-Q1.yaml"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == "okrlint: error: no such file or folder: okrs/2026-Q1.yaml\n"


def test_duplicate_keys_are_a_finding_at_the_second_key() -> None:
    Path("dup.yaml").write_text(GOOD.replace("period: 2026-Q1", "period: 2026-Q1\nteam: Sales"))
    status, document, _ = check("dup.yaml")
    assert status == 1
    assert findings(document) == [
        (
            "dup.yaml",
            3,
            1,
            "STR001",
            "duplicate key 'team' (first defined on line 1); YAML keys must be unique, and the "
            "later value is ignored",
        )
    ]


def test_duplicate_keys_deep_inside_are_found_too() -> None:
    text = GOOD.replace("  - title: Make", "  - title: First\n    title: Make")
    Path("dup.yaml").write_text(text)
    _, document, _ = check("dup.yaml")
    assert [(line, column, code) for _, line, column, code, _ in findings(document)] == [
        (5, 5, "STR001")
    ]


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        (GOOD.replace("  - title: Make", "\t- title: Make"), 4, 1),
        (GOOD.replace("      - Cut", "    \t- Cut"), 7, 5),
    ],
)
def test_tabs_used_for_indentation_are_a_finding_that_says_tab(
    text: str, line: int, column: int
) -> None:
    Path("tabs.yaml").write_text(text)
    status, document, _ = check("tabs.yaml")
    assert status == 1
    ((path, found_line, found_column, code, message),) = findings(document)
    assert (path, found_line, found_column, code) == ("tabs.yaml", line, column, "STR001")
    assert message == "invalid YAML: a tab where YAML expects spaces; indent with spaces only"


def test_a_tab_inside_a_value_is_fine() -> None:
    Path("tab-value.yaml").write_text(GOOD.replace("team: Growth", "team:\tGrowth\t"))
    status, document, _ = check("tab-value.yaml")
    assert (status, findings(document)) == (0, [])


def _large_okr_text(size: int, objectives_per_set: int) -> tuple[str, int]:
    """OKR sets up to `size` bytes; every tenth set has one objective too many (FOC001)."""
    sets, total, number = [], 0, 0
    while total < size:
        count = objectives_per_set + (1 if number % 10 == 0 else 0)
        objectives = "".join(
            f"  - id: O{o}\n    title: Make the first week effortless for team {number} ({o})\n"
            "    key_results:\n"
            "      - Raise week-1 onboarding completion of new teams from 32% to 45%\n"
            "      - title: Cut median time to first dashboard\n"
            "        baseline: 42\n        target: 15\n        confidence: 6/10\n"
            for o in range(1, count + 1)
        )
        text = f"team: Team {number}\nperiod: 2026-Q1\nobjectives:\n{objectives}"
        sets.append(text)
        total += len(text) + 4
        number += 1
    return "---\n".join(sets), number


def test_a_5_mb_file_of_many_sets_is_linted() -> None:
    text, sets = _large_okr_text(5 * 1024 * 1024, 3)
    Path("big.yaml").write_text(text)
    assert os.path.getsize("big.yaml") >= 5 * 1024 * 1024
    status, document, err = check("big.yaml")
    assert (status, err) == (0, "")
    assert summary(document)["okr_sets"] == sets + 1
    found = findings(document)
    assert {code for *_, code, _ in found} == {"FOC001"}
    assert len(found) == (sets + 9) // 10


def test_a_5_mb_single_document_is_linted_not_mistaken_for_an_alias_bomb() -> None:
    body = "".join(
        f"  - title: Objective {n} of a very large company-wide set\n"
        "    key_results:\n"
        "      - Raise week-1 onboarding completion of new teams from 32% to 45%\n"
        "      - Cut the share of new teams that cancel in week 2 from 18% to 12%\n"
        for n in range(28_000)
    )
    Path("company.yaml").write_text("team: Company\nperiod: 2026-Q1\nobjectives:\n" + body)
    assert os.path.getsize("company.yaml") >= 5 * 1024 * 1024
    status, document, _ = check("company.yaml", extra=("--select", "STR001,STR002,FOC"))
    assert status == 0
    ((path, line, _, code, message),) = findings(document)
    assert (path, line, code) == ("company.yaml", 3, "FOC001")
    assert "28000 objectives" in message


def test_a_file_over_the_size_limit_is_a_finding_not_a_read() -> None:
    Path(".okrlint.yaml").write_text("max_file_size: 1000\n")
    Path("big.yaml").write_text(GOOD + "\n".join(f"x-{n}: padding" for n in range(200)))
    status, document, _ = check("big.yaml")
    assert status == 1
    ((path, line, _, code, message),) = findings(document)
    assert (path, line, code) == ("big.yaml", 1, "STR001")
    assert message.startswith("file too large (") and "max_file_size" in message


def test_hostile_yaml_is_refused_with_a_finding() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{b}: &{b} [{', '.join([f'*{a}'] * 9)}]\n"
        for a, b in zip("abcdefgh", "bcdefghi", strict=True)
    )
    Path("bomb.yaml").write_text(bomb + "team: x\nperiod: 2026-Q1\nobjectives: *i\n")
    Path("deep.yaml").write_text("team: x\nperiod: 2026-Q1\nobjectives: " + "[" * 500 + "]" * 500)
    Path("tag.yaml").write_text(
        "team: !!python/object/apply:os.system [echo pwned]\nperiod: 2026-Q1\nobjectives: []\n"
    )
    status, document, _ = check("bomb.yaml", "deep.yaml", "tag.yaml")
    assert status == 1
    codes = {(path, code) for path, _, _, code, _ in findings(document)}
    assert codes == {("bomb.yaml", "STR001"), ("deep.yaml", "STR001"), ("tag.yaml", "STR002")}
    assert not Path("pwned").exists()


def test_a_symlink_loop_does_not_hang_discovery() -> None:
    Path("okrs").mkdir()
    Path("okrs/growth.yaml").write_text(GOOD)
    os.symlink("..", "okrs/loop")
    report = lint_paths(["okrs"])
    assert report.counts.files == 1
