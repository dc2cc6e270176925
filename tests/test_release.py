"""Every set-up okrlint documents or writes names what exists: until a release is published, a
commit of the repository with this version; after, the tag `v<version>`. The snippets are run as
a user would run them, as far as this machine allows: real pre-commit with the README's config
(the repository URL replaced by this clone), the GitLab job's script (its install built from
the pinned commit's archive, as GitHub serves it), the release workflow's tag check."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from ruamel.yaml import YAML
from typer.testing import CliRunner

from okrlint import __version__
from okrlint.cli import app
from okrlint.release import RELEASED, REPOSITORY, SOURCE_COMMIT, pip_requirement, ref
from samples import GOOD
from samples import ONLY_TYPO as TYPO
from tools import ROOT, clean_env, git, pre_commit_home, run

README = (ROOT / "README.md").read_text(encoding="utf-8")
TAG = f"v{__version__}"
SHA = re.compile(r"\b[0-9a-f]{40}\b")
THIN = GOOD.replace(
    "      - Cut the share of new teams that cancel in week 2 from 18% to 12%\n", ""
)


def readme_block(heading: str, language: str) -> str:
    section = README.split("\n" + heading + "\n", 1)[1]
    match = re.match(rf".*?```{language}\n(.*?)```", section, flags=re.DOTALL)
    assert match, f"no {language} block under {heading}"
    return match.group(1)


def load(text: str) -> object:
    return YAML(typ="safe").load(text)


def init_files(tmp_path: Path) -> dict[str, str]:
    result = CliRunner().invoke(app, ["init", str(tmp_path)])
    assert result.exit_code == 0, result.output
    return {
        name: (tmp_path / name).read_text()
        for name in (".pre-commit-config.yaml", ".github/workflows/okrlint.yml")
    }


def named_versions(text: str) -> list[str]:
    """Every okrlint version a text names: tags, `okrlint==`, pins of the repository."""
    found = re.findall(r"\bv(\d+\.\d+\.\d+)\b", text)
    found += re.findall(r"okrlint==(\d+\.\d+\.\d+)", text)
    return found


def test_every_set_up_names_this_version_and_one_ref(tmp_path: Path) -> None:
    assert tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"] == (
        __version__
    )
    texts = {
        "README.md": README,
        "action.yml": (ROOT / "action.yml").read_text(),
        ".pre-commit-hooks.yaml": (ROOT / ".pre-commit-hooks.yaml").read_text(),
        **{f"init: {name}": text for name, text in init_files(tmp_path).items()},
    }
    for name, text in texts.items():
        assert set(named_versions(text)) <= {__version__}, name
        # A commit named anywhere is the pinned one (none at all once released).
        assert set(SHA.findall(text)) <= (set() if RELEASED else {SOURCE_COMMIT}), name
    # The README's snippets pin the ref; the action and the hook install what they are part of.
    pre_commit = load(readme_block("### pre-commit", "yaml"))
    assert pre_commit["repos"][0] == {
        "repo": REPOSITORY,
        "rev": ref(),
        "hooks": [{"id": "okrlint"}],
    }  # type: ignore[index]
    workflow = load(readme_block("### GitHub Actions", "yaml"))
    uses = [s["uses"] for s in workflow["jobs"]["okrlint"]["steps"]]  # type: ignore[index]
    assert f"okrlint/okrlint@{ref()}" in uses
    gitlab = load(readme_block("### GitLab CI", "yaml"))
    install = gitlab["okrlint"]["script"][0]  # type: ignore[index]
    expected = pip_requirement().split(" @ ")[-1]
    assert install == f"pip install {expected}"
    manifest = load(texts[".pre-commit-hooks.yaml"])
    assert manifest[0]["language"] == "python" and "additional_dependencies" not in manifest[0]  # type: ignore[index]
    assert "$GITHUB_ACTION_PATH" in texts["action.yml"]


def test_the_pinned_commit_is_in_the_history_with_this_version() -> None:
    if RELEASED:
        tag = os.environ.get("OKRLINT_RELEASE_TAG")
        assert tag in (None, TAG)
        return
    # Until a release, the release workflow must not publish: its test run fails here.
    assert os.environ.get("OKRLINT_RELEASE_TAG") is None, "set RELEASED = True to release"
    git(ROOT, "merge-base", "--is-ancestor", SOURCE_COMMIT, "HEAD")
    pyproject = git(ROOT, "show", f"{SOURCE_COMMIT}:pyproject.toml")
    assert tomllib.loads(pyproject)["project"]["version"] == __version__
    # What users of the pin get: a hook manifest and an action with the documented inputs.
    hooks = load(git(ROOT, "show", f"{SOURCE_COMMIT}:.pre-commit-hooks.yaml"))
    assert [hook["id"] for hook in hooks] == ["okrlint"]  # type: ignore[union-attr]
    action = load(git(ROOT, "show", f"{SOURCE_COMMIT}:action.yml"))
    workflow = load(readme_block("### GitHub Actions", "yaml"))
    [step] = [
        s for s in workflow["jobs"]["okrlint"]["steps"] if "okrlint/okrlint@" in s.get("uses", "")
    ]  # type: ignore[index]
    assert set(step["with"]) <= set(action["inputs"])  # type: ignore[index]


def test_the_readme_pre_commit_config_works_as_written(tmp_path: Path) -> None:
    """Real pre-commit, the README's config, this repository in place of its URL."""
    config = readme_block("### pre-commit", "yaml").replace(REPOSITORY, str(ROOT))
    repo = tmp_path / "okr-repo"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / ".pre-commit-config.yaml").write_text(config)
    (repo / "okrs").mkdir()
    (repo / "okrs" / "growth.yaml").write_text(THIN)
    git(repo, "add", ".")
    pre_commit = str(Path(sys.executable).parent / "pre-commit")
    env = clean_env(PRE_COMMIT_HOME=str(pre_commit_home()))
    result = run([pre_commit, "run", "--files", "okrs/growth.yaml"], cwd=repo, env=env)
    output = result.stdout + result.stderr
    # Passes, and shows its warning: the hook of the pinned commit is verbose.
    assert result.returncode == 0, output
    assert re.search(r"okrlint\.+Passed", output)
    assert "okrs/growth.yaml:4:5: FOC003 [warning]" in output


