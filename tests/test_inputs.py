"""OKRs where teams keep them: Markdown outlines, CSV exports, JSON, other tools' YAML and JSON
shapes. Each is read by the real command from fixtures written after the shapes teams use, and
every finding must point at the line (or row) of the original file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from okrlint.cli import app
from okrlint.inputs import load_input

FIXTURES = Path(__file__).parent / "fixtures" / "inputs"
TODAY = "2026-02-01"


@pytest.fixture(autouse=True)
def _in_tmp(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Each test works on its own copy, so no other OKR file of this repository is a
    neighbour of the fixtures."""
    shutil.copytree(FIXTURES, tmp_path / "okrs", ignore=shutil.ignore_patterns(".okrlint.yaml"))
    monkeypatch.chdir(tmp_path)
    for name in ("FORCE_COLOR", "NO_COLOR", "OKRLINT_OUTPUT_FORMAT", "GITHUB_ACTIONS"):
        monkeypatch.delenv(name, raising=False)


def check(*arguments: str) -> tuple[int, list[dict[str, Any]], str]:
    today = () if "--today" in arguments else ("--today", TODAY)
    result = CliRunner().invoke(
        app, ["check", *arguments, "--format", "json", *today, "--no-cache"]
    )
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, json.loads(result.stdout)["findings"], result.stderr


def at(findings: list[dict[str, Any]], code: str) -> list[tuple[int, int, str]]:
    return [(f["line"], f["column"], f["object"]) for f in findings if f["code"] == code]


def read(name: str) -> list[dict[str, Any]]:
    return read_path(str(Path("okrs") / name))


def read_path(path: str) -> list[dict[str, Any]]:
    source = load_input(Path(path), path)
    assert source.problems == []
    return [document.data for document in source.documents]


# Markdown -------------------------------------------------------------------------------------


def test_a_markdown_outline_is_read_with_findings_at_its_lines() -> None:
    status, findings, _ = check("okrs/growth-2026-q1.md")
    assert status == 0  # warnings only
    # `- `P0` - @dana - Launch the redesigned setup wizard` is line 8; the text starts at 21.
    assert (8, 21, "O1/KR2") in at(findings, "OUT001")
    # `#### KR2: Hire two site reliability engineers` under the Platform objective, line 20.
    assert (20, 1, "O1/KR2") in at(findings, "OUT001")
    by_line = {f["line"]: f for f in findings if f["code"] == "OUT001"}
    assert by_line[8]["text"] == "Launch the redesigned setup wizard"
    assert all(f["path"] == "okrs/growth-2026-q1.md" for f in findings)


def test_markdown_markers_tags_results_and_sections_become_fields() -> None:
    growth, platform = read("growth-2026-q1.md")
    assert (growth["team"], growth["period"]) == ("Growth", "2026-Q1")
    assert (platform["team"], platform["period"]) == ("Platform", "2026-Q1")
    first = growth["objectives"][0]
    assert first["title"] == "Make the first week effortless for new teams"
    assert first["description"] == "Why? Teams that stall in week one rarely come back."
    assert first["x-priority"] == "P1"
    activation, wizard, _ = first["key_results"]
    assert activation["title"] == "Raise week-1 activation of new teams from 30% to 45%"
    assert (activation["score"], activation["learnings"]) == (0.6, "setup calls helped most")
    assert (wizard["owner"], wizard["priority"]) == ("dana", "P0")
    assert [kr["title"] for kr in platform["objectives"][0]["key_results"]] == [
        "Keep p95 page load under 1.2 seconds for 99% of days",
        "Hire two site reliability engineers",
    ]


def test_front_matter_and_a_key_result_table_under_a_heading_objective() -> None:
    Path("okrs/checkout.md").write_text(
        "---\nteam: Checkout\nquarter: Q3 2026\n---\n"
        "# Make paying effortless\n\n"
        "Tracking manager: @ines\n\n"
        "| Key result | Current | Target | Contributors |\n"
        "|---|---|---|---|\n"
        "| Raise checkout completion from 61% to 70% | 63 | 70 | ines, tom |\n"
        "| Launch Apple Pay | | | tom |\n"
    )
    (document,) = read("checkout.md")
    assert (document["team"], document["period"]) == ("Checkout", "2026-Q3")
    objective = document["objectives"][0]
    assert (objective["title"], objective["owner"]) == ("Make paying effortless", "ines")
    first = objective["key_results"][0]
    assert (first["current"], first["target"], first["owner"]) == (63, 70, "ines, tom")
    _, findings, _ = check("okrs/checkout.md")
    assert (12, 3, "O1/KR2") in at(findings, "OUT001")  # the table row of "Launch Apple Pay"


def test_objectives_on_lines_of_their_own_hold_the_lists_and_kr_lines_after_them() -> None:
    lines = [
        "# Platform OKRs Q3 2026",
        "",
        "**Objective 1:** Make deploys boring for every product team",
        "",
        "1. Median deploy time falls from 25 min to 8 min",
        "2. Migrate every service to the new build runner",
        "",
        "**Objective 2:** Developers trust the staging environment",
        "Owner: Sam",
        "",
        "KR1 - Staging matches production for 100% of services",
        "KR2: Write a staging runbook",
        "",
        "## Objective 3: Fewer pages at night",
        "",
        "- Night pages per week fall from 12 to 4",
    ]
    Path("platform.md").write_text("\n".join(lines) + "\n")
    (platform,) = read_path("platform.md")
    assert platform["period"] == "2026-Q3"
    first, second, third = platform["objectives"]
    assert first["title"] == "Make deploys boring for every product team"
    assert [kr["title"] for kr in first["key_results"]] == [
        "Median deploy time falls from 25 min to 8 min",
        "Migrate every service to the new build runner",
    ]
    assert (second["title"], second["owner"]) == ("Developers trust the staging environment", "Sam")
    # `KR2: ...` is a key result, not a label; a heading ends the objective above it.
    assert [kr["title"] for kr in second["key_results"]] == [
        "Staging matches production for 100% of services",
        "Write a staging runbook",
    ]
    assert [kr["title"] for kr in third["key_results"]] == [
        "Night pages per week fall from 12 to 4"
    ]
    status, findings, _ = check("platform.md")
    assert status == 0
    assert at(findings, "OUT001") == [
        (6, lines[5].index("Migrate") + 1, "O1/KR2"),
        (12, lines[11].index("Write") + 1, "O2/KR2"),
    ]


