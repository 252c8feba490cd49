"""The general readers of `fpkg propose` in English and Spanish, each on synthetic text of its
own (tests/fixtures/propose/reading-en.txt, lectura-es.txt): states from the reference
gazetteer, capitals as a flagged inference, titled persons, lemma lexicon, plural subjects,
negation and cessation, vote counts, Spanish dates."""

from __future__ import annotations

from pathlib import Path

import pytest

from fpkg.corpus import Document
from fpkg.errors import FpkgError
from fpkg.proposals import Proposal
from fpkg.propose import find_proposals, load_catalog
from fpkg.propose.dates import find_dates
from fpkg.propose.folding import Folded
from fpkg.propose.lexicon import compile_for, load_lexicon
from fpkg.propose.states import spanish_demonym_forms, state_finder, table_forms
from fpkg.sources import Paths

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "propose"
PATTERNS = ROOT / "data" / "patterns"


def read(name: str, language: str) -> tuple[str, list[Proposal]]:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    document = Document(name, FIXTURES / name, text, "", "t", ("t",), "t", "urn:t", language)
    return text, find_proposals(document, load_catalog(Paths(ROOT)), PATTERNS, [])


def propose_text(text: str, language: str, tmp_path: Path) -> list[Proposal]:
    """The proposals for ``text`` as a new document in ``language``."""
    path = tmp_path / "text.txt"
    document = Document("text", path, text, "", "t", ("t",), "t", "urn:t", language)
    return find_proposals(document, load_catalog(Paths(ROOT)), PATTERNS, [])


@pytest.fixture(scope="module")
def english() -> tuple[str, list[Proposal]]:
    return read("reading-en.txt", "en")


@pytest.fixture(scope="module")
def spanish() -> tuple[str, list[Proposal]]:
    return read("lectura-es.txt", "es")


def of_kind(found: list[Proposal], kind: str) -> list[Proposal]:
    return [p for p in found if p.kind == kind]


def statement(found: list[Proposal], issuers: list[str], stance: str) -> Proposal:
    matches = [
        p
        for p in of_kind(found, "statement")
        if p.record["issuer"] == issuers and p.record.get("stance") == [stance]
    ]
    assert len(matches) == 1, [p.record for p in of_kind(found, "statement")]
    return matches[0]


@pytest.mark.parametrize("fixture", ["english", "spanish"])
def test_every_quote_is_the_text_at_its_offsets(
    fixture: str, request: pytest.FixtureRequest
) -> None:
    text, found = request.getfixturevalue(fixture)
    assert found
    for proposal in found:
        evidence = proposal.record.get("evidence")
        if evidence is None:
            continue
        quote = evidence if isinstance(evidence, str) else evidence["quote"]
        assert text[proposal.start : proposal.end] == quote


def test_spanish_quotes_and_labels_carry_their_language(spanish: tuple) -> None:
    _, found = spanish
    for proposal in found:
        if proposal.kind != "entity":
            assert proposal.record["evidence"]["lang"] == "es"
    body = next(p for p in found if p.record["id"] == "state-body/consejo-permanente")
    assert body.record["label"] == {"es": "Consejo Permanente"}


def test_states_the_catalog_lacks_are_candidates_with_iso_keys(english: tuple) -> None:
    text, found = english
    candidates = {p.record["id"]: p for p in of_kind(found, "entity") if not p.in_catalog}
    assert candidates["state/VCT"].record["label"] == "Saint Vincent and the Grenadines"
    assert candidates["state/VCT"].record["aliases"] == [{"es": "San Vicente y las Granadinas"}]
    assert text[candidates["state/DMA"].start : candidates["state/DMA"].end] == "Dominica"


def test_a_list_of_actors_is_kept_whole_with_its_unknown_members(english: tuple) -> None:
    _, found = english
    (vote,) = [p for p in of_kind(found, "vote") if p.record["body"] == "mechanism/oas"]
    assert vote.record["against"] == [
        "state/BOL", "state/DMA", "state/NIC", "state/VCT", "state/VEN"
    ]  # fmt: skip


