"""The pre-commit hook, run by the real pre-commit in a throwaway git repository."""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tools import checkout_snapshot, clean_env, daemons_of, git, pre_commit_home, run, stop_daemons

GOOD = """\
team: Growth
period: 2026-Q1
objectives:
  - title: Make the first week with the product effortless for new teams
    key_results:
      - Raise week-1 onboarding completion of new teams from 32% to 45%
      - Cut median time to first dashboard from 42 to 15 minutes
"""
BAD = GOOD.replace(
    "      - Cut median", "      - title: Cut median\n        taget: 15\n      - Cut"
)
NOT_OKR = "services:\n  web:\n    image: nginx:1.27\n"


# The shipped hook starts a daemon (`--daemon`): the commits of these tests start theirs in a
# socket folder of their own, and every daemon started there is stopped when the tests end.
DAEMONS = Path(tempfile.mkdtemp(prefix="okd-")) / "d"  # short: a socket path has a limit


def hook_env(**env: str) -> dict[str, str]:
    return clean_env(
        **{"PRE_COMMIT_HOME": str(pre_commit_home()), "OKRLINT_DAEMON_DIR": str(DAEMONS), **env}
    )


def pre_commit(repo: Path, *args: str, **env: str) -> tuple[int, str]:
    result = run(
        [str(Path(sys.executable).parent / "pre-commit"), *args], cwd=repo, env=hook_env(**env)
    )
    return result.returncode, result.stdout + result.stderr


@pytest.fixture(scope="module", autouse=True)
def no_daemon_left_behind() -> Iterator[None]:
    yield
    stop_daemons(DAEMONS)
    shutil.rmtree(DAEMONS.parent, ignore_errors=True)


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    hook_repo, revision = checkout_snapshot()
    repo = tmp_path_factory.mktemp("okr-repo")
    git(repo, "init", "-q")
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hook_repo}\n    rev: {revision}\n    hooks:\n      - id: okrlint\n"
    )
    git(repo, "add", ".pre-commit-config.yaml")
    git(repo, "commit", "-q", "-m", "pre-commit config")
    status, output = pre_commit(repo, "install")
    assert status == 0, output
    # Build the hook's environment once for the whole module.
    status, output = pre_commit(repo, "install-hooks")
    assert status == 0, output
    return repo


def commit(repo: Path, files: dict[str, str], **env: str) -> tuple[int, str]:
    for name, text in files.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text)
        git(repo, "add", name)
    result = run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@okrlint.invalid", "commit", "-m", "okrs"],
        cwd=repo,
        env=hook_env(**env),
    )
    return result.returncode, result.stdout + result.stderr


def test_a_bad_okr_file_fails_the_commit_with_the_finding_shown(repo: Path) -> None:
    status, output = commit(repo, {"okrs/growth.yaml": BAD, "okrs/sales.yaml": GOOD})
    assert status != 0
    assert "okrlint" in output and "Failed" in output
    assert "okrs/growth.yaml:8:9: STR002 [error] unknown key 'taget'" in output
    assert "okrs/sales.yaml" not in output
    # Fixed, the same commit goes through.
    status, output = commit(repo, {"okrs/growth.yaml": GOOD})
    assert status == 0, output
    assert re.search(r"okrlint\.+Passed", output)


def test_warnings_are_shown_when_the_commit_passes(repo: Path) -> None:
    # One key result is a warning (FOC003): below `fail_on`, so the commit goes through, and
    # the hook shows it, although pre-commit hides what passing hooks print by default.
    thin = GOOD.replace("      - Cut median time to first dashboard from 42 to 15 minutes\n", "")
    status, output = commit(repo, {"okrs/thin.yaml": thin})
    assert status == 0, output
    assert re.search(r"okrlint\.+Passed", output)
    assert "okrs/thin.yaml:4:5: FOC003 [warning]" in output


