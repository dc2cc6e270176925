"""A run: discover -> load -> validate -> understand -> check -> filter, then the report.

`lint_paths` plans the run (the files, their configs, the registry built from them, their
settings), streams batches of files through load, validate, understand and check (on worker
processes with `--jobs`), then runs the whole-repository rules over the sets' summaries and
applies suppressions. Each stage lives in its own module of this package.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
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
from okrlint.inputs.options import InputOptions
from okrlint.model import build_validators
from okrlint.pipeline.check import RuleRunner, stamp
from okrlint.pipeline.discover import discover, display_path, is_excluded
from okrlint.pipeline.filter import MARKER, applies, apply_suppressions
from okrlint.pipeline.parallel import LoadTask, in_batches, load_files, load_task, stream_batches
from okrlint.pipeline.salvage import validate_file
from okrlint.pipeline.understand import RunReadings, pack_for, read_all
from okrlint.results import FileResult, ResultsCache
from okrlint.rules.assembly import registry_for
from okrlint.rules.registry import Registry
from okrlint.sources import SourceFile, Validated
from okrlint.text.key_result_numbers import forget as forget_numbers
from okrlint.text.pack import RulePack, look_at_packs_again, pack_stamps_for_config
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
    # How to read files in other shapes (`--from`), and the team and period of sets whose
    # files say neither (`--team`, `--period`).
    from_format: str | None = None
    team: str | None = None
    period: str | None = None


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
    planned: list[PlannedFile] = [
        (task, number, None) for task, number in zip(tasks, numbers, strict=True)
    ]
    checker = _Checker(registry, options, settings_for.root(), known)
    run = _Run(checker, order=[task[0] for task in tasks])
    total = len(planned)
    checked = 0
    found: list[CachedFile] = []
    if options.cache:
        # Files that have not changed since a run stored their results are not checked again.
        planned, found = checker.take_cached(planned)
        checked = len(found)
    for result in _checked(checker, planned, options.jobs):
        run.add(result)
        if progress is not None:
            checked += len(result.sources)
            progress(checked, total)
    if found:
        # The set summaries of the files found are decoded only when the whole-repository
        # rules will run: not when their findings were kept for these files over this
        # repository. Files whose summaries do not read back are checked after all.
        if run.needs_summaries([source for _, source, _ in found]):
            found, failed = checker.decode_summaries(found)
            for result in _checked(checker, failed, options.jobs):
                run.add(result)
        run.add(_found_result(found))
    report = run.finish()
    report.counts.skipped_files += skipped
    report.warnings.extend(warnings)
    return report


def _checked(
    checker: _Checker, planned: Sequence[PlannedFile], jobs: int | None
) -> Iterator[_BatchResult]:
    if planned:
        build_validators()  # before worker processes fork, so that they share them
    yield from stream_batches(checker.load_and_check, in_batches(planned), jobs, len(planned))


def _found_result(found: Sequence[CachedFile]) -> _BatchResult:
    """The results found in the results cache, with their summaries when they were decoded,
    as one batch result."""
    hits = _BatchResult([], [], [], [], Counts())
    for (_, number, _), source, cached in found:
        hits.sources.append((source, number))
        hits.findings.extend(cached.findings)
        hits.summaries.extend((summary, number) for summary in cached.decoded)
        hits.counts.add(cached.counts)
    return hits


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
    inputs: dict[int, InputOptions] = {}
    for file in discovery.files:
        settings = settings_for(file)
        values = settings.config.values
        if file in discovery.optional and not is_excluded(
            file, list(values.include), settings.config.base("include")
        ):
            continue  # Markdown and CSV in folders are read only when included
        config_dir = settings.config.base("exclude")
        explicit = file in discovery.explicit and not options.force_exclude
        if not explicit and is_excluded(file, list(values.exclude), config_dir):
            skipped += 1
            continue
        if id(settings) not in inputs:
            inputs[id(settings)] = InputOptions(
                from_format=options.from_format or values.from_format,
                mappings=tuple(spec.model_dump() for spec in values.mappings),
                team=options.team,
                period=options.period,
                fiscal_year_start=values.fiscal_year_start,
            )
        tasks.append((file, display_path(file), values.max_file_size, inputs[id(settings)]))
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
        look_at_packs_again()  # a run starts here: packs may have changed since the last one
        self._options = options
        self._configs: dict[Path | None, LoadedConfig] = {}
        self._by_config: dict[Path | None, Settings] = {}
        self._by_folder: dict[Path, Path | None] = {}
        # Folders as named, resolved once: a folder holds many files.
        self._resolved: dict[Path, Path] = {}
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
        folder = self._resolved.get(file.parent)
        if folder is None:
            folder = self._resolved[file.parent] = file.parent.resolve()
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
    """Lint files already loaded; they keep their documents for the caller."""
    return check_and_validate(sources, registry, options, root_settings)[0]


def check_and_validate(
    sources: Sequence[tuple[SourceFile, Settings]],
    registry: Registry,
    options: RunOptions,
    root_settings: Settings,
) -> tuple[Report, list[tuple[Validated, ...]]]:
    """Lint files already loaded, and what validation made of each document of each file."""
    known, numbers = _numbered([settings for _, settings in sources])
    checker = _Checker(registry, options, root_settings, known, keep_documents=True)
    run = _Run(checker)
    result = checker.check(list(zip([source for source, _ in sources], numbers, strict=True)))
    run.add(result)
    return run.finish(), result.validated


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


# Files looked up in the results cache at a time.
_CACHE_CHUNK = 500
# Readings a process keeps for the texts of later batches (see `_Checker.read`).
_RECENT_TEXTS = 10_000

# A file to load, the number of its settings, and the key to store its results under.
PlannedFile = tuple[LoadTask, int, bytes | None]
# A file whose results were found in the results cache, as a file of the run and as stored.
CachedFile = tuple[PlannedFile, SourceFile, FileResult]


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
    # The counts of each file of `sources`, for the results cache.
    file_counts: list[Counts] = field(default_factory=list)
    # What validation made of each document of each file of `sources`, when the caller keeps
    # the documents (the quality report places each set by it).
    validated: list[tuple[Validated, ...]] = field(default_factory=list)
    # Files of the batch that were not checked as their results key says (not keyed, changed
    # since, or a rule crashed on them).
    unmatched: int = 0


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
        look_at_packs_again()  # for callers that bring their own settings and registry
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
        # The readings of the texts read by this process, by pack (see `read`).
        self._recent: dict[str, dict[str, KeyResultReading]] = {}
        self._runner: RuleRunner | None = None
        self._repositories = RepositoryLookup()
        self._results: ResultsCache | None = None
        self._settings_digests: list[str] = []
        # The results key of each file of the run, in order (None: not kept in the cache).
        self.file_keys: list[bytes | None] = []

    def read(self, texts: Sequence[str], pack: RulePack) -> dict[str, KeyResultReading]:
        # Made on first use, so that each worker process opens the cache itself.
        if self._read is None:
            self._read = read_all
            if self.options.cache:
                root = project_root(self.root.config.directory)
                self._read = ReadingsCache(root, __version__, read_all).read
        # A text read for an earlier batch of this process is not read again: teams copy key
        # results from quarter to quarter. A reading depends on its text and pack only, and
        # the verdicts it remembers on itself depend on nothing else, so sharing one across
        # batches is sharing it across the files of one batch, as a batch already does.
        known = self._recent.setdefault(pack.fingerprint, {})
        wanted = [text for text in dict.fromkeys(texts) if isinstance(text, str)]
        found = {text: known[text] for text in wanted if text in known}
        missing = [text for text in wanted if text not in found]
        if missing:
            fresh = self._read(missing, pack)
            found.update(fresh)
            # Bounded: a large repository of distinct texts holds no more than this.
            if len(known) + len(fresh) > _RECENT_TEXTS:
                known.clear()
            if len(fresh) <= _RECENT_TEXTS:
                known.update(fresh)
        return {text: found[text] for text in wanted if text in found}

    @property
    def runner(self) -> RuleRunner:
        if self._runner is None:
            self._runner = RuleRunner(self.registry, self.today)
        return self._runner

    def load_and_check(self, batch: Sequence[PlannedFile]) -> _BatchResult:
        sources = [(load_task(task), number) for task, number, _ in batch]
        # Held before checking lets go of them: the results are stored under these texts.
        texts = [source.text for source, _ in sources]
        result = self.check(sources)
        if self._results is not None:
            self._store(batch, texts, result)
        return result

    def take_cached(
        self, planned: Sequence[PlannedFile]
    ) -> tuple[list[PlannedFile], list[CachedFile]]:
        """The files whose results are not in the cache, each with the key its results will be
        stored under; and those whose results are, with their set summaries as stored
        (`decode_summaries` decodes them)."""
        from okrlint.results import ResultsCache, code_digest, settings_digest, text_of

        root = self.root
        # The packs by their files' stamps: a warm run need not read them.
        root_digest = settings_digest(root, pack_stamps_for_config(root.config))
        context = (
            code_digest(self.registry),
            self.today.isoformat(),
            root_digest,
            f"{self.workspace_selected}:{self.workspace_reads_text}",
        )
        results = self._results = ResultsCache(project_root(root.config.directory), context)
        self._settings_digests = [
            settings_digest(s, pack_stamps_for_config(s.config)) for s in self.settings
        ]
        # Settings under which a file's findings depend on more than the file are never cached.
        cacheable = [
            not any(
                self.registry.rules[code].meta.reads_beyond_file
                for code in settings.selected
                if code in self.registry.rules
            )
            for settings in self.settings
        ]
        rest: list[PlannedFile] = []
        found_files: list[CachedFile] = []
        keep_text = self.options.keep_sources
        # A chunk of files at a time: the texts read for their keys and the stored results as
        # read back are let go of before the next chunk (all at once, 10,000 files' worth
        # raised a warm run's peak memory by half).
        for start in range(0, len(planned), _CACHE_CHUNK):
            keyed: list[tuple[PlannedFile, str | None]] = []
            for (path, display, max_bytes, inputs), number, _ in planned[
                start : start + _CACHE_CHUNK
            ]:
                text: str | None = None
                # Files read from other shapes, or with --from/--team/--period, are read afresh:
                # the key of a cached result is the file's text and its settings.
                native = path.suffix.lower() in (".yaml", ".yml", ".json") and (
                    inputs.from_format is None and inputs.team is None and inputs.period is None
                )
                if not cacheable[number] or not native:
                    keyed.append((((path, display, max_bytes, inputs), number, None), None))
                    continue
                try:
                    # Too large a file is not read here either: the loader reports it unread.
                    if path.is_file() and path.stat().st_size <= max_bytes:
                        text = text_of(path.read_bytes())
                except OSError:
                    pass  # the loader reports it
                key = (
                    results.key(path, display, text, self._settings_digests[number])
                    if text is not None
                    else None
                )
                keyed.append((((path, display, max_bytes, inputs), number, key), text))
            self.file_keys.extend(key for (_, _, key), _ in keyed)
            found = results.lookup([key for (_, _, key), _ in keyed if key is not None])
            for planned_file, text in keyed:
                (path, display, _, _), number, key = planned_file
                cached = found.get(key) if key is not None else None
                if cached is None or text is None:
                    rest.append(planned_file)
                    continue
                source = SourceFile(path=path, display=display, text=text if keep_text else "")
                found_files.append((planned_file, source, cached))
        return rest, found_files

    def decode_summaries(
        self, found: Sequence[CachedFile]
    ) -> tuple[list[CachedFile], list[PlannedFile]]:
        """Decode the set summaries of the results found: those that read back, and the files
        whose summaries do not (to be checked)."""
        from okrlint.results import summaries_of

        decoded: list[CachedFile] = []
        failed: list[PlannedFile] = []
        for planned_file, source, cached in found:
            repository = self._repositories.root_of_source(source)
            try:
                cached.decoded = summaries_of(cached, source, repository)
            except (ValueError, TypeError, KeyError, IndexError, AttributeError):
                failed.append(planned_file)
                continue
            decoded.append((planned_file, source, cached))
        return decoded, failed

    def _store(self, batch: Sequence[PlannedFile], texts: list[str], result: _BatchResult) -> None:
        from okrlint.workspace.summaries import encode

        assert self._results is not None
        crashed = {finding.path for finding in result.crashes}
        findings: dict[str, list[Finding]] = {}
        for finding in result.findings:
            findings.setdefault(finding.path, []).append(finding)
        summaries: dict[int, list[Any]] = {}
        for summary, _ in result.summaries:
            summaries.setdefault(id(summary.source), []).append(encode(summary))
        entries = []
        unmatched = 0
        for (_, number, key), text, (source, _), counts in zip(
            batch, texts, result.sources, result.file_counts, strict=True
        ):
            # The file as loaded must be the file as hashed (it may have changed in between).
            digest = self._settings_digests[number]
            if (
                key is None
                or source.display in crashed
                or self._results.key(source.path, source.display, text, digest) != key
            ):
                unmatched += 1
                continue
            if MARKER in text:
                continue  # its summaries are those of its key, its findings are not kept
            entries.append(
                (
                    key,
                    FileResult(
                        findings.get(source.display, []), counts, summaries.get(id(source), [])
                    ),
                )
            )
        self._results.store(entries)
        result.unmatched = unmatched

    def check(self, batch: Sequence[tuple[SourceFile, int]]) -> _BatchResult:
        """Validate, read and check one batch of files, and summarise its sets."""
        file_counts: list[Counts] = []
        # What validation made of each document of each file, and the sets it could read.
        validated_files: list[tuple[Validated, ...]] = []
        set_items: list[tuple[SetItem, Validated, int]] = []
        for source, number in batch:
            counts = Counts()
            file_counts.append(counts)
            validations = validate_file(source)
            validated_files.append(validations)
            if not source.is_okr_file:
                # JSON that holds no OKRs (package.json, schemas) is not worth a mention.
                if source.reader != "json":
                    counts.skipped_files += 1
                continue
            counts.files += 1
            for document, validated in zip(source.documents, validations, strict=True):
                okr_set = validated.okr_set
                if okr_set is not None:
                    set_items.append((SetItem(document, okr_set), validated, number))
                    counts.okr_sets += 1
                    counts.objectives += len(okr_set.objectives)
                    counts.key_results += sum(len(o.key_results) for o in okr_set.objectives)
        counts = Counts()
        for own in file_counts:
            counts.add(own)
        readings = RunReadings.collect(
            self.registry, [(item, self.settings[n]) for item, _, n in set_items], self.read
        )
        runner = self.runner
        runner.readings = readings
        for (source, number), validations in zip(batch, validated_files, strict=True):
            if source.is_okr_file:
                runner.run(Scope.FILE, FileItem(source, validations), self.settings[number])
        for set_item, validated, number in set_items:
            settings = self.settings[number]
            runner.run(Scope.SET, set_item, settings)
            unjudged = validated.unjudged
            for position, objective in enumerate(set_item.okr_set.objectives):
                objective_item = ObjectiveItem(set_item, objective, position)
                if objective_item.node not in unjudged:
                    runner.run(Scope.OBJECTIVE, objective_item, settings)
                for key_result_item in objective_item.key_results():
                    if key_result_item.node not in unjudged:
                        runner.run(Scope.KEY_RESULT, key_result_item, settings)
        settings_of = {id(source): self.settings[number] for source, number in batch}
        findings = runner.stamp(settings_of, self.root)
        summaries: list[tuple[SetSummary, int]] = []
        if self.workspace_selected:
            numbers_from = readings.for_settings(self.root) if self.workspace_reads_text else None
            for set_item, validated, number in set_items:
                if validated.incomplete:
                    continue  # without a team or period it cannot be compared with others
                repository = self._repositories.root_of(set_item.document)
                summary = summarize(set_item.document, set_item.okr_set, repository, numbers_from)
                summaries.append((summary, number))
        if not self.keep_documents:
            for source, _ in batch:
                release(source, self.options.keep_sources)
        crashes = list(runner.crashes)
        runner.crashes.clear()
        forget_numbers()  # they hold the batch's models and readings
        return _BatchResult(
            list(batch),
            findings,
            crashes,
            summaries,
            counts,
            file_counts,
            validated_files if self.keep_documents else [],
        )


class _Run:
    """One run: the results of each batch of files as they arrive, then the whole repository.

    Rules about one file have run by the time a batch arrives; rules that compare sets across
    the repository see each set's summary (`okrlint.workspace.summaries`) and run at the end, with
    suppressions, so a run holds summaries and findings, not whole files.
    """

    def __init__(self, checker: _Checker, order: Sequence[Path] = ()) -> None:
        self.checker = checker
        # The files in the order they were planned: results may arrive in another order (those
        # from the results cache first), and whole-repository rules see sets in file order.
        self.order = {path: position for position, path in enumerate(order)}
        self.registry = checker.registry
        self.root = checker.root
        self.counts = Counts()
        self.sources: list[tuple[SourceFile, Settings]] = []
        self.settings_of: dict[int, Settings] = {}
        self.findings: list[Finding] = []
        self.crashes: list[Finding] = []
        self.summaries: list[SetSummary] = []
        self.read_as: dict[str, str] = {}
        self.unmatched = 0
        # Batch results added so far, and the files `needs_summaries` gave the lookup.
        self._added = 0
        self._registered: set[int] = set()
        # The whole-repository findings' key and what the cache kept under it, when
        # `needs_summaries` looked them up, and the batch results added by then.
        self._kept: tuple[bytes | None, list[Finding] | None, int] | None = None
        values = self.root.config.values
        options = checker.options
        self.lookup = RepositoryLookup(
            (),
            values.exclude,
            values.max_file_size,
            cache=options.cache,
            jobs=options.jobs,
            include=values.include,
        )

    def needs_summaries(self, files: Sequence[SourceFile]) -> bool:
        """Whether the whole-repository rules will need the sets' summaries, when `files` are
        all the files of the run: not when none is selected, and not when the cache kept their
        findings for these files over this repository (they are then taken from it)."""
        if not self.checker.workspace_selected:
            return False
        for source in files:
            self.lookup.add(source)
            self._registered.add(id(source))
        memo = self._workspace_key(len(self.sources) + len(files))
        results = self.checker._results
        kept = results.workspace_findings(memo) if results and memo else None
        self._kept = (memo, kept, self._added)
        return kept is None

    def add(self, result: _BatchResult) -> None:
        settings = self.checker.settings
        self._added += 1
        for source, number in result.sources:
            shape = source.read_as
            if shape is not None:
                self.read_as[source.display] = shape
            self.sources.append((source, settings[number]))
            self.settings_of[id(source)] = settings[number]
            if id(source) not in self._registered:
                self.lookup.add(source)
        self.findings.extend(result.findings)
        self.crashes.extend(result.crashes)
        self.unmatched += result.unmatched
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

    def _workspace_key(self, files: int) -> bytes | None:
        """The key the whole-repository rules' findings are kept under in the results cache:
        only when every file of the run was checked as its key says (so its summaries are
        those of the file as keyed) and no selected whole-repository rule reads beyond the
        files."""
        checker = self.checker
        results = checker._results
        if results is None or self.unmatched or not checker.file_keys:
            return None
        file_keys = [key for key in checker.file_keys if key is not None]
        if len(file_keys) != len(checker.file_keys) or files != len(file_keys):
            return None
        if any(
            rule.meta.scope is Scope.WORKSPACE and rule.meta.reads_beyond_file
            for code, rule in self.registry.rules.items()
            if code in self.root.selected
        ):
            return None
        return results.workspace_key(file_keys, self.lookup.stamps())

    def finish(self) -> Report:
        """Run the whole-repository rules, apply suppressions and assemble the report."""
        runner = self.checker.runner
        if self.order:
            order = self.order
            self.summaries.sort(key=lambda s: (order.get(s.source.path, -1), s.index))
        if self.checker.workspace_selected:
            neighbours: list[SetSummary] | None = None

            def lookup() -> Sequence[SetSummary]:
                nonlocal neighbours
                if neighbours is None:
                    neighbours = self._neighbours()
                return neighbours

            results = self.checker._results
            if self._kept is not None and self._added == self._kept[2] + 1:
                # Looked up for the files of the one result added since: the files of the run.
                memo, kept, _ = self._kept
            else:
                memo = self._workspace_key(len(self.sources))
                kept = results.workspace_findings(memo) if results and memo else None
            if kept is not None:
                self.findings.extend(kept)
            else:
                runner.run(Scope.WORKSPACE, Workspace(tuple(self.summaries), lookup), self.root)
                found = runner.stamp(self.settings_of, self.root)
                self.findings.extend(found)
                if results and memo and not runner.crashes:
                    results.keep_workspace_findings(memo, found)
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
        report.read_as = self.read_as
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
