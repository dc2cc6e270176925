"""Small OKR files that many tests lint."""

from __future__ import annotations

# Valid, and clean under the default rules.
GOOD = """\
team: Growth
period: 2026-Q1
objectives:
  - title: Make the first week effortless for new teams
    key_results:
      - Raise week-1 onboarding completion of new teams from 32% to 45%
      - Cut the share of new teams that cancel in week 2 from 18% to 12%
"""

# A misspelt key (`taget`): STR002, an error.
TYPO = """\
team: Growth
period: 2026-Q1
objectives:
  - title: Make the first week effortless
    key_results:
      - title: Raise activation
        taget: 45
"""

# The same misspelt key in a set with nothing else to report: one finding, STR002.
ONLY_TYPO = """\
team: Growth
period: 2026-Q1
objectives:
  - title: Make the first week effortless
    key_results:
      - title: Raise activation of new teams
        taget: 45
        baseline: 30
      - Cut time to first value for new teams from 3 days to 1 day
"""
