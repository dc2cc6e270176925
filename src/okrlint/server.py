"""`okrlint server`: a language server over stdio (LSP, with pygls) for editors.

It lints each open OKR file from the editor's buffer with the same stages as `okrlint check`
(`okrlint.single.lint_text`: the config at the file's path, the file's repository for the
whole-repository rules, the readings cache), and offers:

- diagnostics when a file is opened or saved, and shortly after each change (debounced: a burst
  of keystrokes is one lint, of the text as it stands when typing pauses);
- code actions on a diagnostic: apply its safe fix, or add a suppression comment with a reason
  to fill in;
- hover on a diagnostic's range: the rule's explanation (`okrlint rule CODE`);
- settings from the workspace under `okrlint` (`config`, `select`, `extendSelect`, `ignore`):
  `initializationOptions`, then `workspace/configuration` asked of clients that answer it
  (once initialized, and whenever `workspace/didChangeConfiguration` says settings changed),
  or the settings that notification carries; without any, the nearest `.okrlint.yaml` above
  each file, as on the command line.

Linting runs on one worker thread, one file at a time, so a slow first lint (loading the
language model) does not stop the server from reading messages.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import re
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from okrlint import __version__
from okrlint.findings import Finding, Severity

# Typing pauses for this long before a changed buffer is linted again.
DEBOUNCE_SECONDS = 0.3
SOURCE = "okrlint"
_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}
REASON_PLACEHOLDER = "<why this is right here>"


@dataclass(slots=True)
class Settings:
    """What the workspace says about the run (camelCase keys, as editors send settings)."""

    config: str | None = None
    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)

    @classmethod
    def from_client(cls, value: Any) -> Settings:
        if isinstance(value, dict) and isinstance(value.get("okrlint"), dict):
            value = value["okrlint"]
        if not isinstance(value, dict):
            return cls()

        def codes(key: str) -> list[str] | None:
            found = value.get(key)
            return [str(code) for code in found] if isinstance(found, list) else None

        config = value.get("config")
        return cls(
            config=str(config) if config else None,
            select=codes("select"),
            extend_select=codes("extendSelect") or [],
            ignore=codes("ignore") or [],
        )


class OkrLanguageServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("okrlint", __version__)
        self.settings = Settings()
        self.root: Path | None = None
        # The last findings and the text they were found in, by document URI.
        self.findings: dict[str, tuple[str, list[Finding]]] = {}
        self._pending: dict[str, asyncio.TimerHandle] = {}
        # Running lints, held so that they are not collected before they finish.
        self._running: set[asyncio.Task[None]] = set()
        self._linter = ThreadPoolExecutor(max_workers=1, thread_name_prefix="okrlint-lint")
        # Whether the client answers `workspace/configuration` (it says so at initialize).
        self.pulls_configuration = False
        # The first pull of settings: lints wait for it, so none runs with settings to come.
        self.first_pull: asyncio.Task[bool] | None = None

    async def pull_configuration(self) -> bool:
        """Ask the client for the `okrlint` settings; False when it cannot be asked."""
        if not self.pulls_configuration:
            return False
        scope = self.root.as_uri() if self.root is not None else None
        try:
            answer = await self.workspace_configuration_async(
                types.ConfigurationParams(
                    items=[types.ConfigurationItem(scope_uri=scope, section="okrlint")]
                )
            )
        except Exception:  # a client that fails the request keeps the settings it pushed
            return False
        if answer and answer[0] is not None:
            self.settings = Settings.from_client(answer[0])
        return True

    def options(self) -> Any:
        from okrlint.config.files import read_config
        from okrlint.config.settings import Overrides
        from okrlint.pipeline.run import RunOptions

        loaded = None
        if self.settings.config:
            path = Path(self.settings.config)
            if not path.is_absolute() and self.root is not None:
                path = self.root / path
            loaded = read_config(path)
        overrides = Overrides(
            select=self.settings.select,
            extend_select=self.settings.extend_select,
            ignore=self.settings.ignore,
        )
        return RunOptions(overrides=overrides, config=loaded, cache=True, today=dt.date.today())

    def lint(self, uri: str, text: str) -> list[types.Diagnostic]:
        """Lint one buffer (on the worker thread); a bad config is one diagnostic at the top."""
        from okrlint.errors import ConfigError
        from okrlint.single import lint_text

        path = Path(to_fs_path(uri) or uri)
        try:
            report = lint_text(text, path, self.options())
        except ConfigError as error:
            self.findings[uri] = (text, [])
            return [
                types.Diagnostic(
                    range=types.Range(types.Position(0, 0), types.Position(0, 0)),
                    message=f"okrlint cannot use its config: {error}",
                    severity=types.DiagnosticSeverity.Error,
                    source=SOURCE,
                )
            ]
        from okrlint.pipeline.discover import display_path

        # Whole-repository rules may also report on other files; the editor shows this one.
        shown = display_path(path)
        findings = [f for f in report.findings if f.path == shown]
        self.findings[uri] = (text, findings)
        lines = text.splitlines() or [""]
        return [self.diagnostic(finding, lines) for finding in findings]

    def diagnostic(self, finding: Finding, lines: Sequence[str]) -> types.Diagnostic:
        return types.Diagnostic(
            range=_client_range(finding_range(finding), lines),
            message=finding.message,
            severity=_SEVERITY[finding.severity],
            code=finding.code,
            source=SOURCE,
            data={"code": finding.code, "object": finding.object},
        )

    async def publish(self, uri: str) -> None:
        if self.first_pull is not None:
            await self.first_pull
        document = self.workspace.get_text_document(uri)
        text = document.source
        loop = asyncio.get_running_loop()
        diagnostics = await loop.run_in_executor(self._linter, self.lint, uri, text)
        # A newer edit may have arrived while this one was linted: its own lint will publish.
        if self.workspace.get_text_document(uri).source == text:
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(
                    uri=uri, diagnostics=diagnostics, version=document.version
                )
            )

    def schedule(self, uri: str, delay: float) -> None:
        """Lint `uri` after `delay` seconds, replacing a lint already waiting for it."""
        waiting = self._pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        loop = asyncio.get_running_loop()

        def start() -> None:
            self._pending.pop(uri, None)
            task = loop.create_task(self.publish(uri))
            self._running.add(task)
            task.add_done_callback(self._running.discard)

        self._pending[uri] = loop.call_later(delay, start)


def finding_range(finding: Finding) -> types.Range:
    """The finding's span as a 0-based range in characters (not yet the client's units)."""
    return types.Range(
        start=types.Position(line=finding.line - 1, character=finding.column - 1),
        end=types.Position(line=finding.end_line - 1, character=finding.end_column - 1),
    )


def _client_units(line: str, column: int) -> int:
    """A character column as UTF-16 code units, the LSP's default position encoding."""
    return len(line[:column].encode("utf-16-le")) // 2


