"""The ledger's Danish sentences (budgets.forklaring, STYLE.md 11.3).

The entries are written by hand as the engine returns them (engine.Regulering:
figures and labels only), and each expected sentence is written out in full,
with Danish numbers ("−361.671,45 kr.", typographic minus) and dates
("10.03.2026"). Hand figures, DOMAIN.md §2 worked timepris 492,07 kr.: niveau 2
pays 3 h, so servicetakst 3 × 492,07 = 1.476,21 kr. per døgn.
"""

import ast
from datetime import date
from decimal import Decimal
from pathlib import Path

from budgets import engine
from budgets.engine import Budgetpost, Haendelsesart, Regulering
from budgets.forklaring import budgeteffekt_tekst, haendelse_tekst, regulering_tekst
from budgets.serializers import ReguleringSerializer
from budgets.tabeller import ledger_tabel

D = Decimal
NUL = D(0)
AHORN = "Bofællesskabet Ahorn"
ANNA = "Anna (010190-xxxx)"

# Afgang 10.03.2026, niveau 2: financed through April (the month plus one), so
# May-December goes: May 31 × 1.476,21 = 45.762,51; June 30 × 1.476,21 =
# 44.286,30; 5 months of 31 days and 3 of 30: 5 × 45.762,51 + 3 × 44.286,30 =
# 228.812,55 + 132.858,90 = 361.671,45 kr. (245 døgn × 1.476,21).
MAJ_DEC_31, MAJ_DEC_30 = D("-45762.51"), D("-44286.30")
AFGANG = Regulering(
    ophold_id=1,
    borger=ANNA,
    haendelse=Haendelsesart.AFGANG,
    dato_registreret=date(2026, 3, 10),
    virkning_fra=date(2026, 3, 10),
    niveau_kode=None,
    beloeb=D("-361671.45"),
    maaneder=(NUL,) * 4
    + (MAJ_DEC_31, MAJ_DEC_30, MAJ_DEC_31, MAJ_DEC_31)
    + (MAJ_DEC_30, MAJ_DEC_31, MAJ_DEC_30, MAJ_DEC_31),
)

# Takster up 300 kr. per døgn from 01.07.2026 for one borger: July-December is
# 31 + 31 + 30 + 31 + 30 + 31 = 184 døgn × 300 = 55.200 kr.
TAKSTAENDRING = Regulering(
    ophold_id=None,
    borger="",
    haendelse=Haendelsesart.TAKSTAENDRING,
    dato_registreret=date(2026, 6, 15),
    virkning_fra=date(2026, 7, 1),
    niveau_kode=None,
    beloeb=D("55200"),
    maaneder=(NUL,) * 6
    + (D("9300"), D("9300"), D("9000"), D("9300"), D("9000"), D("9300")),
)

# Afgang 10.03.2026 at 500 kr. per døgn is financed through 30 April; back on
# 15.04.2026, the run-off's 16 days 15-30 April go: −16 × 500 = −8.000 kr.
GENINDFLYTNING = Regulering(
    ophold_id=1,
    borger=ANNA,
    haendelse=Haendelsesart.GENINDFLYTNING,
    dato_registreret=date(2026, 4, 15),
    virkning_fra=date(2026, 4, 15),
    niveau_kode=None,
    beloeb=D("-8000"),
    maaneder=(NUL,) * 3 + (D("-8000"),) + (NUL,) * 8,
)


def _tilgang(**kwargs) -> Regulering:
    """Tilgang 01.02.2026 at niveau 2: February-December is 334 døgn × 1.476,21
    = 493.054,14 kr.; the months as one figure in February suffice here."""
    felter = {
        "ophold_id": 2,
        "borger": ANNA,
        "haendelse": Haendelsesart.TILGANG,
        "dato_registreret": date(2026, 1, 20),
        "virkning_fra": date(2026, 2, 1),
        "niveau_kode": "2",
        "beloeb": D("493054.14"),
        "maaneder": (NUL, D("493054.14")) + (NUL,) * 10,
    }
    return Regulering(**{**felter, **kwargs})


def test_afgang_reads_date_budgetpost_amount_and_first_month():
    assert regulering_tekst(AFGANG) == (
        "Afgang 10.03.2026: aktivitetsbudget \u2212361.671,45 kr. fra 1. maj"
    )


def test_takstaendring_reads_its_gyldig_fra_and_first_month():
    assert regulering_tekst(TAKSTAENDRING) == (
        "Takstændring 01.07.2026: aktivitetsbudget +55.200,00 kr. fra 1. juli"
    )


def test_genindflytning_says_the_run_off_is_cut():
    assert regulering_tekst(GENINDFLYTNING) == (
        "Genindflytning (afløbet afkortes) 15.04.2026: "
        "aktivitetsbudget \u22128.000,00 kr. fra 1. april"
    )


def test_tilgang_names_its_level():
    assert regulering_tekst(_tilgang()) == (
        "Tilgang 01.02.2026 (niveau 2): aktivitetsbudget +493.054,14 kr. fra 1. februar"
    )


def test_omplacering_names_the_other_tilbud():
    r = _tilgang(
        haendelse=Haendelsesart.OMPLACERING_TILGANG, modpart="Botilbuddet Birk"
    )
    assert regulering_tekst(r) == (
        "Omplacering fra Botilbuddet Birk 01.02.2026 (niveau 2): "
        "aktivitetsbudget +493.054,14 kr. fra 1. februar"
    )


def test_haendelse_tekst_is_the_event_and_the_other_tilbud():
    r = _tilgang(haendelse=Haendelsesart.OMPLACERING_AFGANG, modpart="Botilbuddet Birk")
    assert (haendelse_tekst(r), haendelse_tekst(AFGANG)) == (
        "Omplacering til Botilbuddet Birk",
        "Afgang",
    )


