"""General finders of `fpkg propose` on short synthetic sentences of our own, English and
Spanish side by side: a verb of saying and the act it reports as one statement, light verbs
with a stance noun, relations reduced in their usual phrasings, lemmas of the widened lexicon
families, and their negations."""

from __future__ import annotations

from pathlib import Path

import pytest

from fpkg.corpus import Document
from fpkg.proposals import Proposal
from fpkg.propose import find_proposals, load_catalog
from fpkg.sources import Paths

ROOT = Path(__file__).resolve().parents[1]
PATTERNS = ROOT / "data" / "patterns"


def proposed(text: str, language: str, kind: str, tmp_path: Path) -> list[Proposal]:
    """The proposals of ``kind`` for ``text`` as a new document in ``language``."""
    path = tmp_path / "text.txt"
    document = Document("text", path, text, "", "t", ("t",), "t", "urn:t", language)
    found = find_proposals(document, load_catalog(Paths(ROOT)), PATTERNS, [])
    return [p for p in found if p.kind == kind]


def statements(text: str, language: str, tmp_path: Path) -> list[dict]:
    return [p.record for p in proposed(text, language, "statement", tmp_path)]


def memberships(text: str, language: str, tmp_path: Path) -> list[Proposal]:
    return proposed(text, language, "membership", tmp_path)


def found_of_kind(text: str, language: str, kind: str, tmp_path: Path) -> list[dict]:
    return [p.record for p in proposed(text, language, kind, tmp_path)]


def coded(records: list[dict]) -> list[tuple[list[str], list[str] | None, str | None]]:
    return [(r["issuer"], r.get("stance"), r.get("polarity")) for r in records]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "In 2041 Chile and Peru said they would not recognise the vote.",
            "en",
            [
                (["state/CHL"], ["does-not-recognise"], None),
                (["state/PER"], ["does-not-recognise"], None),
            ],
        ),
        (
            "En 2041 Chile reafirmó que no reconocerá la elección.",
            "es",
            [(["state/CHL"], ["does-not-recognise"], None)],
        ),
        (
            "En 2041 Chile expresó su decisión de no reconocer la elección.",
            "es",
            [(["state/CHL"], ["does-not-recognise"], None)],
        ),
    ],
)
def test_a_verb_of_saying_takes_the_stance_of_the_act_it_reports(
    text: str, language: str, expected: list, tmp_path: Path
) -> None:
    assert coded(statements(text, language, tmp_path)) == expected


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("In 2041 Chile said that Peru rejected the plan.", "en"),
        ("En 2041 Chile afirmó que el Perú rechaza el plan.", "es"),
    ],
)
def test_a_reported_act_with_its_own_subject_stays_that_subjects(
    text: str, language: str, tmp_path: Path
) -> None:
    found = coded(statements(text, language, tmp_path))
    assert (["state/PER"], ["rejects"], None) in found
    assert (["state/CHL"], ["rejects"], None) not in found


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("In 2041 Chile condemned the coup and said that elections must follow.", "en"),
        ("En 2041 Chile condenó el golpe y afirmó que habrá elecciones.", "es"),
    ],
)
def test_a_bare_saying_beside_an_act_of_the_same_issuer_is_left_out(
    text: str, language: str, tmp_path: Path
) -> None:
    assert coded(statements(text, language, tmp_path)) == [(["state/CHL"], ["condemns"], None)]


@pytest.mark.parametrize(
    ("text", "language", "stance"),
    [
        ("In 2041 Chile issued a strong condemnation of the coup.", "en", "condemns"),
        ("In 2041 Chile voiced its support for the mission.", "en", "supports"),
        ("En 2041 Chile hizo un llamado a liberar a los presos.", "es", "demands"),
        ("En 2041 Chile renovó, una vez más, su respaldo a la misión.", "es", "supports"),
    ],
)
def test_a_light_verb_names_the_act_of_its_stance_noun(
    text: str, language: str, stance: str, tmp_path: Path
) -> None:
    assert coded(statements(text, language, tmp_path)) == [(["state/CHL"], [stance], None)]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("In 2041 Chile made a decision on the port.", "en"),
        ("En 2041 Chile hizo una visita al puerto.", "es"),
    ],
)
def test_a_light_verb_alone_is_no_act(text: str, language: str, tmp_path: Path) -> None:
    assert statements(text, language, tmp_path) == []


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("In 2041 Chile broke off diplomatic relations with Peru.", "en"),
        ("In 2041 Chile called its ambassador home for consultations.", "en"),
        ("In 2041 Chile declared the Peruvian ambassador persona non grata.", "en"),
        ("In 2041 Chile gave the Peruvian diplomats three days to leave.", "en"),
        ("In 2041 Chile recalled its envoy.", "en"),
        ("En 2041 Chile rompió relaciones con el Perú.", "es"),
        ("En 2041 Chile llamó a consultas a su embajador en Lima.", "es"),
        ("En 2041 Chile retiró a su embajador en Lima.", "es"),
        ("En 2041 Chile declaró persona non grata al embajador peruano.", "es"),
    ],
)
def test_relations_reduced_in_their_usual_phrasings(
    text: str, language: str, tmp_path: Path
) -> None:
    found = coded(statements(text, language, tmp_path))
    assert (["state/CHL"], ["reduces-relations"], None) in found, found


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("In 2041 Chile did not break off relations with Peru.", "en"),
        ("En 2041 Chile no rompió relaciones con el Perú.", "es"),
    ],
)
def test_a_relation_not_broken_is_negated(text: str, language: str, tmp_path: Path) -> None:
    found = coded(statements(text, language, tmp_path))
    assert found == [(["state/CHL"], ["reduces-relations"], "negated")], found


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("In 2041 Chile recalled that the treaty is in force.", "en"),
        ("En 2041 Chile recordó que el tratado está vigente.", "es"),
    ],
)
def test_recalling_a_fact_is_saying_not_recalling_an_envoy(
    text: str, language: str, tmp_path: Path
) -> None:
    assert coded(statements(text, language, tmp_path)) == [(["state/CHL"], None, None)]


