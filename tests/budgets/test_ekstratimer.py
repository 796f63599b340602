"""Issue 17: ekstratimer (a tillægstakst in hours) at their own timepris,
through the database: the budget, a change and a dated change, the borger's
døgntakst, a lukket year, the timepris page, the takstblad, the dossier, the API
and the admin.

The worked example (tests/tariffs/test_timepris_ekstratimer.py, by hand):
fremmøde 1.600 t, direkte 1.200 t: timepris_direkte 450.000 / 1.200 = 375,00;
ekstratimer 85 %: 1.600 × 0,85 = 1.360 t: 450.000 / 1.360 = 330,88 kr.
Level 1 (takstgivende 1 t pr. døgn) costs 1 × 375,00 = 375,00 kr. pr. døgn;
tilbud A has no faste udgifter (basistakst 0). Anna lives there at level 1
from 1 February 2026; her tillæg of 1,5 t pr. døgn runs 10–31 March (22 døgn):
1,5 × 330,88 = 496,32 kr. pr. døgn -> 22 × 496,32 = 10.919,04 kr.
March: 31 × 375,00 = 11.625,00 + 10.919,04 = 22.544,04 kr.
"""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from budgets.selectors import tilbud_resultat
from budgets.selectors.takstdossier import takstdossier_for
from budgets.selectors.visning import doegntakst_for
from offers import services
from offers.models import Ophold
from offers.services.tillaeg import tillaeg_create
from tariffs.lukkede_aar import AarLaast
from tariffs.models import Takstskift, Timeprismodel
from tariffs.services import takstmodel_save, timeprismodel_save

D = datetime.date
IDAG = D(2026, 12, 31)
FRAVAER = [
    {"kategori": "ferie", "timer": Decimal("224")},
    {"kategori": "egen_sygdom", "timer": Decimal("100")},
]
TID = [{"kategori": "dokumentation", "procent": Decimal("25")}]


def _timepris(user, model=None, aar=2026, **kw):
    return timeprismodel_save(
        acting_user=user,
        timeprismodel=model,
        aar=aar,
        navn=f"Timepris {aar}",
        aarsloen=Decimal("450000"),
        aarsnorm_timer=Decimal("1924"),
        fravaer=FRAVAER,
        tidsanvendelse=TID,
        **kw,
    )


@pytest.fixture
def model(oekonomichef):
    timepris = _timepris(oekonomichef, ekstratimer_direkte_procent=Decimal("85"))
    takstmodel_save(
        acting_user=oekonomichef,
        aar=2026,
        navn="Takstmodel 2026",
        enhed="timer_pr_doegn",
        timeprismodel=timepris,
        niveauer=[
            {
                "kode": "1",
                "navn": "Niveau 1",
                "nedre": Decimal("0"),
                "oevre": Decimal("2"),
                "takstgivende": Decimal("1"),
            },
            {
                "kode": "2",
                "navn": "Niveau 2",
                "nedre": Decimal("2"),
                "oevre": Decimal("4"),
            },
        ],
    )
    return timepris


@pytest.fixture
def anna_tillaeg(model, tilbud_a, raadgiver):
    borger = services.borger_create(
        cpr="010190-1234", navn="Anna", acting_user=raadgiver
    )
    services.borger_tilgang(
        borger=borger,
        tilbud=tilbud_a,
        dato=D(2026, 2, 1),
        takstniveau=model.takstmodeller.get().niveauer.get(kode="1"),
        acting_user=raadgiver,
    )
    return tillaeg_create(
        borger=borger,
        ophold=Ophold.objects.get(borger=borger),
        fra=D(2026, 3, 10),
        til=D(2026, 4, 1),
        timer_pr_doegn=Decimal("1.5"),
        begrundelse="Ekstra nattevagt.",
        acting_user=raadgiver,
        registreret=D(2026, 3, 5),
    )


def _marts(tilbud) -> Decimal:
    return tilbud_resultat(tilbud, 2026, IDAG).budget.aktivitet_korrigeret[2]


def test_the_tillaeg_is_priced_at_the_ekstratimer_timepris(tilbud_a, anna_tillaeg):
    assert _marts(tilbud_a) == Decimal("22544.04")


def test_removing_the_share_reprices_at_timepris_direkte(
    tilbud_a, anna_tillaeg, model, oekonomichef
):
    # 11.625,00 + 22 × (1,5 × 375,00 = 562,50) = 11.625,00 + 12.375,00.
    _timepris(oekonomichef, model, ekstratimer_direkte_procent=None)
    assert _marts(tilbud_a) == Decimal("24000.00")


def test_a_save_without_the_argument_keeps_the_share(model, oekonomichef):
    _timepris(oekonomichef, model)
    assert Timeprismodel.objects.get().ekstratimer_direkte_procent == 85


def test_a_dated_change_keeps_the_old_timepris_before_its_date(
    tilbud_a, anna_tillaeg, model, oekonomichef
):
    # Set 90 % from 21 March: 1.600 × 0,9 = 1.440 t; 450.000 / 1.440 = 312,50;
    # 1,5 × 312,50 = 468,75 pr. døgn. 10.–20. March 11 × 496,32 = 5.459,52;
    # 21.–31. 11 × 468,75 = 5.156,25; March 11.625 + 10.615,77 = 22.240,77.
    _timepris(
        oekonomichef,
        model,
        ekstratimer_direkte_procent=Decimal("90"),
        gyldig_fra=D(2026, 3, 21),
    )
    skift = Takstskift.objects.get()
    assert skift.timepris_ekstratimer == Decimal("330.88")
    assert skift.timepris_direkte == Decimal("375.00")
    assert _marts(tilbud_a) == Decimal("22240.77")


