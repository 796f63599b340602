"""Issue 12 item 11: a wrongly registered event is annulled with a reason.

Niveau 2 = 3 takstgivende hours × 492.07 = 1,476.21 kr. per døgn (conftest).
"""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from budgets.selectors import tilbud_resultat
from offers import services
from offers.models import Annullering, Haendelsesart, Indplacering, Ophold
from offers.services import annullering as annul

D = datetime.date
IDAG = D(2026, 12, 1)


@pytest.fixture
def placeret(anna, tilbud_a, faste_a, niveau, raadgiver):
    return services.borger_tilgang(
        borger=anna,
        tilbud=tilbud_a,
        dato=D(2026, 2, 1),
        takstniveau=niveau["2"],
        acting_user=raadgiver,
        registreret=D(2026, 2, 1),
    )


def _afgang(anna, raadgiver):
    return services.borger_afgang(
        borger=anna,
        dato=D(2026, 3, 10),
        acting_user=raadgiver,
        registreret=D(2026, 3, 10),
    )


def _annuller(anna, ophold, raadgiver, haendelse, **kw):
    return annul.annullering_create(
        borger=anna,
        haendelse=haendelse,
        ophold=ophold,
        begrundelse=kw.pop("begrundelse", "Registreret på den forkerte borger."),
        acting_user=raadgiver,
        registreret=D(2026, 3, 20),
        **kw,
    )


def _anna_entries(tilbud):
    ledger = tilbud_resultat(tilbud, 2026, IDAG).budget.ledger
    return [(r.haendelse, r.dato_registreret, r.beloeb) for r in ledger]


def test_annulled_afgang_reopens_the_stay(placeret, anna, raadgiver):
    _afgang(anna, raadgiver)
    _annuller(anna, placeret, raadgiver, Haendelsesart.AFGANG)
    assert Ophold.objects.get().afgang is None


def test_annulled_afgang_is_a_ledger_entry_of_its_own(
    placeret, anna, tilbud_a, raadgiver
):
    _afgang(anna, raadgiver)
    _annuller(anna, placeret, raadgiver, Haendelsesart.AFGANG)
    # Tilgang 1 Feb: 334 days × 1,476.21 = 493,054.14. Afgang 10 March, financed
    # through 30 April: −245 days (1 May-31 Dec) × 1,476.21 = −361,671.45. The
    # annulment, registered 20 March, gives them back.
    assert _anna_entries(tilbud_a) == [
        ("tilgang", D(2026, 2, 1), Decimal("493054.14")),
        ("afgang", D(2026, 3, 10), Decimal("-361671.45")),
        ("annulleret_afgang", D(2026, 3, 20), Decimal("361671.45")),
    ]


def test_annulment_keeps_who_why_and_the_annulled_date(placeret, anna, raadgiver):
    _afgang(anna, raadgiver)
    _annuller(anna, placeret, raadgiver, Haendelsesart.AFGANG)
    a = Annullering.objects.get()
    assert (a.dato, a.dato_registreret, a.annulleret_af, a.begrundelse) == (
        D(2026, 3, 10),
        D(2026, 3, 10),
        raadgiver,
        "Registreret på den forkerte borger.",
    )


def test_annulment_without_a_reason_is_refused_and_writes_nothing(
    placeret, anna, raadgiver
):
    _afgang(anna, raadgiver)
    with pytest.raises(ValidationError) as err:
        _annuller(anna, placeret, raadgiver, Haendelsesart.AFGANG, begrundelse=" ")
    assert err.value.message_dict == {"begrundelse": [annul.BEGRUNDELSE_MANGLER]}
    assert (Ophold.objects.get().afgang, Annullering.objects.count()) == (
        D(2026, 3, 10),
        0,
    )


def test_annulled_tilgang_removes_the_stay_and_frees_the_borger(
    placeret, anna, tilbud_b, niveau, raadgiver
):
    _annuller(anna, placeret, raadgiver, Haendelsesart.TILGANG)
    assert Ophold.objects.count() == 0
    services.borger_tilgang(
        borger=anna,
        tilbud=tilbud_b,
        dato=D(2026, 2, 1),
        takstniveau=niveau["2"],
        acting_user=raadgiver,
    )
    assert Ophold.objects.get().tilbud == tilbud_b


def test_annulled_tilgang_leaves_a_zero_sum_in_the_ledger(
    placeret, anna, tilbud_a, raadgiver
):
    _annuller(anna, placeret, raadgiver, Haendelsesart.TILGANG)
    # +334 × 1,476.21 and back: korrigeret 0 kr. for Anna.
    assert _anna_entries(tilbud_a) == [
        ("tilgang", D(2026, 2, 1), Decimal("493054.14")),
        ("annulleret_tilgang", D(2026, 3, 20), Decimal("-493054.14")),
    ]
    assert tilbud_resultat(tilbud_a, 2026, IDAG).budget.aktivitet_korrigeret_aar == 0


