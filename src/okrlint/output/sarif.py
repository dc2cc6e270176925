"""SARIF 2.1.0, for code-scanning uploads (GitHub `upload-sarif`, Azure DevOps, IDE viewers).

`tool.driver.rules[]` is built from the rule metadata, so each alert links to its help text.
A finding's `fix` becomes a SARIF `fix` with character-offset replacements; a fix without
edits, and a suggestion, travel in the result's `properties`, because SARIF requires every
`fix` to change an artifact. A suggested rewrite is advice for a person, never a SARIF fix: a
viewer would offer to apply it with one click.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote

from okrlint import __version__
from okrlint.findings import Finding, Fix, Report, Severity
from okrlint.rules.assembly import installed_rules
from okrlint.rules.docs import rule_help
from okrlint.safe_text import inert_json

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/okrlint/okrlint"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render_sarif(report: Report) -> str:
    # A report assembled by hand has no rules of its run: describe the installed ones.
    rules = list(report.rules) or installed_rules().sorted()
    index = {rule.meta.code: position for position, rule in enumerate(rules)}
    driver: dict[str, Any] = {
        "name": "okrlint",
        "version": __version__,
        "semanticVersion": __version__,
        "informationUri": INFORMATION_URI,
        "rules": [_rule(rule) for rule in rules],
    }
    results = [_result(finding, index.get(finding.code)) for finding in report.findings]
    run: dict[str, Any] = {
        "tool": {"driver": driver},
        "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "the linted repository"}}},
        "columnKind": "unicodeCodePoints",
        "results": results,
        "invocations": [
            {
                "executionSuccessful": not report.errors,
                "toolExecutionNotifications": [
                    {"level": "error", "message": {"text": error}} for error in report.errors
                ],
            }
        ],
    }
    document = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return inert_json(json.dumps(document, indent=2, ensure_ascii=False)) + "\n"


def _rule(rule: Any) -> dict[str, Any]:
    meta = rule.meta
    text, markdown = rule_help(rule)
    return {
        "id": meta.code,
        "name": _pascal(meta.name),
        "shortDescription": {"text": meta.summary},
        "fullDescription": {"text": meta.rationale},
        "help": {"text": text, "markdown": markdown},
        "defaultConfiguration": {"level": _LEVEL[meta.severity], "enabled": meta.enabled},
        "properties": {
            "tags": [meta.family],
            "family": meta.family,
            "fixable": meta.fixable,
            "source": meta.source,
        },
    }


def _pascal(kebab: str) -> str:
    # SARIF recommends a rule name that reads as an identifier ("OutputAsOutcome").
    return "".join(part.capitalize() for part in kebab.split("-"))


def _artifact(finding: Finding) -> dict[str, Any]:
    path = PurePosixPath(finding.path)
    if path.is_absolute():
        # Outside the working folder: an absolute file URI, with no base to combine with.
        return {"uri": "file://" + _uri_path(path)}
    return {"uri": _uri_path(path), "uriBaseId": "%SRCROOT%"}


def _uri_path(path: PurePosixPath) -> str:
    # A file name that is not UTF-8 keeps its bytes (held as surrogates): percent-encoded, the
    # URI names the very file.
    return quote(path.as_posix(), errors="surrogateescape")


def _result(finding: Finding, rule_index: int | None) -> dict[str, Any]:
    region = {
        "startLine": finding.line,
        "startColumn": finding.column,
        "endLine": max(finding.end_line, finding.line),
        "endColumn": finding.end_column,
    }
    if region["endLine"] == region["startLine"] and region["endColumn"] < region["startColumn"]:
        region["endColumn"] = region["startColumn"]
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "level": _LEVEL[finding.severity],
        "message": {"text": finding.message},
        "locations": [
            {"physicalLocation": {"artifactLocation": _artifact(finding), "region": region}}
        ],
        "partialFingerprints": {"okrlintFinding/v1": _fingerprint(finding)},
    }
    if rule_index is not None:
        result["ruleIndex"] = rule_index
    properties: dict[str, Any] = {}
    if finding.object:
        properties["object"] = finding.object
    if finding.text:
        properties["text"] = finding.text
    if finding.suggestion:
        properties["suggestion"] = finding.suggestion
    if finding.confidence is not None:
        properties["confidence"] = finding.confidence
    if finding.structure:
        properties["structure"] = dict(finding.structure)
    if finding.fix is not None:
        fixes = sarif_fixes(finding, finding.fix)
        if fixes:
            result["fixes"] = fixes
        else:
            properties["fix"] = finding.fix.description
    if properties:
        result["properties"] = properties
    return result


def sarif_fixes(finding: Finding, fix: Fix) -> list[dict[str, Any]]:
    """A fix as SARIF `fixes[]`: one artifact change of character-offset replacements.

    Edits are offsets into the file's text as okrlint read it, which is what SARIF's
    `charOffset`/`charLength` mean under `columnKind: unicodeCodePoints`.
    """
    if not fix.edits:
        return []
    replacements = [
        {
            "deletedRegion": {"charOffset": edit.start, "charLength": edit.end - edit.start},
            "insertedContent": {"text": edit.content},
        }
        for edit in fix.edits
    ]
    change = {"artifactLocation": _artifact(finding), "replacements": replacements}
    return [{"description": {"text": fix.description}, "artifactChanges": [change]}]


def _fingerprint(finding: Finding) -> str:
    # Stable while lines move: the file, the rule, the item and its text, not the line number.
    key = "\x1f".join((finding.path, finding.code, finding.object, finding.text, finding.message))
    try:
        raw = key.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a lone surrogate outside the escaped bytes' range
        raw = key.encode("utf-8", "surrogatepass")
    return hashlib.sha256(raw).hexdigest()[:32]
