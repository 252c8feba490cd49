"""Each label, alias and quote in its own language: tags stated in the YAML, proposed at
curation time by an offline identifier (lingua), never guessed by the build."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from click.testing import CliRunner
from rdflib import Literal
from rdflib.namespace import SKOS

from fpkg.cli import main
from fpkg.curate import NAME_CONFIDENCE, QUOTE_CONFIDENCE, Identifier, proposals
from fpkg.namespaces import OA
from fpkg.publish import union_graph
from fpkg.sources import Paths

SPANISH = ["Grupo de Lima", "Ministerio de Relaciones Exteriores del Perú", "Consejo de Seguridad"]
QUOTE = "a los pocos días de haber asumido el cargo, el Canciller Wagner"


@pytest.fixture(scope="module")
def identifier() -> Identifier:
    return Identifier()


@pytest.mark.parametrize("name", SPANISH)
def test_identifier_finds_known_spanish_names(identifier, name):
    assert identifier.propose(name, NAME_CONFIDENCE) == "es"


def test_identifier_keeps_english_and_acronyms(identifier):
    assert identifier.propose("Organization of American States", NAME_CONFIDENCE) == "en"
    assert identifier.propose("CELAC", NAME_CONFIDENCE) is None
    sentence = "the victory of Andrés Manuel López Obrador in Mexico at the end of 2018"
    assert identifier.propose(sentence, QUOTE_CONFIDENCE) != "es"


def test_curated_data_already_has_every_proposed_tag(root, identifier):
    assert proposals(Paths(root), identifier) == []


@pytest.mark.parametrize("name", SPANISH)
def test_spanish_names_are_spanish_in_the_graph(built, name):
    graph = union_graph(built.dataset)
    assert (None, SKOS.altLabel, Literal(name, lang="es")) in graph
    assert (None, SKOS.altLabel, Literal(name, lang="en")) not in graph


def test_spanish_quotes_keep_their_language(built):
    graph = union_graph(built.dataset)
    assert (None, OA.exact, Literal(QUOTE, lang="es")) in graph
    mentions = [o for o in graph.objects(None, OA.exact) if str(o) == "Consejo de Seguridad"]
    assert mentions and {o.language for o in mentions} == {"es"}
    languages = Counter(o.language for o in graph.objects(None, OA.exact))
    assert languages["en"] > languages["es"] > 0


SENTENCE_WORD = re.compile(r"\b[a-záéíóúñü]{2,}\b")
"""A word in lower case: what carries a text's language (names are written alike in both)."""


def test_every_quote_and_label_has_the_language_the_identifier_is_sure_of(built, identifier):
    """Every language-tagged literal of the graph with three words or more in lower case
    (quotes, labels, wordings; names alone are skipped): where lingua is sure of a language,
    it is the tag's."""
    graph = union_graph(built.dataset)
    texts = {
        literal
        for literal in graph.objects()
        if isinstance(literal, Literal)
        and literal.language
        and len(SENTENCE_WORD.findall(str(literal))) >= 3
    }
    assert len(texts) > 1000 and {t.language for t in texts} == {"en", "es"}
    wrong = [
        (str(text), text.language, found)
        for text in sorted(texts)
        if (found := identifier.propose(str(text), QUOTE_CONFIDENCE)) not in (None, text.language)
    ]
    assert wrong == []


def test_a_spanish_reference_title_in_a_table_keeps_its_language(built):
    graph = union_graph(built.dataset)
    title = "relaciones diplomáticas con la República Dominicana"
    assert (None, OA.exact, Literal(title, lang="es")) in graph
    assert (None, OA.exact, Literal(title, lang="en")) not in graph


def test_curate_writes_missing_tags_once(scratch):
    catalog = scratch.catalog / "entities.yaml"
    catalog.write_text(
        catalog.read_text(encoding="utf-8").replace("{es: Grupo de Lima}", "Grupo de Lima"),
        encoding="utf-8",
    )
    facts = scratch.facts / "wikipedia-foreign-relations-of-peru.yaml"
    text = facts.read_text(encoding="utf-8")
    facts.write_text(text.replace(f'{{quote: "{QUOTE}", lang: es}}', QUOTE), encoding="utf-8")
    args = ["curate", "languages", "--root", str(scratch.root)]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 0, first.output
    assert "entities.yaml" in first.output and "wrote 2 language tag(s)" in first.output
    assert "[{es: Grupo de Lima}]" in catalog.read_text(encoding="utf-8")
    assert facts.read_text(encoding="utf-8") == text
    again = CliRunner().invoke(main, args)
    assert "wrote 0 language tag(s)" in again.output


def test_a_bad_language_tag_names_file_and_line(scratch):
    catalog = scratch.catalog / "entities.yaml"
    text = catalog.read_text(encoding="utf-8")
    catalog.write_text(text.replace("{es: Grupo de Lima}", "{spanish: Grupo de Lima}"))
    result = CliRunner().invoke(main, ["build", "--root", str(scratch.root)])
    assert result.exit_code == 1
    assert "entities.yaml:" in result.output
    assert "'spanish' is not a BCP 47 language tag" in result.output