def test_annulled_indplacering_is_out_of_force(placeret, anna, niveau, raadgiver):
    ny = services.indplacering_create(
        borger=anna,
        gyldig_fra=D(2026, 7, 1),
        takstniveau=niveau["3"],
        acting_user=raadgiver,
        registreret=D(2026, 7, 1),
    )
    _annuller(anna, placeret, raadgiver, Haendelsesart.INDPLACERING, indplacering=ny)
    assert [i.takstniveau.kode for i in Indplacering.objects.all()] == ["2"]


def test_annulled_indplacering_date_can_be_registered_again(
    placeret, anna, niveau, raadgiver
):
    ny = services.indplacering_create(
        borger=anna,
        gyldig_fra=D(2026, 7, 1),
        takstniveau=niveau["3"],
        acting_user=raadgiver,
    )
    _annuller(anna, placeret, raadgiver, Haendelsesart.INDPLACERING, indplacering=ny)
    rettet = services.indplacering_create(
        borger=anna,
        gyldig_fra=D(2026, 7, 1),
        takstniveau=niveau["1"],
        acting_user=raadgiver,
    )
    assert rettet.takstniveau.kode == "1"


def test_first_indplacering_cannot_be_annulled_alone(placeret, anna, raadgiver):
    foerste = placeret.indplaceringer.get()
    with pytest.raises(ValidationError) as err:
        _annuller(
            anna, placeret, raadgiver, Haendelsesart.INDPLACERING, indplacering=foerste
        )
    assert err.value.message_dict == {"indplacering": [annul.FOERSTE_INDPLACERING]}


def test_annulled_omplacering_returns_the_borger_to_the_first_tilbud(
    placeret, anna, tilbud_a, tilbud_b, niveau, raadgiver
):
    nyt = services.omplacering(
        borger=anna,
        til_tilbud=tilbud_b,
        dato=D(2026, 3, 1),
        takstniveau=niveau["2"],
        acting_user=raadgiver,
    )
    _annuller(anna, nyt, raadgiver, Haendelsesart.OMPLACERING)
    gaeldende = Ophold.objects.get()
    assert (gaeldende.tilbud, gaeldende.afgang) == (tilbud_a, None)


def test_annulled_omplacering_can_be_registered_again(
    placeret, anna, tilbud_b, niveau, raadgiver
):
    nyt = services.omplacering(
        borger=anna,
        til_tilbud=tilbud_b,
        dato=D(2026, 3, 1),
        takstniveau=niveau["2"],
        acting_user=raadgiver,
    )
    _annuller(anna, nyt, raadgiver, Haendelsesart.OMPLACERING)
    igen = services.omplacering(
        borger=anna,
        til_tilbud=tilbud_b,
        dato=D(2026, 4, 1),
        takstniveau=niveau["2"],
        acting_user=raadgiver,
    )
    assert igen.omplaceret_fra == placeret


def test_tilgang_of_an_omplacering_is_annulled_as_the_omplacering(
    placeret, anna, tilbud_a, tilbud_b, niveau, raadgiver
):
    nyt = services.omplacering(
        borger=anna,
        til_tilbud=tilbud_b,
        dato=D(2026, 3, 1),
        takstniveau=niveau["2"],
        acting_user=raadgiver,
    )
    with pytest.raises(ValidationError) as err:
        _annuller(anna, nyt, raadgiver, Haendelsesart.TILGANG)
    assert err.value.message_dict == {
        "haendelse": [annul.ER_OMPLACERING.format(tilbud=tilbud_a)]
    }


def test_afgang_followed_by_a_later_stay_cannot_be_annulled(
    placeret, anna, tilbud_b, niveau, raadgiver
):
    _afgang(anna, raadgiver)
    senere = services.borger_tilgang(
        borger=anna,
        tilbud=tilbud_b,
        dato=D(2026, 6, 1),
        takstniveau=niveau["2"],
        acting_user=raadgiver,
    )
    with pytest.raises(ValidationError) as err:
        _annuller(anna, placeret, raadgiver, Haendelsesart.AFGANG)
    assert err.value.message_dict == {
        "haendelse": [
            services.OPHOLD_OVERLAP.format(tilbud=senere.tilbud, fra="01.06.2026")
        ]
    }


def test_annulment_is_kept_in_the_history(placeret, anna, raadgiver):
    _afgang(anna, raadgiver)
    _annuller(anna, placeret, raadgiver, Haendelsesart.AFGANG)
    seneste = Ophold.history.filter(id=placeret.pk).first()
    assert (seneste.afgang, seneste.history_user) == (None, raadgiver)