@pytest.mark.parametrize(
    ("text", "language", "stance"),
    [
        ("In 2041 Chile blamed Peru for the incident.", "en", "condemns"),
        ("En 2041 Chile responsabilizó al Perú del incidente.", "es", "condemns"),
        ("In 2041 Chile applauded the accord.", "en", "supports"),
        ("En 2041 Chile aplaudió el acuerdo.", "es", "supports"),
        ("In 2041 Chile regretted the decision.", "en", "expresses-concern"),
        ("En 2041 Chile teme por la seguridad de sus ciudadanos.", "es", "expresses-concern"),
        ("In 2041 Chile opposed the plan.", "en", "rejects"),
        ("En 2041 Chile se opuso al plan.", "es", "rejects"),
    ],
)
def test_widened_lexicon_families_by_lemma(
    text: str, language: str, stance: str, tmp_path: Path
) -> None:
    assert coded(statements(text, language, tmp_path)) == [(["state/CHL"], [stance], None)]


@pytest.mark.parametrize(
    ("text", "language", "member", "state"),
    [
        (
            "President Lucía Arrieta was sworn in as head of state of Chile on 11 March 2041.",
            "en",
            "person/lucia-arrieta",
            "state/CHL",
        ),
        (
            "La presidenta Lucía Arrieta asumió la presidencia de Chile el 11 de marzo de 2041.",
            "es",
            "person/lucia-arrieta",
            "state/CHL",
        ),
        (
            "Senator Lucía Arrieta won the runoff. She took office in Chile on 11 March 2041.",
            "en",
            "person/lucia-arrieta",
            "state/CHL",
        ),
    ],
)
def test_a_person_taking_office_is_a_member_of_the_state_the_clause_names(
    text: str, language: str, member: str, state: str, tmp_path: Path
) -> None:
    taken = [
        p.record
        for p in memberships(text, language, tmp_path)
        if "office" in p.rule or "cargo" in p.rule
    ]
    assert [(r["member"], r["organization"], r["from"]) for r in taken] == [
        (member, state, "2041-03-11")
    ]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("President Lucía Arrieta was sworn in on 11 March 2041.", "en"),
        ("La presidenta Lucía Arrieta asumió el cargo el 11 de marzo de 2041.", "es"),
    ],
)
def test_taking_office_without_a_state_proposes_nothing(
    text: str, language: str, tmp_path: Path
) -> None:
    assert memberships(text, language, tmp_path) == []


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("In 2041 Iván Duque, Senator of Colombia, visited Lima.", "en"),
        ("En 2041 Iván Duque, senador de Colombia, visitó Lima.", "es"),
    ],
)
def test_a_title_after_a_person_names_their_state(text: str, language: str, tmp_path: Path) -> None:
    found = [p.record for p in memberships(text, language, tmp_path)]
    assert [(r["member"], r["organization"]) for r in found] == [("person/ivan-duque", "state/COL")]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "In 2041 the Senator of Chile, Lucía Arrieta, arrived in Lima. On the next day, "
            "senator Lucía Arrieta spoke to the press.",
            "en",
        ),
        (
            "En 2041 la senadora de Chile, Lucía Arrieta, llegó a Lima. Al día siguiente, la "
            "senadora Lucía Arrieta habló con la prensa.",
            "es",
        ),
    ],
)
def test_a_title_naming_no_state_takes_the_one_the_document_gives_it_elsewhere(
    text: str, language: str, tmp_path: Path
) -> None:
    found = memberships(text, language, tmp_path)
    assert [(p.record["member"], p.record["organization"]) for p in found] == [
        ("person/lucia-arrieta", "state/CHL")
    ] * 2
    assert found[0].why is None and "elsewhere" in (found[1].why or "")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "The accord was signed by Chile, Peru and Bolivia. Delegations from Brazil and "
            "Uruguay attended the talks but declined to sign. The signatories pledged to "
            "cooperate on border controls. They also condemned the smuggling networks.",
            "en",
        ),
        (
            "El acuerdo fue suscrito por Chile, el Perú y Bolivia. Las delegaciones del Brasil "
            "y el Uruguay asistieron a la reunión pero no lo firmaron. Los países firmantes "
            "se comprometieron a cooperar en los controles fronterizos. Asimismo, condenaron "
            "las redes de contrabando.",
            "es",
        ),
    ],
)
def test_the_signatories_are_those_who_signed_not_the_last_plural_subject(
    text: str, language: str, tmp_path: Path
) -> None:
    signers = ["state/CHL", "state/PER", "state/BOL"]
    found = coded(statements(text, language, tmp_path))
    assert (signers, ["cooperates"], None) in found, found
    assert (signers, ["condemns"], None) in found, found
    assert not any("state/BRA" in issuers for issuers, _, negated in found if not negated)


@pytest.mark.parametrize(
    ("text", "language", "issuers"),
    [
        (
            "Three Andean governments condemned the coup. The statement was issued by Chile, "
            "Peru and Bolivia after a call.",
            "en",
            ["state/CHL", "state/PER", "state/BOL"],
        ),
        (
            "Tres gobiernos andinos condenaron el golpe. El texto fue difundido por Chile, el "
            "Perú y Bolivia tras una llamada.",
            "es",
            ["state/CHL", "state/PER", "state/BOL"],
        ),
        # no list of that many: no issuer is guessed
        (
            "Four Andean governments condemned the coup. Chile, Peru and Bolivia met later.",
            "en",
            None,
        ),
    ],
)
def test_a_number_of_governments_is_the_list_of_that_many_states_near_it(
    text: str, language: str, issuers: list[str] | None, tmp_path: Path
) -> None:
    condemned = [
        r["issuer"] for r in statements(text, language, tmp_path) if r.get("stance") == ["condemns"]
    ]  # each state its own statement, as for "Chile, Peru and Bolivia condemned"
    assert condemned == [[state] for state in issuers or []], condemned


