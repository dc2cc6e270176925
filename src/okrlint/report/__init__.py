"""`okrlint report`: where a repository's OKRs stand, per team and period, as HTML or Markdown."""

from okrlint.report.data import Cell, QualityReport, build_report, quality_score
from okrlint.report.html import render_html
from okrlint.report.markdown import render_markdown

__all__ = [
    "Cell",
    "QualityReport",
    "build_report",
    "quality_score",
    "render_html",
    "render_markdown",
]
