"""The HTML report of the example repository, rendered by headless Chromium, desktop and phone.

The screenshots are kept under tests/artifacts/ for a person to look at.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from browser import dump_dom, screenshot, which_png_size
from okrlint.cli import app
from okrlint.dashboard import build_report
from okrlint.pipeline.run import RunOptions

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"
EXAMPLE = next(p for p in (ROOT / "examples" / "history", ROOT / "examples" / "okrs") if p.is_dir())
TODAY = "2026-02-15"
# Measures the layout once rendered and writes it into the DOM, for --dump-dom to show. Only the
# test's copy of the page gets it; the report itself has no script. Headless Chromium will not
# open a window narrower than 500 pixels, so a phone is a 390-pixel-wide frame holding the page.
PROBE = """<script>
function measure(frame) {
  const doc = frame.contentDocument, win = frame.contentWindow;
  const svgs = [...doc.querySelectorAll('svg.chart')].map(s => s.getBoundingClientRect());
  const heights = [...doc.querySelectorAll('svg.chart text')]
    .map(t => t.getBoundingClientRect().height).filter(h => h > 0);
  const data = document.body.dataset;
  data.scrollWidth = doc.documentElement.scrollWidth;
  data.viewport = win.innerWidth;
  data.svgWidths = svgs.map(r => Math.round(r.width)).join(',');
  data.minTextHeight = Math.round(Math.min(...heights) * 10) / 10;
  // How far any table sticks out of its box (hidden behind a scroll bar): 0 when it fits.
  const wraps = [...doc.querySelectorAll('.table-wrap')];
  data.tableOverflow = Math.max(0, ...wraps.map(w => w.scrollWidth - w.clientWidth));
}
</script>"""


def framed(page: Path, name: str, width: int) -> Path:
    """The page inside a frame `width` pixels wide, measured once it has loaded."""
    copy = page.with_name(name)
    frame = (
        f'<iframe id="page" style="width:{width}px;height:5000px;border:0;background:#fff" '
        f'onload="measure(this)" srcdoc="{html.escape(page.read_text(), quote=True)}"></iframe>'
    )
    copy.write_text(
        f'<!DOCTYPE html><html><head>{PROBE}</head><body style="margin:0;background:#888">'
        f"{frame}</body></html>"
    )
    return copy


@pytest.fixture(scope="module")
def page() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    out = ARTIFACTS / "report.html"
    result = CliRunner().invoke(app, ["report", str(EXAMPLE), "--out", str(out), "--today", TODAY])
    assert result.exit_code == 0, result.output
    return out


def test_the_rendered_page_has_the_teams_the_numbers_and_the_charts(page: Path) -> None:
    expected = build_report([EXAMPLE], RunOptions(today=dt.date(2026, 2, 15)))
    dom = dump_dom(page)
    for team in expected.teams:
        assert f"<td>{team}</td>" in dom, team
    for cell in expected.cells:
        # Each team's score per period is shown in the scores table.
        assert f">{cell.score}</span></td>" in dom
    total = expected.total()
    assert f"<b>{total.score}</b><span>quality score, all teams</span>" in dom
    assert f"<b>{total.key_results}</b><span>key results</span>" in dom
    charts = re.findall(r'<svg class="chart (\w+)"', dom)
    assert {"line", "stacked", "bands"} <= set(charts)
    assert dom.count("<polyline") >= 1 and dom.count("<rect") >= len(expected.teams)
    measured = dump_dom(framed(page, "report-probe.html", 1000), width=1200)
    widths = [int(w) for w in re.search(r'data-svg-widths="([\d,]+)"', measured)[1].split(",")]
    assert len(widths) == len(charts) and all(width > 400 for width in widths)


def test_it_reads_on_a_phone(page: Path) -> None:
    dom = dump_dom(framed(page, "report-probe-phone.html", 390), width=600)
    viewport = int(re.search(r'data-viewport="(\d+)"', dom)[1])
    assert viewport == 390
    # Nothing sticks out sideways (wide tables scroll inside their own box).
    assert int(re.search(r'data-scroll-width="(\d+)"', dom)[1]) <= viewport
    widths = [int(w) for w in re.search(r'data-svg-widths="([\d,]+)"', dom)[1].split(",")]
    assert all(300 < width <= viewport for width in widths)
    # Chart labels stay legible once the charts are scaled down to the phone's width.
    assert float(re.search(r'data-min-text-height="([\d.]+)"', dom)[1]) >= 10
    # Every table fits: its rows become labelled cards rather than scroll out of sight.
    assert int(re.search(r'data-table-overflow="(\d+)"', dom)[1]) == 0


@pytest.mark.parametrize("width", [1024, 1920])
def test_the_tables_fit_a_desktop(page: Path, width: int) -> None:
    dom = dump_dom(framed(page, f"report-probe-{width}.html", width), width=width + 100)
    assert int(re.search(r'data-viewport="(\d+)"', dom)[1]) == width
    assert int(re.search(r'data-scroll-width="(\d+)"', dom)[1]) <= width
    assert int(re.search(r'data-table-overflow="(\d+)"', dom)[1]) == 0


def test_screenshots_are_kept(page: Path) -> None:
    desktop = screenshot(page, ARTIFACTS / "report-desktop.png", 1200, 3000)
    phone_frame = framed(page, "report-phone-frame.html", 390)
    phone = screenshot(phone_frame, ARTIFACTS / "report-phone.png", 500, 4200)
    assert which_png_size(desktop) == (1200, 3000)
    assert which_png_size(phone) == (500, 4200)
    wide = screenshot(page, ARTIFACTS / "report-desktop-1920.png", 1920, 2400)
    assert which_png_size(wide) == (1920, 2400)
    assert desktop.stat().st_size > 50_000  # a page, not a blank