def test_staged_yaml_that_is_not_okr_is_skipped_not_flagged(repo: Path) -> None:
    status, output = commit(repo, {"docker-compose.yaml": NOT_OKR, ".gitlab-ci.yml": "x: [1]\n"})
    assert status == 0, output
    assert re.search(r"okrlint\.+Passed", output)
    _, verbose = pre_commit(repo, "run", "--verbose", "--files", "docker-compose.yaml")
    assert "No findings in 0 OKR files (1 other YAML skipped)." in verbose


def test_the_hook_is_a_single_process_for_many_files(repo: Path) -> None:
    for number in range(40):
        (repo / "okrs" / f"team{number:02}.yaml").write_text(GOOD.replace("Growth", f"T{number}"))
    git(repo, "add", "okrs")
    # Every Python process prints its imports; okrlint's engine must be imported exactly once,
    # which keeps okrlint's start-up to one per commit. In its own process: a daemon answering
    # would import nothing here.
    status, output = pre_commit(
        repo,
        "run",
        "--verbose",
        "--all-files",
        PYTHONPROFILEIMPORTTIME="1",
        OKRLINT_NO_DAEMON="1",
    )
    shown = "\n".join(line for line in output.splitlines() if "import time:" not in line)
    assert status == 0, shown
    # The pre-commit config, the compose file and the GitLab CI file are YAML but not OKRs.
    assert "in 43 OKR files (3 other YAML skipped)." in shown  # 42 and thin.yaml
    imports = re.findall(r"\|\s+okrlint\.pipeline\.run$", output, flags=re.MULTILINE)
    assert len(imports) == 1


def test_the_first_commit_starts_a_daemon_and_later_commits_are_answered_by_it(
    repo: Path,
) -> None:
    # The shipped hook, as configured: `- id: okrlint` and nothing more.
    folder = Path(tempfile.mkdtemp(prefix="okd-")) / "d"
    # pre-commit's own environment for the hook: the daemon serves that okrlint.
    (okrlint,) = pre_commit_home().glob("repo*/py_env-*/bin/okrlint")
    env = {"OKRLINT_DAEMON_DIR": str(folder)}

    def daemon(action: str) -> str:
        return run([str(okrlint), "daemon", action], cwd=repo, env=clean_env(**env)).stdout

    try:
        thin = GOOD.replace("Growth", "Daemon")
        thin = thin.replace(
            "      - Cut median time to first dashboard from 42 to 15 minutes\n", ""
        )
        status, first = commit(repo, {"okrs/d1.yaml": thin}, **env)
        assert status == 0, first
        assert "okrs/d1.yaml:4:5: FOC003 [warning]" in first
        assert len(daemons_of(folder)) == 1
        deadline = time.monotonic() + 60
        while "running" not in daemon("status"):
            assert time.monotonic() < deadline, "no daemon came up"
            time.sleep(0.2)
        assert "0 checks served" in daemon("status")
        status, second = commit(repo, {"okrs/d2.yaml": thin.replace("Daemon", "Daemon 2")}, **env)
        assert status == 0, second
        assert "okrs/d2.yaml:4:5: FOC003 [warning]" in second
        assert "1 check served" in daemon("status")
    finally:
        stop_daemons(folder)
        shutil.rmtree(folder.parent, ignore_errors=True)


@pytest.mark.parametrize("turned_off", [{"CI": "true"}, {"OKRLINT_NO_DAEMON": "1"}])
def test_no_daemon_is_started_in_ci_or_when_turned_off(
    repo: Path, turned_off: dict[str, str]
) -> None:
    folder = Path(tempfile.mkdtemp(prefix="okd-")) / "d"
    try:
        name = f"okrs/off-{next(iter(turned_off)).lower()}.yaml"
        status, output = commit(
            repo,
            {name: GOOD.replace("Growth", "Off")},
            OKRLINT_DAEMON_DIR=str(folder),
            **turned_off,
        )
        assert status == 0, output
        assert "in 1 OKR file" in output, output  # the hook ran
        # A daemon a check starts exists as a process before the check exits.
        assert daemons_of(folder) == []
        assert not folder.exists()
    finally:
        stop_daemons(folder)
        shutil.rmtree(folder.parent, ignore_errors=True)