def _client_range(span: types.Range, lines: Sequence[str]) -> types.Range:
    def convert(position: types.Position) -> types.Position:
        line = lines[position.line] if position.line < len(lines) else ""
        return types.Position(position.line, _client_units(line, position.character))

    return types.Range(convert(span.start), convert(span.end))


def _position_of_offset(text: str, offset: int) -> types.Position:
    """The client position of a character offset into `text`."""
    before = text[:offset]
    line = before.count("\n")
    start = before.rfind("\n") + 1
    return types.Position(line, _client_units(text[start:], offset - start))


def fix_action(uri: str, text: str, finding: Finding) -> types.CodeAction | None:
    if finding.fix is None or not finding.fix.edits:
        return None
    edits = [
        types.TextEdit(
            range=types.Range(
                _position_of_offset(text, edit.start), _position_of_offset(text, edit.end)
            ),
            new_text=edit.content,
        )
        for edit in finding.fix.edits
    ]
    return types.CodeAction(
        title=f"okrlint: {finding.fix.description} ({finding.code})",
        kind=types.CodeActionKind.QuickFix,
        edit=types.WorkspaceEdit(changes={uri: edits}),
        is_preferred=True,
    )


def suppression_action(uri: str, text: str, finding: Finding) -> types.CodeAction:
    """A suppression comment with a reason to fill in: at the end of the finding's line (which
    covers the item starting there and everything under it), or, when that line has a comment
    already, on a line of its own above it, indented like it."""
    from okrlint.pipeline.filter import comments

    lines = text.splitlines()
    index = min(max(finding.line - 1, 0), max(len(lines) - 1, 0))
    line = lines[index] if lines else ""
    directive = f"# okrlint: disable={finding.code} -- {REASON_PLACEHOLDER}"
    has_comment = any(comment.line == index + 1 for comment in comments(text))
    if has_comment:
        indent = re.match(r"[ \t]*", line)
        prefix = indent.group(0) if indent else ""
        where = types.Position(index, 0)
        new_text = f"{prefix}{directive}\n"
    else:
        where = types.Position(index, _client_units(line, len(line)))
        new_text = f"  {directive}"
    return types.CodeAction(
        title=f"okrlint: suppress {finding.code} here, with a reason",
        kind=types.CodeActionKind.QuickFix,
        edit=types.WorkspaceEdit(
            changes={uri: [types.TextEdit(range=types.Range(where, where), new_text=new_text)]}
        ),
    )


