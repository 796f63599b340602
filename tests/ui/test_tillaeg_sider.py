"""The rådgiver's tillægstakst pages (issue 17): register, end, annul, and the
borger page's døgntakst with the tillæg.

Hand figures (tests/ui/test_doegntakst_i_dag.py): basistakst 1.023,87 kr.,
niveau 2 servicetakst 1.476,21 kr.; timepris 492,07 kr., so 2 timer pr. døgn
is 984,14 kr. "Today" is 30.06.2026 (idag_2026).
"""

import datetime
from decimal import Decimal

from django.contrib.messages import get_messages
from django.urls import reverse

from offers.models import TILLAEG_EN_AF, Annullering, Tillaegstakst
from offers.services.tillaeg import tillaeg_create

D = datetime.date


def _tillaeg(anna_i_a, raadgiver, **kw) -> Tillaegstakst:
    return tillaeg_create(
        borger=anna_i_a.borger,
        ophold=anna_i_a,
        begrundelse="Ekstra nattevagt.",
        acting_user=raadgiver,
        **kw,
    )


def test_the_page_registers_one_and_shows_its_budget_effect(
    client, raadgiver, anna_i_a, idag_2026
):
    client.force_login(raadgiver)
    url = reverse("offers:tillaeg-create", args=[anna_i_a.borger.pk])
    assert client.get(url).status_code == 200
    svar = client.post(
        url,
        {
            "ophold": anna_i_a.pk,
            "fra": "01.07.2026",
            "til": "",
            "kr_pr_doegn": "1.000,50",
            "begrundelse": "Ekstra nattevagt.",
        },
        follow=True,
    )
    tillaeg = Tillaegstakst.objects.get()
    assert (tillaeg.fra, tillaeg.til, tillaeg.kr_pr_doegn) == (
        D(2026, 7, 1),
        None,
        Decimal("1000.50"),
    )
    beskeder = [str(m) for m in get_messages(svar.wsgi_request)]
    # 1 July-31 December = 184 døgn × 1.000,50 = 184.092,00 kr.
    assert any(
        "Tillægstakst 1.000,50 kr. pr. døgn fra 1. juli 2026: Ekstra nattevagt." in b
        and "+184.092,00 kr. fra 1. juli 2026" in b
        for b in beskeder
    ), beskeder


def test_hours_and_kr_together_are_refused_in_danish(
    client, raadgiver, anna_i_a, idag_2026
):
    client.force_login(raadgiver)
    url = reverse("offers:tillaeg-create", args=[anna_i_a.borger.pk])
    svar = client.post(
        url,
        {
            "ophold": anna_i_a.pk,
            "fra": "01.07.2026",
            "timer_pr_doegn": "2",
            "kr_pr_doegn": "100",
            "begrundelse": "x",
        },
    )
    assert svar.status_code == 200
    assert TILLAEG_EN_AF in svar.content.decode()
    assert not Tillaegstakst.objects.exists()


def test_a_start_before_the_stay_is_refused_by_the_field(
    client, raadgiver, anna_i_a, idag_2026
):
    client.force_login(raadgiver)
    url = reverse("offers:tillaeg-create", args=[anna_i_a.borger.pk])
    svar = client.post(
        url,
        {
            "ophold": anna_i_a.pk,
            "fra": "15.01.2026",
            "timer_pr_doegn": "2",
            "begrundelse": "x",
        },
    )
    assert "Tillægget skal begynde på en dag" in svar.content.decode()
    assert not Tillaegstakst.objects.exists()


def test_the_borger_page_adds_the_tillaeg_to_todays_doegntakst(
    client, raadgiver, anna_i_a, idag_2026
):
    _tillaeg(anna_i_a, raadgiver, fra=D(2026, 6, 1), timer_pr_doegn=Decimal("2"))
    client.force_login(raadgiver)
    tekst = client.get(anna_i_a.borger.get_absolute_url()).content.decode()
    # 1.023,87 + 1.476,21 + 2 × 492,07 = 984,14 → 3.484,22 kr. per døgn.
    felt = tekst.split('id="doegntakst-i-dag">')[1].split("</li>")[0]
    assert "3.484,22 kr." in felt
    assert "tillægstakst 984,14 kr." in felt
    assert f'id="tillaeg-{anna_i_a.pk}"' in tekst


def test_end_it_on_its_page(client, raadgiver, anna_i_a, idag_2026):
    tillaeg = _tillaeg(anna_i_a, raadgiver, fra=D(2026, 6, 1), kr_pr_doegn=Decimal(100))
    client.force_login(raadgiver)
    url = reverse("offers:tillaeg-slut", args=[anna_i_a.borger.pk, tillaeg.pk])
    assert client.post(url, {"til": "01.06.2026"}).status_code == 200  # not after fra
    svar = client.post(url, {"til": "01.08.2026"})
    assert svar.status_code == 302
    tillaeg.refresh_from_db()
    assert (tillaeg.til, tillaeg.til_registreret) == (D(2026, 8, 1), D(2026, 6, 30))


def test_annul_it_on_the_annul_page(client, raadgiver, anna_i_a, idag_2026):
    tillaeg = _tillaeg(anna_i_a, raadgiver, fra=D(2026, 6, 1), kr_pr_doegn=Decimal(100))
    client.force_login(raadgiver)
    url = reverse("offers:annullering-create", args=[anna_i_a.borger.pk])
    url += f"?haendelse=tillaeg&ophold={anna_i_a.pk}&tillaeg={tillaeg.pk}"
    assert "Tillægstakst i" in client.get(url).content.decode()
    svar = client.post(url, {"begrundelse": "Forkert borger."})
    assert svar.status_code == 302
    assert Tillaegstakst.alle.get(pk=tillaeg.pk).annulleret == D(2026, 6, 30)
    assert Annullering.objects.get().tillaegstakst_id == tillaeg.pk
    assert client.get(url).status_code == 404  # annulled: nothing to annul


def test_a_tilbudsleder_may_not_open_the_pages(client, leder_a, anna_i_a, raadgiver):
    tillaeg = _tillaeg(anna_i_a, raadgiver, fra=D(2026, 6, 1), kr_pr_doegn=Decimal(100))
    client.force_login(leder_a)
    borger = anna_i_a.borger
    assert (
        client.get(reverse("offers:tillaeg-create", args=[borger.pk])).status_code
        == 403
    )
    url = reverse("offers:tillaeg-slut", args=[borger.pk, tillaeg.pk])
    assert client.get(url).status_code == 403


def test_its_history_is_on_the_history_page(client, oekonomichef, anna_i_a, raadgiver):
    _tillaeg(anna_i_a, raadgiver, fra=D(2026, 6, 1), kr_pr_doegn=Decimal(100))
    client.force_login(oekonomichef)
    tekst = client.get(reverse("historik"), {"model": "tillaegstakst"}).content
    assert "Anna" in tekst.decode()
