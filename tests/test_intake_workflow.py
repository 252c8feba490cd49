"""A document fpkg has never seen goes add → propose → review (accept all) → build → serve,
and the endpoint answers a question about it with its evidence."""

from __future__ import annotations

from click.testing import CliRunner
from documents import BULLETIN, BULLETIN_ID
from servers import fpkg_server, select

from fpkg.cli import main
from fpkg.sources import Paths

QUESTION = """
PREFIX fp: <https://w3id.org/fpkg/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX id: <https://w3id.org/fpkg/id/>
SELECT ?exact ?start WHERE {
  GRAPH <https://w3id.org/fpkg/graph/regional-bulletin> {
    ?vote a fp:Decision ; fp:abstained id:state\\/MEX ; fp:votedAgainst id:state\\/BOL ;
          prov:wasDerivedFrom ?evidence .
    ?evidence oa:hasSelector ?quote, ?position .
    ?quote oa:exact ?exact .
    ?position oa:start ?start .
  }
}
"""


def fpkg(paths: Paths, *args: str, answers: str | None = None) -> str:
    result = CliRunner().invoke(
        main, [args[0], "--root", str(paths.root), *args[1:]], input=answers
    )
    assert result.exit_code == 0, result.output
    return result.output


def test_a_new_document_from_add_to_the_endpoint(scratch: Paths) -> None:
    fpkg(
        scratch, "add", str(BULLETIN), "--id", BULLETIN_ID, "--title", "Regional Diplomacy Bulletin",
        "--creator", "fpkg tests", "--publisher", "fpkg tests", "--date", "2023",
        "--identifier", "https://example.org/regional-bulletin",
        "--licence", "https://creativecommons.org/licenses/by/4.0/",
    )  # fmt: skip
    assert "new proposal(s) to review" in fpkg(scratch, "propose", BULLETIN_ID)
    assert "moved" in fpkg(scratch, "review", BULLETIN_ID, answers="A\n")
    fpkg(scratch, "build")
    text = BULLETIN.read_text(encoding="utf-8")
    with fpkg_server(scratch.root) as url:
        (row,) = select(url, QUESTION)
    exact, start = row["exact"]["value"], int(row["start"]["value"])
    assert "Mexico and Argentina abstained" in exact
    assert text[start : start + len(exact)] == exact
