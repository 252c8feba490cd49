"""Curated files are written whole under one lock: two writers at once lose nothing, a kill in
the middle of a write leaves the file as it was; `fpkg remove` undoes `fpkg add`, which refuses
a file the corpus holds already; `fpkg review` shows the words of each proposal."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from documents import BULLETIN, BULLETIN_ID, add_bulletin

from fpkg import yamlfile
from fpkg.cli import main
from fpkg.corpus import MANIFEST
from fpkg.errors import FpkgError
from fpkg.proposals import read_review, review_path
from fpkg.propose import propose
from fpkg.review import apply, record_decision, signature
from fpkg.sources import Paths

WRITER = """
import sys
from pathlib import Path
from fpkg.curated import curation_lock, write_atomically

path, name, rounds = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
for number in range(rounds):
    with curation_lock(path.parent.parent):  # root of data/
        text = path.read_text()
        write_atomically(path, text + f"{name}-{number}\\n")
"""


def test_two_writers_at_once_lose_nothing(tmp_path: Path) -> None:
    target = tmp_path / "data" / "list.txt"
    target.parent.mkdir()  # the lock sits at the root, beside data/
    target.write_text("")
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(target), name, "150"])
        for name in ("one", "two")
    ]
    assert [w.wait(timeout=120) for w in writers] == [0, 0]
    lines = target.read_text().splitlines()
    assert sorted(lines) == sorted(f"{n}-{i}" for n in ("one", "two") for i in range(150))


KILLED = """
import os, signal, sys
from pathlib import Path
from fpkg.curated import write_atomically

