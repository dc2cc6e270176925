"""Lint one file's text that is not (or not yet) on disk: standard input, an editor's buffer.

The text goes through the same stages as a file of a run (load, validate, read, check, filter,
suppressions), with the settings of the config that applies at `path`, and the whole-repository
rules compare it with the other OKR files of its repository as if it were saved there.
"""

from __future__ import annotations

import os
from pathlib import Path

from okrlint.findings import Report
from okrlint.pipeline.discover import display_path, is_excluded
from okrlint.pipeline.load import load_bytes
from okrlint.pipeline.run import RunOptions, SettingsCache, check_sources
from okrlint.sources import SourceFile


def lint_text(text: str, path: Path, options: RunOptions | None = None) -> Report:
    """Lint `text` as the content of the file at `path` (which need not exist).

    With `options.force_exclude`, a path the config excludes gives an empty report, as a file
    named on the command line does. Raises `ConfigError` for a bad config.
    """
    options = options or RunOptions()
    absolute = Path(os.path.abspath(path))
    settings_for = SettingsCache(options)
    # The config at the path names the rule packs, so it is read before the registry is built.
    settings_for.configs_for([absolute])
    registry = settings_for.registry
    settings = settings_for(absolute)
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
