"""The pipeline: discover -> load -> validate -> understand -> check -> filter -> report.

Rules yield violations; this module stamps them with code, name, severity and position, and then
filters them (selection, per-file ignores, suppressions) so that what is filtered out is known.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import traceback
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from okrlint import __version__
from okrlint.config import (
    DEFAULT,
    ConfigError,
    ConfigFile,
    LoadedConfig,
    Overrides,
    Settings,
    explain_config_error,
    find_config,
    read_config,
    resolve,
)
from okrlint.document import SourceFile
from okrlint.files import discover, display_path, is_excluded
from okrlint.findings import Counts, Finding, Report, Severity, Violation
from okrlint.measures import forget as forget_numbers
from okrlint.model import validate
from okrlint.parallel import LoadTask, in_batches, load_files, load_task, stream_batches
from okrlint.registry import (
    FileItem,
    ObjectiveItem,
    Registry,
    Rule,
    RuleContext,
    Scope,
    SetItem,
    Workspace,
    default_registry,
)
from okrlint.repository import RepositoryLookup
from okrlint.summary import SetSummary, summarize

if TYPE_CHECKING:
    from okrlint.analysis.pack import RulePack
    from okrlint.analysis.reading import KeyResultReading
    from okrlint.analysis.run import RunReadings


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
) -> Report:
    """Lint files and folders, as `okrlint check` does, and return the report.

    `config` is a config file path, a mapping of config keys, or None for the nearest config
    above each file. Raises `ConfigError` for a bad config and `PathNotFoundError` for a path
    that does not exist.
    """
    options = options or RunOptions()
    if config is not None:
        options = dataclasses.replace(options, config=_as_config(config))
    registry = default_registry()
    settings_for = SettingsCache(registry, options)
    tasks, settings_of, skipped = plan_sources(paths, options, settings_for)
    warnings: list[str] = []
    if options.cache:
        from okrlint.cache import folder_problem, project_root

        problem = folder_problem(project_root(settings_for.root().config.directory))
        if problem is not None:
            warnings.append(problem)
            options = dataclasses.replace(options, cache=False)
    known, numbers = _numbered(settings_of)
    planned = list(zip(tasks, numbers, strict=True))
    checker = _Checker(registry, options, settings_for.root(), known)
    run = _Run(checker)
    for result in stream_batches(
        checker.load_and_check, in_batches(planned), options.jobs, len(planned)
    ):
        run.add(result)
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
    """The settings for each file: from --config, or from the nearest config file above it."""

    def __init__(self, registry: Registry, options: RunOptions) -> None:
        self._registry = registry
        self._options = options
        self._by_config: dict[Path | None, Settings] = {}
        self._by_folder: dict[Path, Path | None] = {}
        self._first: Settings | None = None

    def __call__(self, file: Path) -> Settings:
        if self._options.config is not None:
            return self._settings(self._options.config.path, self._options.config)
        folder = file.parent.resolve()
        if folder not in self._by_folder:
            self._by_folder[folder] = find_config(folder)
        return self._settings(self._by_folder[folder], None)

    def _settings(self, path: Path | None, loaded: LoadedConfig | None) -> Settings:
        if path not in self._by_config:
            config = loaded or (read_config(path) if path else DEFAULT)
            self._by_config[path] = resolve(config, self._registry, self._options.overrides)
        settings = self._by_config[path]
        if self._first is None:
            self._first = settings
        return settings

    def root(self) -> Settings:
        """Settings for whole-repository rules: those of the first file, else of the cwd."""
        return self._first or self(Path.cwd() / "okrlint.yaml")


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
        self._runner: _Runner | None = None
        self._repositories = RepositoryLookup()

    def read(self, texts: Sequence[str], pack: RulePack) -> dict[str, KeyResultReading]:
        # Made on first use, so that each worker process opens the cache itself.
        if self._read is None:
            from okrlint.analysis.run import read_all

            self._read = read_all
            if self.options.cache:
                from okrlint.cache import ReadingsCache, project_root

                root = project_root(self.root.config.directory)
                self._read = ReadingsCache(root, __version__, read_all).read
        return self._read(texts, pack)

    @property
    def runner(self) -> _Runner:
        if self._runner is None:
            self._runner = _Runner(self.registry, self.today)
        return self._runner

    def load_and_check(self, batch: Sequence[PlannedFile]) -> _BatchResult:
        return self.check([(load_task(task), number) for task, number in batch])

    def check(self, batch: Sequence[tuple[SourceFile, int]]) -> _BatchResult:
        """Validate, read and check one batch of files, and summarise its sets."""
        from okrlint.analysis.run import RunReadings

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
                summary = summarize(set_item, None, repository, numbers_from)
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
    the repository see each set's summary (`okrlint.summary`) and run at the end, with
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
            self.summaries.append(dataclasses.replace(summary, settings=settings[number]))
        self.counts.add(result.counts)

    def _neighbours(self) -> list[SetSummary]:
        """Summaries of the repository's files that were not linted."""
        checker = self.checker
        variant = "-"
        if checker.workspace_reads_text:
            from okrlint.analysis.run import pack_for

            variant = pack_for(self.root).fingerprint
        return list(self.lookup.summaries(self._summarize, variant))

    def _summarize(self, items: list[SetItem]) -> list[SetSummary]:
        from okrlint.analysis.run import RunReadings

        checker = self.checker
        numbers_from = None
        if checker.workspace_reads_text:
            pairs = [(item, self.root) for item in items]
            readings = RunReadings.collect(self.registry, pairs, checker.read)
            numbers_from = readings.for_settings(self.root)
        return [
            summarize(item, None, self.lookup.root_of(item.document), numbers_from)
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
        return report


def _apply_suppressions(
    findings: list[Finding],
    sources: Sequence[tuple[SourceFile, Settings]],
    registry: Registry,
    settings_of: Mapping[int, Settings],
) -> tuple[list[Finding], tuple[int, int]]:
    from okrlint.suppress import apply_suppressions

    def ran(code: str, source: SourceFile) -> bool:
        return _applies(code, Violation("", source), settings_of[id(source)])

    outcome = apply_suppressions(findings, [s for s, _ in sources], registry, ran)
    kept = outcome.kept
    for violation, code in outcome.violations:
        settings = settings_of[id(violation.source)]
        if _applies(code, violation, settings):
            kept.append(_stamp(violation, registry.rules[code], settings))
    return kept, outcome.used


def release(source: SourceFile, keep_text: bool = True) -> None:
    """Let go of a checked file's documents, and of its text unless the report needs it.

    Suppression comments are matched at the end against the lines of the items they cover, so
    a file that has them keeps its documents and text.
    """
    from okrlint.suppress import MARKER

    if MARKER not in source.text:
        source.let_go(keep_text)


def _workspace_reads_text(registry: Registry, settings: Settings) -> bool:
    return any(
        rule.meta.scope is Scope.WORKSPACE and rule.meta.needs_readings
        for code, rule in registry.rules.items()
        if code in settings.selected
    )


class _Runner:
    """Runs the selected rules of one scope on one item, isolating crashes."""

    def __init__(self, registry: Registry, today: dt.date) -> None:
        from okrlint.analysis.run import RunReadings

        self._by_scope: dict[Scope, list[type[Rule[Any]]]] = {}
        for rule in registry.sorted():
            self._by_scope.setdefault(rule.meta.scope, []).append(rule)
        self._instances: dict[str, Rule[Any]] = {}
        self._today = today
        self._readings = RunReadings()
        # The rules to run with their contexts, by scope and settings: the same for every item
        # of a batch, so they are worked out once per batch, not once per item.
        self._plans: dict[tuple[Scope, int], list[_Planned]] = {}
        self.violations: list[tuple[Violation, type[Rule[Any]]]] = []
        self.crashes: list[Finding] = []

    @property
    def readings(self) -> RunReadings:
        return self._readings

    @readings.setter
    def readings(self, readings: RunReadings) -> None:
        self._readings = readings
        self._plans.clear()

    def run(self, scope: Scope, item: Any, settings: Settings) -> None:
        key = (scope, id(settings))
        plan = self._plans.get(key)
        if plan is None or isinstance(item, Workspace):
            plan = self._plans[key] = self._plan(scope, item, settings)
        violations = self.violations
        for rule, instance, context in plan:
            try:
                for violation in instance.check(item, context):
                    if not _well_formed(violation):
                        raise TypeError(
                            f"check() yielded {_short_repr(violation)}, not an okrlint Violation "
                            "with a text message"
                        )
                    violations.append((violation, rule))
            # One broken rule must not hide the others' findings. SystemExit too: a plugin that
            # exits would end the run with status 0 and no output, and CI would pass unlinted.
            except (Exception, SystemExit) as error:
                self.crashes.append(_crash_finding(rule, item, error))

    def _plan(self, scope: Scope, item: Any, settings: Settings) -> list[_Planned]:
        workspace = item if isinstance(item, Workspace) else _NO_WORKSPACE
        plan: list[_Planned] = []
        for rule in self._by_scope.get(scope, ()):
            code = rule.meta.code
            if code not in settings.selected:
                continue
            instance = self._instances.get(code)
            if instance is None:
                instance = self._instances[code] = rule()
            context = RuleContext(
                settings.options[code],
                self._today,
                self._readings.for_settings(settings) if rule.meta.needs_readings else {},
                workspace=workspace,
                fiscal_year_start=settings.config.values.fiscal_year_start,
            )
            plan.append((rule, instance, context))
        return plan

    def stamp(self, settings_of: Mapping[int, Settings], default: Settings) -> list[Finding]:
        """The violations so far as findings, while their documents are there to locate them."""
        findings = []
        for violation, rule in self.violations:
            settings = settings_of.get(id(violation.source), default)
            if _applies(rule.meta.code, violation, settings):
                findings.append(_stamp(violation, rule, settings))
        self.violations.clear()
        return findings


_Planned = tuple[type[Rule[Any]], Rule[Any], RuleContext[Any]]
_NO_WORKSPACE = Workspace(())


def _well_formed(violation: Any) -> bool:
    return (
        type(violation) is Violation
        and isinstance(violation.message, str)
        and isinstance(violation.object_id, str)
        and isinstance(violation.text, str)
        and (violation.suggestion is None or isinstance(violation.suggestion, str))
        and isinstance(violation.node, tuple)
    )


def _short_repr(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _crash_finding(rule: type[Rule[Any]], item: Any, error: BaseException) -> Finding:
    where = traceback.extract_tb(error.__traceback__)[-1]
    source = getattr(item, "source", None) or getattr(
        getattr(item, "document", None), "source", None
    )
    path = source.display if source is not None else ""
    document = getattr(item, "document", None)
    node = getattr(item, "node", None)
    span = document.locate(node) if document is not None and node is not None else None
    return Finding(
        path=path,
        line=span.line if span else 1,
        column=span.column if span else 1,
        end_line=span.end_line if span else 1,
        end_column=span.end_column if span else 1,
        code=rule.meta.code,
        name=rule.meta.name,
        severity=Severity.ERROR,
        message=(
            f"the rule {rule.meta.code} ({rule.meta.source}) failed: "
            f"{type(error).__name__}: {error} (at {Path(where.filename).name}:{where.lineno}); "
            "its findings for this item are missing"
        ),
        object=str(getattr(item, "object_id", "")),
    )


def _applies(code: str, violation: Violation, settings: Settings) -> bool:
    if code not in settings.selected:
        return False
    ignores = settings.config.values.per_file_ignores
    if ignores:
        path = violation.source.path
        for pattern, selectors in ignores.items():
            if is_excluded(path, [pattern], settings.config.base("per_file_ignores")) and _matches(
                code, selectors
            ):
                return False
    return True


def _matches(code: str, selectors: Iterable[str]) -> bool:
    registry = default_registry()
    return any(code in registry.resolve(selector) for selector in selectors)


def _stamp(violation: Violation, rule: type[Rule[Any]], settings: Settings) -> Finding:
    if violation.span is not None:
        span = violation.span
    elif violation.document is not None:
        span = violation.document.locate(violation.node, violation.at_value)
    else:
        span = None
    line, column, end_line, end_column = (
        (span.line, span.column, span.end_line, span.end_column) if span else (1, 1, 1, 1)
    )
    return Finding(
        path=violation.source.display,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        code=rule.meta.code,
        name=rule.meta.name,
        severity=settings.severity_of(rule.meta.code),
        message=violation.message,
        object=violation.object_id,
        text=violation.text,
        fix=violation.fix,
        suggestion=violation.suggestion,
    )
