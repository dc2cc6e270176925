"""A repository laid out to attack whoever lints it: each test reproduces one attack with the
real command and checks that nothing outside the repository changed, nothing was replaced that
okrlint did not make, and nothing the repository wrote reaches the terminal or the CI log raw.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from okrlint.fix.runner import compute_fixes, write_fixes
from okrlint.pipeline.run import RunOptions, lint_paths
from samples import GOOD

HANG = 120
# One key result is an output: the real OUT001 rule moves it under `initiatives:` with --fix.
FIXABLE = """\
team: Growth
period: 2026-Q1
objectives:
  - title: Make the first week effortless
    key_results:
      - Raise week-1 activation of new teams from 30% to 45%
      - Launch the referral program
      - Cut time to first dashboard from 42 to 15 minutes
"""
NOBODY = 65534


def okrlint(
    cwd: Path, *args: str, user: int | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    def drop() -> None:
        if user is not None:
            os.setgroups([])
            os.setgid(user)
            os.setuid(user)

    command = [sys.executable, "-m", "okrlint", *args]
    if user is not None:
        command = [*_unprivileged_python(), *args]
    result = subprocess.run(
        command,
        cwd=cwd,
        capture_output=True,
        text=True,
        errors="surrogateescape",
        timeout=HANG,
        check=False,
        env={
            **{k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "OKRLINT_"))},
            "NO_COLOR": "1",
            **(env or {}),
        },
        preexec_fn=drop if user is not None else None,
    )
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return result


@pytest.fixture
def outside() -> Iterator[Path]:
    """A folder outside the repository, standing for the user's home or another project."""
    folder = Path(tempfile.mkdtemp(prefix="okrlint-outside-"))
    (folder / "victim.txt").write_text("precious\n")
    yield folder
    shutil.rmtree(folder)


def repository(tmp_path: Path, text: str = GOOD) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / ".git").mkdir()
    (repo / "okrs.yaml").write_text(text)
    return repo


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


# --- 1. Nothing written outside the repository, nothing replaced that okrlint did not make ---


LINK_LAYOUTS: dict[str, Callable[[Path, Path], None]] = {
    "cache folder is a link": lambda repo, out: (repo / ".okrlint_cache").symlink_to(out),
    "CACHEDIR.TAG is a link": lambda repo, out: _link_in_cache(
        repo, "CACHEDIR.TAG", out / "victim.txt"
    ),
    "dangling .gitignore link": lambda repo, out: _link_in_cache(repo, ".gitignore", out / "made"),
    "database is a link": lambda repo, out: _link_in_cache(
        repo, "readings.sqlite3", out / "other.db"
    ),
    "journal is a link": lambda repo, out: _link_in_cache(
        repo, "readings.sqlite3-journal", out / "journal"
    ),
}


def _link_in_cache(repo: Path, name: str, target: Path) -> None:
    (repo / ".okrlint_cache").mkdir(exist_ok=True)
    (repo / ".okrlint_cache" / name).symlink_to(target)


@pytest.mark.parametrize("layout", list(LINK_LAYOUTS))
def test_cache_never_writes_through_links(tmp_path: Path, outside: Path, layout: str) -> None:
    repo = repository(tmp_path)
    other = sqlite3.connect(outside / "other.db")
    other.execute("CREATE TABLE mine (x)")
    other.commit()
    other.close()
    LINK_LAYOUTS[layout](repo, outside)
    before = snapshot(outside)
    result = okrlint(repo, "check", "okrs.yaml")
    assert result.returncode == 0, result.stderr
    assert "No findings in 1 OKR file" in result.stdout
    assert snapshot(outside) == before  # not a byte changed, nothing created
    tables = sqlite3.connect(outside / "other.db").execute("SELECT name FROM sqlite_master")
    assert [name for (name,) in tables] == ["mine"]
    assert "symbolic link" in result.stderr and "cache is off" in result.stderr