def test_a_regions_adjective_is_no_demonym(tmp_path: Path) -> None:
    found = statements("In 2041 Latin American governments condemned the coup.", "en", tmp_path)
    assert found == []
    found = statements("In 2041 the American government condemned the coup.", "en", tmp_path)
    assert coded(found) == [(["state/USA"], ["condemns"], None)]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "The OAS Permanent Council met on 3 May 2041. The resolution, adopted after a long "
            "debate, condemns the coup. It urges the member states to isolate the regime.",
            "en",
        ),
        (
            "El Consejo Permanente de la OEA se reunió el 3 de mayo de 2041. La resolución, "
            "aprobada tras un largo debate, condena el golpe.",
            "es",
        ),
    ],
)
def test_an_adopted_resolution_speaks_for_the_body_that_adopted_it(
    text: str, language: str, tmp_path: Path
) -> None:
    found = coded(statements(text, language, tmp_path))
    body = ["state-body/oas-permanent-council"]
    assert found[0] == (body, ["condemns"], None), found
    assert all(issuers == body for issuers, _, _ in found), found


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("In 2041 the proposal of Chile was to break relations with Peru.", "en"),
        ("In 2041 Chile's plan is to expel the Peruvian ambassador.", "en"),
    ],
)
def test_a_plan_is_no_act(text: str, language: str, tmp_path: Path) -> None:
    assert statements(text, language, tmp_path) == []


def test_a_spanish_present_written_like_its_noun_is_a_verb(tmp_path: Path) -> None:
    found = coded(statements("En 2041 el Perú condena el golpe en Chile.", "es", tmp_path))
    assert found == [(["state/PER"], ["condemns"], None)], found
    assert statements("En 2041 la condena del Perú fue clara.", "es", tmp_path) == []


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "In 2041 Chile said that the election in Peru lacked legitimacy.",
            "en",
            [(["state/CHL"], ["rejects"], None)],
        ),
        (
            "En 2041 Chile reafirmó que la elección en el Perú carece de legitimidad.",
            "es",
            [(["state/CHL"], ["rejects"], None)],
        ),
        # a predicate of a thing, reported by no one: no act, and not the state named in it
        ("In 2041 the election in Peru lacked legitimacy.", "en", []),
        ("En 2041 la elección en el Perú carece de legitimidad.", "es", []),
    ],
)
def test_a_reported_predicate_is_the_speakers_stance_only(
    text: str, language: str, expected: list, tmp_path: Path
) -> None:
    assert coded(statements(text, language, tmp_path)) == expected


@pytest.mark.parametrize(
    ("text", "language", "stance"),
    [
        ("In 2041 Chile would not accept the ruling of the court.", "en", "rejects"),
        ("En 2041 Chile no aceptará el fallo del tribunal.", "es", "rejects"),
        (
            "In 2041 Chile announced the closure of its border with Peru.",
            "en",
            "restricts-migration",
        ),
        ("En 2041 Chile ordenó el cierre de la frontera con el Perú.", "es", "restricts-migration"),
    ],
)
def test_refusing_and_deciding_an_act_named_by_its_noun(
    text: str, language: str, stance: str, tmp_path: Path
) -> None:
    assert coded(statements(text, language, tmp_path)) == [(["state/CHL"], [stance], None)]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("In March 2041 Chile stopped describing Juan Guaidó as interim president.", "en"),
        ("In March 2041 Chile no longer called Juan Guaidó interim president.", "en"),
        ("En marzo de 2041 Chile dejó de llamar a Juan Guaidó presidente encargado.", "es"),
        ("En marzo de 2041 Chile ya no considera a Juan Guaidó presidente encargado.", "es"),
    ],
)
def test_no_longer_calling_a_person_president_ends_a_recognition(
    text: str, language: str, tmp_path: Path
) -> None:
    ended = found_of_kind(text, language, "recognition", tmp_path)
    assert [(r["recogniser"], r["recognised"], r.get("to")) for r in ended] == [
        (["state/CHL"], "person/juan-guaido", "2041-03")
    ]
    said = coded(statements(text, language, tmp_path))
    assert said == [(["state/CHL"], ["does-not-recognise"], None)], said


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("In 2041 Chile stopped calling for talks, Juan Guaidó said.", "en"),
        ("En 2041 Chile dejó de considerar el diálogo, dijo Juan Guaidó.", "es"),
    ],
)
def test_stopping_something_else_ends_no_recognition(
    text: str, language: str, tmp_path: Path
) -> None:
    assert found_of_kind(text, language, "recognition", tmp_path) == []
    assert all(
        r.get("stance") != ["does-not-recognise"] for r in statements(text, language, tmp_path)
    )


@pytest.mark.parametrize(
    ("text", "language", "body"),
    [
        (
            "In May 2041 Peru's Congress refused the president permission to travel.",
            "en",
            "state-body/congress-of-peru",
        ),
        (
            "In May 2041 Venezuela's Supreme Court of Justice declared the law void.",
            "en",
            "state-body/supreme-court-of-justice-of-venezuela",
        ),
        (
            "En mayo de 2041 el Congreso de la República negó el permiso de viaje al presidente.",
            "es",
            "state-body/congress-of-peru",
        ),
    ],
)
def test_a_ruling_of_a_court_or_congress_is_its_decision(
    text: str, language: str, body: str, tmp_path: Path
) -> None:
    decided = found_of_kind(text, language, "vote", tmp_path)
    assert [(r["body"], r["date"]) for r in decided] == [(body, "2041-05")], decided


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("In May 2041 Peru suspended the talks.", "en"),
        ("En mayo de 2041 el Perú suspendió el diálogo.", "es"),
    ],
)
def test_a_state_suspending_something_is_no_ruling(
    text: str, language: str, tmp_path: Path
) -> None:
    assert found_of_kind(text, language, "vote", tmp_path) == []


