"""The trained judgement: its learner is deterministic and learns, its shipped models load and
decide warning or hint by their threshold, and every text finding carries its confidence in JSON
and SARIF. Every line here is made up."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from typer.testing import CliRunner

from okrlint.cli import app
from okrlint.judgement.features import HandVerdicts, features, words_of
from okrlint.judgement.judge import (
    BEHAVIOUR,
    OUTPUT,
    UNMEASURABLE,
    judge_in_context,
    thresholds,
)
from okrlint.judgement.learn import fit, threshold_for
from okrlint.judgement.model import Model, in_context, shipped_model, sigmoid
from okrlint.rules.judgements import output_evidence, output_judgement
from okrlint.text.pack import load_pack
from okrlint.text.reader import read_texts
from test_ci_formats import _validate_sarif

NO_HAND = HandVerdicts(
    output_kind=None, output_confident=False, customer_behaviour=False, measurable=False
)

OKRS = """\
team: Billing
period: 2026-Q1
objectives:
  - title: Make paying effortless
    key_results:
      - Launch the new invoice designer
      - Raise the share of customers who pay on first attempt from 81% to 92%
      - Improve the payment page
"""


def _made_up_examples() -> tuple[list[frozenset[str]], list[bool]]:
    """Work lines start with a verb of work, outcome lines with a measure that moves."""
    work = ["paint", "build", "write", "fix", "plan", "draft"]
    moves = ["grow", "raise", "lift", "cut", "lower", "double"]
    things = ["fence", "shed", "gate", "roof", "porch", "deck"]
    examples, labels = [], []
    for at, thing in enumerate(things):
        examples.append(frozenset({"bias", f"lead={work[at]}", f"w={thing}", "numbers=0"}))
        labels.append(True)
        examples.append(frozenset({"bias", f"lead={moves[at]}", f"w={thing}", "numbers=2"}))
        labels.append(False)
    return examples, labels


def test_the_learner_is_deterministic_and_learns_what_separates_the_labels() -> None:
    examples, labels = _made_up_examples()
    weights = fit(examples, labels, min_count=1)
    assert fit(examples, labels, min_count=1) == weights
    for example, label in zip(examples, labels, strict=True):
        probability = sigmoid(sum(weights.get(f, 0.0) for f in example))
        assert (probability > 0.5) == label
    # The feature every work line shares and no outcome line has weighs towards work.
    assert weights["numbers=0"] > 0 > weights["numbers=2"]


def test_the_threshold_is_the_lowest_probability_that_keeps_the_precision() -> None:
    scored = [(0.99, True)] * 10 + [(0.9, False)] + [(0.8, True)] * 9 + [(0.4, False)] * 5
    # Over all 20 at or above 0.8, 19 are right: 0.95.
    assert threshold_for(scored, 0.95) == (0.8, 0.95)
    # Asking for more keeps only the ten sure ones.
    assert threshold_for(scored, 0.99) == (0.99, 1.0)
    # Never reached: nothing is a warning.
    assert threshold_for([(0.9, False)] * 20, 0.5)[0] == 1.0


def test_a_model_survives_its_json_and_refuses_an_unknown_format() -> None:
    model = Model("output", {"bias": -0.5, "lead=paint": 2.0}, 0.9, 0.5, 0.95, "made up")
    again = Model.from_json(json.loads(json.dumps(model.to_json())))
    assert again == model
    assert again.probability({"bias", "lead=paint"}) == pytest.approx(sigmoid(1.5))
    with pytest.raises(ValueError):
        Model.from_json({**model.to_json(), "format": 99})
    # The weight of an objective's other key results survives too; a file without it judges
    # each key result alone.
    weighed = Model("output", {"bias": 0.0}, 0.9, 0.5, 0.95, "made up", context_weight=0.3)
    assert Model.from_json(json.loads(json.dumps(weighed.to_json()))) == weighed
    data = model.to_json()
    del data["context_weight"]
    assert Model.from_json(data).context_weight == 0.0


def test_the_other_key_results_of_an_objective_weigh_in_by_the_models_weight() -> None:
    # Alone, or with no weight, a key result's probability is its own.
    assert in_context(0.7, [], 0.3) == 0.7
    assert in_context(0.7, [0.99, 0.99], 0.0) == 0.7
    # Its log-odds move by the weight times the mean log-odds of the others.
    assert in_context(0.5, [0.9, 0.9], 0.5) == pytest.approx(sigmoid(0.5 * math.log(9)))
    # Neighbours read as work raise it, neighbours read as outcomes lower it, and neither
    # ever turns a sure verdict into its opposite on its own.
    assert in_context(0.7, [0.95, 0.9], 0.3) > 0.7 > in_context(0.7, [0.05, 0.1], 0.3)
    assert in_context(0.99, [0.01, 0.01, 0.01], 0.3) > 0.9
    assert in_context(0.5, [1.0], 0.3) < 1.0
    assert shipped_model(OUTPUT).context_weight > 0


def test_a_key_result_among_pieces_of_work_is_more_likely_an_output_than_among_outcomes(
    tmp_path: Path,
) -> None:
    line = "Improve the payment page"
    among_work = tmp_path / "work.yaml"
    among_work.write_text(
        "team: Billing\nperiod: 2026-Q1\nobjectives:\n  - title: Make paying effortless\n"
        "    key_results:\n"
        f"      - {line}\n"
        "      - Launch the new invoice designer\n"
        "      - Write the refund runbook and publish it\n"
    )
    among_outcomes = tmp_path / "outcomes.yaml"
    among_outcomes.write_text(
        "team: Billing\nperiod: 2026-Q1\nobjectives:\n  - title: Make paying effortless\n"
        "    key_results:\n"
        f"      - {line}\n"
        "      - Raise the share of customers who pay on first attempt from 81% to 92%\n"
        "      - Cut failed card payments per week from 300 to 120\n"
    )

    def confidence(path: Path) -> float:
        result = CliRunner().invoke(app, ["check", str(path), "--format", "json", "--no-cache"])
        findings = json.loads(result.stdout)["findings"]
        [found] = [
            f for f in findings if f["code"] in ("OUT001", "OUT002") and f["object"] == "O1/KR1"
        ]
        return float(found["confidence"])

    [reading] = read_texts([line], load_pack()).values()
    alone = output_judgement(reading).probability
    assert confidence(among_work) > alone > confidence(among_outcomes)


@pytest.mark.parametrize("name", [OUTPUT, BEHAVIOUR, UNMEASURABLE])
def test_the_shipped_models_load_with_thresholds_chosen_for_precision(name: str) -> None:
    model = shipped_model(name)
    assert len(model.weights) > 500
    assert 0.5 <= model.report_at <= model.warning_at <= 1.0
    if name == BEHAVIOUR:
        # Its verdict is the objective's (CUS001): no key result measures behaviour.
        assert model.objective_warning_at is not None and model.objective_precision is not None
        assert 0.5 <= model.objective_warning_at <= 1.0
        assert model.objective_precision >= 0.92
    else:
        assert model.precision >= 0.95
    assert "organisations" in model.trained_on
    assert thresholds(name) == (model.report_at, model.warning_at)


def test_features_read_the_lead_word_past_a_prefix_and_its_shape() -> None:
    [reading] = read_texts(["Ops: Refurbished 12 loading docks"], load_pack()).values()
    words, skip = words_of(reading)
    assert skip == len("Ops: ")
    assert [w.lower for w in words] == ["refurbished", "#", "loading", "docks"]
    found = features(reading, NO_HAND)
    assert {"prefixed", "lead=refurbished", "lead_ed", "lead_cap", "w=docks"} <= found
    assert "hand_out=None" in found


def test_the_evidence_quotes_words_of_the_text_and_no_function_words() -> None:
    text = "Repaint the warehouse and the loading bay"
    [reading] = read_texts([text], load_pack()).values()
    evidence = output_evidence(reading)
    assert evidence
    for words in evidence:
        assert words in text
        assert words.lower() not in ("the", "and")


def test_findings_carry_the_judgements_confidence_in_json_and_sarif(tmp_path: Path) -> None:
    path = tmp_path / "billing.yaml"
    path.write_text(OKRS)
    result = CliRunner().invoke(app, ["check", str(path), "--format", "json"])
    findings = json.loads(result.stdout)["findings"]
    by_code = {(f["code"], f["object"]): f for f in findings}
    launch = by_code[("OUT001", "O1/KR1")]
    # The key result's own verdict, weighed with its objective's two others.
    launch_text, *others = [line.strip()[2:] for line in OKRS.splitlines()[-3:]]
    readings = read_texts([launch_text, *others], load_pack())
    judgement = judge_in_context(
        OUTPUT,
        output_judgement(readings[launch_text]),
        [output_judgement(readings[other]) for other in others],
    )
    assert launch["confidence"] == round(judgement.probability, 3)
    _, warning_at = thresholds(OUTPUT)
    assert launch["severity"] == ("warning" if judgement.probability >= warning_at else "info")
    # A rule that does not judge text has no confidence.
    assert all("confidence" in f for f in findings if f["code"] in ("OUT001", "MEA001"))
    assert all("confidence" not in f for f in findings if f["code"].startswith("FOC"))

    sarif = CliRunner().invoke(app, ["check", str(path), "--format", "sarif"])
    document = json.loads(sarif.stdout)
    _validate_sarif(document, tmp_path)
    results = {(r["ruleId"], r["properties"]["object"]): r for r in document["runs"][0]["results"]}
    assert results[("OUT001", "O1/KR1")]["properties"]["confidence"] == launch["confidence"]


@pytest.mark.parametrize("name", ["output", "behaviour", "unmeasurable"])
def test_a_score_is_the_same_whatever_the_order_of_the_features(name: str) -> None:
    # Features come as sets, whose order changes between processes with the hash seed: the
    # same key result must get the same probability, to the last bit, in every process.
    model = shipped_model(name)
    texts = [
        "Launch the new invoice designer",
        "Raise the share of customers who pay on first attempt from 81% to 92%",
        "Improve the payment page",
        "Weekly active teams grow from 1,200 to 1,800",
        "Run 4 pricing interviews a month with trial users",
        "Cut the median time to first invoice from 3 days to 1",
        "All regions have a documented escalation path",
        "Customers who invite a colleague within 7 days rise to 35%",
    ]
    pack = load_pack()
    for text, reading in read_texts(texts, pack).items():
        found = features(reading, NO_HAND)
        in_order = sorted(found)
        orders = [in_order, in_order[::-1], in_order[1::2] + in_order[::2]]
        assert len({model.score(order) for order in orders}) == 1, text
