"""Benchmark: how the build's time and memory grow with the corpus.

Writes synthetic projects of 10, 100 and 1,000 (and, if asked, 10,000) generated documents
(the real ontology, shapes and catalog; generated texts, each about two pages, and generated
facts quoting them: memberships, statements, relation events and indicators) and builds each
with the real build (`fpkg.pipeline.run_build`: units, cache, SHACL validation, merge,
publication), each step in a fresh child process:

- ``fresh``: from nothing (no cache, no graph/);
- ``nochange``: again with nothing changed;
- ``onefact``: one fact changed in one document (a relation event's kind).

Prints per size and step the wall time of the build, the CPU time of the process and its
workers (the machine may be shared, so both), the peak resident memory of the main process
and of the largest worker, and the ratios of the fresh builds to the smallest size.

    .venv/bin/python bench/scale.py [--sizes 10 100 1000] [--jobs N]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STATES = [
    ("state/ARG", "Argentina"),
    ("state/BRA", "Brazil"),
    ("state/CAN", "Canada"),
    ("state/CHL", "Chile"),
    ("state/COL", "Colombia"),
    ("state/MEX", "Mexico"),
    ("state/PAN", "Panama"),
    ("state/PRY", "Paraguay"),
    ("state/PER", "Peru"),
    ("state/VEN", "Venezuela"),
    ("state/BOL", "Bolivia"),
    ("state/ECU", "Ecuador"),
]
MECHANISMS = [
    ("mechanism/lima-group", "Lima Group"),
    ("mechanism/oas", "Organization of American States"),
    ("mechanism/pacific-alliance", "Pacific Alliance"),
]
MONTHS = "January February March April May June July August September October November December"
STANCES = [("condemned", "condemns"), ("supported", "supports"), ("rejected", "rejects")]
FILLER = (
    "Analysts in the region read the episode in different ways, and the press of each "
    "country gave it a different weight, so that the debate about its meaning lasted for "
    "several weeks without reaching a conclusion that all sides could share. "
)


def generate_document(index: int, rng: random.Random) -> tuple[str, list[dict]]:
    """A synthetic text of about two pages and the facts that quote it."""
    facts: list[dict] = []
    paragraphs = [f"Synthetic bulletin number {index} (generated for the scale benchmark)."]
    for section in range(6):
        (a_id, a), (b_id, b) = rng.sample(STATES, 2)
        m_id, m = rng.choice(MECHANISMS)
        year = rng.randint(1990, 2023)
        month = MONTHS.split()[rng.randint(0, 11)]
        verb, stance = rng.choice(STANCES)
        key = f"doc-{index}-{section}"
        joined = f"In {month} {year}, {a} joined the {m} in section {section} of bulletin {index}"
        said = f"{a} {verb} the policy of {b} in section {section} of bulletin {index}"
        relation = f"{a} restored diplomatic relations with {b} in {year} (bulletin {index}, part {section})"
        figure = f"{b} hosted {rng.randint(2, 900)},000 migrants in {year} (bulletin {index}, part {section})"
        paragraphs.append(f"{joined}. {said}. {relation}. {figure}. {FILLER * 3}")
        evidence = {"joined": joined, "said": said, "relation": relation, "figure": figure}
        facts += [
            {
                "id": f"membership/{key}",
                "member": a_id,
                "organization": m_id,
                "begins-by": "joining",
                "from": f"{year}-{MONTHS.split().index(month) + 1:02d}",
                "evidence": evidence["joined"],
            },
            {
                "id": f"statement/{key}",
                "kind": "remark",
                "issuer": [a_id],
                "about": [b_id],
                "stance": [stance],
                "evidence": evidence["said"],
            },
            {
                "id": f"relation-event/{key}",
                "parties": sorted([a_id, b_id]),
                "event": "restored",
                "date": str(year),
                "evidence": evidence["relation"],
            },
            {
                "id": f"indicator/{key}",
                "subject": b_id,
                "measure": "migrant-count",
                "value": int(
                    evidence["figure"].split(" hosted ")[1].split(" ")[0].replace(",", "")
                ),
                "unit": "persons",
                "date": str(year),
                "evidence": evidence["figure"],
            },
        ]
    return "\n\n".join(paragraphs) + "\n", facts


def write_project(target: Path, size: int) -> None:
    """A project of ``size`` generated documents with the real ontology, shapes and catalog."""
    from fpkg.yamlfile import dump_items

    for name in ("ontology", "shapes"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copytree(ROOT / "data" / "catalog", target / "data" / "catalog")
    shutil.copy(ROOT / "data" / "wikidata-qids.tsv", target / "data" / "wikidata-qids.tsv")
    (target / "corpus").mkdir()
    (target / "data" / "facts").mkdir()
    rng = random.Random(size)
    entries = []
    for index in range(size):
        text, facts = generate_document(index, rng)
        data = text.encode("utf-8")
        doc_id = f"synthetic-{index:04d}"
        (target / "corpus" / f"{doc_id}.txt").write_bytes(data)
        entries.append(
            {
                "id": doc_id,
                "file": f"{doc_id}.txt",
                "sha256": hashlib.sha256(data).hexdigest(),
                "title": f"Synthetic bulletin {index}",
                "creators": ["fpkg scale benchmark"],
                "publisher": "fpkg scale benchmark",
                "identifier": f"https://example.org/synthetic/{index}",
                "language": "en",
            }
        )
        (target / "data" / "facts" / f"{doc_id}.yaml").write_text(
            f"document: {doc_id}\nfacts:\n" + dump_items(facts), encoding="utf-8"
        )
    (target / "corpus" / "manifest.yaml").write_text(
        "documents:\n" + dump_items(entries), encoding="utf-8"
    )


STEPS = ("fresh", "nochange", "onefact")


def change_one_fact(project: Path) -> None:
    """Change the kind of the first relation event of the first document."""
    facts = project / "data" / "facts" / "synthetic-0000.yaml"
    text = facts.read_text(encoding="utf-8")
    changed = text.replace("event: restored", "event: established", 1)
    assert changed != text
    facts.write_text(changed, encoding="utf-8")


def child(project: Path, step: str, jobs: int | None) -> None:
    """Run one step on ``project``; print its build time, units and peak memory as JSON."""
    from fpkg.pipeline import run_build
    from fpkg.sources import Paths

    if step == "onefact":
        change_one_fact(project)
    started = time.perf_counter()
    summary = run_build(Paths(project), jobs=jobs).summary
    seconds = time.perf_counter() - started
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "seconds": seconds,
                "main_mib": own,
                "worker_mib": worker,
                "quads": summary.quads,
                "built": len(summary.built),
                "reused": len(summary.reused),
            }
        )
    )


def run_step(project: Path, step: str, jobs: int | None) -> dict:
    """One step in a fresh process, with the CPU time it and its workers used."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    command = [sys.executable, __file__, "--child", str(project), "--step", step]
    if jobs:
        command += ["--jobs", str(jobs)]
    out = subprocess.run(command, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if out.returncode != 0:
        raise RuntimeError(out.stderr or out.stdout)
    measured = json.loads(out.stdout.strip().splitlines()[-1])
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {**measured, "cpu": cpu, "process_wall": wall}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--step", choices=STEPS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.step, args.jobs)
        return 0
    rows = []
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix=f"fpkg-scale-{size}-") as tmp:
            project = Path(tmp)
            write_project(project, size)
            text_bytes = sum(p.stat().st_size for p in (project / "corpus").glob("*.txt"))
            for step in STEPS:
                try:
                    measured = run_step(project, step, args.jobs)
                except RuntimeError as exc:
                    print(exc, file=sys.stderr)
                    return 1
                rows.append((size, text_bytes, step, measured))
                print(
                    f"{size} documents, {step}: {measured['seconds']:.1f} s build, "
                    f"{measured['cpu']:.1f} s CPU, {measured['built']} built, "
                    f"{measured['reused']} reused, peak {measured['main_mib']:.0f} MiB main / "
                    f"{measured['worker_mib']:.0f} MiB worker",
                    flush=True,
                )
    fresh = [(size, text, m) for size, text, step, m in rows if step == "fresh"]
    base_size, _, base = fresh[0]
    print(
        f"\n{'documents':>9}{'step':>9}{'text KiB':>9}{'quads':>9}{'build s':>8}{'CPU s':>8}"
        f"{'main MiB':>9}{'wkr MiB':>8}{'x docs':>7}{'x time':>7}{'x CPU':>6}{'x mem':>6}"
        f"{'s/doc':>7}"
    )
    for size, text_bytes, step, m in rows:
        ratios = (
            f"{size / base_size:>7.0f}{m['seconds'] / base['seconds']:>7.1f}"
            f"{m['cpu'] / base['cpu']:>6.1f}{m['main_mib'] / base['main_mib']:>6.1f}"
            f"{m['seconds'] / size:>7.3f}"
            if step == "fresh"
            else ""
        )
        print(
            f"{size:>9}{step:>9}{text_bytes / 1024:>9.0f}{m['quads']:>9}{m['seconds']:>8.1f}"
            f"{m['cpu']:>8.1f}{m['main_mib']:>9.0f}{m['worker_mib']:>8.0f}{ratios}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