def _overlaps(a: types.Range, b: types.Range) -> bool:
    def key(position: types.Position) -> tuple[int, int]:
        return (position.line, position.character)

    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)


def _contains(span: types.Range, position: types.Position) -> bool:
    point = (position.line, position.character)
    return (span.start.line, span.start.character) <= point <= (span.end.line, span.end.character)


def create_server() -> OkrLanguageServer:
    server = OkrLanguageServer()

    @server.feature(types.INITIALIZE)
    def initialize(ls: OkrLanguageServer, params: types.InitializeParams) -> None:
        ls.settings = Settings.from_client(params.initialization_options)
        workspace = params.capabilities.workspace
        ls.pulls_configuration = bool(workspace and workspace.configuration)
        folders = params.workspace_folders or []
        root_uri = folders[0].uri if folders else params.root_uri
        if root_uri:
            ls.root = Path(to_fs_path(root_uri) or root_uri)

    @server.feature(types.INITIALIZED)
    async def initialized(ls: OkrLanguageServer, params: types.InitializedParams) -> None:
        ls.first_pull = asyncio.ensure_future(ls.pull_configuration())
        await ls.first_pull

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    async def did_change_configuration(
        ls: OkrLanguageServer, params: types.DidChangeConfigurationParams
    ) -> None:
        if not await ls.pull_configuration():
            ls.settings = Settings.from_client(params.settings)
        for uri in list(ls.findings):
            ls.schedule(uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: OkrLanguageServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: OkrLanguageServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, DEBOUNCE_SECONDS)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: OkrLanguageServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: OkrLanguageServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.findings.pop(uri, None)
        ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    def code_action(
        ls: OkrLanguageServer, params: types.CodeActionParams
    ) -> list[types.CodeAction]:
        uri = params.text_document.uri
        text, findings = ls.findings.get(uri, ("", []))
        lines = text.splitlines() or [""]
        # The diagnostics the editor asks about (all findings in the range if it names none).
        asked = {str(d.code) for d in params.context.diagnostics if d.source == SOURCE}
        actions: list[types.CodeAction] = []
        for finding in findings:
            span = _client_range(finding_range(finding), lines)
            if not _overlaps(span, params.range) or (asked and finding.code not in asked):
                continue
            fixed = fix_action(uri, text, finding)
            if fixed is not None:
                actions.append(fixed)
            actions.append(suppression_action(uri, text, finding))
        return actions

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: OkrLanguageServer, params: types.HoverParams) -> types.Hover | None:
        from okrlint.errors import UnknownRuleError
        from okrlint.rules.assembly import installed_rules
        from okrlint.rules.docs import render_rule

        text, findings = ls.findings.get(params.text_document.uri, ("", []))
        lines = text.splitlines() or [""]
        codes: list[str] = []
        for finding in findings:
            span = _client_range(finding_range(finding), lines)
            if _contains(span, params.position) and finding.code not in codes:
                codes.append(finding.code)
        if not codes:
            return None
        parts = []
        for code in codes:
            try:
                parts.append(render_rule(installed_rules().lookup(code)))
            except UnknownRuleError:
                continue
        if not parts:
            return None
        return types.Hover(
            contents=types.MarkupContent(
                kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)
            )
        )

    return server


def serve() -> None:
    """Speak LSP on standard input and output until the client says exit."""
    create_server().start_io()
