"""A user's document leaves the project's checks green: in a clean clone, a document is
added, proposed, curated (decisions and a missed fact, as the curation app makes them) and
built as the README says; then the checks that pin the corpus's answers still pass there,
and what the new document lacks shows as to-dos, not failures."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner
from documents import add_bulletin

from fpkg.cli import main
from fpkg.curation import add_fact, set_state
from fpkg.proposals import read_review, review_path, signature
from fpkg.propose import propose
from fpkg.sources import Paths

ROOT = Path(__file__).resolve().parents[1]
PINNING = ("tests/test_competency.py", "tests/test_timeaudit.py", "tests/test_build.py")
MISSED = "The resolution was adopted by the Permanent Council in June 2019."


def test_checks_stay_green_after_a_document_is_added_and_curated(tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    paths = Paths(clone)
    doc_id = "regional-bulletin"
    text = add_bulletin(paths)
    propose(paths, doc_id)
    for proposal in read_review(review_path(paths, doc_id)).proposals:
        if proposal.kind in ("statement", "relation"):
            set_state(paths, doc_id, signature(proposal), "accepted")
    start = text.index(MISSED)
    fields = {"kind": "announcement", "issuer": ["mechanism/oas"], "date": "2019-06"}
    add_fact(paths, doc_id, "statement", fields, start, start + len(MISSED), [])
    built = CliRunner().invoke(main, ["build", "--root", str(clone)])
    assert built.exit_code == 0, built.output
    audit = CliRunner().invoke(main, ["audit", "times", "--root", str(clone)])
    assert audit.exit_code == 0, audit.output
    assert f"to-do (in curation): corpus/{doc_id}.txt:" in audit.output
    checks = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *PINNING],
        cwd=clone,
        capture_output=True,
        text=True,
    )
    assert checks.returncode == 0, checks.stdout[-3000:]
    assert " passed" in checks.stdout and "skipped" not in checks.stdout
