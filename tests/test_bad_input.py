"""Bad input fails with a message naming file and line (or node and rule), no traceback,
and leaves the published graph/ exactly as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from fpkg.cli import main

QUOTE = "Peru took a leading role in the formation of the Lima Group"


def fact_file(paths, body: str) -> Path:
    path = paths.facts / "zz-test.yaml"
    path.write_text("document: psg-2019\nfacts:\n" + body, encoding="utf-8")
    return path


def membership(extra: str = "", quote: str = QUOTE) -> str:
    return (
        "  - id: membership/test-fact\n"
        "    member: state/PER\n"
        "    organization: mechanism/lima-group\n"
        f"{extra}"
        f"    evidence: {quote!r}\n"
    )


def build(paths) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["build", "--root", str(paths.root)])
    return result.exit_code, result.output


def graph_snapshot(paths) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(paths.graph.iterdir())}


def assert_fails(paths, *expected: str) -> str:
    before = graph_snapshot(paths)
    code, output = build(paths)
    assert code == 1, output
    assert "Traceback" not in output
    for words in expected:
        assert words in output, output
    assert graph_snapshot(paths) == before, "a failed build changed graph/"
    return output


def test_scratch_project_builds(scratch):
    code, output = build(scratch)
    assert code == 0, output


def test_end_before_start_names_fact_and_rule(scratch):
    fact_file(scratch, membership('    from: "2019-05"\n    to: "2018"\n'))
    output = assert_fails(
        scratch,
        "membership/test-fact/interval",
        "the interval begins (2019-05) after it ends (2018)",
        "fpsh:IntervalShape",
        "zz-test.yaml:3",
    )
    assert "graph/ left unchanged" in output


def test_same_year_with_different_precision_is_not_an_error(scratch):
    fact_file(scratch, membership('    from: "2018-05"\n    to: "2018"\n'))
    assert build(scratch)[0] == 0


def test_unknown_entity(scratch):
    fact_file(scratch, membership().replace("state/PER", "state/XXX"))
    assert_fails(scratch, "zz-test.yaml:3", "unknown entity 'state/XXX'")


def test_quote_not_in_document(scratch):
    fact_file(scratch, membership(quote="Peru never joined the Lima Group"))
    assert_fails(scratch, "zz-test.yaml:6", "is not in document psg-2019")


def error_line(output: str, where: str) -> str:
    """The one line of the output that names ``where``."""
    lines = [line for line in output.splitlines() if where in line]
    assert len(lines) == 1, output
    return lines[0]


def test_quote_error_shows_where_a_look_alike_character_differs(scratch):
    fact_file(scratch, membership(quote="at the Lima Group's most recent meeting, Mexico desisted"))
    line = error_line(assert_fails(scratch, "zz-test.yaml:6"), "zz-test.yaml:6")
    assert "is not in document psg-2019" in line
    assert "from character 1500 of the document" in line
    assert "at its character 17, after 'at the Lima Group'" in line
    assert "the quote has U+0027 apostrophe" in line
    assert "the document has U+2019 right single quotation mark" in line


def test_quote_error_shows_a_difference_past_sixty_characters(scratch):
    quote = (
        "the Lima Group, which includes Argentina, Brazil, Canada, Chile, Colombia, "
        "Costa Rica, Guatemala, Honduras, Mexico and Paraguay"
    )
    fact_file(scratch, membership(quote=quote))
    line = error_line(assert_fails(scratch, "zz-test.yaml:6"), "zz-test.yaml:6")
    assert (
        f"at its character {quote.index(' and Paraguay')}, after 'temala, Honduras, Mexico'" in line
    )
    assert "the quote has U+0020 space ' and Paraguay'" in line
    assert "the document has U+002C comma ', Panama and Paraguay. I'" in line


def test_quote_error_with_nothing_close(scratch):
    fact_file(scratch, membership(quote="Zqxj"))
    line = error_line(assert_fails(scratch, "zz-test.yaml:6"), "zz-test.yaml:6")
    assert "no passage shares 4 characters in a row with it" in line


def test_ambiguous_quote_needs_a_hint(scratch):
    fact_file(scratch, membership(quote="Lima Group"))
    assert_fails(scratch, "zz-test.yaml:6", "occurs", "add a `hint`")


def test_hint_disambiguates(scratch):
    extra = "    evidence:\n      - quote: Lima Group\n        hint: formation of the Lima Group, which includes\n"
    body = membership().rsplit("    evidence:", 1)[0] + extra
    fact_file(scratch, body)
    assert build(scratch)[0] == 0


@pytest.mark.parametrize(
    ("value", "message"),
    [("2019-13", "is not a calendar date"), ("23 January 2019", "is not a date")],
)
def test_malformed_date(scratch, value, message):
    fact_file(scratch, membership(f"    from: {value!r}\n"))
    assert_fails(scratch, "zz-test.yaml:6", message)


def test_unknown_field(scratch):
    fact_file(scratch, membership("    joined: 2017\n"))
    assert_fails(scratch, "zz-test.yaml:6", "unknown field 'joined'")


def test_unknown_concept(scratch):
    fact_file(scratch, membership("    begins-by: invasion\n"))
    assert_fails(scratch, "zz-test.yaml:3", "'invasion' is not in the membership-change scheme")


def test_wrong_kind_of_reference(scratch):
    fact_file(scratch, membership().replace("mechanism/lima-group", "person/pedro-pablo-kuczynski"))
    assert_fails(
        scratch, "zz-test.yaml:3", "is a person; expected one of mechanism, state-body, state"
    )


def test_missing_evidence(scratch):
    fact_file(scratch, membership().rsplit("    evidence:", 1)[0])
    assert_fails(scratch, "zz-test.yaml:3", "needs `evidence`")


def test_yaml_syntax_error(scratch):
    fact_file(scratch, membership() + "  - id: [unclosed\n")
    assert_fails(scratch, "zz-test.yaml:", "YAML syntax error")


def test_qid_not_in_register(scratch):
    catalog = scratch.catalog / "states.yaml"
    text = catalog.read_text(encoding="utf-8")
    catalog.write_text(text.replace("wikidata: Q419", "wikidata: Q57413", 1), encoding="utf-8")
    assert_fails(scratch, "states.yaml:", "Q57413 is not in the register of verified QIDs")


def test_changed_document_is_refused(scratch):
    path = scratch.corpus / "psg-2019-peru-recognises-guaido.txt"
    path.write_bytes(path.read_bytes().replace(b"Peru", b"Chile", 1))
    assert_fails(scratch, "psg-2019-peru-recognises-guaido.txt", "SHA-256 is")


def test_non_utf8_document_is_refused(scratch):
    import hashlib

    path = scratch.corpus / "psg-2019-peru-recognises-guaido.txt"
    data = path.read_bytes().replace("Guaidó".encode(), "Guaidó".encode("latin-1"))
    path.write_bytes(data)
    manifest = scratch.corpus / "manifest.yaml"
    old = "518584b4fdc525eb7e56502bbf8282838ddae5b67f2da3812d5ca13f515f382b"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace(old, hashlib.sha256(data).hexdigest()),
        encoding="utf-8",
    )
    assert_fails(scratch, "psg-2019-peru-recognises-guaido.txt", "not UTF-8")


@pytest.mark.parametrize("key", ["hnit", "start"])
def test_unknown_evidence_key(scratch, key):
    extra = f"    evidence:\n      - quote: {QUOTE}\n        {key}: the Lima Group\n"
    fact_file(scratch, membership().rsplit("    evidence:", 1)[0] + extra)
    assert_fails(scratch, "zz-test.yaml:8", f"unknown key {key!r}; allowed: quote, hint")


def test_document_without_facts_file(scratch):
    (scratch.facts / "psg-2019.yaml").unlink()
    output = assert_fails(
        scratch, "psg-2019.yaml", "document 'psg-2019' of the manifest has no facts file"
    )
    assert len(output.strip().splitlines()) == 1


def test_build_reports_violations_and_warnings_apart(scratch):
    code, output = build(scratch)
    assert code == 0, output
    assert "SHACL: 0 violation(s), " in output
    assert "warning(s) (warnings do not fail the build" in output


def test_two_languages_for_one_span(scratch):
    path = scratch.facts / "zz-test.yaml"
    path.write_text(
        "document: vidarte-rivas-2024\nfacts:\n"
        "  - id: membership/test-fact\n"
        "    member: state/PER\n"
        "    organization: mechanism/lima-group\n"
        "    evidence:\n"
        "      - quote: Grupo de Lima\n"
        "        hint: Grupo de Lima, 2018\n"
        "        lang: pt\n",
        encoding="utf-8",
    )
    assert_fails(scratch, "zz-test.yaml:3", "'Grupo de Lima' is tagged", "'pt'", "'es'")