@pytest.mark.parametrize(
    ("text", "language", "subject", "value"),
    [
        (
            "In 2041 Chile kept receiving Peruvian migrants, whose number already exceeds 40,000.",
            "en",
            "state/CHL",
            40000,
        ),
        (
            "En 2041 Chile siguió recibiendo a los migrantes peruanos, cuyo número supera ya "
            "los 40 000.",
            "es",
            "state/CHL",
            40000,
        ),
        (
            "In 2041 the exodus of migrants went on: Chile hosts 1.1 million of them.",
            "en",
            "state/CHL",
            1100000,
        ),
        (
            "En 2041 siguió el éxodo de migrantes: Chile acoge a 1,1 millones de ellos.",
            "es",
            "state/CHL",
            1100000,
        ),
    ],
)
def test_migrants_counted_by_a_pronoun(
    text: str, language: str, subject: str, value: int, tmp_path: Path
) -> None:
    counted = found_of_kind(text, language, "indicator", tmp_path)
    assert [(r["subject"], r["measure"], r["value"]) for r in counted] == [
        (subject, "migrant-count", value)
    ]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("In 2041 Chile signed twelve treaties and ratified three of them.", "en"),
        ("En 2041 Chile firmó doce tratados y ratificó tres de ellos.", "es"),
    ],
)
def test_of_them_outside_a_sentence_on_migration_counts_nothing(
    text: str, language: str, tmp_path: Path
) -> None:
    assert found_of_kind(text, language, "indicator", tmp_path) == []


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Chile, Peru and Bolivia adopted a text. In it, the signatories:\n"
            "- call for free elections;\n"
            "- call for the release of prisoners.",
            "en",
        ),
        (
            "Chile, el Perú y Bolivia adoptaron un texto. En él, los firmantes:\n"
            "1. exigen elecciones libres;\n"
            "2. exigen la liberación de los presos.",
            "es",
        ),
    ],
)
def test_each_point_of_a_list_is_a_sentence_and_a_statement(
    text: str, language: str, tmp_path: Path
) -> None:
    demanded = [r for r in statements(text, language, tmp_path) if r.get("stance") == ["demands"]]
    quotes = [
        r["evidence"] if isinstance(r["evidence"], str) else r["evidence"]["quote"]
        for r in demanded
    ]
    assert len(demanded) == 2 and all(q.count("\n") == 0 for q in quotes), quotes


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ('"Peru will not be silent," said President Iván Duque of Colombia.', "en"),
        ("«El Perú no callará», dijo el presidente Iván Duque.", "es"),
    ],
)
def test_the_speaker_after_a_quotation(text: str, language: str, tmp_path: Path) -> None:
    found = coded(statements(text.replace("«", '"').replace("»", '"'), language, tmp_path))
    assert found == [(["person/ivan-duque"], None, None)], found


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Chile recognised Juan Guaidó as interim president in 2041, and has called on "
            "the regime to free prisoners.",
            "en",
        ),
        (
            "Chile reconoció a Juan Guaidó como presidente encargado en 2041, y ha exigido "
            "al régimen liberar a los presos.",
            "es",
        ),
    ],
)
def test_a_second_predicate_shares_the_sentences_subject(
    text: str, language: str, tmp_path: Path
) -> None:
    assert coded(statements(text, language, tmp_path)) == [(["state/CHL"], ["demands"], None)]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "By 2041 Colombia had restored relations with Peru, and Chile no longer called "
            "Juan Guaidó interim president.",
            "en",
        ),
        (
            "En 2041 Colombia había restablecido relaciones con el Perú, y Chile ya no llama a "
            "Juan Guaidó presidente encargado.",
            "es",
        ),
    ],
)
def test_a_list_after_a_preposition_is_an_object_not_the_subject(
    text: str, language: str, tmp_path: Path
) -> None:
    ended = found_of_kind(text, language, "recognition", tmp_path)
    assert [r["recogniser"] for r in ended] == [["state/CHL"]], ended


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Chile condemns the coup in Peru\n\nSANTIAGO, 3 May 2041 – Chile condemned the "
            "coup in Peru on Tuesday.",
            "en",
        ),
        (
            "Chile condena el golpe en el Perú\n\nSANTIAGO, 3 de mayo de 2041 – Chile condenó "
            "el golpe en el Perú el martes.",
            "es",
        ),
    ],
)
def test_a_headline_restates_the_body_and_is_no_evidence(
    text: str, language: str, tmp_path: Path
) -> None:
    found = statements(text, language, tmp_path)
    assert [(r["issuer"], r["date"]) for r in found] == [(["state/CHL"], "2041-05-03")], found


def test_a_plural_verb_before_a_comma_takes_the_last_plural_subject(tmp_path: Path) -> None:
    text = (
        "En 2041 Argentina, Brasil y Chile se reunieron en Lima. El Perú condenó el golpe. "
        "Manifiestan, asimismo, su pleno respaldo a la Asamblea Nacional."
    )
    found = coded(statements(text, "es", tmp_path))
    assert (["state/ARG", "state/BRA", "state/CHL"], ["supports"], None) in found, found


def members_of(text: str, language: str, tmp_path: Path) -> list[tuple[str, str]]:
    return sorted(
        (p.record["member"], p.record["organization"])
        for p in memberships(text, language, tmp_path)
    )


ALLIANCE = [
    ("state/CHL", "mechanism/pacific-alliance"),
    ("state/COL", "mechanism/pacific-alliance"),
    ("state/PER", "mechanism/pacific-alliance"),
]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "In 2041 Chile, Colombia and Peru, all members of the Pacific Alliance, met.",
            "en",
            ALLIANCE,
        ),
        ("In 2041 the Pacific Alliance (Chile, Colombia and Peru) met in Lima.", "en", ALLIANCE),
        (
            "En 2041 la Alianza del Pacífico (Chile, Colombia y el Perú) se reunió en Lima.",
            "es",
            ALLIANCE,
        ),
        ("In 2041 Chile, Colombia and Peru were part of the Pacific Alliance.", "en", ALLIANCE),
        (
            "En 2041 Chile, Colombia y el Perú formaban parte de la Alianza del Pacífico.",
            "es",
            ALLIANCE,
        ),
        # negated, a bracket that is no list, or "part of" something else: nothing
        ("In 2041 Chile was not part of the Pacific Alliance.", "en", []),
        ("En 2041 Chile no formaba parte de la Alianza del Pacífico.", "es", []),
        ("In 2041 the Pacific Alliance (founded in Lima) met.", "en", []),
        ("In 2041 the plan of Chile was part of a strategy of the Pacific Alliance.", "en", []),
    ],
)
def test_memberships_in_apposition_brackets_and_part_of(
    text: str, language: str, expected: list, tmp_path: Path
) -> None:
    assert members_of(text, language, tmp_path) == expected


