"""`fpkg add`: a document enters the corpus byte for byte, or nothing changes."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from fpkg.cli import main
from fpkg.corpus import load_corpus
from fpkg.records import read_facts
from fpkg.sources import Paths

FIXTURE = Path(__file__).parent / "fixtures" / "intake" / "regional-bulletin.txt"
LICENCE = "https://creativecommons.org/licenses/by/4.0/"


def add(paths: Paths, file: Path, *extra: str, doc_id: str = "regional-bulletin") -> object:
    options = {
        "--id": doc_id,
        "--title": "Regional Diplomacy Bulletin",
        "--creator": "fpkg tests",
        "--publisher": "fpkg tests",
        "--date": "2023",
        "--identifier": "https://example.org/regional-bulletin",
        "--licence": LICENCE,
    }
    for option in extra[::2]:
        options.pop(option, None)
    args = [a for pair in options.items() for a in pair] + list(extra)
    return CliRunner().invoke(main, ["add", "--root", str(paths.root), str(file), *args])


def snapshot(paths: Paths) -> dict[str, str]:
    """A hash of every file under corpus/ and data/."""
    return {
        str(p.relative_to(paths.root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for folder in (paths.corpus, paths.root / "data")
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def minimal_pdf(text: str) -> bytes:
    """A one-page PDF showing ``text`` in Helvetica (written by hand, with a correct xref)."""
    content = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def test_add_stores_the_document_byte_for_byte(scratch: Paths) -> None:
    result = add(scratch, FIXTURE)
    assert result.exit_code == 0, result.output
    stored = scratch.corpus / "regional-bulletin.txt"
    assert stored.read_bytes() == FIXTURE.read_bytes()
    document = load_corpus(scratch.corpus)["regional-bulletin"]
    assert document.sha256 == hashlib.sha256(FIXTURE.read_bytes()).hexdigest()
    assert document.date == "2023" and document.license == LICENCE
    facts_file = scratch.facts / "regional-bulletin.yaml"
    assert read_facts(facts_file) == []


def test_add_keeps_an_html_original_beside_its_anchored_text(
    scratch: Paths, tmp_path: Path
) -> None:
    page = tmp_path / "brief.html"
    page.write_text(
        "<html><head><title>x</title><style>p{}</style></head><body><h1>Brief</h1>"
        "<p>Peru condemned the arrest of opposition deputies in Venezuela.</p>"
        "<script>var x = 1;</script><p>Chile &amp; Peru joined the Pacific Alliance.</p>"
        "</body></html>",
        encoding="utf-8",
    )
    result = add(scratch, page, doc_id="html-brief")
    assert result.exit_code == 0, result.output
    document = load_corpus(scratch.corpus)["html-brief"]
    assert document.text == (
        "Brief\n\nPeru condemned the arrest of opposition deputies in Venezuela.\n\n"
        "Chile & Peru joined the Pacific Alliance.\n"
    )
    assert (scratch.corpus / "html-brief.html").read_bytes() == page.read_bytes()


def test_add_reads_the_text_of_a_pdf(scratch: Paths, tmp_path: Path) -> None:
    pdf = tmp_path / "note.pdf"
    pdf.write_bytes(minimal_pdf("Peru restored diplomatic relations with Venezuela in 2021."))
    result = add(scratch, pdf, doc_id="pdf-note")
    assert result.exit_code == 0, result.output
    document = load_corpus(scratch.corpus)["pdf-note"]
    assert "Peru restored diplomatic relations with Venezuela in 2021." in document.text
    assert (scratch.corpus / "pdf-note.pdf").read_bytes() == pdf.read_bytes()


def test_a_changed_original_is_refused(scratch: Paths, tmp_path: Path) -> None:
    pdf = tmp_path / "note.pdf"
    pdf.write_bytes(minimal_pdf("Peru joined the Pacific Alliance."))
    assert add(scratch, pdf, doc_id="pdf-note").exit_code == 0
    (scratch.corpus / "pdf-note.pdf").write_bytes(pdf.read_bytes() + b"\n")
    with pytest.raises(Exception, match=r"pdf-note\.pdf: SHA-256 is"):
        load_corpus(scratch.corpus)


@pytest.mark.parametrize(
    ("file", "extra", "message"),
    [
        ("missing.txt", (), "missing.txt: cannot read the document: No such file"),
        (None, ("--id", "Regional_Bulletin"), "is not a slug"),
        (None, ("--id", "psg-2019"), "document id 'psg-2019' is taken"),
        (None, ("--licence", ""), "missing --licence"),
        (None, ("--licence", "CC BY"), "is not a URL"),
        (None, ("--licence", "none"), "--licence none needs --rights"),
        (None, ("--title", ""), "missing --title"),
        (None, ("--date", "mid-2021"), "--date: 'mid-2021' is not a date"),
        ("bad.txt", (), "bad.txt: not UTF-8"),
        ("empty.txt", (), "empty.txt: the document holds no text"),
        ("page.docx", (), "unknown document format '.docx'"),
        ("broken.pdf", (), "broken.pdf: not a readable PDF"),
    ],
)
def test_bad_input_is_one_line_and_changes_nothing(
    scratch: Paths, tmp_path: Path, file: str | None, extra: tuple[str, ...], message: str
) -> None:
    (tmp_path / "bad.txt").write_bytes(b"Peru \xff\xfe")
    (tmp_path / "empty.txt").write_text("  \n")
    (tmp_path / "page.docx").write_text("Peru")
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4 this is no pdf")
    before = snapshot(scratch)
    result = add(scratch, tmp_path / file if file else FIXTURE, *extra)
    assert result.exit_code == 1
    assert message in result.output
    assert result.output.count("\n") == 1 and "Traceback" not in result.output
    assert snapshot(scratch) == before


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"Peru is no PDF\n", "(invalid pdf header: b'Peru '; EOF marker not found)"),
        (b"%PDF-1.4\ngarbage\n", "(EOF marker not found)"),
    ],
)
def test_a_fake_pdf_is_one_line_without_the_library_s_own(
    scratch: Paths, tmp_path: Path, content: bytes, reason: str
) -> None:
    """In a process of its own: pytest's log capture would hide what the library prints."""
    fake = tmp_path / "fake.pdf"
    fake.write_bytes(content)
    options = ["--id", "fake", "--title", "T", "--creator", "C", "--publisher", "P"]
    options += ["--identifier", "https://example.org/fake", "--licence", LICENCE]
    before = snapshot(scratch)
    result = subprocess.run(
        [sys.executable, "-m", "fpkg.cli", "add", "--root", str(scratch.root), str(fake), *options],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1, result.stderr
    assert "fake.pdf: not a readable PDF" in result.stderr and reason in result.stderr
    assert snapshot(scratch) == before


def test_an_existing_file_is_never_overwritten(scratch: Paths) -> None:
    (scratch.facts / "regional-bulletin.yaml").write_text("document: x\nfacts: []\n")
    before = snapshot(scratch)
    result = add(scratch, FIXTURE)
    assert result.exit_code == 1 and "regional-bulletin.yaml exists already" in result.output
    assert snapshot(scratch) == before
