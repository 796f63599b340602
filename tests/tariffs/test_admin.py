"""The admin checks the levels by the same rules as the service (issue 12)."""

import datetime

from offers import services as offer_services
from tariffs.engine import OEVRE_IKKE_OVER_NEDRE, OVERLAP
from tariffs.models import Takstniveau
from tariffs.services import KODE_I_BRUG
from tests.conftest import make_takstmodel


def _felter(niveau: Takstniveau, **aendret) -> dict:
    felter = {
        "takstmodel": niveau.takstmodel_id,
        "kode": niveau.kode,
        "navn": niveau.navn,
        "raekkefoelge": niveau.raekkefoelge,
        "nedre": niveau.nedre,
        "oevre": niveau.oevre if niveau.oevre is not None else "",
        "takstgivende": niveau.takstgivende if niveau.takstgivende is not None else "",
        "ydelsesbeskrivelse": niveau.ydelsesbeskrivelse,
    }
    if niveau.saertakst:
        felter["saertakst"] = "on"
    return {**felter, **aendret}


def _ret_niveau(admin_client, niveau: Takstniveau, **aendret):
    url = f"/admin/tariffs/takstniveau/{niveau.pk}/change/"
    return admin_client.post(url, _felter(niveau, **aendret))


def test_admin_refuses_an_overlap_with_the_next_level(admin_client, niveau):
    response = _ret_niveau(admin_client, niveau["2"], oevre="4.5")
    assert response.status_code == 200
    besked = "Niveau 3: " + OVERLAP.format(forrige="2", oevre="4,5")
    assert response.context["adminform"].form.non_field_errors() == [besked]
    assert Takstniveau.objects.get(pk=niveau["2"].pk).oevre == 4


def test_admin_shows_lower_above_upper_in_danish_on_oevre(admin_client, niveau):
    response = _ret_niveau(admin_client, niveau["2"], oevre="1")
    assert response.context["adminform"].form.errors["oevre"] == [OEVRE_IKKE_OVER_NEDRE]
    assert "niveau_graenser_ordnet" not in response.content.decode()


def _takstmodel_felter(model, slet: str) -> dict:
    niveauer = list(model.niveauer.order_by("raekkefoelge"))
    data = {
        "aar": model.aar,
        "navn": model.navn,
        "enhed": model.enhed,
        "timeprismodel": model.timeprismodel_id,
        "niveauer-TOTAL_FORMS": len(niveauer),
        "niveauer-INITIAL_FORMS": len(niveauer),
        "niveauer-MIN_NUM_FORMS": 0,
        "niveauer-MAX_NUM_FORMS": 1000,
    }
    for i, niveau in enumerate(niveauer):
        felter = {"id": niveau.pk, **_felter(niveau)}
        if niveau.kode == slet:
            felter["DELETE"] = "on"
        data.update({f"niveauer-{i}-{k}": v for k, v in felter.items()})
    return data


def test_admin_refuses_deleting_a_code_anna_is_on_in_2027(
    admin_client, oekonomichef, raadgiver, tilbud_a, niveau, anna
):
    offer_services.borger_tilgang(
        borger=anna,
        tilbud=tilbud_a,
        dato=datetime.date(2026, 3, 1),
        takstniveau=niveau["3"],
        acting_user=raadgiver,
    )
    model_2027 = make_takstmodel(2027, oekonomichef)
    url = f"/admin/tariffs/takstmodel/{model_2027.pk}/change/"
    response = admin_client.post(url, _takstmodel_felter(model_2027, slet="3"))
    assert response.status_code == 200
    besked = KODE_I_BRUG.format(kode="3", aar=2027, borgere="Anna (010190-xxxx)")
    assert besked in response.content.decode()
    assert model_2027.niveauer.filter(kode="3").exists()


def test_admin_cannot_delete_a_single_level(admin_client, niveau):
    response = admin_client.get(f"/admin/tariffs/takstniveau/{niveau['3'].pk}/delete/")
    assert response.status_code == 403