def test_demonyms_of_a_list_name_their_states(english: tuple) -> None:
    _, found = english
    for state in ("state/CAN", "state/COL", "state/PER"):
        condemns = statement(found, [state], "condemns")
        assert "place/caracas" in condemns.record["about"]  # "in Caracas": a place, not an actor


@pytest.mark.parametrize(
    ("fixture", "capital", "state", "stance"),
    [
        ("english", "Ottawa", "state/CAN", "sanctions"),
        ("spanish", "Bogotá", "state/COL", "rejects"),
    ],
)
def test_a_capital_acting_is_its_state_flagged_as_an_inference(
    fixture: str, capital: str, state: str, stance: str, request: pytest.FixtureRequest
) -> None:
    _, found = request.getfixturevalue(fixture)
    proposal = statement(found, [state], stance)
    assert proposal.why and capital in proposal.why and "capital" in proposal.why
    # after "En"/"in" the capital is a place: the Spanish refusal has no inference
    assert all(capital not in (p.why or "") for p in found if p.record.get("polarity"))


@pytest.mark.parametrize(
    ("fixture", "person", "title", "issuer_stance"),
    [
        ("english", "person/delcy-rodriguez", "Foreign Minister", "rejects"),
        ("spanish", "person/ernesto-valdivia-ruiz", "canciller", "expresses-concern"),
    ],
)
def test_titled_persons_are_candidates_with_their_role_and_act(
    fixture: str, person: str, title: str, issuer_stance: str, request: pytest.FixtureRequest
) -> None:
    _, found = request.getfixturevalue(fixture)
    candidate = next(p for p in of_kind(found, "entity") if p.record["id"] == person)
    assert candidate.record["note"] == f"title in the text: {title}"
    statement(found, [person], issuer_stance)


def test_they_is_the_last_plural_subject_in_one_joint_statement(english: tuple) -> None:
    _, found = english
    statement(found, ["state/MEX", "state/URY"], "calls-for-dialogue")


def test_a_spanish_verb_without_a_subject_takes_the_last_plural_subject(spanish: tuple) -> None:
    _, found = spanish
    condemns = statement(found, ["state/ARG", "state/BRA", "state/CHL"], "condemns")
    assert condemns.rule == "lexicon.yaml#condemns-noun"  # "Reiteran su firme condena"


def test_spanish_members_of_a_group(spanish: tuple) -> None:
    _, found = spanish
    members = {
        p.record["member"]
        for p in of_kind(found, "membership")
        if p.record["organization"] == "mechanism/lima-group"
    }
    assert members == {"state/ARG", "state/BRA", "state/CHL"}


@pytest.mark.parametrize(
    ("fixture", "recogniser", "recognised", "time"),
    [
        ("english", "state/PER", "person/nicolas-maduro", {"to": "2019-05-03"}),
        ("spanish", "state/MEX", "person/juan-guaido", {"to": "late 2020"}),
        ("spanish", "state/PER", "person/juan-guaido", {"from": "2019-01-23"}),
    ],
)
def test_recognitions_start_and_cessations_end_one(
    fixture: str, recogniser: str, recognised: str, time: dict, request: pytest.FixtureRequest
) -> None:
    _, found = request.getfixturevalue(fixture)
    (recognition,) = [
        p
        for p in of_kind(found, "recognition")
        if p.record["recogniser"] == [recogniser] and p.record["recognised"] == recognised
    ]
    assert {k: recognition.record.get(k) for k in ("from", "to") if k in recognition.record} == time


def test_refusals_and_negations_are_no_acts(english: tuple, spanish: tuple) -> None:
    _, found = english
    assert not [p for p in of_kind(found, "recognition") if p.record["recogniser"] == ["state/CHL"]]
    statement(found, ["state/CHL"], "does-not-recognise")
    _, hallado = spanish
    # "la Cancillería colombiana no firmó la declaración": Colombia's foreign ministry
    unsigned = statement(
        hallado, ["state-body/ministry-of-foreign-affairs-of-colombia"], "cooperates"
    )
    assert unsigned.record["polarity"] == "negated"


