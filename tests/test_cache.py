"""The readings cache: warm runs read nothing again, and a bad cache is never trusted."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import sqlite3
import subprocess
import sys
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from okrlint.cache import CACHE_DIR, DATABASE, ReadingsCache
from okrlint.pipeline.understand import read_all
from okrlint.text.pack import RulePack, load_pack
from okrlint.text.reading import KeyResultReading, row_fields

TEXTS = [
    "Raise week-1 activation of new workspaces from 32% to 45%",
    "Launch the redesigned onboarding checklist",
    "Cut median time to first invoice from 40 to 15 minutes",
    "Grow weekly active buyers from 12k to 18k",
]
GOOD = """\
team: Growth
period: 2026-Q1
objectives:
  - title: Make the first week effortless for new teams
    key_results:
      - Raise week-1 onboarding completion of new teams from 32% to 45%
      - Launch the redesigned onboarding checklist
"""


class Counting:
    """read_all, counting the texts it is asked to read."""

    def __init__(self) -> None:
        self.read: list[str] = []

    def __call__(self, texts: Sequence[str], pack: RulePack) -> dict[str, KeyResultReading]:
        self.read.extend(texts)
        return read_all(texts, pack)


@pytest.fixture(scope="module")
def pack() -> RulePack:
    return load_pack()


def test_a_warm_cache_reads_nothing_again_and_gives_the_same_readings(
    tmp_path: Path, pack: RulePack
) -> None:
    cold = Counting()
    first = ReadingsCache(tmp_path, "1.0", cold).read(TEXTS, pack)
    assert sorted(cold.read) == sorted(TEXTS)
    warm = Counting()
    second = ReadingsCache(tmp_path, "1.0", warm).read([*TEXTS, TEXTS[0]], pack)
    assert warm.read == []
    assert second == first == read_all(TEXTS, pack)
    # Only the new text of a changed key result is read.
    third = Counting()
    ReadingsCache(tmp_path, "1.0", third).read([*TEXTS, "Cut churn from 4% to 3%"], pack)
    assert third.read == ["Cut churn from 4% to 3%"]
    assert (tmp_path / CACHE_DIR / ".gitignore").read_text().splitlines()[-1] == "*"


def test_readings_are_keyed_by_version_and_rule_pack(tmp_path: Path, pack: RulePack) -> None:
    ReadingsCache(tmp_path, "1.0", Counting()).read(TEXTS, pack)
    other_version = Counting()
    ReadingsCache(tmp_path, "1.1", other_version).read(TEXTS, pack)
    assert sorted(other_version.read) == sorted(TEXTS)
    other_pack = Counting()
    changed = dataclasses.replace(pack, fingerprint="0123456789abcdef")
    ReadingsCache(tmp_path, "1.0", other_pack).read(TEXTS, changed)
    assert sorted(other_pack.read) == sorted(TEXTS)


def _database(root: Path) -> Path:
    path = root / CACHE_DIR / DATABASE
    assert path.is_file()
    return path


def _update(path: Path, statement: str, *values: object) -> None:
    with contextlib.closing(sqlite3.connect(path)) as database, database:
        database.execute(statement, values)


def _rewrite_first(path: Path, change: object) -> None:
    """Change the first entry's value and give it a matching CRC: only the contents are wrong."""
    with contextlib.closing(sqlite3.connect(path)) as database, database:
        key, value = database.execute("SELECT key, value FROM readings LIMIT 1").fetchone()
        data = json.loads(value)
        assert callable(change)
        change(data)
        body = json.dumps(data)
        database.execute(
            "UPDATE readings SET value = ?, crc = ? WHERE key = ?",
            (body, zlib.crc32(body.encode()), key),
        )


def _set_field(name: str, value: object) -> Callable[[list[object]], None]:
    """A change to one field of a stored row."""

    def change(row: list[object]) -> None:
        row[row_fields().index(name)] = value

    return change


def _as_object(path: Path) -> None:
    """Store the first reading as an object with named fields (format 2), with a valid CRC."""
    with contextlib.closing(sqlite3.connect(path)) as database, database:
        key, value = database.execute("SELECT key, value FROM readings LIMIT 1").fetchone()
        body = json.dumps(dict(zip(row_fields(), json.loads(value), strict=True)))
        database.execute(
            "UPDATE readings SET value = ?, crc = ? WHERE key = ?",
            (body, zlib.crc32(body.encode()), key),
        )


def _set_value(path: Path, body: str) -> None:
    _update(path, "UPDATE readings SET value = ?, crc = ?", body, zlib.crc32(body.encode()))


