"""The level form shows each broken rule on its level's field (issue 12)."""

import datetime

from django.urls import reverse

from offers import services as offer_services
from tariffs.engine import OEVRE_IKKE_OVER_NEDRE, OVERLAP, TAKSTGIVENDE_UDENFOR
from tariffs.models import Takstniveau
from tariffs.services import KODE_I_BRUG
from tests.conftest import make_takstmodel

# conftest's levels as the form shows them: kode, navn, nedre, øvre, takstgivende.
NIVEAUER = [
    ("1", "Niveau 1", "0", "2", "1"),
    ("2", "Niveau 2", "2", "4", "3"),
    ("3", "Niveau 3", "4", "6", "5"),
]


def _post_data(niveauer, slet: tuple[str, ...] = ()) -> dict:
    data = {
        "form-TOTAL_FORMS": str(len(niveauer)),
        "form-INITIAL_FORMS": "0",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
    }
    for i, (kode, navn, nedre, oevre, takstgivende) in enumerate(niveauer):
        data.update(
            {
                f"form-{i}-kode": kode,
                f"form-{i}-navn": navn,
                f"form-{i}-nedre": nedre,
                f"form-{i}-oevre": oevre,
                f"form-{i}-takstgivende": takstgivende,
            }
        )
        if kode in slet:
            data[f"form-{i}-DELETE"] = "on"
    return data


def _post(client, model, niveauer, slet=()):
    url = reverse("tariffs:takstmodel-update", args=[model.pk])
    return client.post(url, _post_data(niveauer, slet))


def test_overlap_is_shown_on_niveau_3s_nedre(client, oekonomichef, takstmodel_2026):
    client.force_login(oekonomichef)
    niveauer = [*NIVEAUER]
    niveauer[1] = ("2", "Niveau 2", "2", "4,5", "3")  # up to 4,5; niveau 3 from 4
    response = _post(client, takstmodel_2026, niveauer)
    fejl = response.context["formset"].forms[2].errors
    assert fejl == {"nedre": [OVERLAP.format(forrige="2", oevre="4,5")]}


def test_an_overlap_is_not_saved(client, oekonomichef, takstmodel_2026):
    client.force_login(oekonomichef)
    niveauer = [*NIVEAUER]
    niveauer[1] = ("2", "Niveau 2", "2", "4,5", "3")
    _post(client, takstmodel_2026, niveauer)
    assert Takstniveau.objects.get(takstmodel=takstmodel_2026, kode="2").oevre == 4


def test_lower_above_upper_is_shown_in_danish_on_oevre(
    client, oekonomichef, takstmodel_2026
):
    client.force_login(oekonomichef)
    niveauer = [*NIVEAUER]
    niveauer[1] = ("2", "Niveau 2", "2", "1", "")
    response = _post(client, takstmodel_2026, niveauer)
    assert response.context["formset"].forms[1].errors["oevre"] == [
        OEVRE_IKKE_OVER_NEDRE
    ]
    assert "niveau_graenser_ordnet" not in response.content.decode()


def test_takstgivende_outside_the_span_is_shown_on_takstgivende(
    client, oekonomichef, takstmodel_2026
):
    client.force_login(oekonomichef)
    niveauer = [*NIVEAUER]
    niveauer[1] = ("2", "Niveau 2", "2", "4", "4")  # the upper bound is exclusive
    response = _post(client, takstmodel_2026, niveauer)
    assert response.context["formset"].forms[1].errors == {
        "takstgivende": [TAKSTGIVENDE_UDENFOR.format(nedre="2", oevre="4")]
    }


def test_a_deleted_row_does_not_shift_the_errors(client, oekonomichef, takstmodel_2026):
    client.force_login(oekonomichef)
    niveauer = [("0", "Slettes", "0", "1", ""), *NIVEAUER]
    niveauer[2] = ("2", "Niveau 2", "2", "4,5", "3")
    response = _post(client, takstmodel_2026, niveauer, slet=("0",))
    assert "nedre" in response.context["formset"].forms[3].errors


def test_deleting_code_3_in_2027_while_anna_is_on_it_is_refused(
    client, oekonomichef, raadgiver, tilbud_a, niveau, anna
):
    offer_services.borger_tilgang(
        borger=anna,
        tilbud=tilbud_a,
        dato=datetime.date(2026, 3, 1),
        takstniveau=niveau["3"],
        acting_user=raadgiver,
    )
    model_2027 = make_takstmodel(2027, oekonomichef)
    client.force_login(oekonomichef)
    response = _post(client, model_2027, NIVEAUER, slet=("3",))
    besked = KODE_I_BRUG.format(kode="3", aar=2027, borgere="Anna (010190-xxxx)")
    assert response.context["formset"].non_form_errors() == [besked]
    assert model_2027.niveauer.filter(kode="3").exists()


def test_valid_levels_are_saved(client, oekonomichef, takstmodel_2026):
    client.force_login(oekonomichef)
    response = _post(client, takstmodel_2026, NIVEAUER)
    assert response.status_code == 302
    koder = takstmodel_2026.niveauer.values_list("kode", flat=True)
    assert sorted(koder) == ["1", "2", "3"]
