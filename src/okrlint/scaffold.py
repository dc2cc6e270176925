"""`okrlint init [DIR]`: scaffold an OKR repository that okrlint, pre-commit and CI understand.

An existing `.pre-commit-config.yaml` is never replaced: okrlint's hook is added to it, round
trip, with its comments, order and other hooks kept. The other files are written only where
nothing has that name yet, unless `force` is given.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

from okrlint import __version__
from okrlint.fix.runner import atomic_write
from okrlint.model import json_schema
from okrlint.release import REPOSITORY, ref
from okrlint.safe_files import create_new

PRE_COMMIT_CONFIG = ".pre-commit-config.yaml"


@dataclass(frozen=True, slots=True)
class Planned:
    path: Path
    text: str
    # "created", "replaced", "added the okrlint hook to", or "kept" (nothing to write).
    action: str = "created"


class ScaffoldError(Exception):
    pass


def current_quarter(today: dt.date) -> str:
    return f"{today.year}-Q{(today.month - 1) // 3 + 1}"


def pin_note() -> str:
    """Says what the pinned ref is, and how to move to a release tag."""
    if ref() == f"v{__version__}":
        return f"okrlint {__version__}; `pre-commit autoupdate` moves to newer releases"
    return (
        f"okrlint {__version__} from source until v{__version__} is released; "
        "then pin the tag (`pre-commit autoupdate` does it)"
    )


def validate_period(period: str) -> str:
    from okrlint.model import check_period

    try:
        return check_period(period)
    except ValueError:
        raise ScaffoldError(
            "--period must be a year, half, quarter or month such as 2026, 2026-H1, 2026-Q1 "
            f"or 2026-03 (got {period!r})"
        ) from None


def plan(directory: Path, period: str) -> list[Planned]:
    def template(name: str) -> str:
        return (files("okrlint") / "templates" / name).read_text(encoding="utf-8")

    return [
        Planned(
            directory / "okrs" / "example.yaml", template("example.yaml").format(period=period)
        ),
        Planned(directory / "okr.schema.json", json.dumps(json_schema(), indent=2) + "\n"),
        Planned(directory / ".okrlint.yaml", template("okrlint.yaml")),
        _pre_commit_config(directory / PRE_COMMIT_CONFIG, template("pre-commit-config.yaml")),
        Planned(
            directory / ".github" / "workflows" / "okrlint.yml",
            template("workflow.yml").format(rev=ref(), pin_note=pin_note()),
        ),
    ]


def hook_entry() -> dict[str, Any]:
    return {"repo": REPOSITORY, "rev": ref(), "hooks": [{"id": "okrlint"}]}


def _round_trip() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML()  # round trip: comments, order and quoting are kept
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.preserve_quotes = True
    yaml.width = 4096
    return yaml


def _pre_commit_config(path: Path, header: str) -> Planned:
    """The pre-commit config with okrlint's hook: a new one, or the existing one with the hook
    appended to its `repos` (unchanged when it already runs okrlint)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.error import YAMLError

    yaml = _round_trip()
    entry = CommentedMap(hook_entry())
    entry["hooks"] = CommentedSeq([CommentedMap(hook) for hook in entry["hooks"]])
    entry.yaml_add_eol_comment(pin_note(), "rev")
    if not path.exists():
        config = yaml.load(header) or CommentedMap()
        config["repos"] = CommentedSeq([entry])
        return Planned(path, _dump(yaml, config))
    try:
        text = path.read_text(encoding="utf-8")
        config = yaml.load(text)
    except (OSError, UnicodeDecodeError, YAMLError) as error:
        raise ScaffoldError(f"cannot read {path} to add okrlint's hook: {error}") from None
    if config is None:
        config = CommentedMap()
    if not isinstance(config, dict) or not isinstance(config.get("repos", []), list):
        raise ScaffoldError(
            f"{path} is not a pre-commit config (a mapping with a `repos` list); "
            "add okrlint's hook by hand (see the README)"
        )
    repos = config.setdefault("repos", CommentedSeq())
    for repo in repos:
        hooks = repo.get("hooks", []) if isinstance(repo, dict) else []
        if any(isinstance(hook, dict) and hook.get("id") == "okrlint" for hook in hooks):
            return Planned(path, text, "kept")
    repos.append(entry)
    return Planned(path, _dump(yaml, config), "added the okrlint hook to")


def _dump(yaml: Any, data: Any) -> str:
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()


def scaffold(directory: Path, period: str, force: bool = False) -> list[Planned]:
    """Write the files; refuse (writing nothing) if any would be replaced, unless `force`.
    An existing pre-commit config is updated, never replaced."""
    period = validate_period(period)
    if directory.exists() and not directory.is_dir():
        raise ScaffoldError(f"{directory} is not a folder")
    planned = plan(directory, period)
    # A link, even a dangling one, is never written through: it may point anywhere.
    links = [p.path for p in planned if p.path.is_symlink()]
    if links:
        shown = ", ".join(str(path) for path in links)
        raise ScaffoldError(f"not writing through the symbolic link {shown}; remove it first")
    existing = [p.path for p in planned if p.path.exists() and p.path.name != PRE_COMMIT_CONFIG]
    if existing and not force:
        shown = ", ".join(str(path) for path in existing)
        raise ScaffoldError(f"not overwriting {shown} (use --force to replace)")
    done = []
    for item in planned:
        if item.action == "kept":
            done.append(item)
            continue
        action = "replaced" if item.path in existing else item.action
        item.path.parent.mkdir(parents=True, exist_ok=True)
        if not item.path.exists():
            create_new(item.path, item.text.encode("utf-8"))
        else:
            atomic_write(item.path, item.text.encode("utf-8"))  # a regular file, replaced
        done.append(Planned(item.path, item.text, action))
    return done
