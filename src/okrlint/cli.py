"""The command line. Imports nothing heavy until a command knows it needs it."""

from __future__ import annotations

import datetime as dt
import gc
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from okrlint import __version__
from okrlint.process import prepare_process
from okrlint.safe_text import inert

if TYPE_CHECKING:
    from okrlint.findings import Report
    from okrlint.output import OutputFormat

app = typer.Typer(
    name="okrlint",
    help="Lint OKRs kept as YAML: outputs posing as outcomes, sandbagged targets, lost focus.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class FormatChoice(StrEnum):
    RICH = "rich"
    CONCISE = "concise"
    JSON = "json"
    GITHUB = "github"
    SARIF = "sarif"
    JUNIT = "junit"
    GITLAB = "gitlab"


class ColorChoice(StrEnum):
    AUTO = "auto"
    ALWAYS = "always"
    NEVER = "never"


class SeverityChoice(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class RulesFormat(StrEnum):
    TABLE = "table"
    MARKDOWN = "markdown"
    JSON = "json"


def _fail(message: str) -> NoReturn:
    typer.echo(f"okrlint: error: {inert(message)}", err=True)
    raise typer.Exit(2)


def _parse_today(today: str | None) -> dt.date | None:
    """The --today option as a date; a malformed one is a usage error (exit 2)."""
    try:
        return dt.date.fromisoformat(today) if today else None
    except ValueError:
        _fail(f"--today must be a date such as 2026-03-31 (got {today!r})")


def _split(values: list[str] | None) -> list[str] | None:
    if values is None:
        return None
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"okrlint {__version__}")
        raise typer.Exit(0)


@app.callback()
def main_callback(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """okrlint: a linter for OKRs kept as YAML files."""


@app.command()
def check(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Files and folders to lint (default: .).")
    ] = None,
    output_format: Annotated[
        FormatChoice | None,
        typer.Option(
            "--format",
            "--output-format",
            help=(
                "Output format (rich on a terminal, github under GitHub Actions, "
                "concise otherwise)."
            ),
            envvar="OKRLINT_OUTPUT_FORMAT",
        ),
    ] = None,
    select: Annotated[
        list[str] | None,
        typer.Option(help="Only these rules: codes, prefixes, names or families, comma-separated."),
    ] = None,
    extend_select: Annotated[
        list[str] | None, typer.Option(help="Add these rules to the selection.")
    ] = None,
    ignore: Annotated[list[str] | None, typer.Option(help="Leave these rules out.")] = None,
    fail_on: Annotated[
        SeverityChoice | None,
        typer.Option(help="Exit 1 when a finding is at or above this severity (default: error)."),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option(help="Use this config file for every file instead of the nearest one."),
    ] = None,
    today: Annotated[
        str | None,
        typer.Option(help="The date staleness rules use, YYYY-MM-DD (default: today)."),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print findings only.")] = False,
    statistics: Annotated[
        bool, typer.Option(help="Print a count per rule instead of the findings.")
    ] = False,
    exit_zero: Annotated[
        bool, typer.Option(help="Exit 0 even when there are findings (for a first rollout).")
    ] = False,
    no_suppressions: Annotated[
        bool,
        typer.Option(help="Ignore `# okrlint: disable=...` comments (for audits)."),
    ] = False,
    force_exclude: Annotated[
        bool,
        typer.Option(
            help="Apply the config's `exclude` to files named on the command line too "
            "(for pre-commit, which names every staged file)."
        ),
    ] = False,
    fix: Annotated[
        bool, typer.Option("--fix", help="Apply the safe fixes in place (comments kept).")
    ] = False,
    diff: Annotated[
        bool, typer.Option("--diff", help="Show the safe fixes as a diff; change nothing.")
    ] = False,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help="Check every file and read every text afresh; neither use nor update "
            ".okrlint_cache/.",
        ),
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs", "-j", min=1, help="Processes to check files with (default: one per core)."
        ),
    ] = None,
    from_format: Annotated[
        str | None,
        typer.Option(
            "--from",
            help="Read every file as this shape: okrlint, markdown, csv, or a mapping's name "
            "(default: recognised from each file).",
        ),
    ] = None,
    team: Annotated[
        str | None, typer.Option(help="The team of OKR sets whose files name none.")
    ] = None,
    period: Annotated[
        str | None,
        typer.Option(help="The period of OKR sets whose files name none, e.g. 2026-Q1."),
    ] = None,
    stdin_filename: Annotated[
        Path | None,
        typer.Option(
            help="With `-` as the path: the file the text on standard input stands for "
            "(its config, its repository, the path in findings)."
        ),
    ] = None,
    output_file: Annotated[
        Path | None,
        typer.Option("--output-file", "-o", help="Write the findings to this file, not stdout."),
    ] = None,
    color: Annotated[
        ColorChoice,
        typer.Option(help="Colour in rich output: auto (on a terminal), always or never."),
    ] = ColorChoice.AUTO,
    watch: Annotated[
        bool,
        typer.Option("--watch", "-w", help="Lint again whenever an OKR or config file changes."),
    ] = False,
    daemon: Annotated[
        bool,
        typer.Option(
            "--daemon",
            help="Start an okrlint daemon in the background when none is running, so that the "
            "next checks are answered by a warm process (the pre-commit hook does); it exits "
            "after 15 minutes without a check. Never in CI (CI set) or with OKRLINT_NO_DAEMON.",
        ),
    ] = False,
) -> None:
    """Lint OKR files and folders (`-` reads one file's text from standard input)."""
    if watch:
        from okrlint.watch import watch_and_check

        if paths and Path("-") in paths:
            _fail("--watch watches files and folders; it cannot watch standard input")
        arguments = [arg for arg in sys.argv[1:] if arg not in ("--watch", "-w")]

        def check_once() -> int | None:
            # In this process, so the language model and caches stay warm between rounds.
            status: int | None = app(args=arguments, standalone_mode=False, prog_name="okrlint")
            if status == 130:  # typer's answer to Ctrl-C during the run (128 + SIGINT)
                raise KeyboardInterrupt
            return status

        raise typer.Exit(watch_and_check(paths or [Path(".")], check_once))
    status = _check(
        paths,
        output_format,
        select,
        extend_select,
        ignore,
        fail_on,
        config,
        today,
        quiet,
        statistics,
        exit_zero,
        no_suppressions,
        force_exclude,
        fix,
        diff,
        no_cache,
        jobs,
        stdin_filename,
        output_file,
        color,
        from_format,
        team,
        period,
    )
    if daemon:
        # This check ran here: no daemon was there to answer it. One is started for the next.
        from okrlint.daemon import start_in_background

        start_in_background()
    raise typer.Exit(status)


