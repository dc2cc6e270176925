"""Input built to break okrlint: each case is a finding or a clear error naming where, never a
traceback, never an exit status that hides the run, never a hang. Each runs the real command in
its own process."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from samples import GOOD
from test_plugins import RULE_HEAD, fake_distribution

HANG = 120


def okrlint(
    cwd: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "okrlint", *args],
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
    )
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return result


def project(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    (root / ".git").mkdir()
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


def concise(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return okrlint(root, "check", "--no-cache", "--format", "concise", *args)


HUGE = "9" * 311


def test_a_311_digit_number_is_a_finding_not_a_crash(tmp_path: Path) -> None:
    text = f"""\
team: Growth
period: 2026-Q1
objectives:
  - title: Make the first week effortless for new teams
    confidence: {HUGE}
    key_results:
      - title: Raise week-1 activation of new teams from 30% to 45%
        target: {HUGE}
        checkins:
          - date: 2026-01-10
            value: {HUGE}
"""
    result = concise(project(tmp_path, {"okrs.yaml": text}), ".")
    assert result.returncode == 1, result.stderr
    assert "okrs.yaml:" in result.stdout and "failed" not in result.stdout


@pytest.mark.parametrize("period", ["9999-Q4", "9999-H2", "0000-Q1"])
def test_periods_at_the_edge_of_the_calendar(tmp_path: Path, period: str) -> None:
    result = concise(project(tmp_path, {"okrs.yaml": GOOD.replace("2026-Q1", period)}), ".")
    assert result.returncode in (0, 1), result.stderr
    assert "failed" not in result.stdout
    assert all(line.startswith("okrs.yaml:") for line in result.stdout.splitlines()[:-1])


def test_recursive_aliases_are_a_finding(tmp_path: Path) -> None:
    text = GOOD + "x-loop: &a [*a]\n"
    looped = "team: Growth\nperiod: 2026-Q1\nobjectives: &o\n  - title: x\n    key_results: *o\n"
    root = project(tmp_path, {"a.yaml": text, "b.yaml": looped, "good.yaml": GOOD})
    result = concise(root, ".")
    assert result.returncode in (1, 2), result.stderr
    assert "failed" not in result.stdout
    assert "a.yaml:" in result.stdout and "b.yaml:" in result.stdout


def test_a_file_name_that_is_not_utf8_in_every_format(tmp_path: Path) -> None:
    root = project(tmp_path, {})
    name = b"caf\xe9.yaml".decode("utf-8", "surrogateescape")
    (root / name).write_text(GOOD.replace("key_results:", "key_results:\n      - taget: 1"))
    for fmt in ("concise", "rich", "github", "json", "sarif", "junit"):
        result = okrlint(
            root,
            "check",
            "--no-cache",
            "--format",
            fmt,
            ".",
            env={"PYTHONIOENCODING": "utf-8:strict"},
        )
        assert result.returncode == 1, (fmt, result.stderr)
        # Shown as the byte it is (JSON: the escaped surrogate; SARIF: the URI of the file).
        shown = {"json": "caf\\udce9.yaml", "sarif": "caf%E9.yaml"}.get(fmt, "caf\\xe9.yaml")
        assert shown in result.stdout, fmt
    sarif = json.loads(okrlint(root, "check", "--no-cache", "--format", "sarif", ".").stdout)
    assert sarif["runs"][0]["results"]


def config_error(tmp_path: Path, config: str, files: dict[str, str] | None = None) -> str:
    root = project(tmp_path, {".okrlint.yaml": config, "okrs.yaml": GOOD, **(files or {})})
    result = concise(root, ".")
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr.startswith("okrlint: error: "), result.stderr
    return result.stderr


def test_extends_with_a_nul_byte(tmp_path: Path) -> None:
    assert "extends: 'a\\x00b' is not a path" in config_error(tmp_path, 'extends: "a\\0b"\n')


def test_a_long_extends_chain(tmp_path: Path) -> None:
    chain = {f"c{n}.yaml": f"extends: c{n + 1}.yaml\n" for n in range(450)}
    chain["c450.yaml"] = "fail_on: warning\n"
    assert "a chain of more than 32 config files" in config_error(
        tmp_path, "extends: c0.yaml\n", chain
    )


def test_extends_outside_the_repository_is_refused_unread(tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("root:x:0:0:secret\n")
    message = config_error(tmp_path, f"extends: {secret}\n")
    assert "is outside the repository" in message
    assert "root:x" not in message


def test_a_config_linked_out_of_the_repository_is_refused_unread(tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("root:x:0:0:secret\n")
    root = project(tmp_path, {"okrs.yaml": GOOD})
    (root / ".okrlint.yaml").symlink_to(secret)
    result = concise(root, ".")
    assert result.returncode == 2
    assert "a link to a file outside the repository" in result.stderr
    assert "root:x" not in result.stderr


def test_huge_grace_days(tmp_path: Path) -> None:
    message = config_error(tmp_path, "rules:\n  CUL004:\n    grace_days: 999999999\n")
    assert "grace_days" in message


def test_deep_arrays_in_a_pyproject_above(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("x = " + "[" * 500 + "]" * 500 + "\n")
    root = project(tmp_path, {"okrs.yaml": GOOD})
    result = concise(root, ".")
    assert result.returncode == 0, result.stderr
    (tmp_path / "pyproject.toml").write_text("[tool.okrlint]\nx = " + "[" * 500 + "]" * 500 + "\n")
    (root / ".git").rmdir()
    result = concise(root, ".")
    assert result.returncode == 2 and "nested too deeply" in result.stderr


def test_a_pyproject_that_is_not_utf8_is_not_silently_ignored(tmp_path: Path) -> None:
    root = project(tmp_path, {"okrs.yaml": GOOD})
    (root / "pyproject.toml").write_bytes(b'[tool.okrlint]\nfail_on = "warning" # caf\xe9\n')
    result = concise(root, ".")
    assert result.returncode == 2
    assert "pyproject.toml: cannot read the config: not UTF-8" in result.stderr


def pack(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / "pack" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "pack" / name).write_text(text)


RULE = "rules:\n  - {code: ACME001, name: acme, kind: length, max: 5, message: %s}\n"


@pytest.mark.parametrize(
    "message", ["'{count:>999999999}'", "'{term.__class__.__mro__}'", "'{count!r}'"]
)
def test_pack_message_formats_are_restricted(tmp_path: Path, message: str) -> None:
    root = project(tmp_path, {".okrlint.yaml": "rule_packs: [pack]\n", "okrs.yaml": GOOD})
    pack(root, {"rules.yaml": RULE % message})
    result = concise(root, ".")
    assert result.returncode == 2
    assert "the message may only use {term}, {count}, {min}, {max}" in result.stderr


@pytest.mark.parametrize("special", ["fifo", "/dev/zero", "big"])
def test_special_files_among_pack_lexicons(tmp_path: Path, special: str) -> None:
    root = project(tmp_path, {".okrlint.yaml": "rule_packs: [pack]\n", "okrs.yaml": GOOD})
    pack(root, {"pack.yaml": "name: acme\n"})
    lexicon = root / "pack" / "lexicons" / "words.yaml"
    lexicon.parent.mkdir()
    if special == "fifo":
        os.mkfifo(lexicon)
    elif special == "big":
        lexicon.write_text("terms:\n" + "  - word\n" * 1_000_000)
    else:
        lexicon.symlink_to(special)
    result = concise(root, ".")
    assert result.returncode == 2
    assert "words.yaml" in result.stderr


@pytest.mark.parametrize(
    "token", ["{TEXT: {REGEX: '(a+)+$'}}", "{LOWER: {FUZZY: x}}", "{OP: '{99999999}'}"]
)
def test_pack_patterns_that_could_hang_or_crash(tmp_path: Path, token: str) -> None:
    root = project(tmp_path, {".okrlint.yaml": "rule_packs: [pack]\n", "okrs.yaml": GOOD})
    pack(root, {"patterns.yaml": f"patterns:\n  evil:\n    - [{token}]\n"})
    result = concise(root, ".")
    assert result.returncode == 2
    assert "patterns.evil" in result.stderr


def plugin(tmp_path: Path, body: str) -> Path:
    head = RULE_HEAD.format(code="BAD001")
    crash = (
        '            yield item.violation("first")\n            raise ZeroDivisionError("boom")\n'
    )
    assert crash in head  # the body below really replaces the rule's own crash
    code = head.replace(crash, textwrap.indent(body, "    "))
    return fake_distribution(tmp_path / "site", "okrlint-bad", "1.2.3", "okrlint_bad", code)


@pytest.mark.parametrize(
    "body",
    [
        "        raise SystemExit(0)\n",
        "        yield 'not a violation'\n",
        "        yield None\n",
    ],
)
def test_a_misbehaving_plugin_is_named_and_fails_the_run(tmp_path: Path, body: str) -> None:
    plugins = plugin(tmp_path, body)
    root = project(tmp_path, {"okrs.yaml": GOOD})
    result = okrlint(root, "check", "--no-cache", "okrs.yaml", env={"PYTHONPATH": str(plugins)})
    assert result.returncode == 2, result.stdout + result.stderr
    assert "BAD001 (plugin:okrlint-bad 1.2.3) failed" in result.stderr


def test_a_hanging_plugin_is_stopped_and_named(tmp_path: Path) -> None:
    plugins = plugin(tmp_path, "        while True:\n            pass\n        yield None\n")
    root = project(tmp_path, {"okrs.yaml": GOOD})
    result = okrlint(
        root,
        "check",
        "--no-cache",
        "okrs.yaml",
        env={"PYTHONPATH": str(plugins), "OKRLINT_PLUGIN_TIMEOUT": "1"},
    )
    assert result.returncode == 2, result.stdout + result.stderr
    assert "BAD001 (plugin:okrlint-bad 1.2.3) failed" in result.stderr
    assert "ran longer than 1 s" in result.stderr


def test_a_plugin_exiting_at_import_is_named(tmp_path: Path) -> None:
    plugins = fake_distribution(
        tmp_path / "site", "okrlint-quit", "0.1.0", "okrlint_quit", "raise SystemExit(0)\n"
    )
    root = project(tmp_path, {"okrs.yaml": GOOD})
    result = okrlint(root, "check", "--no-cache", "okrs.yaml", env={"PYTHONPATH": str(plugins)})
    assert result.returncode == 2
    assert "okrlint-quit 0.1.0" in result.stderr


def test_select_nothing_is_an_error(tmp_path: Path) -> None:
    root = project(tmp_path, {"okrs.yaml": GOOD})
    result = concise(root, "--select", "", ".")
    assert result.returncode == 2
    assert "--select" in result.stderr


def test_init_does_not_write_through_a_dangling_link(tmp_path: Path) -> None:
    root = tmp_path / "new"
    root.mkdir()
    (root / ".okrlint.yaml").symlink_to(tmp_path / "elsewhere.yaml")
    result = okrlint(root, "init", ".")
    assert result.returncode == 2
    assert not (tmp_path / "elsewhere.yaml").exists()


def test_one_file_under_several_names_is_linted_once(tmp_path: Path) -> None:
    root = project(tmp_path, {"a.yaml": GOOD.replace("key_results:", "key_results:\n      - x")})
    (root / "sub").mkdir()
    (root / "link.yaml").symlink_to(root / "a.yaml")
    result = concise(root, "a.yaml", "sub/../a.yaml", str(root / "a.yaml"), "link.yaml")
    paths = {line.split(":")[0] for line in result.stdout.splitlines()[:-1]}
    assert len(paths) == 1, result.stdout
    assert "in 1 OKR file" in result.stdout


def test_a_yaml_linked_to_a_special_or_outside_file_is_not_shown(tmp_path: Path) -> None:
    root = project(tmp_path, {"okrs.yaml": GOOD})
    (root / "environ.yaml").symlink_to("/proc/self/environ")
    result = okrlint(
        root, "check", "--no-cache", "--format", "rich", ".", env={"SECRET": "hunter2"}
    )
    assert "hunter2" not in result.stdout + result.stderr
    assert "environ.yaml" in result.stdout + result.stderr


def test_workers_die_with_the_main_process(tmp_path: Path) -> None:
    root = project(tmp_path, {f"okrs{n}.yaml": GOOD for n in range(400)})
    main = subprocess.Popen(
        [sys.executable, "-m", "okrlint", "check", "--no-cache", "--jobs", "2", "."],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    workers: set[int] = set()
    deadline = time.monotonic() + HANG
    while not workers and main.poll() is None and time.monotonic() < deadline:
        workers = _children(main.pid)
        time.sleep(0.05)
    assert workers, "the run never started workers"
    main.send_signal(signal.SIGKILL)
    main.wait()
    deadline = time.monotonic() + 30
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in workers)


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_fix_keeps_the_ids_of_the_key_results_after_a_moved_one(tmp_path: Path) -> None:
    text = (
        GOOD.replace(
            "    key_results:\n",
            "    key_results:\n      - Launch the referral program\n",
        )
        + "      - title: Halve the time to a first dashboard from 30 to 15 minutes\n"
    )
    root = project(tmp_path, {"okrs.yaml": text})
    before = json.loads(okrlint(root, "check", "--no-cache", "--format", "json", ".").stdout)
    assert any(f["code"] == "OUT001" and f["object"] == "O1/KR1" for f in before["findings"])
    okrlint(root, "check", "--no-cache", "--fix", ".")
    fixed = (root / "okrs.yaml").read_text()
    assert "initiatives:\n      - Launch the referral program" in fixed
    # KR2, KR3 and KR4 keep their names, written out; no id is used twice.
    assert "{id: KR2, title: Raise week-1 onboarding completion" in fixed
    assert "{id: KR3, title: Cut the share" in fixed
    assert "- id: KR4\n        title: Halve the time" in fixed
    after = json.loads(okrlint(root, "check", "--no-cache", "--format", "json", ".").stdout)
    assert not [f for f in after["findings"] if f["code"].startswith("STR")]


def test_an_alignment_circle_is_reported_per_link_in_a_few_names(tmp_path: Path) -> None:
    teams = 40
    files = {
        f"team{n}.yaml": (
            f"team: team{n}\nperiod: 2026-Q1\nobjectives:\n"
            f"  - id: O1\n    title: Make the first week effortless for new teams\n"
            f"    aligns_to: team{(n + 1) % teams}/2026-Q1#O1\n"
            "    key_results:\n      - Raise week-1 activation of new teams from 30% to 45%\n"
        )
        for n in range(teams)
    }
    result = concise(project(tmp_path, files), "--select", "ALN", ".")
    circles = [line for line in result.stdout.splitlines() if "round in a circle" in line]
    assert len(circles) == teams  # every link, once
    assert all("(40 objectives in all)" in line and len(line) < 600 for line in circles)


def test_many_suppressions_give_the_same_findings_as_few(tmp_path: Path) -> None:
    lines = ["team: Growth", "period: 2026-Q1", "objectives:"]
    for o in range(300):
        lines += [f"  - title: Objective {o} makes the first week effortless", "    key_results:"]
        for k in range(3):
            lines += [
                "      # okrlint: disable=MEA001 -- counted elsewhere",
                "      # okrlint: disable=MEA001,OUT001 -- twice on purpose",
                f"      - Launch thing {o}-{k}",
            ]
    result = concise(project(tmp_path, {"okrs.yaml": "\n".join(lines) + "\n"}), ".")
    codes = {line.split()[1] for line in result.stdout.splitlines()[:-1]}
    assert "MEA001" not in codes and "OUT001" not in codes
    assert result.returncode in (0, 1), result.stderr


def test_a_folder_linked_out_of_the_repository_is_not_read(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "secret.yaml").write_text("password: hunter2\n")
    root = project(tmp_path, {"okrs.yaml": GOOD})
    (root / "linked").symlink_to(elsewhere)
    result = okrlint(root, "check", "--no-cache", "--format", "rich", ".")
    assert "hunter2" not in result.stdout + result.stderr
    assert "a link to a file outside the repository" in result.stdout
