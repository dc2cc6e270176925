"""Numbers with units, direction, and the ambition scale SND001 judges them on.

The sentences are written for these tests; none comes from a corpus.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from okrlint import quantities
from okrlint.pipeline.validate import validate
from okrlint.quantities import parse_written, unit_of
from okrlint.testing import lint_text
from okrlint.text.number_mentions import BASELINE, LABEL, TARGET, THRESHOLD, find_numbers

HEAD = "team: Ops\nperiod: 2026-Q1\nobjectives:\n  - title: Run a calm platform\n"
COMMITTED = HEAD + "    type: committed\n"
TODAY = dt.date(2026, 2, 1)


def _set(*key_results: str, head: str = HEAD) -> str:
    return head + "    key_results:\n" + "".join(f"      - {kr}\n" for kr in key_results)


def _codes(text: str, select: list[str] | None = None) -> list[tuple[int, str]]:
    findings = lint_text(text, select=select or ["SND001", "SND002", "MEA003"], today=TODAY)
    return [(f.line, f.code) for f in findings]


def _pair(sentence: str) -> quantities.Pair:
    numbers = find_numbers(sentence)
    baseline = next(n for n in numbers if n.role == BASELINE)
    target = next(n for n in numbers if n.role in (TARGET, THRESHOLD))
    return quantities.pair(quantities.from_mention(baseline), quantities.from_mention(target))


# Every unit family, read from a sentence and put in one unit.
@pytest.mark.parametrize(
    ("sentence", "baseline", "target", "unit"),
    [
        ("Trim build feedback from 1.5 s to 650 ms", 1500, 650, "millisecond"),
        ("Shorten vendor approval from 3 days to 9 hours", 72, 9, "hour"),
        ("Shorten incident recovery from 3 hours to 45 minutes", 180, 45, "minute"),
        ("Cut refund turnaround from 10 business days to 1 week", 2, 1, "week"),
        ("Cut contract review from 2 months to 3 weeks", 2 * 365.25 / 12 / 7, 3, "week"),
        ("Shrink the nightly export from 3 GB to 800 MB", 3000, 800, "megabyte"),
        ("Grow the trial pool from 12k to 15k", 12_000, 15_000, ""),
        ("Grow annual bookings from $1.2M to $1.5M", 1.2e6, 1.5e6, "USD"),
        ("Grow annual bookings from EUR 4M to €4,5M", 4e6, 4.5e6, "EUR"),
        ("Grow the partner base from 2 million to 3 million", 2e6, 3e6, ""),
        ("Lift repeat purchases from 1,4% to 1,9%", 1.4, 1.9, "%"),
        ("Grow active seats from 1 200 to 1 500", 1200, 1500, ""),
        ("Cut cold start from 1.2 to 0.8 s", 1.2, 0.8, "second"),
    ],
)
def test_quantities_are_read_and_compared_in_one_unit(
    sentence: str, baseline: float, target: float, unit: str
) -> None:
    paired = _pair(sentence)
    assert paired.problem is None
    assert paired.unit == unit
    assert paired.baseline == pytest.approx(baseline)
    assert paired.target == pytest.approx(target)


@pytest.mark.parametrize(
    ("sentence", "problem"),
    [
        ("Cut flaky builds from 5% of runs to 200 ms", "measure different things"),
        ("Grow payouts from EUR 2M to $2.1M", "two currencies"),
        ("Cut review wait from 2 sprints to 13 days", "no fixed length"),
    ],
)
def test_numbers_that_cannot_be_compared_are_not(sentence: str, problem: str) -> None:
    paired = _pair(sentence)
    assert paired.baseline is None and paired.target is None
    assert problem in (paired.problem or "")
    # ... and no rule judges them.
    assert _codes(_set(sentence)) == []


def test_multipliers_limits_ranges_and_placeholders() -> None:
    def read(text: str) -> list[tuple[str, float | None, str, str, float | None]]:
        return [(n.text, n.value, n.kind, n.role, n.upper) for n in find_numbers(text)]

    assert read("Doubles weekly exports") == [("Doubles", 2.0, "multiple", "delta", None)]
    assert read("Halve the queue") == [("Halve", 0.5, "multiple", "delta", None)]
    assert read("Ship 3x more reports")[0][1:3] == (3.0, "multiple")
    assert read("Keep page weight under 900 KB")[0][1:4] == (900.0, "size", THRESHOLD)
    assert read("Answer at least 95% of tickets")[0][3] == THRESHOLD
    assert read("Keep p99 ≤ 300 ms")[0][3] == THRESHOLD
    assert read("Keep pages no more than 2 s")[0][3] == THRESHOLD
    assert read("Reach a 20-30% reply rate")[0] == ("20-30%", 20.0, "percent", TARGET, 30.0)
    assert [n[1:3] for n in read("Raise reply rate from X% to Y%")] == [
        (None, "redacted"),
        (None, "redacted"),
    ]
    assert read("Reach N4 partners")[0][1:3] == (None, "redacted")


def test_a_limit_on_a_duration_is_a_target_and_a_named_test_is_not_a_count() -> None:
    limit = find_numbers("Deliver a <15-min setup for new shops")
    assert [(n.value, n.unit, n.role) for n in limit] == [(15.0, "min", THRESHOLD)]
    named = find_numbers("Pass the 2 000-click soak test with 0 crashes")
    assert named[0].role == LABEL and not named[0].measures
    window = find_numbers("Raise 30-day retention to 40%")
    assert window[0].role == "window"


def test_a_decimal_comma_needs_a_unit_so_lists_stay_lists() -> None:
    assert [n.value for n in find_numbers("List 1,2 and 3 bedroom flats")] == [1.0, 2.0, 3.0]
    assert [n.value for n in find_numbers("Lift margin to 2,5%")] == [2.5]


@pytest.mark.parametrize(
    ("written", "dimension", "unit", "value"),
    [
        ("1.5 s", "time", "second", 1.5),
        ("700 ms", "time", "millisecond", 700),
        ("2 business days", "time", "business_day", 2),
        ("3 quarters", "time", "quarter", 3),
        ("$1.2M", "money", "USD", 1.2e6),
        ("GBP 300k", "money", "GBP", 3e5),
        ("45%", "percent", "%", 45),
        ("4 pp", "percentage points", "pp", 4),
        ("12k", "count", "", 12_000),
        ("2.5x", "multiple", "x", 2.5),
        ("2 GiB", "data", "gibibyte", 2),
    ],
)
def test_field_values_are_read_with_their_units(
    written: str, dimension: str, unit: str, value: float
) -> None:
    quantity = parse_written(written)
    assert quantity is not None
    assert (quantity.dimension, quantity.unit) == (dimension, unit)
    assert quantity.value == pytest.approx(value)


def test_fields_with_units_are_put_in_one_unit_or_reported() -> None:
    def key_result(**fields: object) -> object:
        data = {"team": "Ops", "period": "2026-Q1", "objectives": [{"title": "O"}]}
        data["objectives"][0]["key_results"] = [{"title": "Cut p95", **fields}]  # type: ignore[index]
        return validate(data)

    model, errors = key_result(baseline="1.5 s", target="700 ms", current="1 s")
    assert errors == [] and model is not None
    kr = model.objectives[0].key_results[0]
    assert (kr.baseline, kr.target, kr.current, kr.unit) == (1500, 700, 1000, "ms")
    model, errors = key_result(baseline="3 min", unit="s", target=100)
    assert model is not None and model.objectives[0].key_results[0].baseline == 180
    model, errors = key_result(baseline="5%", target="200 ms")
    assert model is None
    assert errors[0][0][-1] == "baseline"
    assert "'5%' (a percentage) and '200 ms' (ms) measure different things" in errors[0][1]
    _, errors = key_result(baseline="$2M", target="€3M")
    assert "two currencies" in errors[0][1]
    # An unknown unit is compared only with itself.
    _, errors = key_result(baseline="40 desks", target="55 chairs")
    assert "units okrlint cannot compare" in errors[0][1]
    model, errors = key_result(baseline="40 desks", target="55 desks")
    assert model is not None and model.objectives[0].key_results[0].unit == "desks"


def test_a_field_written_with_a_unit_is_no_longer_a_format_error() -> None:
    text = HEAD + (
        "    key_results:\n"
        "      - title: Cut p95 search latency\n"
        "        baseline: 1.5 s\n"
        "        target: 1450 ms\n"
    )
    findings = lint_text(text, today=TODAY)
    assert not [f for f in findings if f.code.startswith("STR")]
    assert [(f.line, f.code) for f in findings if f.code == "SND001"] == [(8, "SND001")]
    message = next(f.message for f in findings if f.code == "SND001")
    assert "1450 ms" in message and "1500 ms" in message and "below" in message


# Regressions: the false alarms of a reading that compared bare numbers.
def test_units_no_longer_make_a_cut_look_already_met() -> None:
    sentences = [
        "Trim checkout p95 from 1.3 s to 850 ms",
        "Shorten onboarding calls from 2 days to 5 hours",
        "Shorten incident recovery from 3 hours to 45 minutes",
    ]
    assert _codes(_set(*sentences)) == []


def test_a_three_percent_cut_in_other_units_is_timid_not_already_met() -> None:
    assert _codes(_set("Cut warm start from 4s to 3880ms")) == [(6, "SND001")]


def test_snd001_reads_the_sentence_by_default() -> None:
    text = _set("Grow paying workspaces from 3,000 to 3,090", "Grow paying workspaces to 5,000")
    assert _codes(text) == [(6, "SND001")]
    findings = lint_text(text, select=["SND001"], options={"SND001": {"from_text": False}})
    assert findings == []


def test_ratios_past_100_and_rates_near_100_are_judged_on_their_scale() -> None:
    ambitious = [
        "Grow net dollar retention from 102% to 107%",
        "Raise payment success rate from 99.5% to 99.95%",
        "Raise sync availability from 99.1% to 99.8%",
    ]
    assert _codes(_set(*ambitious)) == []
    # 99.3 -> 99.9 without a unit: an availability is a percentage, so this removes 6 in 7.
    fields = HEAD + (
        "    key_results:\n"
        "      - title: Raise queue availability\n"
        "        baseline: 99.3\n"
        "        target: 99.9\n"
    )
    assert _codes(fields) == []
    timid = _set(
        "Raise sync availability from 99.1% to 99.15%", "Grow net retention 103% to 103.1%"
    )
    findings = lint_text(timid, select=["SND001"], today=TODAY)
    assert [f.line for f in findings] == [6, 7]
    assert "of the failures" in findings[0].message
    assert "excess over 100%" in findings[1].message


def test_small_rates_are_judged_relative_and_shown_in_points() -> None:
    findings = lint_text(_set("Lift reply rate from 20% to 20.5%"), select=["SND001"])
    assert len(findings) == 1
    assert "0.5 percentage points (2.5%) above the baseline 20%" in findings[0].message
    assert lint_text(_set("Lift reply rate from 2% to 2.4%"), select=["SND001"]) == []


def test_committed_and_aspirational_thresholds_differ() -> None:
    sentence = "Grow renewals from 1,000 to 1,040"
    assert _codes(_set(sentence), ["SND001"]) == [(6, "SND001")]
    assert _codes(_set(sentence, head=COMMITTED), ["SND001"]) == []
    findings = lint_text(
        _set(sentence, head=COMMITTED), select=["SND001"], options={"SND001": {"committed": 0.05}}
    )
    assert len(findings) == 1 and "a committed key result" in findings[0].message


# Direction: field, numbers, limit, metric, verb.
def test_numbers_beat_the_verb_and_the_metric_beats_the_verb() -> None:
    fields = HEAD + (
        "    key_results:\n"
        "      - title: Improve MTTR\n"
        "        baseline: 120\n"
        "        target: 30\n"
        "      - title: Improve time to restore\n"
        "        baseline: 90\n"
        "        target: 88  # a hair lower is timid, not a wrong way\n"
    )
    found = lint_text(fields, select=["SND001", "SND002", "MEA003"], today=TODAY)
    assert [(f.line, f.code) for f in found] == [(11, "SND001")]
    assert "below the baseline" in found[0].message
    # The metric says lower is better when the sentence has no numbers to say it.
    from okrlint.model import Direction
    from okrlint.text.direction import FROM_METRIC, FROM_VERB, resolve
    from okrlint.text.pack import load_pack
    from okrlint.text.reader import read_texts

    texts = [
        "Improve MTTR for paging alerts",
        "Improve signup completion",
        "Grow builds without errors",
    ]
    readings = read_texts(texts, load_pack())
    way = resolve(None, None, None, None, readings[texts[0]])
    assert (way.direction, way.source) == (Direction.DECREASE, FROM_METRIC)
    way = resolve(None, None, None, None, readings[texts[1]])
    assert (way.direction, way.source) == (Direction.INCREASE, FROM_VERB)
    way = resolve(None, None, None, None, readings[texts[2]])
    assert way.direction is Direction.INCREASE
    assert resolve(Direction.MAINTAIN, 1, 2, "decrease", None).direction is Direction.MAINTAIN
    assert resolve(None, 5, 2, "increase", None).direction is Direction.DECREASE
    assert resolve(None, None, 2, "increase", None).direction is Direction.INCREASE


def test_unit_spellings() -> None:
    assert unit_of("msec") == ("time", "millisecond")
    assert unit_of("working days") == ("time", "business_day")
    assert unit_of("hrs") == ("time", "hour")
    assert unit_of("€") == ("money", "EUR")
    assert unit_of("percentage points") == ("percentage points", "pp")
    assert unit_of("widgets") == ("other", "widgets")


def test_pint_is_imported_only_for_a_conversion(tmp_path: Path) -> None:
    # Two repositories: the whole-repository rules read every file of their own.
    for name in ("plain", "converting"):
        (tmp_path / name).mkdir()
        (tmp_path / name / ".okrlint.yaml").write_text("")
    plain = tmp_path / "plain" / "okrs.yaml"
    plain.write_text(_set("Grow seats from 1,000 to 1,500", "Lift reply rate from 2% to 3%"))
    converting = tmp_path / "converting" / "okrs.yaml"
    converting.write_text(_set("Cut p95 from 1.2 s to 600 ms"))
    script = (
        "import sys, json\n"
        "from okrlint.pipeline.run import RunOptions, lint_paths\n"
        "cache = sys.argv[2] == 'cache'\n"
        "report = lint_paths([sys.argv[1]], options=RunOptions(jobs=1, cache=cache))\n"
        "print(json.dumps(['pint' in sys.modules, [f.code for f in report.findings]]))\n"
    )

    def run(path: Path, cache: str = "no-cache") -> list[object]:
        done = subprocess.run(
            [sys.executable, "-c", script, str(path), cache],
            capture_output=True,
            text=True,
            check=True,
        )
        return list(json.loads(done.stdout.strip().splitlines()[-1]))

    assert run(plain)[0] is False
    assert run(converting)[0] is True
    # The conversion is kept with the reading: a run that finds it in the cache needs no pint,
    # and judges the same.
    cold = run(converting, "cache")
    warm = run(converting, "cache")
    assert cold[0] is True and warm[0] is False
    assert cold[1] == warm[1] and "SND002" not in str(warm[1])


def test_a_multiple_of_the_baseline_is_the_target() -> None:
    from okrlint.model import Direction, KeyResult
    from okrlint.text.key_result_numbers import numbers_of
    from okrlint.text.pack import load_pack
    from okrlint.text.reader import read_texts

    texts = ["Double weekly exports from 400", "Halve the review queue from 6 days"]
    readings = read_texts(texts, load_pack())
    doubled = numbers_of(KeyResult(title=texts[0]), readings[texts[0]])
    assert (doubled.baseline, doubled.target, doubled.direction) == (400, 800, Direction.INCREASE)
    halved = numbers_of(KeyResult(title=texts[1]), readings[texts[1]])
    assert (halved.baseline, halved.target, halved.direction) == (6, 3, Direction.DECREASE)
    assert halved.unit == "day"
    assert _codes(_set(*texts)) == []


def test_fields_in_two_units_are_not_already_met() -> None:
    text = HEAD + (
        "    key_results:\n"
        "      - title: Trim checkout p95\n"
        "        baseline: 1.3 s\n"
        "        target: 850 ms\n"
        "        current: 1.1 s\n"
    )
    assert _codes(text) == []


def test_fields_and_sentence_in_different_units_agree_or_disagree_by_value() -> None:
    text = HEAD + (
        "    key_results:\n"
        "      - title: Trim checkout p95 from 1.3 s to 850 ms\n"
        "        baseline: 1300 ms\n"
        "        target: 0.85 s\n"
        "      - title: Trim search p95 from 1.3 s to 850 ms\n"
        "        baseline: 1.5 s\n"
        "        target: 850 ms\n"
    )
    findings = lint_text(text, select=["MEA003"], today=TODAY)
    assert [f.line for f in findings] == [10]
    assert "the text starts from '1.3 s' but `baseline:` is 1500" in findings[0].message
