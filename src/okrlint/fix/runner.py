"""`--fix` and `--diff`: apply the safe fixes of a lint run to the files, or show them.

Fixes are applied in rounds, like ruff does: in each round the fixes that touch disjoint parts
of a file are applied together, then the file is linted again, so that two key results moving
into the same new `initiatives:` list never fight over the same lines. Every round is checked
by parsing the result: it must be valid YAML saying the same thing, with only key results moved
into `initiatives`; a fix that fails the check is dropped and reported, never written.

Writing is atomic: the new text goes to a temporary file in the same folder, is flushed to disk,
given the old file's permissions and renamed over it, so an interruption at any moment leaves
either the old file or the new one. Just before a file is written it is read again: one saved
meanwhile (by an editor, by another run) is left alone and reported, never overwritten. Only a
file the user may write is written (a rename needs only the right to write the folder), and one
owned by someone else is rewritten in place, so that it keeps its owner.
"""

from __future__ import annotations

import codecs
import contextlib
import difflib
import os
import stat
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from okrlint.config.settings import Settings
from okrlint.findings import Finding, Fix, Report
from okrlint.fix.edits import apply_edits, compatible, unchanged_except_moves
from okrlint.pipeline.load import load_bytes
from okrlint.pipeline.run import RunOptions, SettingsCache, check_sources, lint_paths
from okrlint.rules.registry import Registry
from okrlint.safe_files import may_rewrite, read_regular, rewrite_in_place
from okrlint.safe_text import inert
from okrlint.sources import SourceFile
from okrlint.workspace.neighbours import find_root

MAX_ROUNDS = 100


@dataclass(slots=True)
class FileFix:
    """What fixing one file gives: its old and new text and what could not be fixed."""

    path: Path
    display: str
    old: str
    new: str
    applied: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    # How the file was encoded, so that it is written back the same way.
    bom: bytes = b""
    codec: str = "utf-8"
    # The bytes as read: the file is written only if it still holds them.
    original: bytes = b""
    written: bool = False

    @property
    def changed(self) -> bool:
        return self.old != self.new

    def encoded(self) -> bytes:
        return self.bom + self.new.encode(self.codec)


def fixable_paths(report: Report) -> list[str]:
    """The files of a report that have at least one finding with a fix, in order."""
    seen: dict[str, None] = {}
    for finding in report.findings:
        if finding.fix is not None and finding.fix.edits:
            seen.setdefault(finding.path, None)
    return list(seen)


def compute_fixes(
    report: Report, options: RunOptions, registry: Registry | None = None
) -> list[FileFix]:
    """Fix, in memory, every file of the report that has fixes. Nothing is written."""
    settings_for = SettingsCache(options, registry)
    settings_for.configs_for(Path(display) for display in fixable_paths(report))
    registry = settings_for.registry
    # Each round lints the file again, with the rules that offer fixes and no others: the
    # whole-repository rules, run once per file, would make --fix quadratic in the files.
    fixing = Registry(rules={code: r for code, r in registry.rules.items() if r.meta.fixable})
    results: list[FileFix] = []
    for display in fixable_paths(report):
        path = Path(display)
        try:
            raw = path.read_bytes()
        except OSError as error:
            fixed = FileFix(path, display, "", "")
            fixed.refused.append(f"cannot read the file: {error.strerror or error}")
            results.append(fixed)
            continue
        bom, codec = _encoding_of(raw)
        text = raw[len(bom) :].decode(codec, errors="replace")
        fixed = FileFix(path, display, text, text, bom=bom, codec=codec, original=raw)
        if text != report.sources.get(display):
            fixed.refused.append("the file changed while okrlint was reading it; run again")
        else:
            fixed.new = fix_text(text, path, display, settings_for(path), fixing, options, fixed)
        results.append(fixed)
    return results