def test_the_borgers_doegntakst_includes_the_tillaeg(anna_tillaeg):
    # 15 March: basistakst 0 + servicetakst 375,00 + tillæg 496,32 = 871,32.
    takst = doegntakst_for(anna_tillaeg.ophold, D(2026, 3, 15))
    assert (takst.tillaeg, takst.doegntakst) == (
        Decimal("496.32"),
        Decimal("871.32"),
    )


def test_a_lukket_year_refuses_the_share(oekonomichef, lukket_2025):
    gemt = Timeprismodel.objects.get(aar=2025)
    with pytest.raises(AarLaast):
        timeprismodel_save(
            acting_user=oekonomichef,
            timeprismodel=gemt,
            aar=2025,
            navn=gemt.navn,
            aarsloen=gemt.aarsloen,
            aarsnorm_timer=gemt.aarsnorm_timer,
            fravaer=[],
            tidsanvendelse=[],
            ekstratimer_direkte_procent=Decimal("85"),
        )
    assert Timeprismodel.objects.get(aar=2025).ekstratimer_direkte_procent is None


# --- Pages, API and admin ---------------------------------------------------------


def test_the_timepris_page_shows_and_saves_it(client, oekonomichef, model):
    client.force_login(oekonomichef)
    url = reverse("tariffs:timepris-update", args=[model.takstmodeller.get().pk])
    side = client.get(url).content.decode()
    assert 'id="ekstratimer-gemt">330,88' in side
    assert "1.360,00 timer" in side  # 1.600 × 0,85
    form = {
        "navn": "Timepris 2026",
        "aarsloen": "450.000",
        "aarsnorm_timer": "1924",
        "ekstratimer_direkte_procent": "90",
        "fravaer_ferie_timer": "224",
        "fravaer_egen_sygdom_timer": "100",
        "tidsanvendelse_dokumentation_procent": "25",
        "gem": "1",
    }
    assert client.post(url, form).status_code == 302
    assert Timeprismodel.objects.get().ekstratimer_direkte_procent == 90


def test_the_timepris_page_refuses_a_share_over_100(client, oekonomichef, model):
    client.force_login(oekonomichef)
    url = reverse("tariffs:timepris-update", args=[model.takstmodeller.get().pk])
    form = {
        "navn": "Timepris 2026",
        "aarsloen": "450.000",
        "aarsnorm_timer": "1924",
        "ekstratimer_direkte_procent": "120",
        "fravaer_ferie_timer": "224",
        "tidsanvendelse_dokumentation_procent": "25",
        "gem": "1",
    }
    svar = client.post(url, form)
    assert svar.status_code == 200
    assert "ekstratimer_direkte_procent" in svar.context["form"].errors
    assert Timeprismodel.objects.get().ekstratimer_direkte_procent == 85


def test_the_takstblad_and_the_dossier_explain_it(
    client, oekonomichef, model, tilbud_a
):
    client.force_login(oekonomichef)
    url = reverse("budgets:takstblad", args=[tilbud_a.pk]) + "?aar=2026"
    side = client.get(url).content.decode()
    assert 'id="takstblad-ekstratimer"' in side
    assert "330,88" in side and "1.360,00 timer" in side
    dossier = takstdossier_for(tilbud_a, 2026)
    linjer = {li.noegle: li for s in dossier.sektioner for li in s.linjer}
    assert linjer["timepris:pris_ekstratimer"].vaerdi == Decimal("330.88")
    assert linjer["timepris:ekstratimer_direkte"].vaerdi == Decimal("1360")


def test_the_api_shows_and_changes_it(oekonomichef, model):
    klient = APIClient()
    klient.force_login(oekonomichef)
    url = f"/api/v1/timeprismodeller/{model.pk}/"
    svar = klient.get(url).json()
    assert svar["ekstratimer_direkte_procent"] == "85.000"
    assert svar["timepris_ekstratimer"] == "330.88"
    # 90 %: 450.000 / 1.440 = 312,50.
    svar = klient.patch(url, {"ekstratimer_direkte_procent": "90"}, format="json")
    assert svar.status_code == 200, svar.content
    assert svar.json()["timepris_ekstratimer"] == "312.50"
    svar = klient.patch(url, {"ekstratimer_direkte_procent": "0"}, format="json")
    assert svar.status_code == 400
    assert "ekstratimer_direkte_procent" in svar.json()
    assert Timeprismodel.objects.get().ekstratimer_direkte_procent == 90
    svar = klient.patch(url, {"ekstratimer_direkte_procent": None}, format="json")
    assert svar.json()["timepris_ekstratimer"] is None


def test_the_admin_edits_it(admin_client, model):
    url = reverse("admin:tariffs_timeprismodel_change", args=[model.pk])
    assert "ekstratimer_direkte_procent" in admin_client.get(url).content.decode()