@pytest.mark.parametrize(
    ("fixture", "outcome"),
    [
        ("english", "by 19 votes to 4 with 11 abstentions"),
        ("spanish", "por 19 votos a favor, 4 en contra y 11 abstenciones"),
    ],
)
def test_votes_as_counts(fixture: str, outcome: str, request: pytest.FixtureRequest) -> None:
    _, found = request.getfixturevalue(fixture)
    assert outcome in [p.record.get("outcome") for p in of_kind(found, "vote")]


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("el 23 de enero de 2019, el Perú", [("2019-01-23", None)]),
        ("a fines de 2018 y a mediados de marzo de 2019", [("2018", "late"), ("2019-03", "mid")]),
        ("en agosto de 2017", [("2017-08", None)]),
        ("a principios del año 2018", [("2018", "early")]),
        ("el 10 de enero", []),  # no year: the year would be a guess
        ("In 2017 and late 2018", [("2017", None), ("2018", "late")]),
    ],
)
def test_dates_in_both_languages_at_their_precision(text: str, dates: list) -> None:
    assert [(d.date.lexical, d.date.qualifier) for d in find_dates(text)] == dates


def test_the_heading_date_of_a_chronology_entry(tmp_path: Path) -> None:
    text = (
        "19 August 2015\nColombia recalled its ambassador. Peru condemned the closure.\n\n"
        "On 3 May 2019, Chile spoke. Peru condemned the arrests.\n"
    )
    found = propose_text(text, "en", tmp_path)
    dates = [p.record.get("date") for p in of_kind(found, "statement")]
    assert dates == ["2015-08-19", "2015-08-19", None]  # "On 3 May 2019," heads no entry


def test_folding_maps_each_match_back_to_the_original() -> None:
    text = "Côte d’Ivoire y PERÚ"
    folded = Folded.of(text)
    assert folded.text == "cote d'ivoire y peru"
    start = folded.text.index("peru")
    assert text[slice(*folded.span(start, start + 4))] == "PERÚ"


def test_spanish_demonyms_take_their_gender_and_number_by_rule() -> None:
    assert spanish_demonym_forms("peruano") == ["peruano", "peruana", "peruanos", "peruanas"]
    assert spanish_demonym_forms("francés") == ["francés", "francesa", "franceses", "francesas"]
    assert spanish_demonym_forms("canadiense") == ["canadiense", "canadienses"]
    assert spanish_demonym_forms("iraní") == ["iraní", "iraníes"]
    finder = state_finder(PATTERNS / "states.tsv")
    found = finder.find("la cancillería chilena y el gobierno peruano")
    assert [(m.iso3, m.kind) for m in found] == [("CHL", "demonym"), ("PER", "demonym")]


def test_names_are_matched_with_their_capitals_only() -> None:
    finder = state_finder(PATTERNS / "states.tsv")
    assert [m.iso3 for m in finder.find("Chad and the US met; a chad, us, la paz")] == [
        "TCD",
        "USA",
    ]


def test_a_bad_row_of_the_state_table_names_its_line(tmp_path: Path) -> None:
    table = tmp_path / "states.tsv"
    table.write_text("# c\niso3\tlang\tkind\tform\tforms\tsource\nPER\tfr\tdemonym\tx\t\ts\n")
    with pytest.raises(FpkgError, match=r"states\.tsv:3"):
        table_forms(table)


def test_lexicon_entries_match_every_inflection_by_lemma() -> None:
    lexicon = load_lexicon(PATTERNS / "lexicon.yaml")
    text = "Chile condenó el ataque y Perú rechazaron; los países exigieron."
    rules = {
        p.rule: [m.group() for m in p.regex.finditer(text)]
        for p in compile_for(lexicon, text, "es")
    }
    assert rules["lexicon.yaml#condemns"] == ["condenó"]
    assert rules["lexicon.yaml#rejects"] == ["rechazaron"]
    assert rules["lexicon.yaml#demands"] == ["exigieron"]


def test_a_lexicon_entry_of_several_words_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "lexicon.yaml"
    bad.write_text("categories:\n  - stance: condemns\n    verbs:\n      en: [strongly condemn]\n")
    with pytest.raises(FpkgError, match="not a lemma of one word"):
        load_lexicon(bad)


