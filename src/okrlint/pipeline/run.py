"""A run: discover -> load -> validate -> understand -> check -> filter, then the report.

`lint_paths` plans the run (the files, their configs, the registry built from them, their
settings), streams batches of files through load, validate, understand and check (on worker
processes with `--jobs`), then runs the whole-repository rules over the sets' summaries and
applies suppressions. Each stage lives in its own module of this package.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from okrlint import __version__
from okrlint.api import FileItem, ObjectiveItem, Scope, SetItem, Workspace
from okrlint.cache import ReadingsCache, folder_problem, project_root
from okrlint.config.files import (
    DEFAULT,
    ConfigFile,
    LoadedConfig,
    explain_config_error,
    find_config,
    read_config,
)
from okrlint.config.settings import Overrides, Settings, resolve
from okrlint.errors import ConfigError
from okrlint.findings import Counts, Finding, Report, Violation
from okrlint.pipeline.check import RuleRunner, stamp
from okrlint.pipeline.discover import discover, display_path, is_excluded
from okrlint.pipeline.filter import MARKER, applies, apply_suppressions
from okrlint.pipeline.parallel import LoadTask, in_batches, load_files, load_task, stream_batches
from okrlint.pipeline.understand import RunReadings, pack_for, read_all
from okrlint.pipeline.validate import validate
from okrlint.rules.assembly import registry_for
from okrlint.rules.registry import Registry
from okrlint.sources import SourceFile
from okrlint.text.key_result_numbers import forget as forget_numbers
from okrlint.text.pack import RulePack
from okrlint.text.reading import KeyResultReading
from okrlint.workspace.neighbours import RepositoryLookup
from okrlint.workspace.summaries import SetSummary, summarize


@dataclass(frozen=True, slots=True)
class RunOptions:
    overrides: Overrides = field(default_factory=Overrides)
    # One config for every file (`--config`), instead of the nearest one above each file.
    config: LoadedConfig | None = None
    today: dt.date | None = None
    # Ignore `# okrlint:` suppression comments (`--no-suppressions`, for audits).
    no_suppressions: bool = False
    # Apply `exclude` to files named explicitly too (`--force-exclude`, for pre-commit).
    force_exclude: bool = False
    # Processes that load files; None is one per core. The output is the same for any number.
    jobs: int | None = None
    # Keep readings of texts in `.okrlint_cache/` between runs (the CLI's default).
    cache: bool = False
    # Keep the text of the files in the report, for output that quotes the offending lines and
    # for --fix; a large run without them holds less.
    keep_sources: bool = True


def lint_paths(
    paths: Sequence[str | Path],
    config: str | Path | Mapping[str, Any] | LoadedConfig | None = None,
    *,
    options: RunOptions | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Report:
    """Lint files and folders, as `okrlint check` does, and return the report.

    `config` is a config file path, a mapping of config keys, or None for the nearest config
    above each file. Raises `ConfigError` for a bad config and `PathNotFoundError` for a path
    that does not exist. `progress` is told (files checked, files planned) after each batch.
    """
    options = options or RunOptions()
    if config is not None:
        options = dataclasses.replace(options, config=_as_config(config))
    settings_for = SettingsCache(options)
    tasks, settings_of, skipped = plan_sources(paths, options, settings_for)
    registry = settings_for.registry
    warnings: list[str] = []
    if options.cache:
        problem = folder_problem(project_root(settings_for.root().config.directory))
        if problem is not None:
            warnings.append(problem)
            options = dataclasses.replace(options, cache=False)
    known, numbers = _numbered(settings_of)
    planned = list(zip(tasks, numbers, strict=True))
    checker = _Checker(registry, options, settings_for.root(), known)
    run = _Run(checker)
    checked = 0
    for result in stream_batches(
        checker.load_and_check, in_batches(planned), options.jobs, len(planned)
    ):
        run.add(result)
        if progress is not None:
            checked += len(result.sources)
            progress(checked, len(planned))
    report = run.finish()
    report.counts.skipped_files += skipped
    report.warnings.extend(warnings)
    return report


def load_sources(
    paths: Sequence[str | Path], options: RunOptions, settings_for: SettingsCache
) -> tuple[list[tuple[SourceFile, Settings]], int]:
    """Discover and load the files to lint, each with its settings; and how many were excluded."""
    tasks, settings_of, skipped = plan_sources(paths, options, settings_for)
    loaded = load_files(tasks, options.jobs)
    return list(zip(loaded, settings_of, strict=True)), skipped


def plan_sources(
    paths: Sequence[str | Path], options: RunOptions, settings_for: SettingsCache
) -> tuple[list[LoadTask], list[Settings], int]:
    """The files to lint with their settings, in order; and how many were excluded."""
    discovery = discover([Path(p) for p in paths])
    # The configs first, so that the run's registry holds the rules of every pack they name
    # before any of them is resolved against it.
    settings_for.configs_for([*discovery.files, settings_for.fallback_file])
    tasks: list[LoadTask] = []
    settings_of: list[Settings] = []
    skipped = 0
    for file in discovery.files:
        settings = settings_for(file)
        config_dir = settings.config.base("exclude")
        explicit = file in discovery.explicit and not options.force_exclude
        if not explicit and is_excluded(file, list(settings.config.values.exclude), config_dir):
            skipped += 1
            continue
        tasks.append((file, display_path(file), settings.config.values.max_file_size))
        settings_of.append(settings)
    return tasks, settings_of, skipped


def _as_config(config: str | Path | Mapping[str, Any] | LoadedConfig) -> LoadedConfig:
    if isinstance(config, LoadedConfig):
        return config
    if isinstance(config, str | Path):
        return read_config(Path(config))
    try:
        values = ConfigFile.model_validate({str(k).replace("-", "_"): v for k, v in config.items()})
    except ValidationError as error:
        raise ConfigError(explain_config_error(Path("<config mapping>"), error)) from None
    return LoadedConfig(values)


class SettingsCache:
    """The settings for each file: from --config, or from the nearest config file above it.

    The registry of the run is built from the configs seen by then, on first use: callers name
    the files first (`configs_for`), so that it holds the rules of every rule pack they name.
    """

    def __init__(self, options: RunOptions, registry: Registry | None = None) -> None:
        self._options = options
        self._configs: dict[Path | None, LoadedConfig] = {}
        self._by_config: dict[Path | None, Settings] = {}
        self._by_folder: dict[Path, Path | None] = {}
        self._first: Settings | None = None
        self._registry = registry
        # Whole-repository rules use the settings of the first file, else those of the cwd.
        self.fallback_file = Path.cwd() / "okrlint.yaml"

    def configs_for(self, files: Iterable[Path]) -> None:
        for file in files:
            self._config_path(file)

    @property
    def registry(self) -> Registry:
        if self._registry is None:
            self._registry = registry_for(self._configs.values())
        return self._registry

    def _config_path(self, file: Path) -> Path | None:
        if self._options.config is not None:
            path = self._options.config.path
            self._configs.setdefault(path, self._options.config)
            return path
        folder = file.parent.resolve()
        if folder not in self._by_folder:
            self._by_folder[folder] = find_config(folder)
        path = self._by_folder[folder]
        if path not in self._configs:
            self._configs[path] = read_config(path) if path else DEFAULT
        return path

    def __call__(self, file: Path) -> Settings:
        path = self._config_path(file)
        if path not in self._by_config:
            self._by_config[path] = resolve(
                self._configs[path], self.registry, self._options.overrides
            )
        settings = self._by_config[path]
        if self._first is None:
            self._first = settings
        return settings

    def root(self) -> Settings:
        """Settings for whole-repository rules: those of the first file, else of the cwd."""
        return self._first or self(self.fallback_file)


def check_sources(
    sources: Sequence[tuple[SourceFile, Settings]],
    registry: Registry,
    options: RunOptions,
    root_settings: Settings,
) -> Report:
    """Lint files already loaded; they keep their documents and models for the caller."""
    known, numbers = _numbered([settings for _, settings in sources])
    checker = _Checker(registry, options, root_settings, known, keep_documents=True)
    run = _Run(checker)
    run.add(checker.check(list(zip([source for source, _ in sources], numbers, strict=True))))
    return run.finish()


def _numbered(settings_of: Sequence[Settings]) -> tuple[list[Settings], list[int]]:
    """The distinct settings, and the number of each file's among them: numbers travel to
    worker processes, which hold the same list."""
    known: dict[int, int] = {}
    distinct: list[Settings] = []
    for settings in settings_of:
        if id(settings) not in known:
            known[id(settings)] = len(distinct)
            distinct.append(settings)
    return distinct, [known[id(settings)] for settings in settings_of]


PlannedFile = tuple[LoadTask, int]  # a file to load, and the number of its settings


@dataclass(slots=True)
class _BatchResult:
    """What checking a batch of files leaves: small enough to send from a worker process."""

    # The files, let go of unless they hold suppression comments, and their settings' numbers.
    sources: list[tuple[SourceFile, int]]
    findings: list[Finding]
    crashes: list[Finding]
    # Summaries of the valid sets, for whole-repository rules; settings are attached on arrival.
    summaries: list[tuple[SetSummary, int]]
    counts: Counts


class _Checker:
    """Checks batches of files: validation, readings, the rules about one file, summaries.

    It runs in the main process, or in each worker process of a run with `--jobs`; then only
    the batch's results travel back, and every worker reads and fills the readings cache.
    """

    def __init__(
        self,
        registry: Registry,
        options: RunOptions,
        root: Settings,
        settings: Sequence[Settings],
        keep_documents: bool = False,
    ) -> None:
        self.registry = registry
        self.options = options
        self.root = root
        self.settings = list(settings)
        self.keep_documents = keep_documents
        self.today = options.today or dt.date.today()
        self.workspace_selected = any(
            rule.meta.scope is Scope.WORKSPACE and code in root.selected
            for code, rule in registry.rules.items()
        )
        self.workspace_reads_text = _workspace_reads_text(registry, root)
        self._read: Callable[[Sequence[str], RulePack], dict[str, KeyResultReading]] | None = None
        self._runner: RuleRunner | None = None
        self._repositories = RepositoryLookup()

    def read(self, texts: Sequence[str], pack: RulePack) -> dict[str, KeyResultReading]:
        # Made on first use, so that each worker process opens the cache itself.
        if self._read is None:
            self._read = read_all
            if self.options.cache:
                root = project_root(self.root.config.directory)
                self._read = ReadingsCache(root, __version__, read_all).read
        return self._read(texts, pack)

    @property
    def runner(self) -> RuleRunner:
        if self._runner is None:
            self._runner = RuleRunner(self.registry, self.today)
        return self._runner

    def load_and_check(self, batch: Sequence[PlannedFile]) -> _BatchResult:
        return self.check([(load_task(task), number) for task, number in batch])

    def check(self, batch: Sequence[tuple[SourceFile, int]]) -> _BatchResult:
        """Validate, read and check one batch of files, and summarise its sets."""
        counts = Counts()
        set_items: list[tuple[SetItem, int]] = []
        for source, number in batch:
            if not source.is_okr_file:
                counts.skipped_files += 1
                continue
            counts.files += 1
            for document in source.documents:
                document.okr_set, document.format_errors = validate(document.data)
                if document.okr_set is not None:
                    set_items.append((SetItem(document, document.okr_set), number))
                    counts.okr_sets += 1
                    counts.objectives += len(document.okr_set.objectives)
                    counts.key_results += sum(
                        len(o.key_results) for o in document.okr_set.objectives
                    )
        readings = RunReadings.collect(
            self.registry, [(item, self.settings[n]) for item, n in set_items], self.read
        )
        runner = self.runner
        runner.readings = readings
        for source, number in batch:
            if source.is_okr_file:
                runner.run(Scope.FILE, FileItem(source), self.settings[number])
        for set_item, number in set_items:
            settings = self.settings[number]
            runner.run(Scope.SET, set_item, settings)
            for position, objective in enumerate(set_item.okr_set.objectives):
                objective_item = ObjectiveItem(set_item, objective, position)
                runner.run(Scope.OBJECTIVE, objective_item, settings)
                for key_result_item in objective_item.key_results():
                    runner.run(Scope.KEY_RESULT, key_result_item, settings)
        settings_of = {id(source): self.settings[number] for source, number in batch}
        findings = runner.stamp(settings_of, self.root)
        summaries: list[tuple[SetSummary, int]] = []
        if self.workspace_selected:
            numbers_from = readings.for_settings(self.root) if self.workspace_reads_text else None
            for set_item, number in set_items:
                repository = self._repositories.root_of(set_item.document)
                summary = summarize(set_item.document, set_item.okr_set, repository, numbers_from)
                summaries.append((summary, number))
        if not self.keep_documents:
            for source, _ in batch:
                release(source, self.options.keep_sources)
        crashes = list(runner.crashes)
        runner.crashes.clear()
        forget_numbers()  # they hold the batch's models and readings
        return _BatchResult(list(batch), findings, crashes, summaries, counts)


class _Run:
    """One run: the results of each batch of files as they arrive, then the whole repository.

    Rules about one file have run by the time a batch arrives; rules that compare sets across
    the repository see each set's summary (`okrlint.workspace.summaries`) and run at the end, with
    suppressions, so a run holds summaries and findings, not whole files.
    """

    def __init__(self, checker: _Checker) -> None:
        self.checker = checker
        self.registry = checker.registry
        self.root = checker.root
        self.counts = Counts()
        self.sources: list[tuple[SourceFile, Settings]] = []
        self.settings_of: dict[int, Settings] = {}
        self.findings: list[Finding] = []
        self.crashes: list[Finding] = []
        self.summaries: list[SetSummary] = []
        values = self.root.config.values
        options = checker.options
        self.lookup = RepositoryLookup(
            (), values.exclude, values.max_file_size, cache=options.cache, jobs=options.jobs
        )

    def add(self, result: _BatchResult) -> None:
        settings = self.checker.settings
        for source, number in result.sources:
            self.sources.append((source, settings[number]))
            self.settings_of[id(source)] = settings[number]
            self.lookup.add(source)
        self.findings.extend(result.findings)
        self.crashes.extend(result.crashes)
        for summary, number in result.summaries:
            own = settings[number]
            self.summaries.append(
                dataclasses.replace(
                    summary,
                    options=own.options,
                    fiscal_year_start=own.config.values.fiscal_year_start,
                )
            )
        self.counts.add(result.counts)

    def _neighbours(self) -> list[SetSummary]:
        """Summaries of the repository's files that were not linted."""
        checker = self.checker
        variant = "-"
        if checker.workspace_reads_text:
            variant = pack_for(self.root).fingerprint
        return list(self.lookup.summaries(self._summarize, variant))

    def _summarize(self, items: list[SetItem]) -> list[SetSummary]:
        checker = self.checker
        numbers_from = None
        if checker.workspace_reads_text:
            pairs = [(item, self.root) for item in items]
            readings = RunReadings.collect(self.registry, pairs, checker.read)
            numbers_from = readings.for_settings(self.root)
        return [
            summarize(item.document, item.okr_set, self.lookup.root_of(item.document), numbers_from)
            for item in items
        ]

    def finish(self) -> Report:
        """Run the whole-repository rules, apply suppressions and assemble the report."""
        runner = self.checker.runner
        if self.checker.workspace_selected:
            neighbours: list[SetSummary] | None = None

            def lookup() -> Sequence[SetSummary]:
                nonlocal neighbours
                if neighbours is None:
                    neighbours = self._neighbours()
                return neighbours

            runner.run(Scope.WORKSPACE, Workspace(tuple(self.summaries), lookup), self.root)
            self.findings.extend(runner.stamp(self.settings_of, self.root))
            self.crashes.extend(runner.crashes)
        findings = self.findings
        findings.extend(self.crashes)
        suppressions_used = (0, 0)
        if not self.checker.options.no_suppressions:
            findings, suppressions_used = _apply_suppressions(
                findings, self.sources, self.registry, self.settings_of
            )
        findings.sort(key=lambda f: f.sort_key)
        texts = {s.display: s.text for s, _ in self.sources if s.text}
        report = Report(
            findings=findings,
            counts=self.counts,
            sources={f.path: texts[f.path] for f in findings if f.path in texts},
        )
        report.fail_on = self.root.fail_on
        report.suppressions_used = suppressions_used
        report.errors.extend(f"{f.path}: {f.message}" for f in self.crashes)
        report.errors.extend(self.registry.load_errors)
        report.rules = tuple(self.registry.sorted())
        return report


def _apply_suppressions(
    findings: list[Finding],
    sources: Sequence[tuple[SourceFile, Settings]],
    registry: Registry,
    settings_of: Mapping[int, Settings],
) -> tuple[list[Finding], tuple[int, int]]:
    def ran(code: str, source: SourceFile) -> bool:
        return applies(code, Violation("", source), settings_of[id(source)])

    outcome = apply_suppressions(findings, [s for s, _ in sources], registry, ran)
    kept = outcome.kept
    for violation, code in outcome.violations:
        settings = settings_of[id(violation.source)]
        if applies(code, violation, settings):
            kept.append(stamp(violation, registry.rules[code], settings))
    return kept, outcome.used


def release(source: SourceFile, keep_text: bool = True) -> None:
    """Let go of a checked file's documents, and of its text unless the report needs it.

    Suppression comments are matched at the end against the lines of the items they cover, so
    a file that has them keeps its documents and text.
    """
    if MARKER not in source.text:
        source.let_go(keep_text)


def _workspace_reads_text(registry: Registry, settings: Settings) -> bool:
    return any(
        rule.meta.scope is Scope.WORKSPACE and rule.meta.needs_readings
        for code, rule in registry.rules.items()
        if code in settings.selected
    )
