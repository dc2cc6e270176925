"""JSON findings name the OKR set they are about (`team`, `period`) and the objective, also
for whole-repository findings on an objective's own `aligns_to`."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tools import clean_env, okrlint_command

COMPANY = """\
team: Company
period: 2026-Q1
objectives:
  - title: Become the easiest analytics tool to start with
    key_results:
      - Raise week-1 activation of new teams from 30% to 45%
      - Cut the share of new teams that cancel in week 2 from 18% to 12%
"""
GROWTH = """\
team: Growth
period: {period}
objectives:
  - id: O1
    title: Make the first week effortless for new teams
    aligns_to: Company/2026-Q1#O9
    key_results:
      - Raise week-1 onboarding completion of new teams from 32% to 45%
      - Cut the share of new teams that cancel in week 2 from 18% to 12%
"""


def test_findings_name_their_set_and_objective(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "company.yaml").write_text(COMPANY)
    (tmp_path / "growth.yaml").write_text(GROWTH.format(period="2026-Q1"))
    result = subprocess.run(
        [*okrlint_command(), "check", "--format", "json", "--select", "ALN001", "growth.yaml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        env=clean_env(),
    )
    [finding] = json.loads(result.stdout)["findings"]
    assert finding["code"] == "ALN001" and "O9" in finding["message"]
    assert (finding["team"], finding["period"], finding["object"]) == ("Growth", "2026-Q1", "O1")
    assert finding["line"] == 6  # the objective's aligns_to
