"""Write a synthetic OKR repository for benchmarks: seeded, so every run measures the same files.

    python bench/generate.py OUT_DIR --files 1000 --objectives 4 --key-results 3 --seed 7

Each file is one team's OKR set for one quarter. Key results mix plain sentences (numbers read out
of the text) and mappings with explicit fields, with check-ins on some of them, so that loading,
validation and text reading all get realistic work.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

TEAMS = (
    "Growth",
    "Payments",
    "Search",
    "Onboarding",
    "Mobile",
    "Platform",
    "Billing",
    "Support",
    "Data",
    "Security",
    "Checkout",
    "Marketplace",
    "Identity",
    "Messaging",
    "Analytics",
    "Partnerships",
    "Retention",
    "Infrastructure",
    "Design Systems",
    "Developer Experience",
)
PEOPLE = (
    "Ana Ruiz",
    "Bo Chen",
    "Chidi Obi",
    "Dana Smith",
    "Eli Novak",
    "Fatima Khan",
    "Gus Berg",
    "Hana Ito",
    "Ivo Petrov",
    "Jules Martin",
    "Kofi Mensah",
    "Lena Vogel",
)
OBJECTIVES = (
    "Make the first week with the product effortless for new teams",
    "Become the default choice for mid-sized retailers in the region",
    "Turn occasional shoppers into weekly regulars",
    "Earn the trust of finance teams with statements they never have to fix",
    "Make search feel instant and always find the right thing",
    "Give every support request an answer before the customer has to chase it",
    "Let developers ship an integration in an afternoon",
    "Keep the platform up when our customers need it most",
    "Help small shops get paid faster",
    "Make the mobile app the place where people plan their week",
    "Grow a partner ecosystem that brings us customers we could not reach alone",
    "Stop losing customers in their second month",
    "Make every invoice right the first time",
    "Let teams find the number they need without asking an analyst",
)
# (sentence with {a} the baseline and {b} the target, title of the same key result written as a
# mapping, metric, unit, direction: 1 up, -1 down)
MEASURES = (
    (
        "Raise week-1 activation of new workspaces from {a}% to {b}%",
        "New workspaces get going in their first week",
        "week-1 activation",
        "%",
        1,
    ),
    (
        "Grow weekly active buyers from {a}k to {b}k",
        "More buyers shop with us every week",
        "weekly active buyers",
        "k",
        1,
    ),
    (
        "Cut median time to first invoice from {a} to {b} minutes",
        "New accounts send their first invoice quickly",
        "minutes to first invoice",
        "min",
        -1,
    ),
    (
        "Lift the share of repeat orders within 30 days from {a}% to {b}%",
        "Shoppers come back within a month",
        "repeat orders within 30 days",
        "%",
        1,
    ),
    (
        "Reduce support tickets per 1,000 orders from {a} to {b}",
        "Fewer customers need to contact support",
        "tickets per 1,000 orders",
        "",
        -1,
    ),
    (
        "Increase net revenue retention from {a}% to {b}%",
        "Customers grow their spend with us",
        "net revenue retention",
        "%",
        1,
    ),
    (
        "Bring p95 search latency down from {a} ms to {b} ms",
        "Search answers before people finish typing",
        "p95 search latency",
        "ms",
        -1,
    ),
    (
        "Raise the share of shops paid within 2 days from {a}% to {b}%",
        "Shops get their money sooner",
        "shops paid within 2 days",
        "%",
        1,
    ),
    (
        "Grow the number of teams that invite a colleague in week 1 from {a} to {b}",
        "New teams bring their colleagues along",
        "teams inviting a colleague in week 1",
        "",
        1,
    ),
    (
        "Cut monthly logo churn from {a}% to {b}%",
        "Fewer customers leave in their second month",
        "monthly logo churn",
        "%",
        -1,
    ),
    (
        "Increase trial-to-paid conversion from {a}% to {b}%",
        "Trial users see enough value to pay",
        "trial-to-paid conversion",
        "%",
        1,
    ),
    (
        "Lower failed payments from {a}% to {b}% of attempts",
        "Payments go through the first time",
        "failed payment attempts",
        "%",
        -1,
    ),
)
OUTPUTS = (
    "Launch the redesigned onboarding checklist",
    "Ship the new billing dashboard to all regions",
    "Hire two senior backend engineers",
    "Publish 12 blog posts about the API",
    "Migrate the search cluster to the new version",
    "Run 5 customer workshops",
    "Deliver the partner portal by the end of the quarter",
)
NOTES = ("first cohort measured", "holiday dip", "experiment B rolled out", "steady", "on track")


def quarter(rng: random.Random) -> tuple[str, int]:
    year = rng.choice((2025, 2026))
    return f"{year}-Q{rng.randint(1, 4)}", year


def key_result(rng: random.Random, number: int, year: int) -> list[str]:
    kind = rng.random()
    if kind < 0.12:
        return [f"      - {rng.choice(OUTPUTS)}"]
    sentence, title, metric, unit, direction = rng.choice(MEASURES)
    a = rng.randint(5, 60)
    b = a + rng.randint(1, 40) if direction > 0 else max(1, a - rng.randint(1, a))
    if kind < 0.6:
        return [f"      - {sentence.format(a=a, b=b)}"]
    lines = [
        f"      - id: KR{number}",
        f"        title: {title}",
        f"        metric: {metric}",
        f"        baseline: {a}",
        f"        target: {b}",
    ]
    if unit:
        lines.append(f"        unit: '{unit}'")
    lines.append(f"        direction: {'increase' if direction > 0 else 'decrease'}")
    lines.append(f"        confidence: {rng.choice((0.3, 0.5, 0.6, 0.7, 0.8))}")
    lines.append(f"        owner: {rng.choice(PEOPLE)}")
    if rng.random() < 0.5:
        lines.append("        checkins:")
        month = rng.randint(1, 9)
        for week in range(rng.randint(1, 3)):
            value = a + (b - a) * (week + 1) // 4
            lines.append(
                f"          - {{date: {year}-{month:02d}-{7 * week + 3:02d}, value: {value}, "
                f"confidence: 0.{rng.randint(3, 8)}, note: {rng.choice(NOTES)}}}"
            )
    return lines


def okr_file(rng: random.Random, team: str, objectives: int, key_results: int) -> str:
    period, year = quarter(rng)
    lines = [
        "# OKRs for the quarter; reviewed every Monday.",
        f"team: {team}",
        f"period: {period}",
        f"owner: {rng.choice(PEOPLE)}",
        "objectives:",
    ]
    for o in range(objectives):
        lines.append(f"  - id: O{o + 1}")
        lines.append(f"    title: {rng.choice(OBJECTIVES)}")
        lines.append(f"    type: {'committed' if rng.random() < 0.3 else 'aspirational'}")
        lines.append("    key_results:")
        for k in range(key_results):
            lines.extend(key_result(rng, k + 1, year))
        if rng.random() < 0.4:
            lines.append("    initiatives:")
            lines.append(f"      - {rng.choice(OUTPUTS)}")
    return "\n".join(lines) + "\n"


def generate(out: Path, files: int, objectives: int, key_results: int, seed: int) -> list[Path]:
    """Write `files` OKR files under `out` (100 per folder, like teams grouped by area)."""
    rng = random.Random(seed)
    written: list[Path] = []
    for n in range(files):
        folder = out / f"area-{n // 100:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        team = f"{rng.choice(TEAMS)} {n}"
        path = folder / f"team-{n:05d}.yaml"
        path.write_text(okr_file(rng, team, objectives, key_results), encoding="utf-8")
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--objectives", type=int, default=4)
    parser.add_argument("--key-results", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    written = generate(args.out, args.files, args.objectives, args.key_results, args.seed)
    size = sum(p.stat().st_size for p in written)
    print(f"wrote {len(written)} files ({size / 1e6:.1f} MB) under {args.out}")


if __name__ == "__main__":
    main()
