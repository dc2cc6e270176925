"""The built-in mappings: the shapes teams keep OKRs in, as found in public repositories.

Each is recognised by paths that only it has; a document two of them recognise is named, not
guessed, and `--from NAME` (or `from:` in the config) chooses.
"""

from __future__ import annotations

from okrlint.inputs.mapping import MappingSpec

BUILTIN: tuple[MappingSpec, ...] = (
    MappingSpec(
        name="okrs-as-code",
        description=(
            "objectives with objective_id and objective, key results with kr_id, description, "
            "metric_key, baseline, target, confidence, status and evidence; `scope` at the top"
        ),
        detect=["objectives[].key_results[].kr_id"],
        unless=["objectives[].title"],
        objective={"objective": "title", "objective_id": "id", "owner_id": "owner"},
        key_result={"kr_id": "id", "description": "title", "metric_key": "metric"},
        team="scope",
        title_from="metric",
    ),
    MappingSpec(
        name="structured-goals",
        description=(
            "JSON with `metadata` {team, period, owner} and `objectives` of name or title, "
            "timeframe, parentId or alignedWith, and keyResults"
        ),
        detect=["metadata", "objectives[].keyResults"],
        team="metadata.team",
        period="metadata.period",
        owner="metadata.owner",
        objective={"name": "title", "parentId": "aligns_to", "alignedWith": "aligns_to"},
        key_results=["keyResults"],
        key_result={"description": "title", "dueDate": "due"},
    ),
    MappingSpec(
        name="roadmap-krs",
        description=(
            "objectives with `krs` and an `end` date each, beside `north_star` and `horizon`; "
            "several quarters in one file"
        ),
        detect=["objectives[].krs"],
        unless=["team", "objectives[].key_results"],
        objective={"objective": "title", "name": "title"},
        key_results=["krs"],
    ),
    MappingSpec(
        name="metric-gates",
        description=(
            "`quarter_id` (2026Q1) and key results as metric_id, direction (>=, <=, ==), "
            "threshold, weighting and data_source"
        ),
        detect=["quarter_id", "objectives[].key_results[].metric_id"],
        period="quarter_id",
        objective={"objective": "title", "objective_id": "id"},
        key_result={"metric_id": "metric", "threshold": "target", "data_source": "x-data_source"},
        title_from="metric",
    ),
    MappingSpec(
        name="projects-okr",
        description=(
            "PascalCase `Projects` with Name and OKR by quarter (Q4), objectives with Objective "
            "and KeyResults of Metric and Done"
        ),
        detect=["Projects[].OKR{}[].Objective"],
        objectives="Projects[team=Name].OKR{period}[]",
        objective={"Objective": "title"},
        key_results=["KeyResults"],
        key_result={"Metric": "title", "Done": "x-done"},
    ),
    MappingSpec(
        name="keyed-objectives",
        description=(
            "a mapping of slugs to objectives, each with objective, key_results and period_end"
        ),
        detect=["{}.objective", "{}.key_results"],
        unless=["objectives", "team", "period"],
        objectives="{id}",
        objective={"objective": "title"},
    ),
)


def builtin(name: str) -> MappingSpec | None:
    for spec in BUILTIN:
        if spec.name == name:
            return spec
    return None