def _check(
    paths: list[Path] | None,
    output_format: FormatChoice | None,
    select: list[str] | None,
    extend_select: list[str] | None,
    ignore: list[str] | None,
    fail_on: SeverityChoice | None,
    config: Path | None,
    today: str | None,
    quiet: bool,
    statistics: bool,
    exit_zero: bool,
    no_suppressions: bool,
    force_exclude: bool,
    fix: bool,
    diff: bool,
    no_cache: bool,
    jobs: int | None,
    stdin_filename: Path | None,
    output_file: Path | None,
    color: ColorChoice,
    from_format: str | None = None,
    team: str | None = None,
    period: str | None = None,
) -> int:
    from okrlint.config.files import read_config
    from okrlint.config.settings import Overrides
    from okrlint.errors import ConfigError, PathNotFoundError, UnknownRuleError
    from okrlint.findings import Severity
    from okrlint.output import OutputFormat, render_chunks
    from okrlint.pipeline.run import RunOptions, lint_paths

    # What is imported by now (pydantic, the model, the engine) lives as long as the process:
    # kept out of the collector's sight, it is not traversed again by every full collection.
    gc.freeze()
    as_of = _parse_today(today)
    from_stdin = bool(paths) and Path("-") in (paths or [])
    if from_stdin and (len(paths or []) > 1 or fix or diff):
        _fail("`-` (standard input) is linted alone, and cannot be fixed in place")
    if stdin_filename is not None and not from_stdin:
        _fail("--stdin-filename names the file for `-`; pass `-` to read standard input")
    to_terminal = output_file is None and sys.stdout.isatty()
    chosen = OutputFormat(output_format.value) if output_format else _default_format(to_terminal)
    if select is not None and not _split(select):
        # `--select ''` (an unset variable in a script) would run no rule and pass.
        _fail("--select names no rule; give codes, prefixes, names or families, or leave it out")
    overrides = Overrides(
        select=_split(select),
        extend_select=_split(extend_select) or [],
        ignore=_split(ignore) or [],
        fail_on=Severity(fail_on.value) if fail_on else None,
    )
    try:
        loaded = read_config(config) if config else None
        options = RunOptions(
            overrides=overrides,
            config=loaded,
            today=as_of,
            no_suppressions=no_suppressions,
            force_exclude=force_exclude,
            jobs=jobs,
            cache=not no_cache,
            # Only rich output quotes lines, and --fix checks files did not change meanwhile.
            keep_sources=fix or diff or chosen is OutputFormat.RICH,
            from_format=_check_from(from_format),
            team=team,
            period=_check_period(period),
        )
        if from_stdin:
            from okrlint.single import lint_text

            text = sys.stdin.buffer.read().decode("utf-8", errors="replace")
            report = lint_text(text, stdin_filename or Path("stdin.yaml"), options)
        else:
            from okrlint.progress import Progress

            with Progress.on_stderr() as progress:
                report = lint_paths(paths or [Path(".")], options=options, progress=progress)
    except ConfigError as error:
        _fail(str(error))
    except PathNotFoundError as error:
        _fail(f"no such file or folder: {error}")
    except UnknownRuleError as error:
        _fail(f"unknown rule '{error}' (see `okrlint rules`)")

    if fix or diff:
        from okrlint.fix.runner import run_fixes

        for path, shape in report.read_as.items():
            typer.echo(
                f"okrlint: not fixed: {path}: read as {shape}; --fix edits okrlint's own YAML "
                f"only (`okrlint convert {path} --output DIR` writes it in that format)",
                err=True,
            )

        report = run_fixes(report, options, paths or [Path(".")], write=not diff)

    use_color = _use_color(color, to_terminal)
    chunks = (
        iter([_statistics(report)])
        if statistics
        else render_chunks(report, chosen, color=use_color, quiet=quiet)
    )
    if output_file is None:
        sys.stdout.writelines(chunks)
    else:
        from okrlint.safe_files import check_output_target

        try:
            # Only a regular file is replaced: never a FIFO, a device or a dangling link.
            check_output_target(output_file)
            with output_file.open("w", encoding="utf-8", newline="") as stream:
                stream.writelines(chunks)
        except OSError as error:
            _fail(f"cannot write {inert(str(output_file))}: {error.strerror or error}")
    if not report.counts.files and not report.counts.skipped_files and not from_stdin:
        searched = ", ".join(inert(str(path)) for path in paths or [Path(".")])
        typer.echo(
            f"okrlint: warning: no OKR files (*.yaml, *.yml, *.json) found in {searched}"
            f"{_left_out_shapes(paths or [Path('.')])}",
            err=True,
        )
    for warning in report.warnings:
        typer.echo(f"okrlint: warning: {inert(warning)}", err=True)
    for error_message in report.errors:
        typer.echo(f"okrlint: error: {inert(error_message)}", err=True)
    if report.errors:
        return 2
    return 1 if report.fails(report.fail_on) and not exit_zero else 0