def test_a_grade_after_a_dash_at_the_end_of_a_key_result_is_its_score() -> None:
    lines = [
        "# Support OKRs Q3 2026",
        "",
        "## Objective: Customers solve problems on their own",
        "",
        "- KR1 — Help-centre visits that end without a ticket from 40% to 55% — *0.6*",
        "- KR2 - Articles rated helpful from 50% to 70% - score: 0.3",
        "- KR3 — Chat replies in under 2 minutes for 90% of chats — 0.9",
    ]
    Path("support.md").write_text("\n".join(lines) + "\n")
    (support,) = read_path("support.md")
    first, second, third = support["objectives"][0]["key_results"]
    assert (first["title"], first["score"]) == (
        "Help-centre visits that end without a ticket from 40% to 55%",
        0.6,
    )
    assert (second["title"], second["score"]) == ("Articles rated helpful from 50% to 70%", 0.3)
    # A bare figure after a dash may be part of the key result: it stays in the text.
    assert third["title"] == "Chat replies in under 2 minutes for 90% of chats — 0.9"
    assert "score" not in third


def test_a_table_with_an_objective_column_holds_objectives_and_their_key_results() -> None:
    lines = [
        "---",
        "team: Data",
        "period: 2026-Q3",
        "---",
        "",
        "| Objective | Key result | Owner |",
        "|---|---|---|",
        "| Decisions use trusted numbers | Dashboards with an owner go from 30% to 90% | Ana |",
        "| | Build the metrics catalogue | Ana |",
        "| Analysts answer their own questions | Weekly querying analysts: 5 to 25 | Raj |",
        "| Decisions use trusted numbers | Retire 40 unused dashboards | Raj |",
    ]
    Path("data.md").write_text("\n".join(lines) + "\n")
    (data,) = read_path("data.md")
    trusted, analysts = data["objectives"]
    # An empty objective cell continues the row above; a repeated one, its objective.
    assert [kr["title"] for kr in trusted["key_results"]] == [
        "Dashboards with an owner go from 30% to 90%",
        "Build the metrics catalogue",
        "Retire 40 unused dashboards",
    ]
    assert [kr["owner"] for kr in trusted["key_results"]] == ["Ana", "Ana", "Raj"]
    assert analysts["title"] == "Analysts answer their own questions"
    status, findings, _ = check("data.md")
    assert status == 0
    assert (9, lines[8].index("Build") + 1, "O1/KR2") in at(findings, "OUT001")


def test_a_readme_named_on_the_command_line_says_it_holds_no_outline() -> None:
    Path("README.md").write_text("# Our project\n\nSome words about it.\n")
    status, findings, _ = check("README.md")
    assert status == 1
    assert [(f["code"], f["line"]) for f in findings] == [("STR005", 1)]
    assert "no OKR outline found" in findings[0]["message"]


def test_an_outline_without_key_results_gets_one_clear_finding() -> None:
    Path("plans.md").write_text(
        "# Q1 2026\n\n1. **Objective: Grow the community**\n2. **Objective: Ship faster**\n"
    )
    status, findings, _ = check("plans.md")
    assert status == 1
    assert [(f["code"], f["line"]) for f in findings] == [("STR005", 3)]
    assert "2 objective(s) but no key results" in findings[0]["message"]


def test_markdown_in_mixed_encodings_is_a_finding_at_the_bad_byte() -> None:
    Path("mixed.md").write_bytes(
        "# OKRs Q1 2026\n\n- **O1** Grow\n  - KR: café visits up".encode() + b" \xe9t\xe9\n"
    )
    status, findings, _ = check("mixed.md")
    assert status == 1
    assert [(f["code"], f["line"]) for f in findings] == [("STR005", 4)]
    assert "not UTF-8" in findings[0]["message"]


def test_hostile_markdown_is_bounded_and_never_a_traceback() -> None:
    Path("deep.md").write_text("".join("  " * depth + "- x\n" for depth in range(3000)))
    Path("quotes.md").write_text(">" * 50_000 + " deep\n")
    Path("nul.md").write_bytes(b"# O1: a\n- KR: b\x00\n")
    Path("control.md").write_text(
        "# Objective: Grow \x1b[31mred\x1b[0m\n- KR: Raise x from 1 to 2\n"
    )
    status, findings, _ = check("deep.md", "quotes.md", "nul.md", "control.md")
    codes = {(f["path"], f["code"]) for f in findings}
    assert ("deep.md", "STR005") in codes and ("quotes.md", "STR005") in codes
    assert ("nul.md", "STR005") in codes
    assert status == 1


# CSV ------------------------------------------------------------------------------------------


def test_a_csv_export_is_read_with_findings_at_the_row_and_cell() -> None:
    status, findings, _ = check("okrs/okr-export.csv", "--today", "2026-05-01")
    assert status == 0
    # Row 3 leaves team, quarter and objective empty (merged cells): it is the first
    # objective's second key result; its key-result cell starts at column 4.
    assert at(findings, "OUT001") == [(3, 4, "O1/KR2")]
    assert (6, 47, "O1/KR2") in at(findings, "OUT002")