def test_aendret_grundlag_has_no_date_and_moves_the_whole_budget():
    # 5.000 kr. more fixed costs after vedtagelse, spread over the 12 months.
    r = Regulering(
        ophold_id=None,
        borger="",
        haendelse=Haendelsesart.AENDRET_GRUNDLAG,
        dato_registreret=None,
        virkning_fra=date(2026, 1, 1),
        niveau_kode=None,
        beloeb=D("5000"),
        maaneder=(D("5000") / 12,) * 12,
        budgetpost=Budgetpost.BUDGET,
    )
    assert regulering_tekst(r) == (
        "Ændret grundlag efter vedtagelse: budget +5.000,00 kr. fra 1. januar"
    )


def test_ramme_entry_writes_overkapacitetstillaeg_with_ae():
    r = _tilgang(budgetpost=Budgetpost.OVERKAPACITETSTILLAEG)
    assert regulering_tekst(r) == (
        "Tilgang 01.02.2026 (niveau 2): overkapacitetstillæg +493.054,14 kr. "
        "fra 1. februar"
    )


def test_an_entry_that_changes_no_month_says_so():
    # Afgang 20.11.2026 is financed through December anyway: all months 0.
    r = Regulering(
        ophold_id=1,
        borger=ANNA,
        haendelse=Haendelsesart.AFGANG,
        dato_registreret=date(2026, 11, 20),
        virkning_fra=date(2026, 11, 20),
        niveau_kode=None,
        beloeb=NUL,
        maaneder=(NUL,) * 12,
    )
    assert (regulering_tekst(r), budgeteffekt_tekst(r, AHORN)) == (
        "Afgang 20.11.2026: ingen ændring af aktivitetsbudget",
        "ingen ændring af aktivitetsbudget for Bofællesskabet Ahorn i 2026",
    )


def test_millions_get_two_thousand_separators():
    # 1.234.567,89 kr. from February: both separators, comma before the øre.
    r = _tilgang(beloeb=D("1234567.89"), maaneder=(NUL, D("1234567.89")) + (NUL,) * 10)
    assert regulering_tekst(r).endswith("+1.234.567,89 kr. fra 1. februar")


def test_budgeteffekt_names_the_tilbud_and_the_year():
    assert budgeteffekt_tekst(AFGANG, AHORN) == (
        "aktivitetsbudget for Bofællesskabet Ahorn: \u2212361.671,45 kr. "
        "fra 1. maj 2026"
    )


def test_fra_maaned_is_the_first_changed_month():
    # AFGANG changes May-December (month 5); a zero entry changes none.
    zero = _tilgang(beloeb=NUL, maaneder=(NUL,) * 12)
    assert (AFGANG.fra_maaned, zero.fra_maaned) == (5, None)


def test_page_export_and_api_carry_the_same_sentence():
    # One function words the entry for the tilbud page and its .xlsx (the
    # table's Forklaring column) and for the API's beskrivelse.
    forventet = "Afgang 10.03.2026: aktivitetsbudget \u2212361.671,45 kr. fra 1. maj"
    tabel = ledger_tabel([AFGANG], 2026)
    api = ReguleringSerializer(AFGANG).data
    assert (tabel.raekker[0][1], tabel.raekker[0][6], api["beskrivelse"]) == (
        "Afgang",
        forventet,
        forventet,
    )


def test_api_keeps_the_entry_figures_as_data():
    # The API sends the event's code, not its label, and the amount as a string.
    data = ReguleringSerializer(AFGANG).data
    assert (data["haendelse"], data["beloeb"], data["virkning_fra"]) == (
        "afgang",
        "-361671.45",
        "2026-03-10",
    )


# --- The engine words nothing --------------------------------------------------

ENGINE = Path(engine.__file__).parent
FORBUDT = ("config.lib.formatting", "budgets.forklaring", "django")


def _importerede(kilde: Path) -> set[str]:
    """Every module (and module.name) a source file imports."""
    navne = set()
    for node in ast.walk(ast.parse(kilde.read_text())):
        if isinstance(node, ast.Import):
            navne |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            navne |= {node.module} | {f"{node.module}.{a.name}" for a in node.names}
    return navne


def test_the_ledger_module_imports_no_formatting_or_presentation():
    navne = _importerede(ENGINE / "ledger.py")
    assert [n for n in navne if n.startswith(FORBUDT)] == []


def test_no_engine_module_imports_formatting_or_presentation():
    fundne = {
        f.name: sorted(n for n in _importerede(f) if n.startswith(FORBUDT))
        for f in sorted(ENGINE.glob("*.py"))
    }
    assert {navn: n for navn, n in fundne.items() if n} == {}


def test_an_entry_dated_inside_its_first_month_says_its_day():
    # Tilgang 10.12.2026 at niveau 2: 22 døgn (10-31 December) × 1.476,21 =
    # 32.476,62 kr., financed from 10 December: the ledger of 2026 says so, and
    # without a year (no way to tell) the month's first day.
    r = Regulering(
        ophold_id=1,
        borger=ANNA,
        haendelse=Haendelsesart.TILGANG,
        dato_registreret=date(2026, 12, 1),
        virkning_fra=date(2026, 12, 10),
        niveau_kode="2",
        beloeb=D("32476.62"),
        maaneder=(NUL,) * 11 + (D("32476.62"),),
    )
    start = "Tilgang 10.12.2026 (niveau 2): aktivitetsbudget +32.476,62 kr. fra "
    assert regulering_tekst(r, 2026) == start + "10. december"
    assert regulering_tekst(r) == start + "1. december"
    assert ledger_tabel([r], 2026).raekker[0][6] == start + "10. december"