os.replace = lambda *args: os.kill(os.getpid(), signal.SIGKILL)  # killed before the rename
write_atomically(Path(sys.argv[1]), "half a new catalog\\n" * 100_000)
"""


def test_a_kill_during_a_write_leaves_the_file_intact(tmp_path: Path) -> None:
    target = tmp_path / "entities.yaml"
    target.write_text("entities: []\n")
    process = subprocess.run([sys.executable, "-c", KILLED, str(target)], timeout=60)
    assert process.returncode == -9
    assert target.read_text() == "entities: []\n"
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".yaml"] == ["entities.yaml"]


def test_a_decision_from_elsewhere_is_kept(scratch: Paths) -> None:
    """Two review sessions over one file: each decision re-reads the file under the lock."""
    add_bulletin(scratch)
    propose(scratch, BULLETIN_ID)
    first, second = read_review(review_path(scratch, BULLETIN_ID)).proposals[:2]
    record_decision(scratch, BULLETIN_ID, signature(first), "rejected")
    record_decision(scratch, BULLETIN_ID, signature(second), "rejected")
    statuses = [p.status for p in read_review(review_path(scratch, BULLETIN_ID)).proposals[:2]]
    assert statuses == ["rejected", "rejected"]


def fpkg(paths: Paths, *args: str, answers: str | None = None) -> object:
    return CliRunner().invoke(main, [args[0], "--root", str(paths.root), *args[1:]], input=answers)


def test_review_shows_the_words_of_each_proposal(scratch: Paths) -> None:
    text = add_bulletin(scratch)
    propose(scratch, BULLETIN_ID)
    first = read_review(review_path(scratch, BULLETIN_ID)).proposals[0]
    result = fpkg(scratch, "review", BULLETIN_ID, answers="q\n")
    assert result.exit_code == 0, result.output
    words = text[first.start : first.end]
    assert f"»{words}«" in result.output
    before = " ".join(text[max(0, first.start - 20) : first.start].split())
    assert before in result.output


def test_add_refuses_a_file_the_corpus_holds(scratch: Paths) -> None:
    add_bulletin(scratch)
    manifest = (scratch.corpus / MANIFEST).read_bytes()
    result = fpkg(
        scratch, "add", str(BULLETIN), "--id", "bulletin-again", "--title", "Again",
        "--creator", "x", "--publisher", "x", "--identifier", "https://example.org/again",
        "--licence", "https://creativecommons.org/licenses/by/4.0/",
    )  # fmt: skip
    assert result.exit_code == 1
    assert f"already in the corpus as document '{BULLETIN_ID}'" in result.output
    assert result.output.count("\n") == 1
    assert (scratch.corpus / MANIFEST).read_bytes() == manifest
    assert not (scratch.facts / "bulletin-again.yaml").exists()


def test_remove_undoes_add(scratch: Paths) -> None:
    manifest = (scratch.corpus / MANIFEST).read_bytes()
    corpus_files = sorted(p.name for p in scratch.corpus.iterdir())
    add_bulletin(scratch)
    propose(scratch, BULLETIN_ID)
    result = fpkg(scratch, "remove", BULLETIN_ID)
    assert result.exit_code == 0, result.output
    assert (scratch.corpus / MANIFEST).read_bytes() == manifest
    assert sorted(p.name for p in scratch.corpus.iterdir()) == corpus_files
    assert not (scratch.facts / f"{BULLETIN_ID}.yaml").exists()
    assert not review_path(scratch, BULLETIN_ID).exists()
    again = fpkg(scratch, "remove", BULLETIN_ID)
    assert again.exit_code == 1 and f"no document '{BULLETIN_ID}'" in again.output


def test_remove_refuses_while_curated_facts_depend_on_it(scratch: Paths) -> None:
    add_bulletin(scratch)
    propose(scratch, BULLETIN_ID)
    review = read_review(review_path(scratch, BULLETIN_ID))
    fact = next(p for p in review.proposals if p.kind == "statement")
    record_decision(scratch, BULLETIN_ID, signature(fact), "accepted")
    apply(scratch, BULLETIN_ID)
    manifest = (scratch.corpus / MANIFEST).read_bytes()
    refused = fpkg(scratch, "remove", BULLETIN_ID)
    assert refused.exit_code == 1
    assert "1 curated fact(s)" in refused.output and "--force" in refused.output
    assert (scratch.corpus / MANIFEST).read_bytes() == manifest
    assert fpkg(scratch, "remove", BULLETIN_ID, "--force").exit_code == 0
    ids = [d["id"] for d in yamlfile.load(scratch.corpus / MANIFEST)["documents"]]
    assert BULLETIN_ID not in ids and len(ids) == 3


def test_without_items_keeps_the_rest_byte_for_byte(tmp_path: Path) -> None:
    path = tmp_path / "list.yaml"
    path.write_text(
        textwrap.dedent("""\
        # a comment
        items:
          - id: a
            note: >-
              folded

          - id: b
          - id: c
        """)
    )
    assert yamlfile.without_items(path, "items", {1}) == textwrap.dedent("""\
        # a comment
        items:
          - id: a
            note: >-
              folded

          - id: c
        """)
    assert yamlfile.without_items(path, "items", {0, 1, 2}) == "# a comment\nitems: []\n"


def test_an_item_replaced_is_written_anew_and_the_rest_stays_byte_for_byte(
    tmp_path: Path,
) -> None:
    path = tmp_path / "list.yaml"
    path.write_text(
        textwrap.dedent("""\
        # a comment
        items:
          - id: a
            evidence: words

          # about b
          - &shared
            id: b
          - {<<: *shared, id: c}
          - id: d
            # a comment inside d
        """)
    )
    replaced = yamlfile.with_item_replaced(
        path, "items", 0, {"id": "a", "date": "2024", "evidence": ["words", "2024"]}
    )
    assert replaced == path.read_text().replace(
        "    evidence: words\n",
        "    date: '2024'\n    evidence:\n      - words\n      - '2024'\n",
    )
    for index in (1, 2, 3):  # an anchor, a merge (flow style), a comment would be lost
        with pytest.raises(FpkgError, match="change it by hand"):
            yamlfile.with_item_replaced(path, "items", index, {"id": "x"})