def test_csv_columns_are_matched_leniently_and_split_into_sets() -> None:
    growth, support = read("okr-export.csv")
    assert (growth["team"], growth["period"]) == ("Growth", "2026-Q2")
    assert (support["team"], support["period"]) == ("Support", "2026-Q2")
    first = growth["objectives"][0]["key_results"][0]
    assert first["title"] == "Raise week-1 activation of new teams from 30% to 45%"
    assert (first["baseline"], first["target"], first["owner"]) == (30, 45, "Dana")
    assert (first["status"], first["priority"], first["x-progress"]) == ("on track", "P1", "40")
    second = growth["objectives"][0]["key_results"][1]
    assert second["title"] == "Launch the redesigned setup wizard, with templates"


def test_a_csv_without_an_objective_column_says_which_columns_it_has() -> None:
    Path("tasks.csv").write_text("Task name,Owner,Progress\nShip the wizard,Lee,50\n")
    status, findings, _ = check("tasks.csv")
    assert status == 1
    assert [(f["code"], f["line"]) for f in findings] == [("STR005", 1)]
    assert (
        "no objective column (its columns: 'Task name', 'Owner', 'Progress')"
        in (findings[0]["message"])
    )


def test_ragged_rows_are_findings_at_their_row_and_the_rest_is_read() -> None:
    Path("q1-2026.csv").write_text(
        "Team,Objective,KR,Target\n"
        "Ops,Keep customers' data safe,Cut open critical findings from 12 to 0,0\n"
        "Ops,Keep customers' data safe,Launch the audit portal,,extra,cells\n"
    )
    status, findings, _ = check("q1-2026.csv")
    assert status == 1
    assert [(f["line"], f["code"]) for f in findings if f["code"] == "STR002"] == [(3, "STR002")]
    assert at(findings, "OUT001") == [(3, 31, "O1/KR2")]  # the ragged row is read as well


def test_a_sheet_with_one_row_per_objective_reads_each_numbered_key_result_column() -> None:
    rows = [
        "Objective,KR 1,KR 2,KR 3,Owner,Status",
        "Answer customers sooner,Median first reply falls from 9 h to 2 h,"
        "Launch the reply macros,,Lee,on track",
        "Fewer customers need help,Tickets per 100 accounts fall from 14 to 9,,"
        "Hire 3 agents,Kim,at risk",
    ]
    Path("care-2026-q3.csv").write_text("\n".join(rows) + "\n")
    (first, second), *rest = [d["objectives"] for d in read_path("care-2026-q3.csv")]
    assert rest == []
    assert [kr["title"] for kr in first["key_results"]] == [
        "Median first reply falls from 9 h to 2 h",
        "Launch the reply macros",
    ]
    # The row's other columns belong to the objective, not to each key result.
    assert (first["owner"], first["x-status"]) == ("Lee", "on track")
    assert "owner" not in first["key_results"][0]
    # An empty cell is no key result; the next filled one keeps its own column.
    assert [kr["title"] for kr in second["key_results"]] == [
        "Tickets per 100 accounts fall from 14 to 9",
        "Hire 3 agents",
    ]
    status, findings, _ = check("care-2026-q3.csv")
    assert status == 0
    # Each finding points at its own cell: row 2, the KR 2 cell; row 3, the KR 3 cell.
    assert at(findings, "OUT001") == [
        (2, rows[1].index("Launch") + 1, "O1/KR2"),
        (3, rows[2].index("Hire") + 1, "O2/KR2"),
    ]


def test_one_numbered_column_is_no_sheet_of_objectives() -> None:
    """A lone "KR 1" column names no set of key results: the header says what is missing."""
    Path("lone.csv").write_text("Objective,KR 1\nServe faster,Cut reply time from 9 h to 2 h\n")
    status, findings, _ = check("lone.csv")
    assert status == 1
    assert [f["code"] for f in findings] == ["STR005"]
    assert "numbered key-result columns ('KR 1', 'KR 2', ...)" in findings[0]["message"]


def test_bad_csv_input_is_a_clear_finding_never_a_traceback() -> None:
    Path("empty.csv").write_text("")
    Path("mixed.csv").write_bytes(
        b"Objective,KR\nGrow,Raise visits from 1 to 2\n" + b"Caf\xe9,Cut x from 3 to 2\n"
    )
    Path("huge.csv").write_text("Objective,KR\n" + "a" * 40_000 + ",b\n")
    Path("nul.csv").write_bytes(b"Objective,KR\nA\x00,B\n")
    Path("orphan.csv").write_text("Objective,KR\n,Raise x from 1 to 2\n")
    status, findings, _ = check("empty.csv", "mixed.csv", "huge.csv", "nul.csv", "orphan.csv")
    assert status == 1
    codes = {f["path"]: (f["code"], f["line"]) for f in findings}
    assert codes["empty.csv"] == ("STR005", 1)
    assert codes["mixed.csv"] == ("STR005", 3)
    assert codes["huge.csv"] == ("STR005", 2)
    assert codes["nul.csv"][0] == "STR005"
    assert codes["orphan.csv"] == ("STR005", 2)  # its only row names no objective


# Other YAML and JSON shapes ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "shape"),
    [
        ("okrs-as-code.yaml", "okrs-as-code"),
        ("structured-goals.json", "structured-goals"),
        ("roadmap.yaml", "roadmap-krs"),
        ("metric-gates.yaml", "metric-gates"),
        ("projects-2025.yaml", "projects-okr"),
        ("keyed.yaml", "keyed-objectives"),
    ],
)
def test_each_surveyed_shape_is_recognised_and_read(name: str, shape: str) -> None:
    source = load_input(Path("okrs") / name, name)
    assert source.problems == []
    assert source.documents and {d.mapped_from for d in source.documents} == {shape}
    for document in source.documents:
        assert document.data["objectives"]
        for objective in document.data["objectives"]:
            assert objective["title"] and objective["key_results"]


