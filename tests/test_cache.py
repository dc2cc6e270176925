"""The readings cache: warm runs read nothing again, and a bad cache is never trusted."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from okrlint.analysis.pack import RulePack, load_pack
from okrlint.analysis.reading import KeyResultReading
from okrlint.analysis.run import read_all
from okrlint.cache import CACHE_DIR, ReadingsCache

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


def _shards(root: Path) -> list[Path]:
    return sorted((root / CACHE_DIR).rglob("*.json"))


def _rewrite(shard: Path, change: object) -> None:
    """Rewrite a shard's body with a valid checksum: only the contents are wrong."""
    data = json.loads(shard.read_bytes().partition(b"\n")[2])
    assert callable(change)
    change(data)
    body = json.dumps(data).encode()
    shard.write_bytes(hashlib.sha256(body).hexdigest().encode() + b"\n" + body)


def _first_entry(data: dict[str, dict[str, list[object]]]) -> list[object]:
    """The first stored reading: a row, in the order of the shard's field names."""
    return next(iter(data["readings"].values()))


def _set_field(data: dict[str, Any], name: str, value: object) -> None:
    _first_entry(data)[data["fields"].index(name)] = value


CORRUPTIONS = {
    "garbage": lambda shard: shard.write_bytes(os.urandom(300)),
    "empty": lambda shard: shard.write_bytes(b""),
    "truncated": lambda shard: shard.write_bytes(shard.read_bytes()[:-40]),
    "bad-checksum": lambda shard: shard.write_bytes(b"0" * 64 + shard.read_bytes()[64:]),
    "not-json": lambda shard: shard.write_bytes(
        hashlib.sha256(b"{nope").hexdigest().encode() + b"\n{nope"
    ),
    "foreign-version": lambda shard: _rewrite(shard, lambda d: d.update(okrlint="9.9")),
    "foreign-pack": lambda shard: _rewrite(shard, lambda d: d.update(pack="x")),
    "foreign-format": lambda shard: _rewrite(shard, lambda d: d.update(format=1)),
    "foreign-fields": lambda shard: _rewrite(shard, lambda d: d["fields"].reverse()),
    "other-text": lambda shard: _rewrite(shard, lambda d: _set_field(d, "text", "Other")),
    "wrong-types": lambda shard: _rewrite(shard, lambda d: _set_field(d, "numbers", 7)),
    "bad-term": lambda shard: _rewrite(shard, lambda d: _set_field(d, "hits", {"x": ["abcde"]})),
    "extra-field": lambda shard: _rewrite(shard, lambda d: _first_entry(d).append(1)),
    "missing-field": lambda shard: _rewrite(shard, lambda d: _first_entry(d).pop()),
    "not-a-row": lambda shard: _rewrite(
        shard, lambda d: d["readings"].update({key: {"text": "x"} for key in d["readings"]})
    ),
    "a-folder": lambda shard: (shard.unlink(), shard.mkdir()),
}


@pytest.mark.parametrize("corruption", sorted(CORRUPTIONS))
def test_a_corrupt_or_foreign_cache_is_ignored_and_rebuilt(
    tmp_path: Path, pack: RulePack, corruption: str
) -> None:
    expected = ReadingsCache(tmp_path, "1.0", Counting()).read(TEXTS, pack)
    for shard in _shards(tmp_path):
        CORRUPTIONS[corruption](shard)
    again = Counting()
    assert ReadingsCache(tmp_path, "1.0", again).read(TEXTS, pack) == expected
    assert sorted(again.read) == sorted(TEXTS)  # nothing was taken from the bad shards
    if corruption != "a-folder":
        rebuilt = Counting()
        ReadingsCache(tmp_path, "1.0", rebuilt).read(TEXTS, pack)
        assert rebuilt.read == []  # and they were rewritten


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


def test_spacy_is_imported_only_when_a_text_is_not_in_the_cache(tmp_path: Path) -> None:
    (tmp_path / "okrs.yaml").write_text(GOOD)
    cold = okrlint(tmp_path, "check", "okrs.yaml", importtime=True)
    assert cold.returncode in (0, 1), cold.stderr
    assert "spacy" in imported(cold)
    assert (tmp_path / CACHE_DIR / ".gitignore").is_file()
    warm = okrlint(tmp_path, "check", "okrs.yaml", importtime=True)
    assert "spacy" not in imported(warm)
    assert warm.stdout == cold.stdout
    # A changed number is a changed text: read afresh, and spaCy is needed again.
    (tmp_path / "okrs.yaml").write_text(GOOD.replace("45%", "47%"))
    changed = okrlint(tmp_path, "check", "okrs.yaml", importtime=True)
    assert "spacy" in imported(changed)


def test_no_cache_neither_reads_nor_writes_the_cache(tmp_path: Path) -> None:
    (tmp_path / "okrs.yaml").write_text(GOOD)
    result = okrlint(tmp_path, "check", "--no-cache", "okrs.yaml")
    assert result.returncode in (0, 1), result.stderr
    assert not (tmp_path / CACHE_DIR).exists()
    cached = okrlint(tmp_path, "check", "okrs.yaml")
    assert cached.stdout == result.stdout
    warm = okrlint(tmp_path, "check", "--no-cache", "okrs.yaml", importtime=True)
    assert "spacy" in imported(warm)  # the cache is there, and --no-cache does not use it


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
