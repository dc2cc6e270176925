"""How to read files in other shapes than okrlint's YAML: what every reader is given."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# `--from okrlint`: read every file as okrlint's own format, recognising no other shape.
NATIVE = "okrlint"
# The code of findings about files or documents okrlint cannot read as OKRs.
UNREADABLE = "STR005"


@dataclass(frozen=True, slots=True)
class InputOptions:
    """How to read files that are not in okrlint's own format (sent to worker processes)."""

    # A mapping or reader by name for every file (`--from`), instead of recognising the shape.
    from_format: str | None = None
    # Declarative mappings of the config, as written (validated where they are read).
    mappings: tuple[dict[str, Any], ...] = ()
    # The team and period of sets whose file says neither.
    team: str | None = None
    period: str | None = None
    fiscal_year_start: int = 1


DEFAULT_INPUTS = InputOptions()
