"""What reading key-result text costs: at start-up and per key result, as ratios to yamllint.

    python bench/reading.py [--files 200] [--rounds 5]

Rows (each the median of --rounds interleaved runs, every command its own process):
  start-up        import okrlint's reader and build it from the built-in rule pack
  yamllint 1 file `yamllint` on one generated OKR file (what a pre-commit hook pays per run)
  start-up + judgement  the same, then load the trained judgement's three models and judge
                  that one text with each (what the OUT, CUS and MEA rules add at start-up)
  python          the bare interpreter, for scale
and, in this process, the time to read every distinct key-result and objective text of
--files generated OKR files (bench/generate.py), divided by the number of texts, the time
the trained judgement then takes per text (features and the three models' probabilities), per
key result the time to weigh the output verdicts of the other key results of its objective, the
time the structure of a key result takes per text (`okrlint.text.structure`), the time to read
the numbers of a text (`okrlint.text.number_mentions`, part of reading it) and the time of the
measurable verdict that MEA001 and MEA002 share (`okrlint.rules.measure.shared`).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from okrlint.text.reader import Reader
    from okrlint.text.reading import KeyResultReading

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

BIN = Path(sys.executable).parent
START_UP = (
    "from okrlint.text.pack import load_pack\n"
    "from okrlint.text.reader import reader_for\n"
    "reader_for(load_pack()).read(['Raise weekly active teams from 40 to 60'])\n"
)


JUDGED_START_UP = START_UP.replace(
    "reader_for(load_pack()).read(", "found = reader_for(load_pack()).read("
) + (
    "from okrlint.rules.judgements import (\n"
    "    no_behaviour_judgement, output_judgement, unmeasurable_judgement)\n"
    "for reading in found.values():\n"
    "    output_judgement(reading), unmeasurable_judgement(reading)\n"
    "    no_behaviour_judgement([reading])\n"
)


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=False, capture_output=True)
    return time.perf_counter() - started


def texts_of(paths: list[Path]) -> list[str]:
    from okrlint.pipeline.load import read_plain_yaml

    texts: list[str] = []
    for path in paths:
        data = read_plain_yaml(path.read_text(encoding="utf-8"))
        for objective in data.get("objectives", []):
            texts.append(str(objective.get("title", "")))
            for key_result in objective.get("key_results", []):
                title = key_result.get("title") if isinstance(key_result, dict) else key_result
                texts.append(str(title))
    return list(dict.fromkeys(texts))


def objectives_of(paths: list[Path]) -> list[list[str]]:
    """The key-result texts of every objective, objective by objective."""
    from okrlint.pipeline.load import read_plain_yaml

    found: list[list[str]] = []
    for path in paths:
        data = read_plain_yaml(path.read_text(encoding="utf-8"))
        for objective in data.get("objectives", []):
            found.append(
                [
                    str(kr.get("title") if isinstance(kr, dict) else kr)
                    for kr in objective.get("key_results", [])
                ]
            )
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        paths = generate(Path(tmp), args.files, 4, 3, seed=7)
        commands = {
            "start-up (reader built)": [sys.executable, "-c", START_UP],
            "start-up + judgement": [sys.executable, "-c", JUDGED_START_UP],
            "yamllint 1 file": [str(BIN / "yamllint"), "-f", "parsable", str(paths[0])],
            "python": [sys.executable, "-c", "pass"],
        }
        runs: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.rounds):
            for name, command in commands.items():
                runs[name].append(timed(command))
        texts = texts_of(paths)
        objectives = objectives_of(paths)

    from okrlint.text.pack import load_pack
    from okrlint.text.reader import Reader

    started = time.perf_counter()
    reader = Reader(load_pack())
    build = time.perf_counter() - started
    per_text: list[float] = []
    for _ in range(args.rounds):
        started = time.perf_counter()
        reader.read(texts)
        per_text.append((time.perf_counter() - started) / len(texts))
    medians = {name: statistics.median(values) for name, values in runs.items()}
    yamllint = medians["yamllint 1 file"]
    print(f"{len(texts)} distinct texts from {args.files} generated files, {args.rounds} rounds")
    print("| measure | seconds | / yamllint on 1 file |")
    print("|---|---:|---:|")
    for name, seconds in medians.items():
        print(f"| {name} | {seconds:.3f} | {seconds / yamllint:.2f}x |")
    print(f"| reader built in-process | {build:.4f} | {build / yamllint:.3f}x |")
    per = statistics.median(per_text)
    print(f"| reading one key result | {per:.6f} | {per / yamllint:.4f}x |")
    from okrlint.rules import judgements

    def judge_three_ways(reading: KeyResultReading) -> None:
        judgements.output_judgement(reading)
        judgements.unmeasurable_judgement(reading)
        judgements.no_behaviour_judgement([reading])

    judged = per_fresh_reading(reader, texts, args.rounds, judge_three_ways)
    print(f"| judging one key result (3 models) | {judged:.6f} | {judged / yamllint:.4f}x |")
    from okrlint.judgement.judge import OUTPUT, judge_in_context

    per_weighed: list[float] = []
    key_results = sum(len(titles) for titles in objectives)
    readings = reader.read(texts)
    for reading in readings.values():
        judgements.output_judgement(reading)
    for _ in range(args.rounds):
        # Each key result's own verdict is remembered by its reading (judged above), as in a run.
        started = time.perf_counter()
        for titles in objectives:
            own = [judgements.output_judgement(readings[title]) for title in titles]
            for at, judgement in enumerate(own):
                judge_in_context(OUTPUT, judgement, own[:at] + own[at + 1 :])
        per_weighed.append((time.perf_counter() - started) / key_results)
    weighed = statistics.median(per_weighed)
    print(
        f"| weighing the objective's other key results, per key result | {weighed:.6f} "
        f"| {weighed / yamllint:.5f}x |"
    )
    from okrlint.text.structure import structure_of

    structured = per_fresh_reading(reader, texts, args.rounds, structure_of)
    print(f"| the structure of one key result | {structured:.6f} | {structured / yamllint:.4f}x |")
    from okrlint.rules.measure.shared import measurable_evidence
    from okrlint.text.number_mentions import find_numbers

    per_numbers: list[float] = []
    for _ in range(args.rounds):
        started = time.perf_counter()
        for text in texts:
            find_numbers(text)
        per_numbers.append((time.perf_counter() - started) / len(texts))
    numbers = statistics.median(per_numbers)
    measured = per_fresh_reading(reader, texts, args.rounds, measurable_evidence)
    print(
        f"| the numbers of one key result (part of reading it) | {numbers:.6f} "
        f"| {numbers / yamllint:.4f}x |"
    )
    print(
        f"| the measurable verdict of one key result | {measured:.6f} "
        f"| {measured / yamllint:.5f}x |"
    )


def per_fresh_reading(
    reader: Reader, texts: list[str], rounds: int, work: Callable[[KeyResultReading], object]
) -> float:
    """Median seconds per key result of `work`, on readings made afresh each round: a reading
    remembers what is worked out from it, and a second pass would time the memory."""
    per_text: list[float] = []
    for _ in range(rounds):
        readings = reader.read(texts)
        started = time.perf_counter()
        for reading in readings.values():
            work(reading)
        per_text.append((time.perf_counter() - started) / len(texts))
    return statistics.median(per_text)


if __name__ == "__main__":
    main()