def fix_text(
    text: str,
    path: Path,
    display: str,
    settings: Settings,
    registry: Registry,
    options: RunOptions,
    record: FileFix,
) -> str:
    """Apply the fixes of one file's findings, round after round, until none is left."""
    refused: set[tuple[str, str, str]] = set()
    for _ in range(MAX_ROUNDS):
        source = _load(text, path, display)
        findings = check_sources([(source, settings)], registry, options, settings).findings
        pending = [f for f in findings if f.fix is not None and f.fix.edits]
        pending = [f for f in pending if _key(f) not in refused]
        if not pending:
            break
        chosen: list[tuple[Finding, Fix]] = []
        for finding in pending:
            assert finding.fix is not None
            if compatible([fix for _, fix in chosen], finding.fix):
                chosen.append((finding, finding.fix))
        candidate = _apply(text, [fix for _, fix in chosen])
        if candidate is not None and same_meaning(source, candidate, path, display):
            text = candidate
            record.applied.extend(_describe(f) for f, _ in chosen)
            continue
        # Together they fail the check: try them one at a time to find the culprit.
        progressed = False
        for finding, fix in chosen:
            single = _apply(text, [fix])
            if single is not None and same_meaning(source, single, path, display):
                text = single
                record.applied.append(_describe(finding))
                progressed = True
                break
            refused.add(_key(finding))
            record.refused.append(f"{_describe(finding)}: the result would not read the same")
        if not progressed and len(refused) >= len(findings):
            break
    return text


def same_meaning(old: SourceFile, new_text: str, path: Path, display: str) -> bool:
    """Whether the fixed text is valid YAML that differs only by key results moved, and is still
    a valid OKR set where it was one."""
    new = _load(new_text, path, display)
    if new.problems or any(d.problems for d in new.documents):
        return False
    if len(new.documents) != len(old.documents):
        return False
    if new.skipped_documents != old.skipped_documents:
        return False
    for before, after in zip(old.documents, new.documents, strict=True):
        if not unchanged_except_moves(before.data, after.data):
            return False
        # No objective is left with an empty `key_results:` (which the format's schema rejects):
        # moves of several key results of one objective, each safe alone, could empty it.
        if _emptied(before.data) < _emptied(after.data):
            return False
    return True


def _emptied(data: Any) -> int:
    """How many objectives of a document have `key_results:` empty or missing a value."""
    objectives = data.get("objectives") if isinstance(data, dict) else None
    if not isinstance(objectives, list):
        return 0
    return sum(
        1
        for objective in objectives
        if isinstance(objective, dict)
        and "key_results" in objective
        and not objective["key_results"]
    )


def _load(text: str, path: Path, display: str) -> SourceFile:
    return load_bytes(text.encode("utf-8"), SourceFile(path=path, display=display))


def _apply(text: str, fixes: list[Fix]) -> str | None:
    try:
        return apply_edits(text, [edit for fix in fixes for edit in fix.edits])
    except ValueError:
        return None


def _key(finding: Finding) -> tuple[str, str, str]:
    return (finding.code, finding.object, finding.text)


def _describe(finding: Finding) -> str:
    description = finding.fix.description if finding.fix else ""
    return f"{finding.path}:{finding.line}: {finding.code} {description}"


def _encoding_of(raw: bytes) -> tuple[bytes, str]:
    if raw.startswith(codecs.BOM_UTF8):
        return codecs.BOM_UTF8, "utf-8"
    if raw.startswith(codecs.BOM_UTF16_LE):
        return codecs.BOM_UTF16_LE, "utf-16-le"
    if raw.startswith(codecs.BOM_UTF16_BE):
        return codecs.BOM_UTF16_BE, "utf-16-be"
    return b"", "utf-8"


def unified_diff(fixed: FileFix) -> str:
    """A unified diff of one file's fixes, as `git diff` would show it."""
    old_lines = fixed.old.splitlines(keepends=True)
    new_lines = fixed.new.splitlines(keepends=True)
    lines = difflib.unified_diff(
        old_lines, new_lines, fromfile=f"a/{fixed.display}", tofile=f"b/{fixed.display}"
    )
    out: list[str] = []
    for line in lines:
        if line.endswith("\n"):
            out.append(line)
        else:
            out.append(line + "\n\\ No newline at end of file\n")
    return "".join(out)


def write_fixes(results: list[FileFix]) -> list[str]:
    """Write every changed file that may be written. Returns the errors, one per failed file.

    A file that changed since it was read, that the user may not write, or that is a link out
    of its repository is not written: the reason joins the file's `refused` list.
    """
    errors: list[str] = []
    for fixed in results:
        if not fixed.changed:
            continue
        try:
            reason = _write_fixed(fixed)
        except OSError as error:
            errors.append(f"{fixed.display}: cannot write the fixed file: {error}")
            continue
        if reason is None:
            fixed.written = True
        else:
            fixed.refused.append(reason)
    return errors


