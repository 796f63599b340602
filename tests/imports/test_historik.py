"""Issue 15: a change made by an import names its job in the history."""

import datetime

from django.urls import reverse

from budgets.models import Forbrug, Importstatus
from offers import services
from offers.models import Ophold
from tests.imports.conftest import csv_bytes


def test_forbrug_rows_of_an_import_link_to_its_job(
    client, koer, oekonomichef, tilbud_a, takstmodel_2026
):
    fil = csv_bytes("tilbud;måned;art;beløb", [f"{tilbud_a.navn};2026-01;løn;100,00"])
    job = koer(oekonomichef, "forbrug", fil, filnavn="januar.csv")
    assert job.status == Importstatus.FAERDIG
    (raekke,) = Forbrug.history.all()
    assert raekke.history_change_reason == f"import:{job.pk}"
    client.force_login(oekonomichef)
    side = client.get(reverse("historik"), {"model": "forbrug"}).content.decode()
    assert f'<a href="/import/{job.pk}/">Import: januar.csv</a>' in side


def test_event_rows_link_oekonomi_to_a_raadgivers_import(
    client, koer, oekonomichef, raadgiver, tilbud_a, niveau
):
    """Økonomi, who reads the history, may open any import job (read only), so
    a rådgiver's import is linked too."""
    fil = csv_bytes(
        "cpr;tilbud;hændelse;dato;niveau;navn",
        [f"010190-1234;{tilbud_a.navn};tilgang;2026-02-01;2;Anna Hansen"],
    )
    job = koer(raadgiver, "haendelser", fil, filnavn="haendelser.csv")
    assert job.status == Importstatus.FAERDIG
    (raekke,) = Ophold.history.all()
    assert raekke.history_change_reason == f"import:{job.pk}"
    client.force_login(oekonomichef)
    side = client.get(reverse("historik"), {"model": "ophold"}).content.decode()
    assert f'<a href="/import/{job.pk}/">Import: haendelser.csv</a>' in side
    assert client.get(f"/import/{job.pk}/").status_code == 200
    assert "<td>Anna Hansen (010190-xxxx)</td>" in side


def test_a_change_made_on_a_page_names_no_job(
    client, oekonomichef, raadgiver, anna, tilbud_a, niveau
):
    services.borger_tilgang(
        borger=anna,
        tilbud=tilbud_a,
        dato=datetime.date(2026, 2, 1),
        takstniveau=niveau["2"],
        acting_user=raadgiver,
    )
    (raekke,) = Ophold.history.all()
    assert raekke.history_change_reason is None
