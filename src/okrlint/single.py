"""Lint one file's text that is not (or not yet) on disk: standard input, an editor's buffer.

The text goes through the same stages as a file of a run (load, validate, read, check, filter,
suppressions), with the settings of the config that applies at `path`, and the whole-repository
rules compare it with the other OKR files of its repository as if it were saved there.
"""

from __future__ import annotations

import os
from pathlib import Path

from okrlint.document import SourceFile, load_bytes
from okrlint.engine import RunOptions, SettingsCache, check_sources
from okrlint.files import display_path, is_excluded
from okrlint.findings import Report
from okrlint.registry import default_registry


def lint_text(text: str, path: Path, options: RunOptions | None = None) -> Report:
    """Lint `text` as the content of the file at `path` (which need not exist).

    With `options.force_exclude`, a path the config excludes gives an empty report, as a file
    named on the command line does. Raises `ConfigError` for a bad config.
    """
    options = options or RunOptions()
    registry = default_registry()
    absolute = Path(os.path.abspath(path))
    settings = SettingsCache(registry, options)(absolute)
    report = Report(findings=[])
    excluded = list(settings.config.values.exclude)
    if options.force_exclude and is_excluded(absolute, excluded, settings.config.base("exclude")):
        report.counts.skipped_files = 1
        report.fail_on = settings.fail_on
        return report
    source = load_bytes(
        text.encode("utf-8"), SourceFile(path=absolute, display=display_path(absolute))
    )
    return check_sources([(source, settings)], registry, options, settings)