def _write_fixed(fixed: FileFix) -> str | None:
    """Write one fixed file, or say why it was left alone."""
    target = Path(os.path.realpath(fixed.path))
    if target != Path(os.path.abspath(fixed.path)):
        # A link is followed only to a file of the same repository (or the same folder).
        link_folder = Path(os.path.abspath(fixed.path)).parent
        home = find_root(link_folder) or link_folder.resolve()
        if not target.is_relative_to(home):
            return "it is a link to a file outside its repository; okrlint does not write there"
    status = os.stat(target)
    refusal = may_rewrite(target, status)
    if refusal is not None:
        return f"left alone: {refusal}"
    if read_regular(target, max(status.st_size, len(fixed.original)) + 1) != fixed.original:
        return "the file changed after okrlint read it; it was left alone (run again)"
    data = fixed.encoded()
    if _owned_by_user(status):
        atomic_write(target, data)
    else:
        rewrite_in_place(target, data)
    return None


def _owned_by_user(status: os.stat_result) -> bool:
    """Whether a rename keeps the file's owner: the user's own file, or any file for root."""
    if not hasattr(os, "geteuid"):
        return True
    return os.geteuid() in (0, status.st_uid)


def atomic_write(path: Path, data: bytes, *, _step: Callable[[str], None] | None = None) -> None:
    """Replace a file's content all at once, keeping its permissions (and owner, as root).

    A symbolic link is followed: the file it points to is replaced and the link stays.
    `_step` is called between the steps; tests use it to interrupt the write at each one.
    """
    step = _step or (lambda name: None)
    target = Path(os.path.realpath(path))
    mode = stat.S_IMODE(target.stat().st_mode)
    owner = target.stat()
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".okrlint-tmp"
    )
    try:
        step("created")
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            step("written")
            stream.flush()
            os.fsync(stream.fileno())
        step("synced")
        os.chmod(temporary, mode)
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            with contextlib.suppress(OSError):
                os.chown(temporary, owner.st_uid, owner.st_gid)
        step("permissions")
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    step("renamed")
    # The rename is only durable once the folder itself is on disk.
    with contextlib.suppress(OSError):
        folder = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


def run_fixes(
    report: Report, options: RunOptions, paths: Sequence[str | Path], *, write: bool
) -> Report:
    """`check --fix` (write=True) and `check --diff` (write=False), for the command line.

    With --diff the diff is printed and the run ends: exit status 1 when there is something to
    fix, 0 when not. With --fix the files are written and linted again, and the report of what
    is left is returned for the usual output.
    """
    import typer  # the CLI's toolkit, loaded only by the CLI's --fix and --diff

    results = compute_fixes(report, options)
    changed = [fixed for fixed in results if fixed.changed]
    if not write:
        for fixed in results:
            for reason in fixed.refused:
                typer.echo(f"okrlint: not fixed: {inert(fixed.display)}: {inert(reason)}", err=True)
        sys.stdout.write("".join(unified_diff(fixed) for fixed in changed))
        count = sum(len(fixed.applied) for fixed in changed)
        typer.echo(f"{count} fix{'es' if count != 1 else ''} would be applied.", err=True)
        raise typer.Exit(1 if changed else 0)
    errors = write_fixes(results)
    for fixed in results:
        for reason in fixed.refused:
            typer.echo(f"okrlint: not fixed: {inert(fixed.display)}: {inert(reason)}", err=True)
    for error in errors:
        typer.echo(f"okrlint: error: {inert(error)}", err=True)
    # Only what reached the disk counts as fixed.
    written = [fixed for fixed in changed if fixed.written]
    count = sum(len(fixed.applied) for fixed in written)
    files = len(written)
    typer.echo(
        f"Fixed {count} finding{'s' if count != 1 else ''} "
        f"in {files} file{'s' if files != 1 else ''}.",
        err=True,
    )
    if errors:
        raise typer.Exit(2)
    return lint_paths(paths, options=options) if written else report