def test_the_gitlab_job_installs_the_pin_and_reports(tmp_path: Path) -> None:
    job = load(readme_block("### GitLab CI", "yaml"))["okrlint"]  # type: ignore[index]
    assert job["artifacts"]["when"] == "always"
    install, *lines = job["script"]
    # The install line's archive, made as GitHub makes it, builds okrlint of this version.
    archive = tmp_path / f"{ref()}.tar.gz"
    git(ROOT, "archive", "--format=tar.gz", f"--prefix=okrlint-{ref()}/", "-o", str(archive), ref())
    wheels = tmp_path / "wheels"
    built = run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "-w",
            str(wheels),
            str(archive),
        ],
    )
    assert built.returncode == 0, built.stderr
    assert [w.name for w in wheels.iterdir()] == [f"okrlint-{__version__}-py3-none-any.whl"]
    assert install.startswith("pip install ") and install.endswith(f"/archive/{ref()}.tar.gz")
    # The rest of the script, with okrlint as installed in this test environment.
    (tmp_path / "okrs").mkdir()
    (tmp_path / "okrs" / "growth.yaml").write_text(TYPO)
    (tmp_path / "okrs" / "thin.yaml").write_text(THIN)
    env = clean_env(PATH=f"{Path(sys.executable).parent}{os.pathsep}{clean_env()['PATH']}")
    results = [run(["bash", "-c", line], cwd=tmp_path, env=env) for line in lines]
    assert [r.returncode for r in results] == [0, 0, 1]
    assert "okrs/growth.yaml:7:9: STR002 [error]" in results[0].stdout
    assert "okrs/thin.yaml:4:5: FOC003 [warning]" in results[0].stdout
    reports = job["artifacts"]["reports"]
    quality = YAML(typ="safe").load((tmp_path / reports["codequality"]).read_text())
    assert sorted(issue["check_name"] for issue in quality) == ["FOC003", "STR002"]
    failures = ET.parse(tmp_path / reports["junit"]).getroot().findall(".//failure")
    assert sorted(f.get("type") or "" for f in failures) == ["FOC003", "STR002"]


def test_the_release_workflow_checks_the_tag_tests_and_publishes_with_trusted_publishing(
    tmp_path: Path,
) -> None:
    workflow = load((ROOT / ".github" / "workflows" / "release.yml").read_text())
    assert workflow["on"]["push"]["tags"] == ["v*"]  # type: ignore[index]
    build = workflow["jobs"]["build"]  # type: ignore[index]
    steps = {step.get("name", step.get("uses")): step for step in build["steps"]}
    test_step = next(s for s in build["steps"] if s.get("run") == "bash .ci/run")
    assert test_step["env"] == {"OKRLINT_RELEASE_TAG": "${{ github.ref_name }}"}
    assert any("python -m build" in s.get("run", "") for s in build["steps"])
    publish = workflow["jobs"]["publish"]  # type: ignore[index]
    assert publish["needs"] == "build" and publish["permissions"] == {"id-token": "write"}
    [upload] = [s for s in publish["steps"] if "gh-action-pypi-publish" in s.get("uses", "")]
    assert "with" not in upload  # no password or token: trusted publishing
    # The tag check, run as the runner runs it, in a copy of the repository's pyproject.
    check = steps["The tag names the package version"]["run"]
    (tmp_path / "pyproject.toml").write_text((ROOT / "pyproject.toml").read_text())
    for tag, status in ((TAG, 0), ("v9.9.9", 1)):
        result = subprocess.run(
            ["bash", "-c", check],
            cwd=tmp_path,
            env=clean_env(
                GITHUB_REF_NAME=tag,
                PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
            ),
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == status, result.stdout + result.stderr
    assert "does not name the version" in result.stdout


@pytest.mark.parametrize("released", [False, True])
def test_init_names_the_tag_once_released(
    released: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import okrlint.release

    monkeypatch.setattr(okrlint.release, "RELEASED", released)
    files = init_files(tmp_path)
    pinned = TAG if released else SOURCE_COMMIT
    assert f"rev: {pinned}" in files[".pre-commit-config.yaml"]
    assert f"okrlint/okrlint@{pinned}" in files[".github/workflows/okrlint.yml"]
    assert (SOURCE_COMMIT in "".join(files.values())) is not released