@pytest.mark.parametrize(
    ("text", "language", "stance"),
    [
        (
            "La Cancillería peruana expresó el 3 de mayo de 2041 su rechazo a la decisión.",
            "es",
            "rejects",
        ),
        (
            "El 3 de mayo de 2041 Chile anunció el retiro de su embajador.",
            "es",
            "reduces-relations",
        ),
        (
            "On 3 May 2041 Chile announced the withdrawal of its ambassador.",
            "en",
            "reduces-relations",
        ),
        (
            "El 3 de mayo de 2041 Chile llamó al diálogo entre las partes.",
            "es",
            "calls-for-dialogue",
        ),
        ("El 3 de mayo de 2041 Chile llamó a las partes a liberar a los presos.", "es", "demands"),
    ],
)
def test_acts_in_the_phrasings_of_news_and_communiques(
    text: str, language: str, stance: str, tmp_path: Path
) -> None:
    found = [r.get("stance") for r in statements(text, language, tmp_path)]
    assert found == [[stance]], found


def test_calling_an_ambassador_for_consultations_is_no_demand(tmp_path: Path) -> None:
    text = "El 3 de mayo de 2041 Chile llamó a consultas a su embajador en Lima."
    assert [r.get("stance") for r in statements(text, "es", tmp_path)] == [["reduces-relations"]]


@pytest.mark.parametrize(
    ("text", "language", "change"),
    [
        (
            "On 3 May 2041 Chile announced its withdrawal from the Pacific Alliance.",
            "en",
            "withdrawal",
        ),
        (
            "El 3 de mayo de 2041 Chile anunció su salida de la Alianza del Pacífico.",
            "es",
            "withdrawal",
        ),
        (
            "El 3 de mayo de 2041 Chile anunció su incorporación a la Alianza del Pacífico.",
            "es",
            "joining",
        ),
    ],
)
def test_joining_and_leaving_named_by_a_noun(
    text: str, language: str, change: str, tmp_path: Path
) -> None:
    found = [p.record for p in memberships(text, language, tmp_path)]
    assert [(r["member"], r.get("begins-by") or r.get("ends-by")) for r in found] == [
        ("state/CHL", change)
    ]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "On 3 May 2041, 19 countries voted in favour, 4 against and 11 abstained in the OAS Permanent Council.",
            "en",
        ),
        (
            "El 3 de mayo de 2041, 19 países votaron a favor, 4 en contra y 11 se abstuvieron en el Consejo Permanente de la OEA.",
            "es",
        ),
    ],
)
def test_a_vote_counted_by_countries(text: str, language: str, tmp_path: Path) -> None:
    decided = found_of_kind(text, language, "vote", tmp_path)
    assert [(r["body"], r["outcome"][:2]) for r in decided] == [
        ("state-body/oas-permanent-council", "19")
    ]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "Chile, which joined the Pacific Alliance in 2041, hosted the summit.",
            "en",
            [("state/CHL", "joining", "2041")],
        ),
        (
            "Chile, que se sumó a la Alianza del Pacífico en 2041, organizó la cumbre.",
            "es",
            [("state/CHL", "joining", "2041")],
        ),
        (
            "In May 2041 Chile rejoined the Pacific Alliance.",
            "en",
            [("state/CHL", "joining", "2041-05")],
        ),
        (
            "Chile has been a member of the Pacific Alliance since 2041.",
            "en",
            [("state/CHL", None, "2041")],
        ),
        (
            "Chile es miembro de la Alianza del Pacífico desde 2041.",
            "es",
            [("state/CHL", None, "2041")],
        ),
    ],
)
def test_joining_in_a_relative_clause_and_membership_since(
    text: str, language: str, expected: list, tmp_path: Path
) -> None:
    found = [p.record for p in memberships(text, language, tmp_path)]
    assert [(r["member"], r.get("begins-by"), r.get("from")) for r in found] == expected


def test_a_membership_without_since_has_no_start(tmp_path: Path) -> None:
    text = "In 2041 Chile was a member of the Pacific Alliance."
    assert [p.record.get("from") for p in memberships(text, "en", tmp_path)] == [None]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("In 2041 human rights groups in Peru condemned the deportations.", "en", []),
        (
            "En 2041 organizaciones de derechos humanos en el Perú condenaron las deportaciones.",
            "es",
            [],
        ),
        (
            "In 2041 a change in Peruvian foreign policy condemned the deportations.",
            "en",
            [(["state/PER"], ["condemns"], None)],
        ),
        ("In 2041 Peru condemned the deportations.", "en", [(["state/PER"], ["condemns"], None)]),
    ],
)
def test_an_actor_qualifying_a_noun_by_place_is_not_the_subject(
    text: str, language: str, expected: list, tmp_path: Path
) -> None:
    assert coded(statements(text, language, tmp_path)) == expected


