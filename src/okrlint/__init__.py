"""okrlint: a linter for OKRs (Objectives and Key Results) kept as YAML files."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from okrlint.findings import Finding as Finding
    from okrlint.findings import Report as Report
    from okrlint.pipeline.run import lint_paths as lint_paths

__all__ = ["Finding", "Report", "__version__", "lint_paths"]


def __getattr__(name: str) -> Any:
    # The package imports nothing heavy until the API is used, so `okrlint --version` is fast.
    if name == "lint_paths":
        from okrlint.pipeline.run import lint_paths

        return lint_paths
    if name in ("Finding", "Report"):
        from okrlint import findings

        return getattr(findings, name)
    raise AttributeError(f"module 'okrlint' has no attribute {name!r}")