def _check_from(name: str | None) -> str | None:
    """--from names okrlint, markdown, csv or a mapping; a mapping of the config is checked
    where the config is read, a built-in one here."""
    if name is None:
        return None
    from okrlint.inputs.shapes import BUILTIN

    known = ["okrlint", "markdown", "csv", *(spec.name for spec in BUILTIN)]
    if name not in known and not Path(".okrlint.yaml").exists():
        _fail(f"--from must be one of {', '.join(known)} or a mapping of the config (got {name!r})")
    return name


def _check_period(period: str | None) -> str | None:
    if period is None:
        return None
    from okrlint.inputs.values import to_period

    normalised = to_period(period)
    if normalised is None:
        _fail(f"--period must be a period such as 2026-Q1, 2026-H1 or 2026 (got {period!r})")
    return normalised


def _default_format(to_terminal: bool) -> OutputFormat:
    from okrlint.output import OutputFormat

    if os.environ.get("GITHUB_ACTIONS") == "true":
        return OutputFormat.GITHUB
    return OutputFormat.RICH if to_terminal else OutputFormat.CONCISE


def _left_out_shapes(paths: list[Path]) -> str:
    """Where a folder holds OKRs in Markdown or CSV that no `include:` names, how to read them:
    a team whose OKRs live in a handbook should not get a pass from an empty run."""
    from okrlint.errors import PathNotFoundError
    from okrlint.pipeline.discover import discover

    try:
        found = sorted(discover(paths).optional)
    except (PathNotFoundError, OSError):
        return ""
    if not found:
        return ""
    first = inert(str(found[0]))
    if len(found) == 1:
        files, they = f"a Markdown or CSV file ({first})", "it is"
    else:
        files, they = f"{len(found)} Markdown or CSV files ({first}, ...)", "they are"
    return (
        f"; it holds {files}, which okrlint reads only when {they} named on the command line "
        "or matched by `include:` in .okrlint.yaml"
    )