def test_mapped_fields_and_converted_values() -> None:
    (code,) = read("okrs-as-code.yaml")
    kr = code["objectives"][0]["key_results"][0]
    assert (code["team"], kr["id"], kr["metric"], kr["status"]) == (
        "org",
        "KR-1",
        "self_serve_setup_rate",
        "on_track",
    )
    (goals,) = read("structured-goals.json")
    assert (goals["team"], goals["period"], goals["owner"]) == ("Payments", "2026-Q1", "Ravi")
    high, medium = goals["objectives"][0]["key_results"]
    assert (high["confidence"], medium["confidence"], high["due"]) == (0.7, 0.5, "2026-03-31")
    assert goals["objectives"][0]["aligns_to"] == "company/2026-Q1#O1"
    q1, q2 = read("roadmap.yaml")
    assert (q1["period"], q2["period"]) == ("2026-Q1", "2026-Q2")
    assert q1["x-north_star"] == "Every team plans its week in our product"
    (gates,) = read("metric-gates.yaml")
    latency, budget = gates["objectives"][0]["key_results"]
    assert (gates["period"], latency["direction"], budget["direction"]) == (
        "2026-Q1",
        "decrease",
        "increase",
    )
    assert (latency["target"], latency["x-weighting"]) == (250, 0.4)
    (projects,) = read("projects-2025.yaml")
    assert (projects["team"], projects["period"]) == ("Mobile", "2025-Q4")  # the year: file name
    (keyed,) = read("keyed.yaml")
    assert [o["id"] for o in keyed["objectives"]] == ["learn-rust", "write-more"]


def test_findings_in_a_mapped_shape_point_at_the_original_lines() -> None:
    status, findings, _ = check("okrs/okrs-as-code.yaml", "--period", "2026-Q1")
    assert status == 0
    assert at(findings, "OUT001") == [(16, 9, "OBJ-1/KR-2")]  # the item of KR-2
    status, findings, _ = check("okrs/roadmap.yaml")
    assert at(findings, "OUT001") == [(13, 9, "O1/KR2")]  # "Ship single sign-on", 2026-Q2


def test_a_mapped_file_without_a_period_says_how_to_give_one() -> None:
    status, findings, _ = check("okrs/okrs-as-code.yaml")
    assert status == 1
    messages = [f["message"] for f in findings if f["code"] == "STR002"]
    assert messages == [
        "the file names no period; give it with --period, or a period such as 2026-Q1 in the "
        "file's name or a heading"
    ]
    assert at(findings, "OUT001") == [(16, 9, "OBJ-1/KR-2")]  # judged all the same


def test_okrs_under_names_no_mapping_knows_never_pass_unread() -> None:
    Path("ci.yaml").write_text("jobs:\n  test:\n    runs-on: ubuntu-latest\n")
    status, findings, _ = check("okrs/looks-like-okrs.yaml", "ci.yaml")
    assert status == 1
    assert [(f["code"], f["line"]) for f in findings] == [("STR005", 1)]
    assert "looks like OKRs ('goals' on line 1)" in findings[0]["message"]
    assert "--from" in findings[0]["message"]
    status, findings, _ = check("ci.yaml")  # other YAML is still skipped, exit 0
    assert (status, findings) == (0, [])


def test_objectives_under_other_tools_field_names_are_read_by_those_names() -> None:
    (studio,) = read("studio-2026-q1.yaml")
    assert (studio["team"], studio["period"]) == ("studio", "2026-Q1")  # from the file name
    assert [o["title"] for o in studio["objectives"]] == [
        "Members come back to the studio every week",
        "Instructors fill their classes",
    ]
    assert studio["objectives"][0]["owner"] == "Front desk"
    assert [k["title"] for k in studio["objectives"][0]["key_results"]] == [
        "Members who book two classes a week from 28% to 40%",
        "Launch the class-booking waitlist",
    ]
    status, findings, _ = check("okrs/studio-2026-q1.yaml")
    assert status == 0  # read, with no error: the launch is a warning
    assert at(findings, "OUT001") == [(7, 9, "O1/KR2")]  # at the launch, as written
    assert "STR005" not in {f["code"] for f in findings}


def test_a_named_file_okrlint_cannot_read_is_a_finding() -> None:
    Path("okrs.xlsx").write_bytes(b"PK\x03\x04 not really")
    status, findings, _ = check("okrs.xlsx")
    assert status == 1
    assert findings[0]["code"] == "STR005" and "cannot read '.xlsx' files" in findings[0]["message"]


def test_a_shape_two_mappings_recognise_is_named_and_from_chooses() -> None:
    Path("both.yaml").write_text(
        "quarter_id: 2026Q1\n"
        "objectives:\n"
        "  - objective: Keep the platform dependable\n"
        "    key_results:\n"
        "      - kr_id: K1\n"
        "        metric_id: p95_ms\n"
        "        direction: '<='\n"
        "        threshold: 250\n"
    )
    status, findings, _ = check("both.yaml", "--team", "Platform")
    assert status == 1
    assert findings[0]["code"] == "STR005"
    assert "okrs-as-code and metric-gates" in findings[0]["message"]
    status, findings, _ = check("both.yaml", "--team", "Platform", "--from", "metric-gates")
    assert not [f for f in findings if f["code"].startswith("STR")]


def test_a_mapping_of_the_config_reads_a_team_s_own_shape() -> None:
    Path("goals.json").write_text(
        json.dumps(
            {
                "squad": "Search",
                "cycle": "2026 Q2",
                "bets": [
                    {
                        "headline": "Help people find what they came for",
                        "measures": [
                            {"what": "Raise searches that end in a click from 52% to 60%"},
                            {"what": "Launch the new ranking model", "sure": "Low"},
                        ],
                    }
                ],
            },
            indent=2,
        )
    )
    Path(".okrlint.yaml").write_text(
        "mappings:\n"
        "  - name: search-bets\n"
        "    detect: ['bets[].measures']\n"
        "    objectives: 'bets[]'\n"
        "    team: squad\n"
        "    period: cycle\n"
        "    key_results: [measures]\n"
        "    objective: {headline: title}\n"
        "    key_result: {what: title, sure: confidence}\n"
        "    values:\n"
        "      confidence: {Low: 0.2}\n"
    )
    (document,) = [d.data for d in _read_with_config("goals.json")]
    assert (document["team"], document["period"]) == ("Search", "2026-Q2")
    assert document["objectives"][0]["key_results"][1]["confidence"] == 0.2
    _, findings, _ = check("goals.json")
    assert at(findings, "OUT001") == [(11, 9, "O1/KR2")]  # the `{` of its item


