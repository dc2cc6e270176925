"""Hostile input: every file gets a finding or a clear error, never a crash or a hang, and the
other files are still linted. Each case runs the real command in its own process, so that a
crash of the C parser or a hang shows up as a failure instead of taking the test run down."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

from okrlint.pipeline.load import load_text
from samples import GOOD

HEAD = "team: Growth\nperiod: 2026-Q1\n"
# Generous: only a hang takes this long. Speed is measured in bench/, not here.
HANG = 120


def okrlint(cwd: Path, *args: str) -> tuple[int, str, str]:
    result = subprocess.run(
        [sys.executable, "-m", "okrlint", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=HANG,
        check=False,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return result.returncode, result.stdout, result.stderr


def check(tmp_path: Path, *paths: str) -> tuple[int, dict[str, Any]]:
    """Lint the given paths next to a good file, which must still be linted."""
    (tmp_path / "good.yaml").write_text(GOOD)
    code, stdout, stderr = okrlint(tmp_path, "check", "--format", "json", *paths, "good.yaml")
    assert code in (0, 1), stderr
    report = json.loads(stdout)
    assert report["summary"]["okr_sets"] >= 1  # good.yaml was linted
    return code, report


def messages(report: dict[str, Any], path: str) -> list[str]:
    return [f"{f['code']} {f['message']}" for f in report["findings"] if f["path"] == path]


def alias_bomb(levels: int = 9, width: int = 10) -> str:
    """The billion laughs: each level is `width` aliases of the one before."""
    lines = ['lol0: &lol0 ["lol"]']
    for level in range(1, levels + 1):
        aliases = ", ".join([f"*lol{level - 1}"] * width)
        lines.append(f"lol{level}: &lol{level} [{aliases}]")
    return HEAD + "\n".join(lines) + f"\nobjectives: *lol{levels}\n"


def test_billion_laughs_is_refused_with_a_finding_in_bounded_memory(tmp_path: Path) -> None:
    (tmp_path / "bomb.yaml").write_text(alias_bomb())
    _, report = check(tmp_path, "bomb.yaml")
    assert any("alias bombs" in m for m in messages(report, "bomb.yaml"))
    # In-process too: the bomb (10^9 nodes expanded) is refused without being expanded.
    tracemalloc.start()
    source = load_text(alias_bomb())
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert any("alias bombs" in p.message for p in source.problems)
    assert peak < 20 * 1024 * 1024


@pytest.mark.parametrize(
    "body",
    [
        "objectives: " + "[" * 10_000 + "]" * 10_000,
        "objectives: " + "{a: " * 10_000 + "1" + "}" * 10_000,
        "objectives:\n" + "- " * 10_000 + "x",
        "objectives:\n" + "".join(" " * level + f"k{level}:\n" for level in range(1, 2_000)),
        # Past the depth where ruamel's C composer overflows the C stack (a segfault).
        "objectives: " + "[" * 200_000 + "]" * 200_000,
        "objectives: " + "[" * 200_000,
    ],
    ids=["flow-seq-10k", "flow-map-10k", "block-seq-10k", "block-map-2k", "flow-200k", "open-200k"],
)
def test_deep_nesting_is_a_finding_not_a_crash(tmp_path: Path, body: str) -> None:
    (tmp_path / "deep.yaml").write_text(HEAD + body + "\n")
    _, report = check(tmp_path, "deep.yaml")
    found = messages(report, "deep.yaml")
    assert len(found) == 1 and found[0].startswith("STR001"), found
    assert "nesting deeper than 100 levels" in found[0]


def test_a_50_mb_file_is_too_large_and_the_limit_is_configurable(tmp_path: Path) -> None:
    line = "# " + "x" * 98 + "\n"
    (tmp_path / "huge.yaml").write_text(GOOD + line * 500_000)  # 50 MB
    _, report = check(tmp_path, "huge.yaml")
    found = messages(report, "huge.yaml")
    assert len(found) == 1 and "file too large (50.5 MB; the limit is 10.5 MB" in found[0]
    assert "max_file_size" in found[0]
    # The limit comes from the config: 4 KB refuses even a small file.
    (tmp_path / "small.yaml").write_text(GOOD + line * 50)
    (tmp_path / ".okrlint.yaml").write_text("max_file_size: 4096\n")
    _, report = check(tmp_path, "small.yaml")
    assert any("file too large" in m for m in messages(report, "small.yaml"))


def test_unsafe_tags_are_reported_and_never_constructed(tmp_path: Path) -> None:
    marker = tmp_path / "constructed"
    (tmp_path / "tags.yaml").write_text(
        HEAD
        + "owner: !!python/object/apply:os.system ['touch constructed']\n"
        + "x-a: !!python/object:collections.OrderedDict {a: 1}\n"
        + "x-b: !!python/name:os.system ''\n"
        + "x-c: !custom {a: 1}\n"
        + "x-d: !!set {a, b}\n"
        + "objectives:\n  - title: Grow\n    key_results: [Raise activation from 3% to 5%]\n"
    )
    _, report = check(tmp_path, "tags.yaml")
    found = messages(report, "tags.yaml")
    for tag in ("!!python/object/apply:os.system", "!!python/object:", "!!python/name:os.system",
                "!custom", "!!set"):  # fmt: skip
        assert any(tag in m and "not allowed" in m for m in found), (tag, found)
    assert not marker.exists()


def test_duplicate_keys_merge_keys_and_anchors_to_anchors(tmp_path: Path) -> None:
    text = (
        "base: &base {type: committed}\n"
        "kr: &kr Raise activation from 3% to 5%\n"
        "krs: &krs [*kr, Cut churn from 4% to 3%]\n"
        "team: Growth\nperiod: 2026-Q1\nteam: Other\n"
        "objectives:\n"
        "  - <<: *base\n"
        "    title: Grow\n"
        "    key_results: *krs\n"
    )
    source = load_text(text)
    data = source.documents[0].data
    assert data["team"] == "Growth"  # the first value wins, the second is reported
    assert data["objectives"][0]["type"] == "committed"
    assert data["objectives"][0]["key_results"][0] == "Raise activation from 3% to 5%"
    (tmp_path / "dup.yaml").write_text(text)
    _, report = check(tmp_path, "dup.yaml")
    assert any(
        "duplicate key 'team' (first defined on line 4)" in m for m in messages(report, "dup.yaml")
    )


def test_bom_and_crlf_read_like_plain_text(tmp_path: Path) -> None:
    (tmp_path / "plain.yaml").write_text(GOOD)
    (tmp_path / "bom.yaml").write_bytes(b"\xef\xbb\xbf" + GOOD.encode())
    (tmp_path / "crlf.yaml").write_bytes(GOOD.replace("\n", "\r\n").encode())
    (tmp_path / "utf16.yaml").write_bytes(GOOD.encode("utf-16"))
    _, report = check(tmp_path, "plain.yaml", "bom.yaml", "crlf.yaml", "utf16.yaml")
    assert report["summary"]["okr_sets"] == 5
    plain = [(f["line"], f["column"], f["code"]) for f in report["findings"] if
             f["path"] == "plain.yaml"]  # fmt: skip
    for name in ("bom.yaml", "crlf.yaml", "utf16.yaml"):
        assert [(f["line"], f["column"], f["code"]) for f in report["findings"] if
                f["path"] == name] == plain  # fmt: skip


def test_nul_bytes_and_binary_files_are_findings(tmp_path: Path) -> None:
    (tmp_path / "nul.yaml").write_bytes(GOOD.encode().replace(b"Growth", b"Gro\x00wth"))
    (tmp_path / "image.yaml").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (tmp_path / "latin1.yaml").write_bytes(GOOD.replace("Growth", "Gr\xf6wth").encode("latin-1"))
    _, report = check(tmp_path, "nul.yaml", "image.yaml", "latin1.yaml")
    assert messages(report, "nul.yaml") == ["STR001 the file contains a NUL byte; is it binary?"]
    assert [f["line"] for f in report["findings"] if f["path"] == "nul.yaml"] == [1]
    assert any("not UTF-8" in m for m in messages(report, "image.yaml"))
    assert any("byte 0xf6" in m for m in messages(report, "latin1.yaml"))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="this platform has no FIFOs")
def test_a_fifo_is_a_finding_not_a_hang(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.yaml")
    # Named on the command line, and found in a folder.
    _, report = check(tmp_path, "pipe.yaml")
    assert any("not a regular file" in m for m in messages(report, "pipe.yaml"))
    _, report = check(tmp_path, ".")
    assert any("not a regular file" in m for m in messages(report, "pipe.yaml"))


def test_symlink_loops_in_the_tree_end(tmp_path: Path) -> None:
    (tmp_path / "team").mkdir()
    (tmp_path / "team" / "okrs.yaml").write_text(GOOD)
    (tmp_path / "team" / "loop").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "a.yaml").symlink_to(tmp_path / "b.yaml")
    (tmp_path / "b.yaml").symlink_to(tmp_path / "a.yaml")
    _, report = check(tmp_path, ".")
    assert report["summary"]["okr_sets"] == 2  # team/okrs.yaml and good.yaml, each once
    assert any("symbolic links" in m for m in messages(report, "a.yaml"))


def test_unreadable_paths_are_findings(tmp_path: Path) -> None:
    (tmp_path / "dangling.yaml").symlink_to(tmp_path / "nowhere.yaml")
    (tmp_path / "folder.yaml").mkdir()  # a folder is searched, not read
    (tmp_path / "folder.yaml" / "inside.yaml").write_text(GOOD)
    _, report = check(tmp_path, ".")
    assert any("cannot read the file" in m for m in messages(report, "dangling.yaml"))
    assert report["summary"]["okr_sets"] == 2


def test_a_file_without_read_permission_is_a_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """chmod 000 stops everyone but root; as root, the lint runs in a child that became `nobody`.

    The child is forked from this process (everything okrlint needs is already imported), so
    `nobody` needs to reach only the folder being linted, not the interpreter.
    """
    from okrlint.pipeline.run import lint_paths

    folder = tmp_path / "shared"
    folder.mkdir()
    (folder / "good.yaml").write_text(GOOD)
    secret = folder / "secret.yaml"
    secret.write_text(GOOD)
    monkeypatch.chdir(folder)
    lint_paths([folder])  # import everything the run needs before privileges are dropped
    secret.chmod(0)
    for parent in [folder, *folder.parents] if os.geteuid() == 0 else []:
        parent.chmod(parent.stat().st_mode | 0o005)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: drop root if we have it, lint, send the findings back
        try:
            if os.geteuid() == 0:
                os.setgid(65534)
                os.setuid(65534)
            report = lint_paths([folder])
            rows = [[f.path, f.code, f.message] for f in report.findings]
            os.write(write_end, json.dumps([rows, report.counts.okr_sets]).encode())
        finally:
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        rows, okr_sets = json.loads(pipe.read())
    os.waitpid(pid, 0)
    assert [row for row in rows if row[0] == "secret.yaml"] == [
        ["secret.yaml", "STR001", "cannot read the file: Permission denied"]
    ]
    assert okr_sets == 1


def test_a_file_deleted_between_discovery_and_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from okrlint.pipeline import run as engine
    from okrlint.pipeline.discover import Discovery

    (tmp_path / "gone.yaml").write_text(GOOD)
    (tmp_path / "good.yaml").write_text(GOOD)
    real_discover = engine.discover

    def discover_then_delete(paths: list[Path]) -> Discovery:
        found = real_discover(paths)
        (tmp_path / "gone.yaml").unlink()  # another process removes it right after the walk
        return found

    monkeypatch.setattr(engine, "discover", discover_then_delete)
    monkeypatch.chdir(tmp_path)
    report = engine.lint_paths([tmp_path])
    gone = [f for f in report.findings if f.path == "gone.yaml"]
    assert [(f.code, f.message) for f in gone] == [
        ("STR001", "cannot read the file: No such file or directory")
    ]
    assert report.counts.okr_sets == 1


HOSTILE_CONFIGS: dict[str, bytes | None] = {
    "alias-bomb": alias_bomb().replace(HEAD, "").replace("objectives:", "ignore:").encode(),
    "deep": ("ignore: " + "[" * 100_000 + "]" * 100_000 + "\n").encode(),
    "unsafe-tag": b"ignore: !!python/object/apply:os.system ['touch constructed']\n",
    "duplicate": b"ignore: [FOC001]\nignore: [FOC002]\n",
    "nul": b"ignore: [FOC\x00001]\n",
    "binary": b"\x89PNG\r\n\x1a\n" + bytes(range(256)),
    "huge": b"# " + b"x" * (2 * 1024 * 1024) + b"\n",
    "not-a-mapping": b"- ignore\n",
    "fifo": None,
    "folder": None,
    "dangling": None,
}


@pytest.mark.parametrize("case", sorted(HOSTILE_CONFIGS))
def test_a_hostile_config_is_exit_2_with_a_clear_message(tmp_path: Path, case: str) -> None:
    (tmp_path / "good.yaml").write_text(GOOD)
    config = tmp_path / ".okrlint.yaml"
    content = HOSTILE_CONFIGS[case]
    if content is not None:
        config.write_bytes(content)
    elif case == "fifo":
        os.mkfifo(config)
    elif case == "folder":
        config.mkdir()
        config = tmp_path / "conf.yaml"
        config.mkdir()
    else:
        config.symlink_to(tmp_path / "missing.yaml")
    for args in (["good.yaml"], ["--config", config.name, "good.yaml"]):
        code, stdout, stderr = okrlint(tmp_path, "check", *args)
        if case == "folder" and "--config" not in args:
            assert code == 0, stderr  # a folder named like a config is not a config
            continue
        assert code == 2, (args, stdout, stderr)
        assert stderr.startswith(f"okrlint: error: {config}") or stderr.startswith(
            f"okrlint: error: {config.name}"
        ), stderr
        assert len(stderr.splitlines()) <= 3, stderr
    assert not (tmp_path / "constructed").exists()


def test_a_file_name_that_is_not_utf8_is_reported_in_every_format(tmp_path: Path) -> None:
    # A file name with a Latin-1 byte (as an old checkout can hold) becomes a lone surrogate in
    # Python; every format, fingerprints included, must still render it.
    name = os.fsdecode(b"ventes-\xe9t\xe9.yaml")
    (tmp_path / name).write_text(
        HEAD + "objectives:\n  - title: Grow\n    key_results: [Launch the new site]\n"
    )
    for output_format in ("rich", "concise", "json", "sarif", "github", "gitlab", "junit"):
        code, stdout, stderr = okrlint(tmp_path, "check", "--format", output_format, ".")
        assert code == 0, (output_format, stderr)  # warnings only: the gate passes
        assert "OUT001" in stdout, (output_format, stdout)
        if output_format in ("json", "sarif", "gitlab"):
            json.loads(stdout)
