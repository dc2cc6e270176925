"""`okrlint server`, the language server, driven over stdio by a real LSP client (JSON-RPC
with Content-Length framing, tests/lsp_client.py) as an editor drives it."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from lsp_client import LspClient
from samples import ONLY_TYPO as TYPO
from tools import clean_env, okrlint_command

OKRS = """\
team: Growth
period: 2026-Q1
objectives:
  - title: Make the first week effortless for new teams
    key_results:
      - Raise week-1 onboarding completion of new teams from 32% to 45%
      - Cut the share of new teams that cancel in week 2 from 18% to 12%
      - Launch the new onboarding checklist
"""


def apply_edits(text: str, edits: list[dict[str, Any]]) -> str:
    """Apply LSP text edits (ASCII text: UTF-16 units are characters), last first."""
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def offset(position: dict[str, int]) -> int:
        return starts[position["line"]] + position["character"]

    for edit in sorted(edits, key=lambda e: offset(e["range"]["start"]), reverse=True):
        start, end = offset(edit["range"]["start"]), offset(edit["range"]["end"])
        text = text[:start] + edit["newText"] + text[end:]
    return text


def codes_of(cwd: Path, text: str) -> list[str]:
    result = subprocess.run(
        [*okrlint_command(), "check", "-", "--stdin-filename", "okrs/growth.yaml", "--exit-zero"],
        cwd=cwd,
        input=text,
        capture_output=True,
        text=True,
        check=False,
        env=clean_env(),
    )
    return [line.split(" ")[1] for line in result.stdout.splitlines() if line.startswith("okrs/")]


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".okrlint.yaml").write_text("severity: {OUT001: error}\n")
    (tmp_path / "okrs").mkdir()
    (tmp_path / "okrs" / "growth.yaml").write_text("team: Growth\nperiod: 2026-Q1\n")
    return tmp_path


def test_the_language_server_lints_fixes_suppresses_and_explains(workspace: Path) -> None:
    uri = (workspace / "okrs" / "growth.yaml").as_uri()
    client = LspClient(workspace)
    try:
        initialized = client.request(
            "initialize",
            {"processId": None, "rootUri": workspace.as_uri(), "capabilities": {}},
        )
        capabilities = initialized["capabilities"]
        assert capabilities["hoverProvider"] and capabilities["codeActionProvider"]
        assert initialized["serverInfo"]["name"] == "okrlint"
        client.notify("initialized", {})

        # On open: the buffer is linted (not the file on disk), with the workspace's config.
        client.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": OKRS}},
        )
        opened = client.wait_for("textDocument/publishDiagnostics", uri=uri)
        [launch] = [d for d in opened["diagnostics"] if d["code"] == "OUT001"]
        assert launch["range"]["start"] == {"line": 7, "character": 8}
        assert launch["severity"] == 1 and launch["source"] == "okrlint"  # error, by config

        # On change: a burst of edits is linted once, as the text stands at the end.
        for version, text in ((2, OKRS + "#"), (3, OKRS + "# a"), (4, TYPO)):
            client.notify(
                "textDocument/didChange",
                {
                    "textDocument": {"uri": uri, "version": version},
                    "contentChanges": [{"text": text}],
                },
            )
        changed = client.wait_for("textDocument/publishDiagnostics", uri=uri)
        assert changed["version"] == 4
        assert [d["code"] for d in changed["diagnostics"]] == ["STR002"]
        assert not [n for n in client.notifications if n["method"].endswith("Diagnostics")]
        client.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": 5}, "contentChanges": [{"text": OKRS}]},
        )
        again = client.wait_for("textDocument/publishDiagnostics", uri=uri, version=5)
        assert "OUT001" in [d["code"] for d in again["diagnostics"]]

        # Code actions on the finding: its safe fix, and a suppression with a reason.
        actions = client.request(
            "textDocument/codeAction",
            {
                "textDocument": {"uri": uri},
                "range": launch["range"],
                "context": {"diagnostics": [launch]},
            },
        )
        titles = [action["title"] for action in actions]
        assert len(actions) == 2, titles
        fix, suppress = actions
        assert "OUT001" in fix["title"] and fix["isPreferred"]
        fixed = apply_edits(OKRS, fix["edit"]["changes"][uri])
        assert "initiatives:" in fixed and "Launch the new onboarding checklist" in fixed
        assert "OUT001" not in codes_of(workspace, fixed)
        suppressed = apply_edits(OKRS, suppress["edit"]["changes"][uri])
        assert (
            "      - Launch the new onboarding checklist"
            "  # okrlint: disable=OUT001 -- <why this is right here>\n"
        ) in suppressed
        remaining = codes_of(workspace, suppressed)
        assert "OUT001" not in remaining and not [c for c in remaining if c.startswith("SUP")]

        # Hover on the finding: the rule's explanation.
        hover = client.request(
            "textDocument/hover",
            {"textDocument": {"uri": uri}, "position": {"line": 7, "character": 12}},
        )
        explained = hover["contents"]["value"]
        assert explained.startswith("# OUT001 output-as-outcome")
        nothing = client.request(
            "textDocument/hover",
            {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}},
        )
        assert nothing is None

        # Settings from the workspace win over the config file, and re-lint open documents.
        client.notify(
            "workspace/didChangeConfiguration",
            {"settings": {"okrlint": {"ignore": ["OUT", "MEA001"]}}},
        )
        relinted = client.wait_for("textDocument/publishDiagnostics", uri=uri)
        assert [d["code"] for d in relinted["diagnostics"]] == []
    finally:
        status = client.close()
    assert status == 0


def test_settings_are_asked_of_an_editor_that_answers(workspace: Path) -> None:
    uri = (workspace / "okrs" / "growth.yaml").as_uri()
    client = LspClient(workspace)
    client.configuration = {"ignore": ["MEA"], "select": ["OUT001", "MEA001"]}
    # What the editor answers decides the first diagnostics: OUT001 only.
    try:
        client.request(
            "initialize",
            {
                "processId": None,
                "rootUri": workspace.as_uri(),
                "capabilities": {"workspace": {"configuration": True}},
            },
        )
        client.notify("initialized", {})
        client.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": OKRS}},
        )
        opened = client.wait_for("textDocument/publishDiagnostics", uri=uri)
        assert [d["code"] for d in opened["diagnostics"]] == ["OUT001"]
        [asked] = [r for r in client.requests if r["method"] == "workspace/configuration"]
        assert asked["params"]["items"][0]["section"] == "okrlint"
        # A change notification makes the server ask again.
        client.configuration = {"ignore": ["OUT001"]}
        client.notify("workspace/didChangeConfiguration", {"settings": None})
        relinted = client.wait_for("textDocument/publishDiagnostics", uri=uri)
        assert "OUT001" not in [d["code"] for d in relinted["diagnostics"]]
        assert len([r for r in client.requests if r["method"] == "workspace/configuration"]) == 2
    finally:
        status = client.close()
    assert status == 0


def test_check_imports_neither_the_server_nor_the_watcher(tmp_path: Path) -> None:
    (tmp_path / "growth.yaml").write_text(TYPO)
    result = subprocess.run(
        [*okrlint_command(), "check", "."],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        env=clean_env(PYTHONPROFILEIMPORTTIME="1"),
    )
    assert result.returncode == 1
    imported = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()}
    assert "okrlint.pipeline.run" in imported
    assert not {name for name in imported if name.startswith(("pygls", "lsprotocol", "watchfiles"))}