def _read_with_config(name: str) -> list[Any]:
    from okrlint.pipeline.parallel import load_task
    from okrlint.pipeline.run import RunOptions, SettingsCache, plan_sources

    options = RunOptions()
    tasks, _, _ = plan_sources([name], options, SettingsCache(options))
    return load_task(tasks[0]).documents


def test_a_config_mapping_with_an_unreadable_path_is_a_config_error() -> None:
    Path(".okrlint.yaml").write_text("mappings:\n  - name: x\n    objectives: 'a[b'\n")
    result = CliRunner().invoke(app, ["check", "okrs/keyed.yaml"])
    assert result.exit_code == 2
    assert "mappings" in result.stderr and "cannot read 'a[b'" in result.stderr


# Folders and fixes ------------------------------------------------------------------------------


def test_folders_read_yaml_and_json_and_markdown_or_csv_only_when_included() -> None:
    Path("okrs/README.md").write_text("# How we write OKRs\n\n- be brief\n  - really\n")
    _, findings, _ = check("okrs")
    paths = {f["path"] for f in findings}
    assert "okrs/structured-goals.json" in paths  # JSON is read from folders
    assert not any(p.endswith((".md", ".csv")) for p in paths)
    result = CliRunner().invoke(app, ["check", "okrs", "--format", "json", "--no-cache"])
    # six shapes, one by field names, and looks-like
    assert json.loads(result.stdout)["summary"]["files"] == 8
    Path(".okrlint.yaml").write_text("include: ['*.csv', 'okrs/growth-*.md']\n")
    result = CliRunner().invoke(app, ["check", "okrs", "--format", "json", "--no-cache"])
    paths = {f["path"] for f in json.loads(result.stdout)["findings"]}
    assert {"okrs/okr-export.csv", "okrs/growth-2026-q1.md"} <= paths
    assert "okrs/README.md" not in paths


def test_fix_leaves_files_read_from_other_shapes_alone() -> None:
    before = Path("okrs/growth-2026-q1.md").read_bytes()
    result = CliRunner().invoke(app, ["check", "okrs/growth-2026-q1.md", "--fix", "--no-cache"])
    assert "not fixed: okrs/growth-2026-q1.md: read as markdown" in result.stderr
    assert Path("okrs/growth-2026-q1.md").read_bytes() == before
    _, findings, _ = check("okrs/growth-2026-q1.md")
    assert all(f["fix"] is None for f in findings)


# convert ----------------------------------------------------------------------------------------


def test_convert_writes_okrlint_yaml_that_passes_its_own_format_with_texts_verbatim() -> None:
    names = [
        "okrs/growth-2026-q1.md",
        "okrs/okr-export.csv",
        "okrs/structured-goals.json",
        "okrs/roadmap.yaml",
        "okrs/metric-gates.yaml",
        "okrs/projects-2025.yaml",
        "okrs/keyed.yaml",
    ]
    result = CliRunner().invoke(app, ["convert", *names, "--output", "out"])
    assert result.exit_code == 0, result.stderr
    assert len(list(Path("out").glob("*.yaml"))) == len(names)
    status, findings, _ = check("out", "--select", "STR")
    assert (status, findings) == (0, [])
    for name in names:
        written = Path("out", Path(name).stem + ".yaml").read_text()
        source = load_input(Path(name), name)
        for document in source.documents:
            for objective in document.data["objectives"]:
                assert f"title: {objective['title']}" in written
                for kr in objective["key_results"]:
                    title = kr if isinstance(kr, str) else kr["title"]
                    assert title in written
    csv_out = Path("out/okr-export.yaml").read_text()
    assert "x-progress: '40'" in csv_out and "status: on track" in csv_out
    assert "x-weighting: 0.4" in Path("out/metric-gates.yaml").read_text()


def test_convert_to_a_dash_writes_one_yaml_stream_to_standard_output() -> None:
    names = ["okrs/growth-2026-q1.md", "okrs/studio-2026-q1.yaml"]
    result = CliRunner().invoke(app, ["convert", *names, "-o", "-"])
    assert result.exit_code == 0, result.stderr
    assert not Path("-").exists()
    assert result.stdout.count("# Converted by okrlint from") == 2
    assert "okrs/studio-2026-q1.yaml (field names) -> -: 1 OKR set" in result.stderr
    assert "->" not in result.stdout
    Path("stream.yaml").write_text(result.stdout)
    status, findings, _ = check("stream.yaml", "--select", "STR")
    assert (status, findings) == (0, [])
    titles = [o["title"] for d in read_path("stream.yaml") for o in d["objectives"]]
    assert "Instructors fill their classes" in titles


def test_convert_says_what_a_file_lacks_and_never_overwrites_unasked() -> None:
    result = CliRunner().invoke(app, ["convert", "okrs/okrs-as-code.yaml", "--output", "out"])
    assert result.exit_code == 1
    assert "the set names no period; give --period" in result.stderr
    assert not Path("out/okrs-as-code.yaml").exists()
    arguments = ["convert", "okrs/okrs-as-code.yaml", "--output", "out", "--period", "2026-Q1"]
    assert CliRunner().invoke(app, arguments).exit_code == 0
    assert "period: 2026-Q1" in Path("out/okrs-as-code.yaml").read_text()
    again = CliRunner().invoke(app, arguments)
    assert again.exit_code == 1 and "exists (--force overwrites it)" in again.stderr
    assert CliRunner().invoke(app, [*arguments, "--force"]).exit_code == 0