@pytest.mark.parametrize(
    ("text", "language", "body", "outcome"),
    [
        (
            "On 3 May 2041 the UN General Assembly adopted the resolution by 187 votes to 2.",
            "en",
            "state-body/un-general-assembly",
            "by 187 votes to 2",
        ),
        (
            "On 3 May 2041 the UN General Assembly voted 187 to 2 to condemn the embargo.",
            "en",
            "state-body/un-general-assembly",
            "voted 187 to 2",
        ),
        (
            "El 3 de mayo de 2041 la Asamblea General de la ONU aprobó la resolución por 187 "
            "votos a favor y 2 en contra.",
            "es",
            "state-body/un-general-assembly",
            "por 187 votos a favor y 2 en contra",
        ),
    ],
)
def test_a_body_named_after_its_organisation_decides_not_the_organisation(
    text: str, language: str, body: str, outcome: str, tmp_path: Path
) -> None:
    decided = found_of_kind(text, language, "vote", tmp_path)
    assert [(r["body"], r["outcome"]) for r in decided] == [(body, outcome)]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "In 2041 Bolivia's new government withdrew recognition from Maduro and recognised Juan Guaidó.",
            "en",
        ),
        (
            "En 2041 el nuevo gobierno de Bolivia retiró su reconocimiento a Maduro y reconoció a Juan Guaidó.",
            "es",
        ),
    ],
)
def test_a_second_recognising_verb_shares_the_first_ones_recogniser(
    text: str, language: str, tmp_path: Path
) -> None:
    found = found_of_kind(text, language, "recognition", tmp_path)
    assert [(r["recogniser"], r["recognised"], "to" in r) for r in found] == [
        (["state/BOL"], "person/nicolas-maduro", True),
        (["state/BOL"], "person/juan-guaido", False),
    ]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "In 2041 Chile condemned the raids at the crossing from Peru. It then began "
            "requiring passports from Bolivian citizens.",
            "en",
        ),
        (
            "En 2041 Chile condenó las redadas en el paso fronterizo con el Perú. Luego "
            "comenzó a exigir pasaporte a los ciudadanos bolivianos.",
            "es",
        ),
    ],
)
def test_it_opening_a_clause_is_the_last_subject_not_the_last_state_named(
    text: str, language: str, tmp_path: Path
) -> None:
    found = coded(statements(text, language, tmp_path))
    assert (["state/CHL"], ["restricts-migration"], None) in found, found
    assert not any(issuers == ["state/PER"] for issuers, _, _ in found), found


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("In 2041 Lucía Arrieta, Chile's foreign minister, condemned the attack.", "en"),
        ("En 2041 Lucía Arrieta, canciller de Chile, condenó el ataque.", "es"),
    ],
)
def test_a_person_with_a_title_in_apposition_is_a_candidate_member_and_the_speaker(
    text: str, language: str, tmp_path: Path
) -> None:
    found = [
        (p.record["member"], p.record["organization"])
        for p in memberships(text, language, tmp_path)
    ]
    assert found == [("person/lucia-arrieta", "state/CHL")]
    said = coded(statements(text, language, tmp_path))
    assert said == [(["person/lucia-arrieta"], ["condemns"], None)], said


def test_a_sentence_opener_is_no_name_before_a_title(tmp_path: Path) -> None:
    text = "On Monday, President Lucía Arrieta condemned the attack."
    entities = [r["id"] for r in found_of_kind(text, "en", "entity", tmp_path)]
    assert "person/lucia-arrieta" in entities and "person/on-monday" not in entities
    assert [r["issuer"] for r in statements(text, "en", tmp_path)] == [["person/lucia-arrieta"]]


def test_a_spanish_chronology_entry_sworn_in_and_recognised_by_a_clitic(tmp_path: Path) -> None:
    text = (
        "23 de enero de 2041 — Juan Guaidó se juramenta como presidente encargado de "
        "Venezuela. Canadá y Colombia lo reconocen como presidente."
    )
    taken = [
        (p.record["member"], p.record["organization"], p.record["from"])
        for p in memberships(text, "es", tmp_path)
    ]
    assert taken == [("person/juan-guaido", "state/VEN", "2041-01-23")]
    found = found_of_kind(text, "es", "recognition", tmp_path)
    assert [(r["recogniser"], r["recognised"], r["from"]) for r in found] == [
        (["state/CAN"], "person/juan-guaido", "2041-01-23"),
        (["state/COL"], "person/juan-guaido", "2041-01-23"),
    ]
    assert (
        found_of_kind("En 2041 Canadá reconoce lo que pasó.", "es", "recognition", tmp_path) == []
    )


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Chad Morrow, an envoy, met the press in Lima.", "en"),
        ("Mauricio Ledesma, un enviado, habló en Lima.", "es"),
    ],
)
def test_a_state_name_before_a_capitalised_word_is_a_first_name(
    text: str, language: str, tmp_path: Path
) -> None:
    entities = [r["id"] for r in found_of_kind(text, language, "entity", tmp_path)]
    assert "state/TCD" not in entities and "state/MUS" not in entities, entities
    assert (
        found_of_kind("Chad and Niger signed the accord.", "en", "entity", tmp_path)[0]["id"]
        == "state/TCD"
    )


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "The presidents of the Republic of Chile, Aurora Quispe; of the Argentine "
            "Republic, Ramón Ferreyra; and of the Republic of Peru, Inés Salcedo, meeting in "
            "Lima on 3 May 2041.\n\nThey reject all forms of protectionism.",
            "en",
        ),
        (
            "Los Presidentes de la República de Chile, Aurora Quispe; de la República "
            "Argentina, Ramón Ferreyra; y de la República del Perú, Inés Salcedo, reunidos en "
            "Lima por invitación del Gobierno del Perú:\n\n1. Rechazan toda forma de "
            "proteccionismo.",
            "es",
        ),
    ],
)
def test_a_plural_title_with_pairs_separated_by_semicolons(
    text: str, language: str, tmp_path: Path
) -> None:
    pairs = [
        (p.record["organization"], p.record["member"])
        for p in memberships(text, language, tmp_path)
    ]
    persons = ["person/aurora-quispe", "person/ramon-ferreyra", "person/ines-salcedo"]
    assert pairs == list(zip(["state/CHL", "state/ARG", "state/PER"], persons, strict=True))
    said = statements(text, language, tmp_path)
    assert [(r["issuer"], r["stance"]) for r in said] == [(persons, ["rejects"])], said


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "The Andean Community, whose member countries are Bolivia, Colombia and Ecuador, "
            "and the Pacific Alliance met in Quito.",
            "en",
        ),
        (
            "La Comunidad Andina, integrada por Bolivia, Colombia y el Ecuador, y la Alianza "
            "del Pacífico, cuyos miembros son Chile y México, se reunieron en Quito.",
            "es",
        ),
    ],
)
def test_members_listed_after_a_mechanism_end_with_the_list(
    text: str, language: str, tmp_path: Path
) -> None:
    found = {
        (p.record["member"], p.record["organization"])
        for p in memberships(text, language, tmp_path)
    }
    andean = "mechanism/andean-community" if language == "en" else "mechanism/comunidad-andina"
    assert {(s, andean) for s in ("state/BOL", "state/COL", "state/ECU")} <= found, found
    assert ("mechanism/pacific-alliance", andean) not in found, found
    if language == "es":
        pacific = {(s, "mechanism/pacific-alliance") for s in ("state/CHL", "state/MEX")}
        assert pacific <= found, found


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "The OAS met in Panama. Its Permanent Council approved a text. Later the General "
            "Assembly of the OAS declared the vote void. The UN Human Rights Council met.",
            "en",
        ),
        (
            "La OEA se reunió en Panamá. Su Consejo Permanente aprobó un texto. Luego la "
            "Asamblea General de la OEA declaró nula la votación. El Consejo de Seguridad se "
            "reunió.",
            "es",
        ),
    ],
)
def test_a_body_of_an_organisation_takes_its_owner_and_the_catalog_id_scheme(
    text: str, language: str, tmp_path: Path
) -> None:
    entities = {r["id"]: r for r in found_of_kind(text, language, "entity", tmp_path)}
    assert "state-body/oas-permanent-council" in entities, entities
    assembly = entities["state-body/oas-general-assembly"]
    assert assembly["of"] == "mechanism/oas"
    assert "state-body/un-general-assembly" not in entities
    assert not [e for e in entities if "its-" in e or e.endswith("/asamblea-general")]
    if language == "en":
        assert entities["state-body/un-human-rights-council"]["of"] == "mechanism/united-nations"
    bodies = [r["body"] for r in found_of_kind(text, language, "vote", tmp_path)]
    assert "state-body/oas-general-assembly" in bodies, bodies


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The UN met in New York. Later the National Assembly of Ecuador voted.", "en"),
        ("La ONU se reunió en Nueva York. Luego la Asamblea Nacional votó.", "es"),
    ],
)
def test_a_national_body_is_never_an_organisations(
    text: str, language: str, tmp_path: Path
) -> None:
    entities = [r["id"] for r in found_of_kind(text, language, "entity", tmp_path)]
    assert not [e for e in entities if e.startswith("state-body/un-")], entities


