"""Where the set-ups that okrlint documents and writes install okrlint from.

Until a release is on PyPI with its tag, every set-up (the README, `okrlint init`, the Action,
the pre-commit hook, the GitLab job) pins a commit of the repository: a commit on `main` whose
version is this version, so that each snippet works as written. The commit that is tagged
`v<version>` sets `RELEASED = True`; then every set-up names the tag and the PyPI release
(a test checks that the README, `init`, `action.yml` and `.pre-commit-hooks.yaml` agree with
this module and with the package version).
"""

from __future__ import annotations

from okrlint import __version__

REPOSITORY = "https://github.com/okrlint/okrlint"
# True in the commit tagged v<version>, which the release workflow publishes to PyPI.
RELEASED = False
# A commit on main with this version, whose action.yml and .pre-commit-hooks.yaml work.
SOURCE_COMMIT = "3e5f701099b937f7bf64fb6cd816e5510d543cf9"


def ref() -> str:
    """The git ref a pre-commit `rev:` or an Action's `uses: okrlint/okrlint@...` names."""
    return f"v{__version__}" if RELEASED else SOURCE_COMMIT


def pip_requirement() -> str:
    """What `pip install` is given to install this okrlint (no git needed)."""
    if RELEASED:
        return f"okrlint=={__version__}"
    return f"okrlint @ {REPOSITORY}/archive/{SOURCE_COMMIT}.tar.gz"
