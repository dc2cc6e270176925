"""What every test starts from: the shell of a person at their desk, not a CI job.

okrlint behaves differently in CI (`CI` or `GITHUB_ACTIONS` set): no progress, no daemon,
GitHub annotations, a step summary. The CI machine that runs this suite sets such variables,
so they are taken out here, once, for the tests and every process they start; the tests that
check the CI behaviour set them again themselves.
"""

import os

for _name in [name for name in os.environ if name == "CI" or name.startswith("GITHUB_")]:
    del os.environ[_name]