def _use_color(choice: ColorChoice, to_terminal: bool) -> bool:
    if choice is not ColorChoice.AUTO:
        return choice is ColorChoice.ALWAYS
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return to_terminal


def _statistics(report: Report) -> str:
    from okrlint.output.summary_line import summary_line

    lines = []
    names = {f.code: (f.name, f.severity.value) for f in report.findings}
    for code, count in report.by_code().items():
        name, severity = names[code]
        lines.append(f"{count:>5}  {inert(code)}  [{severity}] {inert(name)}")
    with_reason, without_reason = report.suppressions_used
    if with_reason or without_reason:
        lines.append(
            f"suppressions used: {with_reason + without_reason} "
            f"({with_reason} with a reason, {without_reason} without)"
        )
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"


@app.command()
def rules(
    output_format: Annotated[
        RulesFormat, typer.Option("--format", help="table, markdown or json.")
    ] = RulesFormat.TABLE,
) -> None:
    """List every rule: code, name, default severity, on by default, fixable, source."""
    import json

    from okrlint.rules.assembly import installed_rules
    from okrlint.rules.docs import rules_markdown

    registry = installed_rules()
    if output_format is RulesFormat.MARKDOWN:
        sys.stdout.write(rules_markdown(registry))
    elif output_format is RulesFormat.JSON:
        rows = [
            {
                "code": r.meta.code,
                "name": r.meta.name,
                "family": r.meta.family,
                "severity": r.meta.severity.value,
                "enabled": r.meta.enabled,
                "fixable": r.meta.fixable,
                "source": r.meta.source,
                "summary": r.meta.summary,
            }
            for r in registry.sorted()
        ]
        sys.stdout.write(json.dumps(rows, indent=2) + "\n")
    else:
        for r in registry.sorted():
            meta = r.meta
            flags = ("on " if meta.enabled else "off") + (" fix" if meta.fixable else "    ")
            sys.stdout.write(
                f"{inert(meta.code)}  {inert(meta.name):<28} {meta.severity.value:<8} {flags}  "
                f"{inert(meta.source):<10} {inert(meta.summary)}\n"
            )
    for error_message in registry.load_errors:
        typer.echo(f"okrlint: error: a plugin failed to load: {inert(error_message)}", err=True)
    if registry.load_errors:
        # The list is incomplete: a script reading it must know, as `check` tells with 2.
        raise typer.Exit(2)


@app.command()
def rule(code: Annotated[str, typer.Argument(help="A rule code or name, e.g. OUT001.")]) -> None:
    """Explain one rule: why it matters, bad and good examples, options."""
    from okrlint.errors import UnknownRuleError
    from okrlint.rules.assembly import installed_rules
    from okrlint.rules.docs import render_rule

    try:
        found = installed_rules().lookup(code)
    except UnknownRuleError:
        _fail(f"no rule is called {code!r} (see `okrlint rules`)")
    sys.stdout.write(render_rule(found))


class ReportFormat(StrEnum):
    HTML = "html"
    MD = "md"


