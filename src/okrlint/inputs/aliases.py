"""What other OKR tools call each field of okrlint's format: the one table behind both the
did-you-mean hints of format errors and the renames of the built-in and declarative mappings.

Names are compared folded (case, `_`, `-` and spaces ignored), so `keyResults`, `key-results`
and `KeyResults` are one alias.
"""

from __future__ import annotations

# model name -> okrlint field -> the names other tools and teams use for it
ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "OkrSet": {
        "team": ("team_name", "squad", "group", "department", "scope", "org", "unit_name"),
        "period": (
            "quarter",
            "quarter_id",
            "timeframe",
            "time_frame",
            "cycle",
            "half",
            "term",
        ),
        "owner": ("owner_id", "lead", "manager", "responsible", "tracking_manager"),
        "objectives": ("okrs", "goals", "objective_list", "okr"),
    },
    "Objective": {
        "id": ("objective_id", "obj_id", "okr_id", "key", "slug", "ref"),
        "title": ("objective", "name", "goal", "summary", "statement", "text", "heading"),
        "description": ("details", "why", "rationale", "context", "notes"),
        "owner": ("owner_id", "lead", "responsible", "assignee", "dri"),
        "aligns_to": (
            "parent",
            "parent_id",
            "aligned_with",
            "alignment",
            "supports",
            "contributes_to",
        ),
        "key_results": ("krs", "kr", "key_result", "keyresults", "results", "measures"),
        "initiatives": ("projects", "tasks", "actions", "epics", "bets"),
        "type": ("kind", "category", "commitment"),
    },
    "KeyResult": {
        "id": ("kr_id", "key_result_id", "ref"),
        "title": (
            "description",
            "desc",
            "key_result",
            "kr",
            "name",
            "text",
            "result",
            "summary",
            "statement",
            "task",
            "task_name",
        ),
        "metric": ("metric_key", "metric_id", "metric_name", "kpi", "indicator"),
        "baseline": ("start", "start_value", "starting_value", "initial", "from", "base"),
        "target": ("goal", "target_value", "threshold", "to", "end_value"),
        "current": ("actual", "current_value", "value", "latest", "progress_value"),
        "unit": ("units", "unit_of_measure", "uom"),
        "direction": ("operator", "comparator", "trend"),
        "confidence": ("confidence_level", "likelihood"),
        "score": ("grade", "rating", "final_score"),
        "owner": ("owner_id", "assignee", "responsible", "dri", "contributors"),
        "checkins": ("check_ins", "updates", "history", "progress_log"),
        "learnings": ("learning", "lessons", "retro", "retrospective", "reflection"),
        "due": ("due_date", "deadline", "end", "end_date", "measurement_deadline"),
        "status": ("state", "health", "rag", "progress_status"),
        "priority": ("prio", "importance"),
        "evidence": ("proof", "links", "data_source", "source"),
    },
    "CheckIn": {
        "date": ("when", "day", "week", "updated", "updated_at"),
        "value": ("current", "actual", "measurement"),
        "confidence": ("confidence_level",),
        "note": ("comment", "notes", "update", "text"),
    },
}


def fold(name: str) -> str:
    """A key as compared with aliases: lower case, without `_`, `-` or spaces."""
    return "".join(ch for ch in name.lower() if ch not in "_- ")


def _folded() -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = {}
    for model, fields in ALIASES.items():
        by_alias: dict[str, str] = {}
        for field_name, aliases in fields.items():
            for alias in aliases:
                by_alias.setdefault(fold(alias), field_name)
        for field_name in fields:
            by_alias[fold(field_name)] = field_name
        table[model] = by_alias
    return table


_BY_ALIAS = _folded()


def field_for(model: str, key: str) -> str | None:
    """The okrlint field another tool's `key` stands for in `model`, if the table knows it."""
    return _BY_ALIAS.get(model, {}).get(fold(key))