def test_summary_cache_never_writes_through_a_linked_folder(tmp_path: Path, outside: Path) -> None:
    from okrlint.cache import SummaryCache

    repo = repository(tmp_path)
    (repo / ".okrlint_cache").symlink_to(outside)
    cache = SummaryCache(repo, "variant")
    cache.put(repo / "okrs.yaml", [])
    cache.save()
    assert sorted(p.name for p in outside.iterdir()) == ["victim.txt"]


def test_summary_cache_never_reads_a_special_file(tmp_path: Path) -> None:
    from okrlint.cache import SUMMARIES_FILE, SummaryCache

    repo = repository(tmp_path)
    (repo / ".okrlint_cache").mkdir()
    (repo / ".okrlint_cache" / SUMMARIES_FILE).symlink_to("/dev/zero")
    cache = SummaryCache(repo, "variant")
    assert cache.get(repo / "okrs.yaml", repo / "okrs.yaml", repo) is None  # returns, no hang


def test_a_cache_lookup_locked_out_keeps_the_shared_database(tmp_path: Path) -> None:
    from okrlint.cache import DATABASE, ReadingsCache
    from okrlint.text.pack import load_pack

    repo = repository(tmp_path)
    assert okrlint(repo, "check", "okrs.yaml").returncode == 0
    database = repo / ".okrlint_cache" / DATABASE
    holder = sqlite3.connect(database, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another run, holding the lock past the timeout
    try:
        cache = ReadingsCache(repo, "x", lambda texts, pack: {})
        cache._database = sqlite3.connect(database, timeout=0.01, isolation_level=None)
        cache._opened = True
        assert cache.read(["Raise activation from 30% to 45%"], load_pack()) == {}
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert database.is_file()


@pytest.mark.parametrize("kind", ["fifo", "dangling link", "device"])
def test_report_out_refuses_what_is_not_a_regular_file(tmp_path: Path, kind: str) -> None:
    repo = repository(tmp_path)
    if kind == "fifo":
        out = tmp_path / "report.html"
        os.mkfifo(out)
    elif kind == "dangling link":
        out = tmp_path / "report.html"
        out.symlink_to(tmp_path / "elsewhere.html")
    else:
        out = Path("/dev/null")
    result = okrlint(repo, "report", ".", "--out", str(out))
    assert result.returncode == 2
    assert "regular files only" in result.stderr or "dangling symbolic link" in result.stderr
    if kind == "fifo":
        assert stat.S_ISFIFO(os.lstat(out).st_mode)
    elif kind == "dangling link":
        assert out.is_symlink() and not (tmp_path / "elsewhere.html").exists()
    else:
        assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_report_out_replaces_a_regular_file(tmp_path: Path) -> None:
    repo = repository(tmp_path)
    out = tmp_path / "report.md"
    out.write_text("old")
    out.chmod(0o640)
    result = okrlint(repo, "report", ".", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_text().startswith("## OKR quality report")
    assert stat.S_IMODE(out.stat().st_mode) == 0o640


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder everybody may write, as /tmp or a team share is, readable by `nobody`."""
    folder = Path(tempfile.mkdtemp(prefix="okrlint-shared-"))
    folder.chmod(0o777)
    yield folder
    shutil.rmtree(folder)


def _unprivileged_python() -> list[str]:
    """okrlint as a user other than root can run it: the system's Python of the same version
    (a venv's may live under root's home, closed to others) with this venv's packages."""
    import sysconfig

    packages = sysconfig.get_paths()["purelib"]
    start = (
        f"import site, sys; site.addsitedir({packages!r}); sys.argv[0] = 'okrlint'; "
        "from okrlint.cli import main; main()"
    )
    return [_system_python() or sys.executable, "-c", start]


def _system_python() -> str | None:
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    found = shutil.which(version, path="/usr/bin:/usr/local/bin")
    return found


def _as_nobody_works() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0 and _system_python() is not None


@pytest.mark.skipif(not _as_nobody_works(), reason="needs root to run as another user")
def test_fix_leaves_alone_a_file_the_user_may_not_write(shared_folder: Path) -> None:
    okrs = shared_folder / "okrs.yaml"
    okrs.write_text(FIXABLE)  # root's file, 0644: nobody may read it, not write it
    okrs.chmod(0o644)
    result = okrlint(shared_folder, "check", "--fix", "--no-cache", "okrs.yaml", user=NOBODY)
    assert okrs.read_text() == FIXABLE
    assert okrs.stat().st_uid == 0
    assert "not fixed: okrs.yaml: left alone: you may not write it" in result.stderr
    assert "Fixed 0 findings in 0 files." in result.stderr


@pytest.mark.skipif(not _as_nobody_works(), reason="needs root to run as another user")
def test_fix_keeps_owner_and_mode_of_a_file_shared_for_writing(shared_folder: Path) -> None:
    okrs = shared_folder / "okrs.yaml"
    okrs.write_text(FIXABLE)
    okrs.chmod(0o666)  # root's, and everybody may write it
    inode = okrs.stat().st_ino
    result = okrlint(shared_folder, "check", "--fix", "--no-cache", "okrs.yaml", user=NOBODY)
    assert "initiatives:\n      - Launch the referral program" in okrs.read_text(), result.stderr
    status = okrs.stat()
    assert (status.st_uid, stat.S_IMODE(status.st_mode), status.st_ino) == (0, 0o666, inode)
    assert "Fixed 1 finding in 1 file." in result.stderr


def test_fix_leaves_a_read_only_file_alone(tmp_path: Path) -> None:
    repo = repository(tmp_path, FIXABLE)
    okrs = repo / "okrs.yaml"
    okrs.chmod(0o444)
    result = okrlint(repo, "check", "--fix", "--no-cache", "okrs.yaml")
    assert okrs.read_text() == FIXABLE
    assert stat.S_IMODE(okrs.stat().st_mode) == 0o444
    assert "not fixed: okrs.yaml: left alone:" in result.stderr
    assert "Fixed 0 findings in 0 files." in result.stderr


def test_fix_never_writes_through_a_link_out_of_the_repository(
    tmp_path: Path, outside: Path
) -> None:
    repo = repository(tmp_path)
    (outside / "okrs.yaml").write_text(FIXABLE)
    (repo / "linked.yaml").symlink_to(outside / "okrs.yaml")
    result = okrlint(repo, "check", "--fix", "--no-cache", "linked.yaml")
    assert (outside / "okrs.yaml").read_text() == FIXABLE
    # Not even read: the link is a finding of its own, and nothing is written.
    assert "a link to a file outside the repository" in result.stdout
    assert "Fixed 0 findings in 0 files." in result.stderr


def test_fix_leaves_alone_a_file_saved_while_it_ran(tmp_path: Path) -> None:
    repo = repository(tmp_path, FIXABLE)
    okrs = repo / "okrs.yaml"
    previous = Path.cwd()
    os.chdir(repo)
    try:
        options = RunOptions(keep_sources=True)
        report = lint_paths(["okrs.yaml"], options=options)
        results = compute_fixes(report, options)
        assert results and results[0].changed
        edited = FIXABLE.replace("30%", "31%")
        okrs.write_text(edited)  # the user saves while the fixes are computed
        assert write_fixes(results) == []
    finally:
        os.chdir(previous)
    assert okrs.read_text() == edited
    assert not results[0].written
    assert "changed after okrlint read it" in results[0].refused[-1]


# --- 2. Every output is inert ---

ESCAPES = (
    'team: "Growth\\e]0;owned\\a\\n::error file=x.yaml::injected"\n'
    "period: 2026-Q1\n"
    "objectives:\n"
    '  - title: "Make it \\e[2J great\\u202e\\x9b31m"\n'
    "    key_results:\n"
    '      - "Launch the \\x9b31m program\\n  ::warning::indented\\n##vso[task.complete]x"\n'
    "      - title: Raise activation\n"
    '        taget: "\\e[31m::error::red"\n'
    '        target: "\\n::error file=a::b \\r##[error]c"\n'
)
EVIL_NAME = "e\x1b[31mvil\n::error file=q::x\u202e.yaml"
RUNNER_COMMAND = re.compile(r"^\s*(::|##)", re.MULTILINE)
FORMATS = ["concise", "rich", "github", "junit", "json", "sarif", "gitlab"]


@pytest.fixture(scope="module")
def injected(
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, subprocess.CompletedProcess[str]]:
    repo = tmp_path_factory.mktemp("inject")
    (repo / ".git").mkdir()
    (repo / EVIL_NAME).write_text(ESCAPES)
    (repo / "plain.yaml").write_text(ESCAPES)
    return {
        fmt: okrlint(repo, "check", "--no-cache", "--format", fmt, ".", env={"COLUMNS": "60"})
        for fmt in FORMATS
    }


def _raw_controls(text: str) -> list[str]:
    return [
        c
        for c in text
        if (ord(c) < 32 and c not in "\n")
        or 0x7F <= ord(c) <= 0x9F
        or c in "\u2028\u2029\u202e"
        or 0xD800 <= ord(c) <= 0xDFFF
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_control_character_reaches_any_output(
    injected: dict[str, subprocess.CompletedProcess[str]], fmt: str
) -> None:
    result = injected[fmt]
    assert result.returncode == 1, result.stderr
    assert _raw_controls(result.stdout) == []
    assert _raw_controls(result.stderr) == []
    assert "STR002" in result.stdout  # the findings are there, not swallowed


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_value_starts_a_line_a_ci_runner_runs(
    injected: dict[str, subprocess.CompletedProcess[str]], fmt: str
) -> None:
    lines = RUNNER_COMMAND.findall(injected[fmt].stdout + injected[fmt].stderr)
    if fmt == "github":
        # Only okrlint's own annotations, one per finding, start with `::`.
        annotations = [
            line for line in injected[fmt].stdout.splitlines() if RUNNER_COMMAND.match(line)
        ]
        assert all(re.match(r"::(error|warning|notice) file=", a) for a in annotations)
        assert len(annotations) == injected[fmt].stdout.count("\n") - 1
    else:
        assert lines == []


def test_escaped_values_are_shown_not_dropped(
    injected: dict[str, subprocess.CompletedProcess[str]],
) -> None:
    concise = injected["concise"].stdout
    assert "e\\x1b[31mvil\\x0a::error file=q::x\\u202e.yaml:" in concise


def test_junit_and_json_stay_valid(injected: dict[str, subprocess.CompletedProcess[str]]) -> None:
    ET.fromstring(injected["junit"].stdout)  # XML 1.0 with no control characters
    for fmt in ("json", "sarif", "gitlab"):
        document = json.loads(injected[fmt].stdout)
        assert document
    paths = {f["path"] for f in json.loads(injected["json"].stdout)["findings"]}
    assert EVIL_NAME in paths  # JSON escapes, and keeps the value itself


def test_markdown_report_escapes_team_names(tmp_path: Path) -> None:
    repo = repository(tmp_path)
    team = "Evil\r\n| x | <img src=x onerror=alert(1)> ![p](https://example.com/p.png) `c`"
    (repo / "evil.yaml").write_text(GOOD.replace("team: Growth", f"team: {json.dumps(team)}"))
    markdown = okrlint(repo, "report", ".", "--format", "md").stdout
    html = okrlint(repo, "report", ".", "--format", "html").stdout
    assert "\r" not in markdown and "<img" not in markdown and "![" not in markdown
    cells = re.compile(r"(?<!\\)\|")  # a cell border: a `|` not escaped
    headers = [line for line in markdown.splitlines() if line.startswith("| Team |")]
    rows = [line for line in markdown.splitlines() if line.startswith("| Evil")]
    assert len(rows) == len(headers) == 2
    for header, row in zip(headers, rows, strict=True):
        assert len(cells.findall(row)) == len(cells.findall(header))
    assert "<img" not in html and "\r" not in html


def test_check_output_file_refuses_a_fifo(tmp_path: Path) -> None:
    repo = repository(tmp_path)
    out = tmp_path / "findings.txt"
    os.mkfifo(out)
    result = okrlint(repo, "check", "--no-cache", "--output-file", str(out), "okrs.yaml")
    assert result.returncode == 2
    assert "regular files only" in result.stderr
    assert stat.S_ISFIFO(os.lstat(out).st_mode)
