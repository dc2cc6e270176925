"""`okrlint config [PATH]`: the effective config for a file, and where each value came from."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from okrlint.config.files import (
    DEFAULT,
    MERGED_KEYS,
    ConfigFile,
    LoadedConfig,
    find_config,
    read_config,
)
from okrlint.config.settings import Overrides, resolve
from okrlint.pipeline.discover import display_path
from okrlint.rules.assembly import registry_for
from okrlint.safe_text import inert


def effective_config(target: Path, explicit: Path | None = None) -> LoadedConfig:
    if explicit is not None:
        return read_config(explicit)
    found = find_config(target if target.is_dir() else target.parent)
    return read_config(found) if found else DEFAULT


def describe(target: Path, loaded: LoadedConfig) -> dict[str, Any]:
    """Every key with its value and its origin (a config file, or `default`)."""
    values = loaded.values.model_dump(mode="json")
    settings = resolve(loaded, registry_for([loaded]), Overrides())
    keys: dict[str, dict[str, Any]] = {}
    for key in ConfigFile.model_fields:
        origin = loaded.origins.get(key)
        entry: dict[str, Any] = {"value": values[key], "from": _shown(origin)}
        if key in MERGED_KEYS and values[key]:
            entry["entries"] = {
                name: {"value": value, "from": _shown(loaded.origins.get(f"{key}.{name}"))}
                for name, value in values[key].items()
            }
        keys[key] = entry
    return {
        "path": display_path(target),
        "config_files": [display_path(p) for p in loaded.chain],
        "keys": keys,
        "selected": sorted(settings.selected),
        "fail_on": settings.fail_on.value,
    }


def _shown(origin: Path | None) -> str:
    return display_path(origin) if origin is not None else "default"


def render_text(description: dict[str, Any]) -> str:
    files = description["config_files"]
    lines = [f"# effective config for {description['path']}"]
    if files:
        lines.append(f"# read from {files[0]}" + "".join(f", extending {f}" for f in files[1:]))
    else:
        lines.append("# no config file found above it: built-in defaults")
    width = max(len(key) for key in description["keys"]) + 2
    for key, entry in description["keys"].items():
        origin = f"# {entry['from']}"
        if "entries" in entry:
            lines.append(f"{key + ':':<{width}}{'':<40}  {origin}")
            for name, sub in entry["entries"].items():
                shown = f"  {name}: {_flow(sub['value'])}"
                lines.append(f"{shown:<{width + 40}}  # {sub['from']}")
        else:
            shown = f"{key + ':':<{width}}{_flow(entry['value'])}"
            lines.append(f"{shown:<{width + 40}}  {origin}")
    lines.append(
        f"# rules selected ({len(description['selected'])}): " + ", ".join(description["selected"])
    )
    lines.append(f"# fails on: {description['fail_on']}")
    # Keys, values and file names come from config files: shown inert.
    return "".join(inert(line) + "\n" for line in lines)


def _flow(value: Any) -> str:
    if value is None:
        return "null"
    return json.dumps(value, ensure_ascii=False)
