"""`okrlint report`: where a repository's OKRs stand, per team and period, as HTML or Markdown."""

from okrlint.dashboard.data import Cell, QualityReport, build_report, quality_score
from okrlint.dashboard.html import render_html
from okrlint.dashboard.markdown import render_markdown

__all__ = [
    "Cell",
    "QualityReport",
    "build_report",
    "quality_score",
    "render_html",
    "render_markdown",
]
