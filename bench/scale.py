"""Benchmark: how the build's time and memory grow with the corpus.

Writes synthetic projects of 10, 100 and 1,000 generated documents (the real ontology,
shapes and catalog; generated texts, each about two pages, and generated facts quoting
them: memberships, statements, recognitions, relation events and indicators) and builds
each with the real build (`fpkg.pipeline.run_build`: load, anchor, gazetteer, SHACL
validation, publication), each size in a fresh child process. Prints the build time and
the peak resident memory of that process per size, and their ratios to the smallest size.

    .venv/bin/python bench/scale.py [--sizes 10 100 1000]
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


def child(project: Path) -> None:
    """Build ``project`` and print the time and this process's peak memory as JSON."""
    from fpkg.pipeline import run_build
    from fpkg.sources import Paths

    started = time.perf_counter()
    result = run_build(Paths(project))
    seconds = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    quads = sum(1 for _ in result.dataset.quads((None, None, None, None)))
    print(json.dumps({"seconds": seconds, "peak_mib": peak_kib / 1024, "quads": quads}))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return 0
    rows = []
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix=f"fpkg-scale-{size}-") as tmp:
            project = Path(tmp)
            write_project(project, size)
            text_bytes = sum(p.stat().st_size for p in (project / "corpus").glob("*.txt"))
            out = subprocess.run(
                [sys.executable, __file__, "--child", str(project)],
                capture_output=True,
                text=True,
                check=False,
            )
            if out.returncode != 0:
                print(out.stderr or out.stdout, file=sys.stderr)
                return 1
            measured = json.loads(out.stdout.strip().splitlines()[-1])
            rows.append((size, text_bytes, measured))
            print(
                f"built {size} documents: {measured['seconds']:.1f} s, "
                f"{measured['peak_mib']:.0f} MiB peak",
                flush=True,
            )
    base_size, _, base = rows[0]
    print(
        f"\n{'documents':>9}{'text KiB':>10}{'quads':>10}{'build s':>9}{'peak MiB':>10}"
        f"{'x docs':>8}{'x time':>8}{'x memory':>10}{'s/doc':>8}"
    )
    for size, text_bytes, m in rows:
        print(
            f"{size:>9}{text_bytes / 1024:>10.0f}{m['quads']:>10}{m['seconds']:>9.1f}"
            f"{m['peak_mib']:>10.0f}{size / base_size:>8.0f}{m['seconds'] / base['seconds']:>8.1f}"
            f"{m['peak_mib'] / base['peak_mib']:>10.1f}{m['seconds'] / size:>8.3f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