@pytest.mark.parametrize(
    ("fixture", "member", "organization", "title"),
    [
        ("english", "person/lenin-moreno", "state/ECU", "President"),
        ("spanish", "person/jorge-arreaza", "state/VEN", "canciller venezolano"),
    ],
)
def test_a_title_names_the_state_its_holder_belongs_to(
    fixture: str, member: str, organization: str, title: str, request: pytest.FixtureRequest
) -> None:
    _, found = request.getfixturevalue(fixture)
    (held,) = [p for p in of_kind(found, "membership") if p.record["member"] == member]
    assert held.record["organization"] == organization
    assert held.record["note"] == f"title in the text: {title}"


@pytest.mark.parametrize(
    ("text", "language", "held"),
    [
        (
            "In 2041 Venezuela's ambassador, Ana Pérez Soto, left Lima. Chile's new "
            "president, Tomás Rivas Lagos, spoke.",
            "en",
            {("person/ana-perez-soto", "state/VEN"), ("person/tomas-rivas-lagos", "state/CHL")},
        ),
        (
            "El Presidente peruano, Tomás Rivas Lagos, habló en 2041.",
            "es",
            {("person/tomas-rivas-lagos", "state/PER")},
        ),
    ],
)
def test_a_person_after_a_title_in_lower_case_is_a_candidate_and_a_member(
    text: str, language: str, held: set, tmp_path: Path
) -> None:
    found = propose_text(text, language, tmp_path)
    assert {
        (p.record["member"], p.record["organization"]) for p in of_kind(found, "membership")
    } == held


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "In 2041 the foreign ministers of Chile and Peru, Ana Pérez Soto and Luis Rivas Lagos, met.",
            "en",
        ),
        (
            "En 2041 los cancilleres de Chile, Ana Pérez Soto, y del Perú, Luis Rivas Lagos, se reunieron.",
            "es",
        ),
    ],
)
def test_a_plural_title_pairs_its_states_and_persons_respectively(
    text: str, language: str, tmp_path: Path
) -> None:
    found = propose_text(text, language, tmp_path)
    assert {
        (p.record["member"], p.record["organization"]) for p in of_kind(found, "membership")
    } == {
        ("person/ana-perez-soto", "state/CHL"),
        ("person/luis-rivas-lagos", "state/PER"),
    }


def test_an_open_list_recognises_one_by_one_and_him_is_the_person_named_last(
    english: tuple,
) -> None:
    _, found = english
    recognisers = {
        p.record["recogniser"][0]
        for p in of_kind(found, "recognition")
        if p.record["recognised"] == "person/juan-guaido"
    }
    assert recognisers == {"state/ESP", "state/FRA", "state/PRT", "state/USA"}


def test_a_roll_call_record_lists_its_sides_after_their_labels(tmp_path: Path) -> None:
    text = (
        "General Assembly of the United Nations, 12 May 2041\n"
        "In favour: 3 — Peru, Chile and Canada\nAgainst: 2\nAbstaining: 1 — Mexico\n"
    )
    found = propose_text(text, "en", tmp_path)
    (vote,) = of_kind(found, "vote")
    assert vote.record["body"] == "state-body/un-general-assembly"
    assert vote.record["in-favour"] == ["state/PER", "state/CHL", "state/CAN"]
    assert vote.record["abstaining"] == ["state/MEX"]
    assert "against" not in vote.record  # "Against: 2" names no one: the next line is not its list


def test_the_points_of_a_declaration_are_issued_by_its_signatories(tmp_path: Path) -> None:
    text = (
        "At the close, Argentina, Brazil and Canada adopted a declaration. Guyana and Saint "
        "Lucia took part but did not sign the declaration.\n\nIn it, the signatories:\n\n"
        "- reiterate their support for the National Assembly;\n- call for free elections.\n"
    )
    found = propose_text(text, "en", tmp_path)
    signatories = ["state/ARG", "state/BRA", "state/CAN"]
    statement(found, signatories, "supports")  # not those who "did not sign"
    statement(found, signatories, "demands")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "The Lima Group met in 2041. Chile and Peru had founded the Group in 2017.",
            "en",
        ),
        (
            "El Grupo de Lima se reunió en 2041. Chile y el Perú se sumaron al Grupo en 2017.",
            "es",
        ),
    ],
)
def test_a_body_called_by_its_head_word_is_the_one_named_last(
    text: str, language: str, tmp_path: Path
) -> None:
    found = propose_text(text, language, tmp_path)
    members = {
        p.record["member"]
        for p in of_kind(found, "membership")
        if p.record["organization"] == "mechanism/lima-group"
    }
    assert members == {"state/CHL", "state/PER"}