@app.command()
def report(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Files and folders of OKRs (default: .).")
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write the report here (default: stdout).")
    ] = None,
    output_format: Annotated[
        ReportFormat | None,
        typer.Option(
            "--format", help="html, or md for a pull-request comment (default: from --out)."
        ),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option(help="Use this config file for every file instead of the nearest one."),
    ] = None,
    today: Annotated[
        str | None,
        typer.Option(help="The date that decides which periods are closed (default: today)."),
    ] = None,
) -> None:
    """A quality report per team and period: scores, findings by family, trends, charts."""
    from okrlint.config.files import read_config
    from okrlint.dashboard import build_report, render_html, render_markdown
    from okrlint.errors import ConfigError, PathNotFoundError
    from okrlint.pipeline.run import RunOptions

    as_of = _parse_today(today)
    try:
        loaded = read_config(config) if config else None
        built = build_report(paths or [Path(".")], RunOptions(config=loaded, today=as_of))
    except ConfigError as error:
        _fail(str(error))
    except PathNotFoundError as error:
        _fail(f"no such file or folder: {error}")
    chosen = output_format or (
        ReportFormat.MD
        if out is not None and out.suffix.lower() in (".md", ".markdown")
        else ReportFormat.HTML
    )
    text = render_markdown(built) if chosen is ReportFormat.MD else render_html(built)
    if out is None:
        sys.stdout.write(text)
    else:
        from okrlint.fix.runner import atomic_write
        from okrlint.safe_files import check_output_target, create_new

        try:
            # Only a regular file is replaced: never a FIFO, a device or a dangling link.
            check_output_target(out)
            create_new(out, b"")
            atomic_write(out, text.encode("utf-8"))
        except OSError as error:
            _fail(f"cannot write {out}: {error.strerror or error}")
        typer.echo(f"okrlint: wrote {inert(str(out))}", err=True)
    for error_message in built.errors:
        typer.echo(f"okrlint: error: {inert(error_message)}", err=True)
    raise typer.Exit(2 if built.errors else 0)