def changes(text: str, language: str, tmp_path: Path) -> list[tuple]:
    """Memberships as (member, organization, change, date)."""
    return [
        (
            p.record["member"],
            p.record["organization"],
            p.record.get("begins-by") or p.record.get("ends-by"),
            p.record.get("from") or p.record.get("to"),
        )
        for p in memberships(text, language, tmp_path)
    ]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Chile and Peru suspended their participation in UNASUR in 2041. Nicaragua ceased "
            "to be a member of the OAS in 2042. Brazil returned to UNASUR in 2043. Brazil "
            "returned to Caracas in 2044. Bolivia, which holds the pro tempore presidency of "
            "Mercosur, protested.",
            "en",
        ),
        (
            "Chile y el Perú suspendieron su participación en la Unasur en 2041. Nicaragua dejó "
            "de ser miembro de la OEA en 2042. El Brasil volvió a la Unasur en 2043. El Brasil "
            "volvió a Caracas en 2044. Bolivia, que ejerce la Presidencia Pro Tempore del "
            "Mercosur, protestó.",
            "es",
        ),
    ],
)
def test_memberships_suspended_ceased_resumed_and_held_as_chair(
    text: str, language: str, tmp_path: Path
) -> None:
    assert changes(text, language, tmp_path) == [
        ("state/CHL", "mechanism/usan", "suspension", "2041"),
        ("state/PER", "mechanism/usan", "suspension", "2041"),
        ("state/NIC", "mechanism/oas", "withdrawal", "2042"),
        ("state/BRA", "mechanism/usan", "joining", "2043"),
        ("state/BOL", "mechanism/mercosur", None, None),
    ]


def test_a_withdrawal_named_with_an_adjective(tmp_path: Path) -> None:
    text = "Chile anunció su retiro formal del Grupo de Lima en 2041."
    assert changes(text, "es", tmp_path) == [
        ("state/CHL", "mechanism/lima-group", "withdrawal", "2041")
    ]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Australia and Canada, candidates to become associate states of the OAS, agreed.", "en"),
        ("Australia y Canadá, candidatos a Estados Asociados de la OEA, coincidieron.", "es"),
    ],
)
def test_candidates_to_associate_status_take_part_without_membership(
    text: str, language: str, tmp_path: Path
) -> None:
    found = found_of_kind(text, language, "participation", tmp_path)
    assert [(r["participant"], r["in"], r["role"]) for r in found] == [
        ("state/AUS", "mechanism/oas", "candidate"),
        ("state/CAN", "mechanism/oas", "candidate"),
    ]
    assert memberships(text, language, tmp_path) == []


