"""POST /api/v1/borgere/{id}/annuller/: annul a wrongly registered event (issue 12
item 11). Niveau 2 = 3 takstgivende hours × 492,07 = 1.476,21 kr. per døgn."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from offers import services
from offers.models import Annullering, Indplacering, Ophold
from offers.serializers import OPHOLD_UKENDT
from offers.services import annullering as annul

D = datetime.date


@pytest.fixture
def ida(raadgiver, tilbud_a, niveau):
    """Ida: tilgang to tilbud A 1 February 2026 at niveau 2, afgang 10 March 2026,
    each registered on its own day."""
    borger = services.borger_create(
        cpr="020290-1234", navn="Ida", acting_user=raadgiver
    )
    services.borger_tilgang(
        borger=borger,
        tilbud=tilbud_a,
        dato=D(2026, 2, 1),
        takstniveau=niveau["2"],
        acting_user=raadgiver,
        registreret=D(2026, 2, 1),
    )
    services.borger_afgang(
        borger=borger,
        dato=D(2026, 3, 10),
        acting_user=raadgiver,
        registreret=D(2026, 3, 10),
    )
    return borger


@pytest.fixture
def idag_20_marts(monkeypatch):
    """The annulment is registered on 20 March 2026."""
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: D(2026, 3, 20))


def _url(borger) -> str:
    return f"/api/v1/borgere/{borger.pk}/annuller/"


def _body(ophold, haendelse="afgang", **extra) -> dict:
    return {
        "haendelse": haendelse,
        "ophold": ophold.pk,
        "begrundelse": "Afgangen var registreret på den forkerte borger.",
        **extra,
    }


def _post(client, borger, body):
    return client.post(_url(borger), body, format="json")


def test_annulled_afgang_answers_201_with_the_annulment(
    raadgiver_api, ida, idag_20_marts
):
    ophold = Ophold.objects.get(borger=ida)
    response = _post(raadgiver_api, ida, _body(ophold))
    assert response.status_code == 201
    assert response.json() == {
        "id": Annullering.objects.get().pk,
        "haendelse": "afgang",
        "ophold": ophold.pk,
        "indplacering": None,
        "tillaegstakst": None,  # issue 17: set for an annulled tillægstakst
        "dato": "2026-03-10",
        "dato_registreret": "2026-03-10",
        "registreret": "2026-03-20",
        "begrundelse": "Afgangen var registreret på den forkerte borger.",
        "annulleret_af": "raadgiver",
    }


def test_annulled_afgang_is_gone_from_the_ophold(raadgiver_api, ida):
    ophold = Ophold.objects.get(borger=ida)
    _post(raadgiver_api, ida, _body(ophold))
    assert Ophold.objects.get(borger=ida).afgang is None


def test_annulment_without_begrundelse_is_400_and_writes_nothing(raadgiver_api, ida):
    ophold = Ophold.objects.get(borger=ida)
    body = {"haendelse": "afgang", "ophold": ophold.pk}
    response = _post(raadgiver_api, ida, body)
    assert response.status_code == 400
    assert response.json() == {"begrundelse": [annul.BEGRUNDELSE_MANGLER]}
    assert Ophold.objects.get(borger=ida).afgang == D(2026, 3, 10)
    assert Annullering.objects.count() == 0


def test_annulment_with_a_blank_begrundelse_is_400(raadgiver_api, ida):
    ophold = Ophold.objects.get(borger=ida)
    response = _post(raadgiver_api, ida, _body(ophold, begrundelse="   "))
    assert response.json() == {"begrundelse": [annul.BEGRUNDELSE_MANGLER]}


def test_unknown_ophold_id_is_400_with_a_field_error(raadgiver_api, ida):
    body = {**_body(Ophold.objects.get(borger=ida)), "ophold": 999999}
    response = _post(raadgiver_api, ida, body)
    assert response.status_code == 400
    assert response.json() == {"ophold": [OPHOLD_UKENDT.format(pk_value=999999)]}


def test_another_borgers_ophold_is_400_like_an_unknown_id_and_writes_nothing(
    raadgiver_api, anna, ida, raadgiver
):
    # Anna (tests/api/conftest) lives in tilbud A from 1 February 2026.
    services.borger_afgang(borger=anna, dato=D(2026, 4, 1), acting_user=raadgiver)
    annas = Ophold.objects.get(borger=anna)
    response = _post(raadgiver_api, ida, _body(annas))
    assert response.status_code == 400
    assert response.json() == {"ophold": [OPHOLD_UKENDT.format(pk_value=annas.pk)]}
    assert Ophold.objects.get(borger=anna).afgang == D(2026, 4, 1)
    assert Annullering.objects.count() == 0


def test_annulling_a_missing_afgang_is_400_with_the_service_message(
    raadgiver_api, anna
):
    ophold = Ophold.objects.get(borger=anna)
    response = _post(raadgiver_api, anna, _body(ophold))
    assert response.json() == {"haendelse": [annul.INGEN_AFGANG]}


def test_indplacering_annulment_without_the_indplacering_is_400(raadgiver_api, anna):
    ophold = Ophold.objects.get(borger=anna)
    response = _post(raadgiver_api, anna, _body(ophold, haendelse="indplacering"))
    assert response.json() == {"indplacering": [annul.INDPLACERING_MANGLER]}


def _niveau_3_fra_juli(anna, niveau, raadgiver) -> Indplacering:
    return services.indplacering_create(
        borger=anna,
        gyldig_fra=D(2026, 7, 1),
        takstniveau=niveau["3"],
        acting_user=raadgiver,
    )


def test_annulled_indplacering_leaves_the_first_level_in_force(
    raadgiver_api, anna, niveau, raadgiver
):
    ny = _niveau_3_fra_juli(anna, niveau, raadgiver)
    body = _body(ny.ophold, haendelse="indplacering", indplacering=ny.pk)
    response = _post(raadgiver_api, anna, body)
    assert (response.status_code, response.json()["dato"]) == (201, "2026-07-01")
    koder = [i.takstniveau.kode for i in Indplacering.objects.filter(ophold=ny.ophold)]
    assert koder == ["2"]


def test_an_indplacering_annulled_twice_is_400_not_500(
    raadgiver_api, anna, niveau, raadgiver
):
    ny = _niveau_3_fra_juli(anna, niveau, raadgiver)
    body = _body(ny.ophold, haendelse="indplacering", indplacering=ny.pk)
    _post(raadgiver_api, anna, body)
    response = _post(raadgiver_api, anna, body)
    assert response.status_code == 400
    assert response.json() == {"indplacering": [annul.INDPLACERING_ANNULLERET]}


def test_annulled_tilgang_takes_its_levels_out_of_the_indplaceringer_list(
    raadgiver_api, anna
):
    ophold = Ophold.objects.get(borger=anna)
    _post(raadgiver_api, anna, _body(ophold, haendelse="tilgang"))
    url = f"/api/v1/borgere/{anna.pk}/indplaceringer/"
    assert raadgiver_api.get(url).json() == []


def test_annulled_omplacering_returns_the_borger_to_the_first_tilbud(
    raadgiver_api, anna, tilbud_a, tilbud_b, niveau, raadgiver
):
    nyt = services.omplacering(
        borger=anna,
        til_tilbud=tilbud_b,
        dato=D(2026, 5, 1),
        takstniveau=niveau["2"],
        acting_user=raadgiver,
    )
    response = _post(raadgiver_api, anna, _body(nyt, haendelse="omplacering"))
    assert response.status_code == 201
    gaeldende = Ophold.objects.get(borger=anna)
    assert (gaeldende.tilbud, gaeldende.afgang) == (tilbud_a, None)


def test_leder_of_the_tilbud_gets_403_and_nothing_is_written(leder_a_api, ida):
    ophold = Ophold.objects.get(borger=ida)
    response = _post(leder_a_api, ida, _body(ophold))
    assert response.status_code == 403
    assert Annullering.objects.count() == 0


def test_leder_of_another_tilbud_gets_404(leder_b_api, ida):
    ophold = Ophold.objects.get(borger=ida)
    assert _post(leder_b_api, ida, _body(ophold)).status_code == 404


def test_oekonomi_gets_403(oekonomi_api, ida):
    ophold = Ophold.objects.get(borger=ida)
    assert _post(oekonomi_api, ida, _body(ophold)).status_code == 403


def test_anonymous_gets_401(anonym, ida):
    ophold = Ophold.objects.get(borger=ida)
    assert _post(anonym, ida, _body(ophold)).status_code == 401


def test_tilbud_budget_shows_the_annulment_as_its_own_regulering(
    raadgiver_api, oekonomi_api, ida, tilbud_a, faste_a, idag_20_marts
):
    _post(raadgiver_api, ida, _body(Ophold.objects.get(borger=ida)))
    url = f"/api/v1/budgetter/2026/tilbud/{tilbud_a.pk}/"
    budget = oekonomi_api.get(url, {"idag": "2026-06-30"}).json()
    rows = [
        (r["haendelse"], r["dato"], r["virkning_fra"], r["beloeb"])
        for r in budget["reguleringer"]
    ]
    # Tilgang 1 Feb: 1 Feb-31 Dec = 334 døgn × 1.476,21 = 493.054,14.
    # Afgang 10 March, financed through 30 April: 1 May-31 Dec = 245 døgn,
    # −245 × 1.476,21 = −361.671,45. The annulment, registered 20 March with
    # effect from 10 March, gives them back: +361.671,45.
    assert rows == [
        ("tilgang", "2026-02-01", "2026-02-01", "493054.14"),
        ("afgang", "2026-03-10", "2026-03-10", "-361671.45"),
        ("annulleret_afgang", "2026-03-20", "2026-03-10", "361671.45"),
    ]
    # The sum rule: 493.054,14 − 361.671,45 + 361.671,45 = 493.054,14 = korrigeret.
    total = sum(Decimal(r["beloeb"]) for r in budget["reguleringer"])
    assert total == Decimal(budget["aktivitetsbudget_korrigeret"]) - Decimal(
        budget["aktivitetsbudget_oprindeligt"]
    )
    assert budget["aktivitetsbudget_korrigeret"] == "493054.14"
