"""Property: whole-repository rules give the same findings for a repository linted whole, by
folder, or one file at a time."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from okrlint import lint_paths
from okrlint.config.settings import Overrides
from okrlint.pipeline.run import RunOptions

CODES = ["SND005", "FOC001", "ALN001", "ALN002", "CUL003"]
OPTIONS = RunOptions(overrides=Overrides(select=CODES), today=dt.date(2026, 5, 15))
TEAMS = ["Company", "Growth", "Sales", "Support"]
PERIODS = ["2025-Q4", "2026-Q1", "2026-Q2", "2026-H1"]
METRICS = ["average discount", "weekly active teams", "monthly churn"]
OWNERS = ["Dana", "Lee"]


@st.composite
def key_results(draw: st.DrawFn) -> str:
    metric = draw(st.sampled_from(METRICS))
    baseline, target = draw(st.sampled_from([(10, 14), (14, 10), (30, 45)]))
    score = draw(st.sampled_from(["", "score: 1.0", "score: 0.96", "score: 0.4"]))
    return (
        f"      - title: Move the {metric}\n        metric: {metric}\n"
        f"        baseline: {baseline}\n        target: {target}\n"
        + (f"        {score}\n" if score else "")
    )


@st.composite
def okr_sets(draw: st.DrawFn) -> str:
    team = draw(st.sampled_from(TEAMS))
    period = draw(st.sampled_from(PERIODS))
    link = draw(
        st.sampled_from(
            ["", "company/2026-Q1#O1", "company#O2", "growth/2026-Q1#O1", "compnay/2026-Q2#O1"]
        )
    )
    objectives = []
    for number in range(1, draw(st.integers(1, 3)) + 1):
        owner = draw(st.sampled_from(["", *OWNERS]))
        krs = "".join(draw(st.lists(key_results(), min_size=1, max_size=2)))
        objectives.append(
            f"  - id: O{number}\n    title: Objective {number}\n"
            + (f"    owner: {owner}\n" if owner else "")
            + f"    key_results:\n{krs}"
        )
    head = f"team: {team}\nperiod: {period}\n" + (f"aligns_to: {link}\n" if link else "")
    return head + "objectives:\n" + "".join(objectives)


def _found(root: Path, paths: list[Path], cache: bool = False) -> set[tuple[str, int, str, str]]:
    options = RunOptions(OPTIONS.overrides, today=OPTIONS.today, cache=cache)
    report = lint_paths(paths, options=options)
    return {
        (Path(f.path).resolve().relative_to(root).as_posix(), f.line, f.code, f.message)
        for f in report.findings
    }


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(okr_sets(), min_size=2, max_size=6))
def test_whole_by_folder_and_file_by_file_agree(documents: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder).resolve()
        (root / ".okrlint.yaml").write_text("")
        files = []
        for number, text in enumerate(documents):
            sub = root / ("a" if number % 2 else "b")
            sub.mkdir(exist_ok=True)
            file = sub / f"set-{number}.yaml"
            file.write_text(text)
            files.append(file)
        whole = _found(root, [root])
        by_folder = _found(root, [root / "a"]) | _found(root, [root / "b"])
        by_file: set[tuple[str, int, str, str]] = set()
        for file in files:
            by_file |= _found(root, [file], cache=True)  # the CLI's default
        assert by_folder == whole
        assert by_file == whole