@pytest.mark.parametrize(
    ("text", "issuers"),
    [
        # a plural verb does not agree with the singular body before it
        (
            "Argentina, Brasil y Chile se reunieron. Manifiestan su respaldo a la Asamblea "
            "Nacional, democráticamente electa, y señalan que sus actos son válidos.",
            ["state/ARG", "state/BRA", "state/CHL"],
        ),
        # a verb after "y" shares the subject of the clause before, not its object
        (
            "El Presidente Kuczynski agradeció la convocatoria del Perú en un plazo breve y "
            "afirmó que la declaración es clara.",
            ["person/pedro-pablo-kuczynski"],
        ),
    ],
)
def test_spanish_verbs_agree_with_their_subject(
    text: str, issuers: list[str], tmp_path: Path
) -> None:
    found = propose_text(text, "es", tmp_path)
    said = of_kind(found, "statement")  # "señalan" (with "manifiestan su respaldo"), "afirmó"
    assert said and all(p.record["issuer"] == issuers for p in said)


def test_spanish_names_of_bodies_are_the_catalogs_bodies(tmp_path: Path) -> None:
    text = (
        "El Consejo Permanente de la OEA aprobó en 2041 una resolución por 19 votos a favor. "
        "La Asamblea Nacional de Venezuela rechazó la medida. Chile es miembro de la OEA."
    )
    found = propose_text(text, "es", tmp_path)
    (vote,) = of_kind(found, "vote")
    assert vote.record["body"] == "state-body/oas-permanent-council"
    rejects = [p for p in of_kind(found, "statement") if p.record.get("stance") == ["rejects"]]
    assert [p.record["issuer"] for p in rejects] == [["state-body/national-assembly-of-venezuela"]]
    (member,) = of_kind(found, "membership")
    assert (member.record["member"], member.record["organization"]) == (
        "state/CHL",
        "mechanism/oas",
    )


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "In 2041 a Chilean official, speaking on condition of anonymity, rejected the plan.",
            "en",
        ),
        ("En 2041 un funcionario chileno rechazó el plan.", "es"),
    ],
)
def test_an_official_of_a_demonym_speaks_for_the_state(
    text: str, language: str, tmp_path: Path
) -> None:
    found = propose_text(text, language, tmp_path)
    assert statement(found, ["state/CHL"], "rejects").record["date"] == "2041"


@pytest.mark.parametrize(
    ("text", "language", "subject", "value"),
    [
        ("In May 2041 some 400,000 Haitians were living in Chile.", "en", "state/CHL", 400000),
        ("More than 2.3 million people have left Haiti since 2035.", "en", "state/HTI", 2300000),
        ("En mayo de 2041 vivían en Chile más de 40 000 haitianos.", "es", "state/CHL", 40000),
        (
            "Chile acoge hoy a más de 1,1 millones de migrantes haitianos.",
            "es",
            "state/CHL",
            1100000,
        ),
        ("Unos tres millones de personas han salido de Haití.", "es", "state/HTI", 3000000),
    ],
)
def test_migrant_counts_in_either_number_style_where_the_migrants_are(
    text: str, language: str, subject: str, value: int, tmp_path: Path
) -> None:
    found = propose_text(text, language, tmp_path)
    (count,) = of_kind(found, "indicator")
    assert (count.record["subject"], count.record["value"]) == (subject, value)
    assert count.record["measure"] == "migrant-count"