CORRUPTIONS = {
    "garbage": lambda path: path.write_bytes(os.urandom(300)),
    "empty": lambda path: path.write_bytes(b""),
    "truncated": lambda path: path.write_bytes(path.read_bytes()[: path.stat().st_size // 2]),
    "bad-crc": lambda path: _update(path, "UPDATE readings SET crc = crc + 1"),
    "not-json": lambda path: _set_value(path, "{nope"),
    "foreign-version": lambda path: _update(path, "UPDATE readings SET okrlint = '9.9'"),
    "foreign-pack": lambda path: _update(path, "UPDATE readings SET pack = 'x'"),
    "format-2": lambda path: _update(path, "UPDATE readings SET okrlint = '2:1.0'"),
    "other-fields": lambda path: _update(path, "UPDATE readings SET okrlint = '3:00000000:1.0'"),
    "other-text": lambda path: _rewrite_first(path, _set_field("text", "Other")),
    "wrong-types": lambda path: _rewrite_first(path, _set_field("numbers", 7)),
    "bad-term": lambda path: _rewrite_first(path, _set_field("hits", {"x": ["abcde"]})),
    "extra-field": lambda path: _rewrite_first(path, lambda row: row.append(1)),
    "missing-field": lambda path: _rewrite_first(path, lambda row: row.pop()),
    "not-a-row": _as_object,
    "a-folder": lambda path: (path.unlink(), path.mkdir()),
}


@pytest.mark.parametrize("corruption", sorted(CORRUPTIONS))
def test_a_corrupt_or_foreign_cache_is_ignored_and_rebuilt(
    tmp_path: Path, pack: RulePack, corruption: str
) -> None:
    expected = ReadingsCache(tmp_path, "1.0", Counting()).read(TEXTS, pack)
    CORRUPTIONS[corruption](_database(tmp_path))
    again = Counting()
    assert ReadingsCache(tmp_path, "1.0", again).read(TEXTS, pack) == expected
    # Nothing was taken from a bad entry (only one entry was changed in some cases).
    changed_one = corruption in (
        "other-text",
        "wrong-types",
        "bad-term",
        "extra-field",
        "missing-field",
        "not-a-row",
    )
    assert len(again.read) == 1 if changed_one else sorted(again.read) == sorted(TEXTS)
    if corruption != "a-folder":
        rebuilt = Counting()
        ReadingsCache(tmp_path, "1.0", rebuilt).read(TEXTS, pack)
        assert rebuilt.read == []  # and it was rewritten


def okrlint(cwd: Path, *args: str, importtime: bool = False) -> subprocess.CompletedProcess[str]:
    flags = ["-X", "importtime"] if importtime else []
    return subprocess.run(
        [sys.executable, *flags, "-m", "okrlint", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_COLOR": "1"},
    )


def imported(result: subprocess.CompletedProcess[str]) -> set[str]:
    """Top-level packages a run imported, from `python -X importtime` on stderr."""
    names = set()
    for line in result.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip().split(".")[0])
    return names


def reads_text(result: subprocess.CompletedProcess[str]) -> bool:
    """Whether a run built the reader (imported by `python -X importtime` on stderr)."""
    return any(
        line.startswith("import time:") and line.rstrip().endswith("okrlint.text.reader")
        for line in result.stderr.splitlines()
    )


def test_the_reader_is_built_only_when_a_text_is_not_in_the_cache(tmp_path: Path) -> None:
    (tmp_path / "okrs.yaml").write_text(GOOD)
    cold = okrlint(tmp_path, "check", "okrs.yaml", importtime=True)
    assert cold.returncode in (0, 1), cold.stderr
    assert reads_text(cold)
    assert (tmp_path / CACHE_DIR / ".gitignore").is_file()
    warm = okrlint(tmp_path, "check", "okrs.yaml", importtime=True)
    assert not reads_text(warm)
    assert warm.stdout == cold.stdout
    # A changed number is a changed text: read afresh.
    (tmp_path / "okrs.yaml").write_text(GOOD.replace("45%", "47%"))
    changed = okrlint(tmp_path, "check", "okrs.yaml", importtime=True)
    assert reads_text(changed)


def test_no_cache_neither_reads_nor_writes_the_cache(tmp_path: Path) -> None:
    (tmp_path / "okrs.yaml").write_text(GOOD)
    result = okrlint(tmp_path, "check", "--no-cache", "okrs.yaml")
    assert result.returncode in (0, 1), result.stderr
    assert not (tmp_path / CACHE_DIR).exists()
    cached = okrlint(tmp_path, "check", "okrs.yaml")
    assert cached.stdout == result.stdout
    warm = okrlint(tmp_path, "check", "--no-cache", "okrs.yaml", importtime=True)
    assert reads_text(warm)  # the cache is there, and --no-cache does not use it


def test_the_cache_lives_at_the_config_folder(tmp_path: Path) -> None:
    (tmp_path / ".okrlint.yaml").write_text("fail_on: error\n")
    (tmp_path / "teams" / "growth").mkdir(parents=True)
    (tmp_path / "teams" / "growth" / "okrs.yaml").write_text(GOOD)
    result = okrlint(tmp_path / "teams", "check", "growth")
    assert result.returncode in (0, 1), result.stderr
    assert (tmp_path / CACHE_DIR).is_dir()
    assert not (tmp_path / "teams" / CACHE_DIR).exists()


def test_a_cache_that_cannot_be_written_leaves_the_run_uncached(tmp_path: Path) -> None:
    (tmp_path / "okrs.yaml").write_text(GOOD)
    (tmp_path / CACHE_DIR).write_text("not a folder")
    result = okrlint(tmp_path, "check", "okrs.yaml")
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == okrlint(tmp_path, "check", "--no-cache", "okrs.yaml").stdout


def test_the_command_line_imports_nothing_heavy_before_it_needs_to(tmp_path: Path) -> None:
    heavy = {"spacy", "pydantic", "ruamel", "numpy", "thinc"}
    assert not heavy & imported(okrlint(tmp_path, "--version", importtime=True))
    assert not {"spacy", "numpy", "thinc"} & imported(okrlint(tmp_path, "rules", importtime=True))