def test_a_yaml_run_imports_no_reader_of_other_shapes() -> None:
    """A pre-commit run on YAML pays nothing for Markdown or CSV."""
    import subprocess
    import sys

    Path("good.yaml").write_text(
        "team: Growth\nperiod: 2026-Q1\nobjectives:\n  - title: Grow\n    key_results:\n"
        "      - Raise visits from 1 to 2\n      - Raise signups from 3 to 4\n"
    )
    code = (
        "import sys\n"
        "from okrlint.cli import main\n"
        "sys.argv = ['okrlint', 'check', 'good.yaml', '--format', 'concise', '--no-cache']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "loaded = [m for m in ('markdown_it', 'okrlint.inputs.markdown', 'okrlint.inputs.table',"
        " 'okrlint.convert') if m in sys.modules]\n"
        "print('LOADED', loaded)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert "LOADED []" in result.stdout, result.stdout + result.stderr


def test_team_key_results_nested_under_a_company_objective_are_aligned_with_it() -> None:
    company, docs, infra = read("company-2026-q1.md")
    assert (company["team"], docs["team"], infra["team"]) == ("Company", "Docs", "Infra")
    # A team named with nothing after it pursues the company objective itself.
    assert docs["objectives"][0]["title"] == "Grow the community of contributors"
    assert infra["objectives"][0]["title"] == "Make every contribution easy to test"
    assert {docs["objectives"][0]["aligns_to"], infra["objectives"][0]["aligns_to"]} == {
        "Company/2026-Q1#O1"
    }
    assert len(docs["objectives"][0]["key_results"]) == 2
    # The links resolve: no broken alignment.
    status, findings, _ = check("okrs/company-2026-q1.md", "--select", "ALN001,STR")
    assert (status, findings) == (0, [])


def test_markdown_suppressions_are_html_comments() -> None:
    Path("sup.md").write_text(
        "# Growth OKRs Q1 2026\n\n"
        "1. **Objective: Make the first week effortless**\n"
        "   - KR: Raise week-1 activation from 30% to 45%\n"
        "   <!-- okrlint: disable=OUT001 -- the board tracks the launch date -->\n"
        "   - KR: Launch the setup wizard\n"
        "   - KR: Launch the template gallery <!-- okrlint: disable=MEA001,OUT003 -->\n"
    )
    _, findings, _ = check("sup.md", "--select", "OUT001,OUT003,MEA001,SUP")
    found = {(f["line"], f["code"]) for f in findings}
    assert (6, "OUT001") not in found  # the comment above covers the launch below it
    assert (7, "OUT001") in found  # the trailing one covers MEA001 and OUT003 only
    assert (7, "SUP001") in found  # OUT003 found nothing there
    by_line = {f["line"]: f for f in findings if f["code"] == "OUT001"}
    assert by_line[7]["text"] == "Launch the template gallery"  # the comment is not text


def test_a_project_page_with_a_weekly_score_table() -> None:
    (document,) = read("project-okrs.md")
    # The period is the quarter of its dates; the team, the folder's... here the file's name.
    assert document["period"] == "2026-Q1"
    objective = document["objectives"][0]
    assert (objective["owner"], objective["x-measurement_deadline"]) == ("mira", "2026-03-27")
    first, second, third = objective["key_results"]
    assert (first["score"], second["score"], third["score"]) == (0.4, 0.3, 1.0)
    assert first["x-weekly_scores"] == {"W1": "0.1", "W2": "0.2", "W3": "0.3", "W4": "0.4"}
    # Closed period, missed, nothing learned: at the lines of the numbered key results.
    _, findings, _ = check("okrs/project-okrs.md", "--today", "2026-04-10", "--select", "CUL003")
    assert at(findings, "CUL003") == [(7, 4, "O1/KR1"), (8, 4, "O1/KR2")]


def write(name: str, text: str) -> str:
    path = Path("okrs") / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_sections_of_an_okr_page_are_not_objectives_and_initiatives_join_theirs() -> None:
    path = write(
        "billing-2026-q3.md",
        "# Billing OKRs\n"
        "\n"
        "## Get paid on time\n"
        "\n"
        "- Cut overdue invoices from 18% to 5%\n"
        "- Cut days sales outstanding from 52 to 35\n"
        "\n"
        "### Initiatives\n"
        "\n"
        "- Automate dunning emails\n"
        "\n"
        "## Make refunds painless\n"
        "\n"
        "- Cut refund handling time from 6 days to 1 day\n"
        "- Raise refund satisfaction from 70% to 88%\n"
        "\n"
        "**Initiatives:**\n"
        "\n"
        "- Self-serve refund form\n"
        "\n"
        "## Risks & dependencies\n"
        "\n"
        "- The payments vendor may change its API\n"
        "\n"
        "## Open questions\n"
        "\n"
        "- Who owns refunds in Europe?\n"
        "\n"
        "## Notes\n"
        "\n"
        "- Reviewed with finance on 3 July\n",
    )
    (document,) = read_path(path)
    assert [o["title"] for o in document["objectives"]] == [
        "Get paid on time",
        "Make refunds painless",
    ]
    first, second = document["objectives"]
    assert first["initiatives"] == ["Automate dunning emails"]
    assert second["initiatives"] == ["Self-serve refund form"]
    assert len(first["key_results"]) == len(second["key_results"]) == 2
    _, findings, _ = check(path)
    # Nothing is said about the lines of the sections: they are no key results.
    assert all(f["line"] < 17 for f in findings), findings
    assert "FOC001" not in {f["code"] for f in findings}


def test_a_team_and_period_after_an_objective_title_name_its_set() -> None:
    people = write(
        "people.md",
        "# OKRs\n"
        "\n"
        "## Objective: Hire and keep great engineers (People, Q3 2026)\n"
        "\n"
        "- KR1: Raise offer acceptance from 60% to 80%\n"
        "- KR2: Cut regretted attrition from 12% to 6%\n"
        "\n"
        "## Objective: Grow our managers\n"
        "\n"
        "- KR1: Raise manager survey scores from 3.6 to 4.2\n"
        "- KR2: Cut teams without a manager from 4 to 0\n",
    )
    (document,) = read_path(people)
    assert (document["team"], document["period"]) == ("People", "2026-Q3")
    titles = [o["title"] for o in document["objectives"]]
    assert titles == ["Hire and keep great engineers", "Grow our managers"]
    _, findings, _ = check(people)
    assert "STR002" not in {f["code"] for f in findings}
    support = write(
        "support.md",
        "# Support OKRs\n\n## Objective: Answer customers faster — Q3 2026\n\n"
        "- KR: Cut first response time from 9 hours to 2 hours\n"
        "- KR: Raise satisfaction from 82% to 90%\n",
    )
    (document,) = read_path(support)
    assert (document["team"], document["period"]) == ("Support", "2026-Q3")
    assert document["objectives"][0]["title"] == "Answer customers faster"
    # A bracket without a period stays in the title.
    kept = write(
        "infra-2026-q1.md",
        "## Objective: Cut cloud spend (stretch)\n\n- KR: Cut spend from $90k to $70k a month\n",
    )
    (document,) = read_path(kept)
    assert document["objectives"][0]["title"] == "Cut cloud spend (stretch)"
    assert document["period"] == "2026-Q1"


@pytest.mark.parametrize(
    ("outline", "first_kr"),
    [
        # Key results numbered under their objective on the lines of its item.
        (
            "1. Win the mid-market\n"
            "   1.1 Launch the partner portal\n"
            "   1.2 Raise win rate against the main rival from 28% to 40%\n"
            "2. Shorten the sales cycle\n"
            "   2.1 Cut median days to close from 65 to 45\n"
            "   2.2 Cut proposals needing legal review from 60% to 20%\n",
            (4, 8),
        ),
        # ... as items under it.
        (
            "1. Win the mid-market\n"
            "    - 1.1 Launch the partner portal\n"
            "    - 1.2 Raise win rate against the main rival from 28% to 40%\n"
            "2. Shorten the sales cycle\n"
            "    - 2.1 Cut median days to close from 65 to 45\n"
            "    - 2.2 Cut proposals needing legal review from 60% to 20%\n",
            (4, 11),
        ),
        # ... as lines under a numbered heading.
        (
            "## 1. Win the mid-market\n\n"
            "1.1 Launch the partner portal\n"
            "1.2 Raise win rate against the main rival from 28% to 40%\n\n"
            "## 2. Shorten the sales cycle\n\n"
            "2.1 Cut median days to close from 65 to 45\n"
            "2.2 Cut proposals needing legal review from 60% to 20%\n",
            (5, 5),
        ),
    ],
)
def test_key_results_numbered_under_numbered_objectives(
    outline: str, first_kr: tuple[int, int]
) -> None:
    path = write("sales-2026-q3.md", "# Sales OKRs\n\n" + outline)
    (document,) = read_path(path)
    assert document["team"] == "Sales"
    objectives = document["objectives"]
    assert [o["title"] for o in objectives] == ["Win the mid-market", "Shorten the sales cycle"]
    assert [k["title"] for k in objectives[0]["key_results"]] == [
        "Launch the partner portal",
        "Raise win rate against the main rival from 28% to 40%",
    ]
    assert len(objectives[1]["key_results"]) == 2
    _, findings, _ = check(path)
    assert (*first_kr, "O1/KR1") in at(findings, "OUT001")


def test_a_page_title_above_bold_objective_labels_is_no_objective() -> None:
    path = write(
        "design-2026-q3.md",
        "# Design team OKRs\n"
        "\n"
        "**Objective:** Make the design system the fastest way to ship UI\n"
        "\n"
        "**Key results:**\n"
        "- Raise the share of screens built from system parts from 40% to 75%\n"
        "- Cut handoff questions per sprint from 30 to 10\n"
        "\n"
        "**Objective:** Understand our users better\n"
        "\n"
        "**Key results:**\n"
        "- Lift the usability score of checkout from 62 to 75\n"
        "- Raise weekly research sessions attended by engineers from 2 to 6\n",
    )
    (document,) = read_path(path)
    assert document["team"] == "Design"
    titles = [o["title"] for o in document["objectives"]]
    assert titles == [
        "Make the design system the fastest way to ship UI",
        "Understand our users better",
    ]
    assert [len(o["key_results"]) for o in document["objectives"]] == [2, 2]


def test_a_checklist_skips_struck_key_results_and_a_pasted_table_drops_its_markers() -> None:
    checklist = write(
        "growth-2026-q3.md",
        "## Q3 2026 OKRs — Growth\n"
        "\n"
        "### O1: Make onboarding self-serve\n"
        "\n"
        "- [ ] KR1: Raise self-serve signups from 35% to 60%\n"
        "- [x] KR2: Cut time to first value from 4 days to 1 day\n"
        "- [x] ~~KR3: Launch the onboarding checklist~~\n",
    )
    (document,) = read_path(checklist)
    assert (document["team"], document["period"]) == ("Growth", "2026-Q3")
    titles = [k["title"] for k in document["objectives"][0]["key_results"]]
    assert titles == [
        "Raise self-serve signups from 35% to 60%",
        "Cut time to first value from 4 days to 1 day",
    ]
    _, findings, _ = check(checklist)
    assert not at(findings, "OUT001")
    pasted = write(
        "platform-2026-q3.md",
        "# Platform OKRs\n"
        "\n"
        "| Objective | Key Result | Owner | Confidence | Status |\n"
        "|---|---|---|---|---|\n"
        "| **O1: Make deploys boring** | KR1: Launch the deploy dashboard | Sam | 70% | ok |\n"
        "| | KR2: Cut failed deploys from 9% to 2% | Ana | 50% | at risk |\n",
    )
    (document,) = read_path(pasted)
    (objective,) = document["objectives"]
    assert objective["title"] == "Make deploys boring"
    assert [k["title"] for k in objective["key_results"]] == [
        "Launch the deploy dashboard",
        "Cut failed deploys from 9% to 2%",
    ]
    _, findings, _ = check(pasted)
    # The finding points at the key result's text in its cell, after `KR1: `.
    assert (5, 38, "O1/KR1") in at(findings, "OUT001")


def test_a_csv_cell_listing_several_key_results_is_one_key_result_a_line() -> None:
    Path("support-2026-q3.csv").write_text(
        "Objective,Key Results,Owner\n"
        'Keep customers,"1. Raise retention from 80% to 88%\n'
        '2. Cut churned accounts from 40 to 25",Kim\n'
        'Grow,"- Launch the referral program\n'
        '- Sign up 10 partners who resell us",Lee\n'
        'Answer faster,"Cut first reply time\nfrom 9 hours to 2",Ana\n',
        encoding="utf-8",
    )
    (document,) = read_path("support-2026-q3.csv")
    keep, grow, answer = document["objectives"]
    assert [k["title"] for k in keep["key_results"]] == [
        "Raise retention from 80% to 88%",
        "Cut churned accounts from 40 to 25",
    ]
    assert [k["owner"] for k in grow["key_results"]] == ["Lee", "Lee"]
    # Lines of a cell that are no list are one key result.
    assert [k["title"] for k in answer["key_results"]] == [
        "Cut first reply time\nfrom 9 hours to 2"
    ]
    _, findings, _ = check("support-2026-q3.csv")
    assert (4, 9, "O2/KR1") in at(findings, "OUT001")


def test_a_csv_quote_never_closed_is_a_finding_at_its_row() -> None:
    Path("open-2026-q3.csv").write_text(
        "Objective,Key Result\n"
        "Grow,Raise weekly buyers from 200 to 300\n"
        "Grow,Cut refunds from 9% to 4%\n"
        'Keep,"Raise renewals from 70% to 80%\n'
        "Keep,Cut support tickets from 300 to 150\n",
        encoding="utf-8",
    )
    Path("lone-2026-q3.csv").write_text('Objective,Key Result\n"Grow,Sign 10 partners\n')
    Path("inch-2026-q3.csv").write_text(
        'Objective,Key Result\nGrow,Sell 5" screens to 300 shops\n'
        'Grow,"Cut returns from 9% to 4%"\n'
    )
    status, findings, _ = check("open-2026-q3.csv", "lone-2026-q3.csv", "inch-2026-q3.csv")
    assert status == 1
    quotes = {(f["path"], f["code"], f["line"]) for f in findings if "never closed" in f["message"]}
    assert quotes == {("open-2026-q3.csv", "STR002", 4), ("lone-2026-q3.csv", "STR005", 2)}
    (document,) = read_path("inch-2026-q3.csv")
    assert len(document["objectives"][0]["key_results"]) == 2


def test_emoji_decorate_items_and_traffic_lights_are_their_status() -> None:
    path = write(
        "growth-2026-q3.md",
        "# 🚀 Growth OKRs\n"
        "\n"
        "## 🎯 Objective: Make activation effortless\n"
        "\n"
        "- 📈 KR1: Launch the setup checklist 🟢\n"
        "- KR2: Cut setup drop-off from 40% to 25% ⚠️\n",
    )
    (document,) = read_path(path)
    assert document["team"] == "Growth"
    (objective,) = document["objectives"]
    assert objective["title"] == "Make activation effortless"
    launch, drop_off = objective["key_results"]
    assert (launch["title"], launch["status"]) == ("Launch the setup checklist", "🟢")
    assert (drop_off["title"], drop_off["status"]) == ("Cut setup drop-off from 40% to 25%", "⚠")
    _, findings, _ = check(path)
    # `- 📈 KR1: Launch ...`: the emoji is one character, the text starts at column 10.
    assert (5, 10, "O1/KR1") in at(findings, "OUT001")


def test_a_key_results_heading_under_an_objective_and_unknown_table_columns() -> None:
    path = write(
        "search-2026-q3.md",
        "# Search OKRs\n"
        "\n"
        "## Objective 1 — Make search useful\n"
        "\n"
        "### Key results\n"
        "\n"
        "| KR | Owner | Progress |\n"
        "|----|-------|----------|\n"
        "| Raise searches that end in a click from 40% to 60% | Ana | 30% |\n"
        "| Cut zero-result searches from 12% to 5% | Bo | 50% |\n",
    )
    (document,) = read_path(path)
    (objective,) = document["objectives"]
    assert objective["title"] == "Make search useful"
    clicks, zero = objective["key_results"]
    assert (clicks["owner"], clicks["x-progress"]) == ("Ana", "30%")
    assert zero["x-progress"] == "50%"


def test_a_section_label_among_key_result_items_is_no_key_result() -> None:
    path = write(
        "billing-2026-q3.md",
        "# Billing OKRs\n"
        "\n"
        "- **Objective: Get paid on time**\n"
        "  - KR1: Cut overdue invoices from 18% to 5%\n"
        "  - KR2: Cut days sales outstanding from 52 to 35\n"
        "  - Risks:\n"
        "    - The payments vendor may change its API\n"
        "  - Initiatives:\n"
        "    - Automate dunning emails\n",
    )
    (document,) = read_path(path)
    (objective,) = document["objectives"]
    assert [k["title"] for k in objective["key_results"]] == [
        "Cut overdue invoices from 18% to 5%",
        "Cut days sales outstanding from 52 to 35",
    ]
    assert objective["initiatives"] == ["Automate dunning emails"]