def test_it_after_a_membership_verb_is_the_mechanism_named_last(tmp_path: Path) -> None:
    text = "The Lima Group met in 2041. Chile left it in March 2042. Peru said it was ready."
    found = propose_text(text, "en", tmp_path)
    (left,) = of_kind(found, "membership")
    assert (left.record["member"], left.record["organization"]) == (
        "state/CHL",
        "mechanism/lima-group",
    )
    assert (left.record["ends-by"], left.record["to"]) == ("withdrawal", "2042-03")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "The Organization of American States met in 2041. On 26 April 2041 the Permanent "
            "Council agreed to convene a meeting. The Lima Group adopted a declaration.",
            "en",
        ),
        (
            "El 26 de abril de 2041, el Consejo Permanente de la OEA aprobó una resolución "
            "sobre Venezuela. El Grupo de Lima adoptó una declaración.",
            "es",
        ),
    ],
)
def test_a_body_deciding_as_subject_is_a_decision_of_that_body(
    text: str, language: str, tmp_path: Path
) -> None:
    found = propose_text(text, language, tmp_path)
    (decision,) = of_kind(found, "vote")  # the group's declaration is no decision
    assert decision.record["body"] == "state-body/oas-permanent-council"
    assert decision.record["date"] == "2041-04-26"
    assert decision.record["outcome"].startswith(("agreed to convene", "aprobó una resolución"))


@pytest.mark.parametrize(
    ("text", "language", "dated"),
    [
        (
            "On 3 May 2041 Chile recognised Juan Guaidó, followed by Peru and Brazil.",
            "en",
            {"state/CHL"},  # "followed by" gives no date of its own
        ),
        (
            "Chile reconoció el 3 de mayo de 2041 a Juan Guaidó, el mismo día en que lo "
            "hicieron el Perú y Brasil.",
            "es",
            {"state/CHL", "state/PER", "state/BRA"},
        ),
    ],
)
def test_those_who_followed_recognise_too(
    text: str, language: str, dated: set, tmp_path: Path
) -> None:
    found = propose_text(text, language, tmp_path)
    recognitions = of_kind(found, "recognition")
    assert {p.record["recogniser"][0] for p in recognitions} == {
        "state/CHL",
        "state/PER",
        "state/BRA",
    }
    assert {p.record["recogniser"][0] for p in recognitions if p.record.get("from")} == dated


@pytest.mark.parametrize(
    ("text", "language", "stance"),
    [
        ("In 2041 Chile deported hundreds of migrants.", "en", "restricts-migration"),
        ("En 2041 Chile deportó a cientos de migrantes.", "es", "restricts-migration"),
        ("In 2041 Chile denied the report.", "en", "rejects"),
        ("En 2041 Chile negó esa versión.", "es", "rejects"),
        ("In 2041 Chile recalled its envoy.", "en", "reduces-relations"),
        ("In 2041 Chile pledged to keep its border open.", "en", "cooperates"),
    ],
)
def test_lexicon_families_read_acts_by_lemma(
    text: str, language: str, stance: str, tmp_path: Path
) -> None:
    found = propose_text(text, language, tmp_path)
    assert statement(found, ["state/CHL"], stance).record["date"] == "2041"


@pytest.mark.parametrize(
    ("text", "language", "stance", "issuers"),
    [
        (
            "In 2041 Peru introduced its own passport requirement.",
            "en",
            "restricts-migration",
            ["state/PER"],
        ),
        (
            "En 2041 Chile exige pasaporte a los migrantes.",
            "es",
            "restricts-migration",
            ["state/CHL"],
        ),
        (
            "In 2041 Canada is the only member of the Lima Group from outside the region.",
            "en",
            None,
            None,
        ),
    ],
)
def test_passport_rules_and_the_only_member(
    text: str, language: str, stance: str | None, issuers: list | None, tmp_path: Path
) -> None:
    found = propose_text(text, language, tmp_path)
    if stance:
        statement(found, issuers, stance)
    else:
        (member,) = of_kind(found, "membership")
        assert (member.record["member"], member.record["organization"]) == (
            "state/CAN",
            "mechanism/lima-group",
        )