@app.command("config")
def config_command(
    path: Annotated[
        Path, typer.Argument(help="A file or folder to show the config for (default: .).")
    ] = Path("."),
    config: Annotated[
        Path | None, typer.Option(help="Show this config file instead of the nearest one.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show the effective config for a file, and which file each value came from."""
    import json

    from okrlint.config.show import describe, effective_config, render_text
    from okrlint.errors import ConfigError

    if not path.exists():
        _fail(f"no such file or folder: {path}")
    try:
        description = describe(path, effective_config(path, config))
    except ConfigError as error:
        _fail(str(error))
    if as_json:
        sys.stdout.write(json.dumps(description, indent=2) + "\n")
    else:
        sys.stdout.write(render_text(description))


@app.command()
def init(
    directory: Annotated[Path, typer.Argument(help="The folder to set up (default: .).")] = Path(
        "."
    ),
    period: Annotated[
        str | None,
        typer.Option(help="The example set's period, e.g. 2026-Q1 (default: this quarter)."),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(help="Overwrite files that already exist (a pre-commit config is updated)."),
    ] = False,
) -> None:
    """Scaffold an OKR repo: an example set, a config, a pre-commit hook and a CI workflow."""
    from okrlint.scaffold import ScaffoldError, current_quarter, scaffold

    try:
        written = scaffold(directory, period or current_quarter(dt.date.today()), force)
    except ScaffoldError as error:
        _fail(str(error))
    except OSError as error:
        _fail(f"cannot write the files: {error}")
    for item in written:
        if item.action == "kept":
            typer.echo(f"kept {inert(str(item.path))} (it already runs okrlint)")
        else:
            typer.echo(f"{item.action} {inert(str(item.path))}")
    example = inert(str(directory / "okrs" / "example.yaml"))
    typer.echo(
        f"next: write your team's set next to {example} (an example, which the config leaves "
        f"out of every run; `okrlint check {example}` lints it), then `pre-commit install` to "
        "lint every commit"
    )


@app.command()
def convert(
    paths: Annotated[list[Path], typer.Argument(help="Files and folders of OKRs in any shape.")],
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="The folder to write okrlint YAML files to; `-` writes them to standard output.",
        ),
    ],
    from_format: Annotated[
        str | None,
        typer.Option("--from", help="Read every file as this shape (see `check --from`)."),
    ] = None,
    team: Annotated[
        str | None, typer.Option(help="The team of OKR sets whose files name none.")
    ] = None,
    period: Annotated[
        str | None, typer.Option(help="The period of OKR sets whose files name none.")
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option(help="Use this config file for every file instead of the nearest one."),
    ] = None,
    force: Annotated[bool, typer.Option(help="Overwrite files that already exist.")] = False,
) -> None:
    """Write OKRs from Markdown, CSV or other YAML/JSON shapes as okrlint YAML, texts verbatim."""
    from okrlint.config.files import read_config
    from okrlint.convert import convert_source, output_path
    from okrlint.errors import ConfigError, PathNotFoundError
    from okrlint.fix.runner import atomic_write
    from okrlint.pipeline.parallel import load_task
    from okrlint.pipeline.run import RunOptions, SettingsCache, plan_sources

    try:
        loaded = read_config(config) if config else None
        options = RunOptions(
            config=loaded,
            from_format=_check_from(from_format),
            team=team,
            period=_check_period(period),
        )
        settings_for = SettingsCache(options)
        tasks, _, _ = plan_sources(paths, options, settings_for)
    except ConfigError as error:
        _fail(str(error))
    except PathNotFoundError as error:
        _fail(f"no such file or folder: {error}")
    to_stdout = str(output) == "-"
    if not to_stdout and output.exists() and not output.is_dir():
        _fail(f"--output must be a folder: {output}")
    try:
        if not to_stdout:
            output.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        _fail(f"cannot create {output}: {error.strerror or error}")
    taken: set[Path] = set()
    failed = False
    written = 0
    for task in tasks:
        source = load_task(task)
        if not source.is_okr_file:
            typer.echo(f"okrlint: skipped {source.display}: no OKRs in it", err=True)
            continue
        converted = convert_source(source)
        for problem in converted.problems:
            typer.echo(f"okrlint: {source.display}: {problem}", err=True)
            failed = True
        if not converted.sets:
            typer.echo(f"okrlint: not converted: {source.display}", err=True)
            continue
        sets = f"{converted.sets} OKR set{'s' if converted.sets != 1 else ''}"
        if to_stdout:
            # One YAML stream: each file's sets as documents, the report on standard error.
            typer.echo(("---\n" if written else "") + converted.text, nl=False)
            written += 1
            typer.echo(f"{source.display} ({converted.shape}) -> -: {sets}", err=True)
            continue
        target = output_path(output, source.path, taken)
        if target.exists() and not force:
            typer.echo(f"okrlint: not written: {target} exists (--force overwrites it)", err=True)
            failed = True
            continue
        try:
            if not target.exists():
                target.write_bytes(b"")
            atomic_write(target, converted.text.encode("utf-8"))
        except OSError as error:
            _fail(f"cannot write {target}: {error.strerror or error}")
        typer.echo(f"{source.display} ({converted.shape}) -> {target}: {sets}")
    raise typer.Exit(1 if failed else 0)


@app.command()
def server() -> None:
    """A language server over stdio (LSP) for editors: diagnostics, fixes, rule help."""
    from okrlint.server import serve

    serve()


class DaemonAction(StrEnum):
    START = "start"
    STOP = "stop"
    STATUS = "status"


@app.command()
def daemon(
    action: Annotated[DaemonAction, typer.Argument(help="start, stop or status.")],
    idle: Annotated[
        float,
        typer.Option(min=1, help="With start: seconds without a request before it exits."),
    ] = 3600.0,
) -> None:
    """A warm process that answers `okrlint check` for hooks and scripts (much faster on a
    few files); any check it cannot answer runs as usual."""
    from okrlint import daemon as warm
    from okrlint.daemon_client import socket_path, supported

    if not supported():
        _fail("the daemon needs Unix sockets, which this system does not have")
    if action is DaemonAction.START:
        pid = warm.start(idle)
        if pid is None:
            _fail(f"the daemon did not start (socket {inert(socket_path())})")
        typer.echo(f"okrlint daemon: running (pid {pid})")
    elif action is DaemonAction.STOP:
        stopped = warm.stop()
        typer.echo(
            f"okrlint daemon: stopped (pid {stopped})"
            if stopped is not None
            else "okrlint daemon: none was running"
        )
    else:
        found = warm.status()
        if found is None:
            typer.echo("okrlint daemon: not running")
            raise typer.Exit(1)
        served = found["served"]
        checks = "check" if served == 1 else "checks"
        typer.echo(f"okrlint daemon: running (pid {found['pid']}, {served} {checks} served)")


@app.command()
def schema() -> None:
    """Print the JSON Schema of the OKR file format (for editors and validators)."""
    import json

    from okrlint.model import json_schema

    sys.stdout.write(json.dumps(json_schema(), indent=2) + "\n")


def main() -> None:
    prepare_process()
    app()
