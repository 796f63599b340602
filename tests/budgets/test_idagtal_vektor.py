"""The central model's figures of the day counted from the ophold the
computation already read (vektor_raa.idagtal, issue 16 #3) equal the SQL read
(selectors.central._idagtal) they replace when a year is computed.

The history (2026): in Ahorn, Anna from 1 February at niveau 2, niveau 1 from
1 June, paid by municipality 751 from 1 May; Bo from 1 January at niveau 1,
afgang 15 June; Eva from 1 March at niveau 2, moved to Birk on 1 September.
In Birk, Cy from 1 March (annulled: never was) and Dora from 1 April at
niveau 1, a niveau 2 from 1 July annulled.
"""

import datetime

import pytest

from budgets.engine.maanedstal import Idagtal
from budgets.models import Maanedstal
from budgets.selectors.central import _idagtal, central_for
from budgets.selectors.maanedstal import maaneder_og_idagtal
from offers import services
from offers.models import Haendelsesart, Tilbud
from offers.services.annullering import annullering_create
from offers.services.betalingskommune import betalingskommune_set

D = datetime.date


def _borger(cpr, navn, user):
    return services.borger_create(cpr=cpr, navn=navn, acting_user=user)


def _tilgang(borger, tilbud, dato, niveau, user):
    return services.borger_tilgang(
        borger=borger, tilbud=tilbud, dato=dato, takstniveau=niveau, acting_user=user
    )


@pytest.fixture
def historien(anna, tilbud_a, tilbud_b, niveau, raadgiver):
    u = raadgiver
    _tilgang(anna, tilbud_a, D(2026, 2, 1), niveau["2"], u)
    services.indplacering_create(
        borger=anna, gyldig_fra=D(2026, 6, 1), takstniveau=niveau["1"], acting_user=u
    )
    betalingskommune_set(
        borger=anna, kommunekode="751", gyldig_fra=D(2026, 5, 1), acting_user=u
    )
    bo = _borger("020290-1234", "Bo", u)
    _tilgang(bo, tilbud_a, D(2026, 1, 1), niveau["1"], u)
    services.borger_afgang(borger=bo, dato=D(2026, 6, 15), acting_user=u)
    eva = _borger("050590-1234", "Eva", u)
    _tilgang(eva, tilbud_a, D(2026, 3, 1), niveau["2"], u)
    services.omplacering(
        borger=eva,
        til_tilbud=tilbud_b,
        dato=D(2026, 9, 1),
        takstniveau=niveau["2"],
        acting_user=u,
    )
    cy = _borger("030390-1234", "Cy", u)
    cy_ophold = _tilgang(cy, tilbud_b, D(2026, 3, 1), niveau["1"], u)
    annullering_create(
        borger=cy,
        haendelse=Haendelsesart.TILGANG,
        ophold=cy_ophold,
        begrundelse="Registreret på den forkerte borger.",
        acting_user=u,
    )
    dora = _borger("040490-1234", "Dora", u)
    dora_ophold = _tilgang(dora, tilbud_b, D(2026, 4, 1), niveau["1"], u)
    forkert = services.indplacering_create(
        borger=dora, gyldig_fra=D(2026, 7, 1), takstniveau=niveau["2"], acting_user=u
    )
    annullering_create(
        borger=dora,
        haendelse=Haendelsesart.INDPLACERING,
        ophold=dora_ophold,
        indplacering=forkert,
        begrundelse="Forkert niveau.",
        acting_user=u,
    )
    return tilbud_a, tilbud_b


def _talt(idag):
    ids = list(Tilbud.objects.order_by("pk").values_list("pk", flat=True))
    return maaneder_og_idagtal(ids, 2026, idag)[1]


def test_15_june_counted_by_hand(historien):
    ahorn, birk = historien
    talte = _talt(D(2026, 6, 15))
    # Ahorn: Anna at niveau 1 (from 1 June) and sold (751 from 1 May); Eva at
    # niveau 2; Bo left on 15 June (a stay is [tilgang, afgang)). Tilgange up
    # to and including 15 June: Bo 1 Jan, Anna 1 Feb, Eva 1 Mar = 3; afgange:
    # Bo 15 June = 1.
    assert talte[ahorn.pk] == Idagtal({"1": 1, "2": 1}, 1, 3, 1)
    # Birk: Dora at niveau 1; Cy's annulled stay never was (nor its tilgang).
    assert talte[birk.pk] == Idagtal({"1": 1}, 0, 1, 0)


def test_an_annulled_level_and_an_omplacering_counted_by_hand(historien):
    ahorn, birk = historien
    talte = _talt(D(2026, 9, 15))
    # Ahorn: Anna only (Eva moved on 1 September: her afgang there); tilgange 3,
    # afgange Bo and Eva = 2.
    assert talte[ahorn.pk] == Idagtal({"1": 1}, 1, 3, 2)
    # Birk: Dora still at niveau 1 (the niveau 2 of 1 July was annulled) and Eva
    # at niveau 2 from 1 September; tilgange Dora and Eva = 2.
    assert talte[birk.pk] == Idagtal({"1": 1, "2": 1}, 0, 2, 0)


@pytest.mark.parametrize(
    "idag",
    [
        D(2025, 6, 1),  # before the year: counted on 1 January, nothing realised
        D(2026, 1, 1),
        D(2026, 4, 30),
        D(2026, 5, 1),
        D(2026, 6, 15),
        D(2026, 7, 1),
        D(2026, 9, 1),
        D(2026, 12, 31),
        D(2027, 3, 1),  # after the year: counted on 31 December
    ],
)
def test_the_counts_equal_the_sql_read_on_every_day(historien, idag):
    sql = _idagtal(2026, None, idag)
    talte = _talt(idag)
    assert {t: talte[t] for t in talte} == {t: sql.get(t, Idagtal()) for t in talte}


def test_the_central_model_computed_equals_the_one_read_from_stored_rows(
    historien, oekonomichef
):
    """With the year's rows gone the model is computed and counts the day from
    the arrays; with them stored it reads the day in SQL: the same rows."""
    idag = D(2026, 6, 15)
    gemt = central_for(oekonomichef, 2026, idag)
    Maanedstal.objects.filter(aar=2026).delete()
    beregnet = central_for(oekonomichef, 2026, idag)
    assert beregnet == gemt
