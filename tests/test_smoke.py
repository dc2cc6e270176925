from pathlib import Path

from typer.testing import CliRunner

from okrlint.cli import app


def test_check_reports_a_format_error_with_its_position(tmp_path: Path) -> None:
    (tmp_path / "growth.yaml").write_text(
        "team: Growth\nperiod: 2026-Q1\nobjectives:\n  - title: Grow\n"
        "    key_results:\n      - title: Raise activation\n        taget: 45\n"
    )
    result = CliRunner().invoke(app, ["check", "--format", "concise", str(tmp_path)])
    assert result.exit_code == 1
    assert "growth.yaml:7:9: STR002 [error] unknown key 'taget'; did you mean 'target'?" in (
        result.stdout
    )