@pytest.mark.parametrize(
    ("text", "language", "stance"),
    [
        ("Peru complained about the vote.", "en", "expresses-concern"),
        ("El Perú se quejó de la votación.", "es", "expresses-concern"),
        ("Chile expressed its gratitude to Peru.", "en", "supports"),
        ("Chile agradeció al Perú su ayuda.", "es", "supports"),
        ("Chile maintains its support for the plan.", "en", "supports"),
        ("Chile mantiene su respaldo al plan.", "es", "supports"),
    ],
)
def test_lexicon_complain_thank_and_maintain_a_stance_noun(
    text: str, language: str, stance: str, tmp_path: Path
) -> None:
    said = statements(text, language, tmp_path)
    assert [(r["issuer"][0], r.get("stance")) for r in said] == [
        ("state/PER" if "Peru" in text[:6] or "Perú" in text[:8] else "state/CHL", [stance])
    ], said


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Ministry of Foreign Affairs\nRepublic of Chile\n\nThe Ministry of Foreign Affairs "
            "rejects the measure. Later the Ministry regretted the decision. Bolivia did not "
            "attend; the Foreign Ministry of that country condemned the text. Peru's Foreign "
            "Ministry welcomed it.",
            "en",
        ),
        (
            "Ministerio de Relaciones Exteriores\nRepública de Chile\n\nEl Ministerio de "
            "Relaciones Exteriores rechaza la medida. Luego el Ministerio lamentó la decisión. "
            "Bolivia no asistió; la Cancillería de ese país condenó el texto. La Cancillería "
            "peruana saludó el texto.",
            "es",
        ),
    ],
)
def test_a_ministry_of_foreign_affairs_is_its_states_body(
    text: str, language: str, tmp_path: Path
) -> None:
    said = statements(text, language, tmp_path)
    assert [r["issuer"] for r in said] == [
        ["state-body/ministry-of-foreign-affairs-of-chile"],
        ["state-body/ministry-of-foreign-affairs-of-chile"],
        ["state-body/ministry-of-foreign-affairs-of-bolivia"],
        ["state-body/ministry-of-foreign-affairs-of-peru"],
    ], said
    found = proposed(text, language, "entity", tmp_path)
    chile = [p for p in found if p.record["id"].endswith("-of-chile")]
    assert chile[0].record["of"] == "state/CHL" and chile[0].why is None


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Colombia left the bloc in 2041. President Aurelio Pardo called it a failure. "
            "Chile and Peru stayed. Foreign Minister Inés Salcedo spoke.",
            "en",
        ),
        (
            "Colombia abandonó el bloque en 2041. El presidente Aurelio Pardo lo calificó de "
            "fracaso. Chile y el Perú se quedaron. La canciller Inés Salcedo habló.",
            "es",
        ),
    ],
)
def test_a_title_without_a_state_takes_the_only_state_of_the_sentence_before(
    text: str, language: str, tmp_path: Path
) -> None:
    found = [p for p in memberships(text, language, tmp_path) if p.rule == "titles.py#title-holder"]
    assert [(p.record["member"], p.record["organization"]) for p in found] == [
        ("person/aurelio-pardo", "state/COL")
    ]
    assert found[0].why and "sentence before" in found[0].why


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("In 2041 Managua broke off relations with Taipei.", "en"),
        ("En 2041 Managua rompió relaciones con Taipéi.", "es"),
    ],
)
def test_relations_broken_between_two_capitals(text: str, language: str, tmp_path: Path) -> None:
    found = found_of_kind(text, language, "relation", tmp_path)
    assert [(r["parties"], r["event"], r["date"]) for r in found] == [
        (["state/NIC", "state/TWN"], "broken", "2041")
    ]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Bolivia, which stopped recognising Juan Guaidó in March 2041, recognises Nicolás "
            "Maduro.",
            "en",
        ),
        (
            "Bolivia, que dejó de reconocer a Juan Guaidó en marzo de 2041, reconoce a Nicolás "
            "Maduro.",
            "es",
        ),
    ],
)
def test_a_recognition_ended_in_a_relative_clause_and_one_after_it(
    text: str, language: str, tmp_path: Path
) -> None:
    found = found_of_kind(text, language, "recognition", tmp_path)
    assert [(r["recogniser"], r["recognised"]) for r in found] == [
        (["state/BOL"], "person/juan-guaido"),
        (["state/BOL"], "person/nicolas-maduro"),
    ]
    assert found[0]["to"] == "2041-03" and "to" not in found[1]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The permanent representative of the United States, Aurora Quispe, condemned it.", "en"),
        ("La representante permanente de los Estados Unidos, Aurora Quispe, lo criticó.", "es"),
    ],
)
def test_a_permanent_representative_of_a_state_before_a_name(
    text: str, language: str, tmp_path: Path
) -> None:
    found = memberships(text, language, tmp_path)
    assert [(p.record["member"], p.record["organization"]) for p in found] == [
        ("person/aurora-quispe", "state/USA")
    ]
    assert [r["issuer"] for r in statements(text, language, tmp_path)] == [["person/aurora-quispe"]]


@pytest.mark.parametrize(
    ("text", "language", "other"),
    [
        (
            'President Aurelio Pardo called him "a dictator". Chile called its ambassador home.',
            "en",
            ["reduces-relations"],
        ),
        (
            "El presidente Aurelio Pardo lo llamó «dictador». Chile llamó al diálogo.",
            "es",
            ["calls-for-dialogue"],
        ),
    ],
)
def test_calling_someone_by_a_quoted_name_is_a_statement(
    text: str, language: str, other: list[str], tmp_path: Path
) -> None:
    found = proposed(text, language, "statement", tmp_path)
    assert [(p.rule.split("#")[1], p.record["issuer"], p.record.get("stance")) for p in found] == [
        (
            "characterises" if language == "en" else "califica",
            ["person/aurelio-pardo"],
            None,
        ),
        (found[1].rule.split("#")[1], ["state/CHL"], other),
    ]


def test_a_records_proposed_by_field_founds_nothing(tmp_path: Path) -> None:
    record = (
        "Organization of American States, Permanent Council\nItem: draft resolution on Chile\n"
        "Proposed by: Peru, Canada and Panama\nResult: adopted by 20 votes to 8"
    )
    assert found_of_kind(record, "en", "establishment", tmp_path) == []
    said = "The Pacific Alliance was proposed by Peru in 2041."
    found = found_of_kind(said, "en", "establishment", tmp_path)
    assert [(r["mechanism"], r["initiator"]) for r in found] == [
        ("mechanism/pacific-alliance", ["state/PER"])
    ]