@pytest.mark.parametrize(
    ("text", "language", "recognised"),
    [
        (
            "On 4 February 2041 Argentina, Brazil and Chile met in Ottawa. They reiterate their "
            "recognition of Juan Guaidó as interim president.",
            "en",
            "person/juan-guaido",
        ),
        (
            "El 4 de enero de 2041, Argentina, Brasil y Chile se reunieron. Ratifican su pleno "
            "respaldo y reconocimiento a la Asamblea Nacional de Venezuela.",
            "es",
            "state-body/national-assembly-of-venezuela",
        ),
    ],
)
def test_a_stated_recognition_is_one_joint_recognition(
    text: str, language: str, recognised: str, tmp_path: Path
) -> None:
    found = propose_text(text, language, tmp_path)
    (joint,) = of_kind(found, "recognition")
    assert joint.record["recogniser"] == ["state/ARG", "state/BRA", "state/CHL"]
    assert joint.record["recognised"] == recognised


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "The Lima Group was formed in August 2041. Chile and Peru founded the Pacific "
            "Alliance in 2040. The creation of the Lima Group mattered.",
            "en",
            {
                ("mechanism/lima-group", (), "2041-08"),
                ("mechanism/pacific-alliance", ("state/CHL", "state/PER"), "2040"),
            },
        ),
        (
            "El Grupo de Lima fue creado en agosto de 2041. La creación del Grupo de Lima "
            "por Chile y el Perú fue clave.",
            "es",
            {
                ("mechanism/lima-group", (), "2041-08"),
                ("mechanism/lima-group", ("state/CHL", "state/PER"), None),
            },
        ),
    ],
)
def test_establishments_passive_active_and_by_noun_once_per_mechanism(
    text: str, language: str, expected: set, tmp_path: Path
) -> None:
    found = propose_text(text, language, tmp_path)
    assert {
        (p.record["mechanism"], tuple(p.record.get("initiator", [])), p.record.get("date"))
        for p in of_kind(found, "establishment")
    } == expected


def test_spanish_names_of_organisations_are_the_catalogs(tmp_path: Path) -> None:
    text = "Colombia se retiró de la Unasur en 2042. Chile es miembro de la Alianza del Pacífico."
    found = propose_text(text, "es", tmp_path)
    assert {
        (p.record["member"], p.record["organization"]) for p in of_kind(found, "membership")
    } == {
        ("state/COL", "mechanism/usan"),
        ("state/CHL", "mechanism/pacific-alliance"),
    }


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Chile did not sign. In 2041 its government rejected the text.", "en"),
        ("Chile no firmó. En 2041 su gobierno rechazó el texto.", "es"),
    ],
)
def test_its_government_is_the_state_named_last(text: str, language: str, tmp_path: Path) -> None:
    found = propose_text(text, language, tmp_path)
    assert statement(found, ["state/CHL"], "rejects").record["date"] == "2041"


def test_a_date_opening_a_period_is_not_the_date_of_a_figure(tmp_path: Path) -> None:
    text = (
        "In May 2041 officials said 2 million people have left Haiti since 2035. "
        "Unos tres millones de personas han salido de Haití desde 2035."
    )
    found = propose_text(text, "en", tmp_path)
    assert [p.record.get("date") for p in of_kind(found, "indicator")] == ["2041-05", None]


@pytest.mark.parametrize(
    ("text", "language", "person"),
    [
        (
            "In 2041 the Venezuelan delegation, led by Foreign Minister Delcy Rodríguez, left.",
            "en",
            "person/delcy-rodriguez",
        ),
        (
            "En 2041 la delegación venezolana, encabezada por el canciller Jorge Arreaza, salió.",
            "es",
            "person/jorge-arreaza",
        ),
    ],
)
def test_a_delegation_led_by_a_titled_person_names_their_state(
    text: str, language: str, person: str, tmp_path: Path
) -> None:
    (held,) = of_kind(propose_text(text, language, tmp_path), "membership")
    assert (held.record["member"], held.record["organization"]) == (person, "state/VEN")


def test_a_spanish_observer_takes_part_without_being_a_member(tmp_path: Path) -> None:
    text = "Costa Rica es observador de la Alianza del Pacífico. Ecuador es miembro de la OEA."
    found = propose_text(text, "es", tmp_path)
    members = {(p.record["member"], p.record["organization"]) for p in of_kind(found, "membership")}
    assert members == {("state/ECU", "mechanism/oas")}
    participations = {
        (p.record["participant"], p.record["in"], p.record["role"])
        for p in of_kind(found, "participation")
    }
    assert participations == {("state/CRI", "mechanism/pacific-alliance", "observer")}
