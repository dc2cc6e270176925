"""`okrlint init [DIR]`: scaffold an OKR repository that okrlint, pre-commit and CI understand."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from okrlint import __version__
from okrlint.fix.runner import atomic_write
from okrlint.model import json_schema
from okrlint.safe_files import create_new


@dataclass(frozen=True, slots=True)
class Planned:
    path: Path
    text: str


class ScaffoldError(Exception):
    pass


def current_quarter(today: dt.date) -> str:
    return f"{today.year}-Q{(today.month - 1) // 3 + 1}"


def plan(directory: Path, period: str) -> list[Planned]:
    def template(name: str) -> str:
        return (files("okrlint") / "templates" / name).read_text(encoding="utf-8")

    return [
        Planned(
            directory / "okrs" / "example.yaml", template("example.yaml").format(period=period)
        ),
        Planned(directory / "okr.schema.json", json.dumps(json_schema(), indent=2) + "\n"),
        Planned(directory / ".okrlint.yaml", template("okrlint.yaml")),
        Planned(
            directory / ".pre-commit-config.yaml",
            template("pre-commit-config.yaml").format(version=__version__),
        ),
        Planned(
            directory / ".github" / "workflows" / "okrlint.yml",
            template("workflow.yml").format(version=__version__),
        ),
    ]


def scaffold(directory: Path, period: str, force: bool = False) -> list[Path]:
    """Write the files; refuse (writing nothing) if any exists, unless `force`."""
    planned = plan(directory, period)
    # A link, even a dangling one, is never written through: it may point anywhere.
    links = [p.path for p in planned if p.path.is_symlink()]
    if links:
        shown = ", ".join(str(path) for path in links)
        raise ScaffoldError(f"not writing through the symbolic link {shown}; remove it first")
    existing = [p.path for p in planned if p.path.exists()]
    if existing and not force:
        shown = ", ".join(str(path) for path in existing)
        raise ScaffoldError(f"not overwriting {shown} (use --force to replace)")
    for item in planned:
        item.path.parent.mkdir(parents=True, exist_ok=True)
        if not item.path.exists():
            create_new(item.path, item.text.encode("utf-8"))
        else:
            atomic_write(item.path, item.text.encode("utf-8"))  # --force: a regular file
    return [item.path for item in planned]
