"""The pipeline: discover -> load -> validate -> understand -> check -> filter -> report.

Rules yield violations; this module stamps them with code, name, severity and position, and then
filters them (selection, per-file ignores, suppressions) so that what is filtered out is known.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import traceback
from collections.abc import Iterable, Mapping, Sequence
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
from okrlint.model import validate
from okrlint.parallel import LoadTask, load_files
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

if TYPE_CHECKING:
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
    sources, skipped = load_sources(paths, options, settings_for)
    report = check_sources(sources, registry, options, settings_for.root())
    report.counts.skipped_files += skipped
    return report


def load_sources(
    paths: Sequence[str | Path], options: RunOptions, settings_for: SettingsCache
) -> tuple[list[tuple[SourceFile, Settings]], int]:
    """Discover and load the files to lint, each with its settings; and how many were excluded."""
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
    loaded = load_files(tasks, options.jobs)
    return list(zip(loaded, settings_of, strict=True)), skipped


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
    counts = Counts()
    settings_of: dict[int, Settings] = {}
    set_items: list[SetItem] = []
    for source, settings in sources:
        settings_of[id(source)] = settings
        if not source.is_okr_file:
            counts.skipped_files += 1
            continue
        counts.files += 1
        for document in source.documents:
            document.okr_set, document.format_errors = validate(document.data)
            if document.okr_set is not None:
                set_items.append(SetItem(document, document.okr_set))
                counts.okr_sets += 1
                counts.objectives += len(document.okr_set.objectives)
                counts.key_results += sum(len(o.key_results) for o in document.okr_set.objectives)

    today = options.today or dt.date.today()
    values = root_settings.config.values
    lookup = RepositoryLookup(
        (s for s, _ in sources),
        values.exclude,
        values.max_file_size,
        cache=options.cache,
        jobs=options.jobs,
    )
    workspace = Workspace(tuple(set_items), lookup, lookup.root_of)
    from okrlint.analysis.run import RunReadings, read_all

    read = read_all
    if options.cache:
        from okrlint.cache import ReadingsCache, project_root

        root = project_root(root_settings.config.directory)
        read = ReadingsCache(root, __version__, read_all).read
    to_read = [(item, settings_of[id(item.document.source)]) for item in set_items]
    if _workspace_reads_text(registry, root_settings):
        # A whole-repository rule compares the texts of files that were not passed, too.
        to_read += [(item, root_settings) for item in lookup()]
    readings = RunReadings.collect(registry, to_read, read)
    runner = _Runner(registry, today, root_settings, workspace, readings)
    for source, settings in sources:
        if source.is_okr_file:
            runner.run(Scope.FILE, FileItem(source), settings)
    for set_item in set_items:
        settings = settings_of[id(set_item.document.source)]
        runner.run(Scope.SET, set_item, settings)
        for position, objective in enumerate(set_item.okr_set.objectives):
            objective_item = ObjectiveItem(set_item, objective, position)
            runner.run(Scope.OBJECTIVE, objective_item, settings)
            for key_result_item in objective_item.key_results():
                runner.run(Scope.KEY_RESULT, key_result_item, settings)
    runner.run(Scope.WORKSPACE, workspace, root_settings)

    findings: list[Finding] = []
    for violation, rule in runner.violations:
        settings = settings_of.get(id(violation.source), root_settings)
        if not _applies(rule.meta.code, violation, settings):
            continue
        findings.append(_stamp(violation, rule, settings))
    findings.extend(runner.crashes)
    suppressions_used = (0, 0)
    if not options.no_suppressions:
        findings, suppressions_used = _apply_suppressions(findings, sources, registry, settings_of)
    findings.sort(key=lambda f: f.sort_key)
    texts = {s.display: s.text for s, _ in sources if s.text}
    report = Report(
        findings=findings,
        counts=counts,
        sources={f.path: texts[f.path] for f in findings if f.path in texts},
    )
    report.fail_on = root_settings.fail_on
    report.suppressions_used = suppressions_used
    report.errors.extend(f"{f.path}: {f.message}" for f in runner.crashes)
    report.errors.extend(registry.load_errors)
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


def _workspace_reads_text(registry: Registry, settings: Settings) -> bool:
    return any(
        rule.meta.scope is Scope.WORKSPACE and rule.meta.needs_readings
        for code, rule in registry.rules.items()
        if code in settings.selected
    )


class _Runner:
    """Runs the selected rules of one scope on one item, isolating crashes."""

    def __init__(
        self,
        registry: Registry,
        today: dt.date,
        root: Settings,
        workspace: Workspace,
        readings: RunReadings,
    ) -> None:
        self._by_scope: dict[Scope, list[type[Rule[Any]]]] = {}
        for rule in registry.sorted():
            self._by_scope.setdefault(rule.meta.scope, []).append(rule)
        self._instances: dict[str, Rule[Any]] = {}
        self._today = today
        self._root = root
        self._workspace = workspace
        self._readings = readings
        self.violations: list[tuple[Violation, type[Rule[Any]]]] = []
        self.crashes: list[Finding] = []

    def run(self, scope: Scope, item: Any, settings: Settings) -> None:
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
                workspace=self._workspace,
                fiscal_year_start=settings.config.values.fiscal_year_start,
            )
            try:
                for violation in instance.check(item, context):
                    self.violations.append((violation, rule))
            except Exception as error:  # one broken rule must not hide the others' findings
                self.crashes.append(_crash_finding(rule, item, error))


def _crash_finding(rule: type[Rule[Any]], item: Any, error: Exception) -> Finding:
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
