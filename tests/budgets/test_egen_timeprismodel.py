"""Issue 17: several timeprismodeller in one year; a tilbud names its own.

Worked example (DOMAIN.md §2-§4 style), budget year 2026:

Timeprismodel "Timepris 2026" (the takstmodel's, tests.conftest): årsløn
480.000 kr., årsnorm 1.924 timer, fravær 17 % + 5 % = 22 % of the norm,
tidsanvendelse 35 % (pauser) of the attendance:
    fremmøde = 1.924 × (1 − 0,22) = 1.500,72 timer
    direkte  = 1.500,72 × (1 − 0,35) = 975,468 timer
    timepris_direkte = 480.000 / 975,468 = 492,0715… → 492,07 kr.

Timeprismodel "Bostøtte 2026": the same plus transport 6 % of the attendance
(kørsel between the borgere's homes), 41 % away from the borger:
    fremmøde = 1.500,72 timer (fravær unchanged)
    direkte  = 1.500,72 × (1 − 0,41) = 885,4248 timer
    timepris_direkte = 480.000 / 885,4248 = 542,1127… → 542,11 kr.

Tilbud A (hybrid, no faste udgifter, so basistakst 0) uses the takstmodel's;
tilbud B (the same) names "Bostøtte 2026". One borger in each from 1 February
2026 on niveau 2 (2–4 timer, takstgivende 3 timer):
    servicetakst A = 3 × 492,07 = 1.476,21 kr. per døgn
    servicetakst B = 3 × 542,11 = 1.626,33 kr. per døgn
    February (28 døgn): A 28 × 1.476,21 = 41.333,88; B 28 × 1.626,33 = 45.537,24
    March (31 døgn):    A 31 × 1.476,21 = 45.762,51; B 31 × 1.626,33 = 50.416,23
A særtakst borger in B from 1 March, 7 timer per døgn: 7 × 542,11 = 3.794,77
per døgn; March 31 × 3.794,77 = 117.637,87, so B's March is 50.416,23 +
117.637,87 = 168.054,10 kr.
"""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from budgets.engine.scenarie import beregn
from budgets.models import Budgetaar, Budgetstatus, TilbudAar
from budgets.selectors import takstblad_for, tilbud_resultat
from budgets.selectors.afregning import afregning_for
from budgets.selectors.maanedstal import maaneder_beregnet, maaneder_vektor
from budgets.selectors.scenarie import inddata_for
from budgets.selectors.takstdossier import takstdossier_for
from budgets.services import tilbud_save
from budgets.services.rollover import opret_budgetaar
from offers import services
from tariffs.lukkede_aar import AarLaast
from tariffs.models import Timeprismodel
from tariffs.services import timeprismodel_kopier, timeprismodel_save
from tests.api.conftest import client_for
from tests.conftest import FRAVAER_EKSEMPEL, TIDSANVENDELSE_EKSEMPEL, make_takstmodel
from tests.conftest import vaelg_timeprismodel as _vaelg

D = datetime.date
IDAG = D(2026, 11, 20)
TP_A, TP_B = Decimal("492.07"), Decimal("542.11")
SERVICE_A, SERVICE_B = Decimal("1476.21"), Decimal("1626.33")
TRANSPORT = {"kategori": "transport", "procent": Decimal("6")}


def _bostoette(aar: int, user) -> Timeprismodel:
    return timeprismodel_save(
        acting_user=user,
        aar=aar,
        navn=f"Bostøtte {aar}",
        aarsloen=Decimal("480000"),
        aarsnorm_timer=Decimal("1924"),
        fravaer=FRAVAER_EKSEMPEL,
        tidsanvendelse=[*TIDSANVENDELSE_EKSEMPEL, TRANSPORT],
    )


def _borger(tilbud, niveau, raadgiver, cpr, dato, kode="2", **kwargs):
    borger = services.borger_create(
        cpr=cpr,
        navn=f"Borger {cpr[:4]}",
        acting_user=raadgiver,
        betalingskommune=kwargs.pop("betalingskommune", None),
    )
    services.borger_tilgang(
        borger=borger,
        tilbud=tilbud,
        dato=dato,
        takstniveau=niveau[kode],
        acting_user=raadgiver,
        begrundelse="Behov for individuel støtte." if kode == "S1" else "",
        **kwargs,
    )
    return borger


@pytest.fixture
def bostoette(takstmodel_2026, oekonomichef):
    return _bostoette(2026, oekonomichef)


@pytest.fixture
def to_tilbud(tilbud_a, tilbud_b, bostoette, niveau, raadgiver, oekonomichef):
    """A on the takstmodel's model, B on "Bostøtte 2026"; one borger each from
    1 February on niveau 2 (B's paid by 751, a sold place)."""
    _vaelg(tilbud_b, bostoette, oekonomichef)
    _borger(tilbud_a, niveau, raadgiver, "010190-1234", D(2026, 2, 1))
    _borger(
        tilbud_b,
        niveau,
        raadgiver,
        "020290-1234",
        D(2026, 2, 1),
        betalingskommune="751",
    )
    return tilbud_a, tilbud_b


def test_two_timeprismodeller_give_two_servicetakster_and_two_budgets(to_tilbud):
    a, b = (tilbud_resultat(t, 2026, IDAG) for t in to_tilbud)
    assert (a.prisliste.timepris_direkte, b.prisliste.timepris_direkte) == (TP_A, TP_B)
    assert (a.prisliste.servicetakster["2"], b.prisliste.servicetakster["2"]) == (
        SERVICE_A,
        SERVICE_B,
    )
    assert (a.prisliste.egen_timeprismodel, b.prisliste.egen_timeprismodel) == (
        False,
        True,
    )
    assert a.budget.aktivitet_korrigeret[1:3] == (
        Decimal("41333.88"),
        Decimal("45762.51"),
    )
    assert b.budget.aktivitet_korrigeret[1:3] == (
        Decimal("45537.24"),
        Decimal("50416.23"),
    )


def test_a_saertakst_uses_the_tilbuds_own_timepris(to_tilbud, niveau, raadgiver):
    _, tilbud_b = to_tilbud
    _borger(
        tilbud_b,
        niveau,
        raadgiver,
        "030390-1234",
        D(2026, 3, 1),
        kode="S1",
        saertakst_timer=Decimal(7),
    )
    budget = tilbud_resultat(tilbud_b, 2026, IDAG).budget
    # 50.416,23 + 31 × 3.794,77 (7 × 542,11) = 168.054,10
    assert budget.aktivitet_korrigeret[2] == Decimal("168054.10")


def test_the_engines_agree(to_tilbud, niveau, raadgiver):
    _borger(
        to_tilbud[1],
        niveau,
        raadgiver,
        "030390-1234",
        D(2026, 3, 1),
        kode="S1",
        saertakst_timer=Decimal(7),
    )
    ids = [t.pk for t in to_tilbud]
    vektor = maaneder_vektor(ids, 2026)
    assert vektor == maaneder_beregnet(ids, 2026)
    assert vektor[to_tilbud[1].pk].aktivitet_korrigeret[2] == Decimal("168054.10")


def test_a_scenario_prices_the_tilbud_at_its_own_timepris(to_tilbud):
    resultat = beregn(inddata_for(2026, "aktuelt"))
    pr_id = {t.id: t for t in resultat.tilbud}
    a, b = (pr_id[t.pk] for t in to_tilbud)
    assert a.aktivitet[1] == Decimal("41333.88")  # 28 × 1.476,21
    assert b.aktivitet[1] == Decimal("45537.24")  # 28 × 1.626,33
    # The scenario's own timepris is the takstmodel's.
    assert resultat.timepriser.timepris_direkte == TP_A


def test_the_takstblad_shows_the_tilbuds_own_timepris(to_tilbud, client, oekonomichef):
    tilbud_a, tilbud_b = to_tilbud
    blad_a, blad_b = takstblad_for(tilbud_a, 2026), takstblad_for(tilbud_b, 2026)
    assert (blad_a.timepris_direkte, blad_b.timepris_direkte) == (TP_A, TP_B)
    assert (blad_a.egen_timeprismodel, blad_b.egen_timeprismodel) == (False, True)
    assert blad_b.timeprismodel_navn == "Bostøtte 2026"
    linje = next(n for n in blad_b.niveauer if n.kode == "2")
    assert (linje.servicetakst_pr_doegn, linje.doegntakst) == (SERVICE_B, SERVICE_B)
    client.force_login(oekonomichef)
    url = reverse("budgets:takstblad", args=[tilbud_b.pk]) + "?aar=2026"
    html = client.get(url).content.decode()
    assert "Bostøtte 2026 (tilbuddets egen)" in html
    assert "542,11" in html and "1.626,33" in html


def test_the_explanation_shows_the_tilbuds_own_timeprismodel(
    to_tilbud, client, oekonomichef
):
    client.force_login(oekonomichef)
    url = reverse("budgets:forklaring", args=[to_tilbud[1].pk, "bemanding"])
    html = client.get(url + "?aar=2026").content.decode()
    assert "Timeprismodellen: Bostøtte 2026 (tilbuddets egen)" in html
    assert "885,42" in html and "542,11" in html  # its direct hours and timepris


def test_the_dossier_shows_the_tilbuds_own_timepris(to_tilbud):
    linjer = {
        li.noegle: li
        for s in takstdossier_for(to_tilbud[1], 2026).sektioner
        for li in s.linjer
    }
    assert linjer["timepris:tid:transport"].vaerdi == Decimal("90.0432")  # 6 %
    assert linjer["timepris:direkte"].vaerdi == Decimal("885.4248")
    assert linjer["timepris:pris_direkte"].vaerdi == TP_B
    assert linjer["niveau:2:service"].vaerdi == SERVICE_B


def test_the_afregning_bills_the_tilbuds_own_takst(to_tilbud, oekonomichef):
    # B's borger is paid by 751: February 28 × 1.626,33 = 45.537,24 kr.
    k = afregning_for(2026, 2, oekonomichef).kommune("751")
    assert (k.dage, k.beloeb) == (28, Decimal("45537.24"))


def test_a_model_of_another_year_is_refused(tilbud_b, oekonomichef, takstmodel_2026):
    make_takstmodel(2025, oekonomichef)
    anden = _bostoette(2025, oekonomichef)
    with pytest.raises(ValidationError) as err:
        _vaelg(tilbud_b, anden, oekonomichef)
    assert err.value.message_dict["timeprismodel"] == [
        "Timeprismodellen «Bostøtte 2025» gælder 2025; vælg en timeprismodel for 2026."
    ]
    with pytest.raises(ValidationError):
        tilbud_save(
            acting_user=oekonomichef, tilbud=tilbud_b, timeprismodeller={2026: anden}
        )


def test_a_lukket_year_refuses_the_choice(tilbud_b, bostoette, oekonomichef):
    Budgetaar.objects.update_or_create(
        aar=2026, defaults={"status": Budgetstatus.LUKKET}
    )
    with pytest.raises(AarLaast):
        _vaelg(tilbud_b, bostoette, oekonomichef)
    assert not TilbudAar.objects.filter(timeprismodel=bostoette).exists()


def test_a_change_of_the_own_model_reprices_the_tilbud(to_tilbud, oekonomichef):
    """Without transport again: 975,468 direct hours, 492,07 kr., as A."""
    model = Timeprismodel.objects.get(navn="Bostøtte 2026")
    timeprismodel_save(
        acting_user=oekonomichef,
        timeprismodel=model,
        aar=2026,
        navn=model.navn,
        aarsloen=model.aarsloen,
        aarsnorm_timer=model.aarsnorm_timer,
        fravaer=FRAVAER_EKSEMPEL,
        tidsanvendelse=TIDSANVENDELSE_EKSEMPEL,
    )
    budget = tilbud_resultat(to_tilbud[1], 2026, IDAG).budget
    assert budget.aktivitet_korrigeret[1] == Decimal("41333.88")


def test_back_to_the_takstmodels_model(to_tilbud, oekonomichef):
    _vaelg(to_tilbud[1], None, oekonomichef)
    budget = tilbud_resultat(to_tilbud[1], 2026, IDAG).budget
    assert budget.aktivitet_korrigeret[1] == Decimal("41333.88")


# --- The pages and the API --------------------------------------------------


def test_the_year_settings_page_sets_the_timeprismodel(
    client, tilbud_b, bostoette, oekonomichef
):
    client.force_login(oekonomichef)
    url = reverse("budgets:tilbud-aar", args=[tilbud_b.pk]) + "?aar=2026"
    side = client.get(url).content.decode()
    assert "Bostøtte 2026" in side and "Takstmodellens timeprismodel" in side
    body = {
        "pladser": "12",
        "tildelingsprincip": "hybrid",
        "forudsat_belaegning": "97",
        "reguleringsandel": "100",
        "timeprismodel": str(bostoette.pk),
    }
    assert client.post(url, body).status_code == 302
    aaret = TilbudAar.objects.get(tilbud=tilbud_b, budgetaar__aar=2026)
    assert aaret.timeprismodel == bostoette


def test_the_ret_tilbud_page_sets_the_timeprismodel_per_year(
    client, tilbud_b, bostoette, oekonomichef
):
    client.force_login(oekonomichef)
    url = reverse("budgets:tilbud-ret", args=[tilbud_b.pk])
    assert "Timeprismodel 2026" in client.get(url).content.decode()
    body = {
        "navn": tilbud_b.navn,
        "tilbudstype": tilbud_b.tilbudstype,
        "pladser": str(tilbud_b.pladser),
        "tildelingsprincip": tilbud_b.tildelingsprincip,
        "forudsat_belaegning": "97",
        "reguleringsandel": "100",
        "timeprismodel_2026": str(bostoette.pk),
    }
    assert client.post(url, body).status_code == 302
    aaret = TilbudAar.objects.get(tilbud=tilbud_b, budgetaar__aar=2026)
    assert aaret.timeprismodel == bostoette


def test_the_nyt_tilbud_page_names_its_timeprismodel(client, bostoette, oekonomichef):
    client.force_login(oekonomichef)
    body = {
        "navn": "Bostøtten Syd",
        "tilbudstype": "bostoette_85",
        "pladser": "10",
        "tildelingsprincip": "hybrid",
        "forudsat_belaegning": "90",
        "reguleringsandel": "100",
        "timeprismodel_2026": str(bostoette.pk),
    }
    assert client.post(reverse("budgets:tilbud-create"), body).status_code == 302
    aaret = TilbudAar.objects.get(tilbud__navn="Bostøtten Syd", budgetaar__aar=2026)
    assert aaret.timeprismodel == bostoette


def test_a_second_timeprismodel_is_created_and_changed_in_the_ui(
    client, takstmodel_2026, oekonomichef
):
    client.force_login(oekonomichef)
    url = reverse("tariffs:timeprismodel-ny", args=[takstmodel_2026.pk])
    svar = client.post(url, {"navn": "Bostøtte 2026"})
    model = Timeprismodel.objects.get(aar=2026, navn="Bostøtte 2026")
    assert svar.url == reverse("tariffs:timeprismodel-egen", args=[model.pk])
    # A copy with every line of the takstmodel's.
    assert {li.kategori for li in model.fravaer.all()} == {"ferie", "egen_sygdom"}
    assert client.get(svar.url).status_code == 200
    liste = client.get(reverse("tariffs:takstmodel-list")).content.decode()
    assert "Bostøtte 2026" in liste
    # The same name twice is refused in Danish on the field.
    igen = client.post(url, {"navn": "Bostøtte 2026"})
    assert igen.status_code == 200
    assert "Der findes allerede en timeprismodel «Bostøtte 2026» for 2026." in (
        igen.content.decode()
    )


def test_a_copy_takes_every_line(takstmodel_2026, oekonomichef):
    kopi = timeprismodel_kopier(
        acting_user=oekonomichef, kilde=takstmodel_2026.timeprismodel, navn="Kopi"
    )
    assert [(li.kategori, li.procent) for li in kopi.tidsanvendelse.all()] == [
        ("pauser", Decimal("35.000"))
    ]


def test_a_copy_keeps_the_ekstratimer_share(takstmodel_2026, oekonomichef):
    kilde = takstmodel_2026.timeprismodel
    kilde.ekstratimer_direkte_procent = Decimal("85")
    kilde.save()
    kopi = timeprismodel_kopier(acting_user=oekonomichef, kilde=kilde, navn="Kopi")
    assert kopi.ekstratimer_direkte_procent == Decimal("85")


def test_the_api_sets_and_shows_the_timeprismodel(tilbud_b, bostoette, oekonomichef):
    api = client_for(oekonomichef)
    url = f"/api/v1/tilbud/{tilbud_b.pk}/aar/2026/"
    body = {
        "pladser": 12,
        "tildelingsprincip": "hybrid",
        "forudsat_belaegning": "97.00",
        "reguleringsandel": "100.00",
        "timeprismodel": bostoette.pk,
    }
    svar = api.put(url, body, format="json")
    assert svar.status_code == 200, svar.content
    assert (svar.json()["timeprismodel"], svar.json()["timeprismodel_navn"]) == (
        bostoette.pk,
        "Bostøtte 2026",
    )
    # Left out: unchanged.
    del body["timeprismodel"]
    assert api.put(url, body, format="json").json()["timeprismodel"] == bostoette.pk
    blad = api.get(f"/api/v1/tilbud/{tilbud_b.pk}/takstblad/?aar=2026").json()
    assert (blad["timepris_direkte"], blad["egen_timeprismodel"]) == ("542.11", True)


def test_the_api_refuses_another_years_model_with_400(
    tilbud_b, takstmodel_2026, oekonomichef
):
    make_takstmodel(2025, oekonomichef)
    anden = _bostoette(2025, oekonomichef)
    svar = client_for(oekonomichef).put(
        f"/api/v1/tilbud/{tilbud_b.pk}/aar/2026/",
        {
            "pladser": 12,
            "tildelingsprincip": "hybrid",
            "forudsat_belaegning": "97.00",
            "reguleringsandel": "100.00",
            "timeprismodel": anden.pk,
        },
        format="json",
    )
    assert svar.status_code == 400
    assert "timeprismodel" in svar.json()


def test_the_rollover_copies_the_own_timeprismodel(to_tilbud, oekonomichef):
    """2027 from 2026 with 2,5 % on the wages: "Bostøtte 2027" with årsløn
    480.000 × 1,025 = 492.000 kr. and the transport line, named by tilbud B."""
    opret_budgetaar(
        aar=2027,
        kopier_fra=2026,
        fremskrivning_loen_pct=Decimal("2.5"),
        acting_user=oekonomichef,
    )
    a, b = (TilbudAar.objects.get(tilbud=t, budgetaar__aar=2027) for t in to_tilbud)
    assert a.timeprismodel is None
    assert (b.timeprismodel.navn, b.timeprismodel.aar) == ("Bostøtte 2027", 2027)
    assert b.timeprismodel.aarsloen == Decimal("492000.00")
    assert b.timeprismodel.tidsanvendelse.filter(kategori="transport").exists()


def test_a_new_timeprismodel_can_copy_an_own_one(
    client, takstmodel_2026, bostoette, oekonomichef
):
    """Issue 17: "Kopi af" picks any of the year's models, e.g. the bostøtte
    model with its transport line."""
    client.force_login(oekonomichef)
    url = reverse("tariffs:timeprismodel-ny", args=[takstmodel_2026.pk])
    assert "Kopi af" in client.get(url).content.decode()
    client.post(url, {"navn": "Bostøtte Syd 2026", "kilde": bostoette.pk})
    kopi = Timeprismodel.objects.get(aar=2026, navn="Bostøtte Syd 2026")
    assert {li.kategori for li in kopi.tidsanvendelse.all()} == {"pauser", "transport"}
    # A model of another year is not a choice: refused on the field, none made.
    make_takstmodel(2025, oekonomichef)
    anden = Timeprismodel.objects.get(aar=2025)
    svar = client.post(url, {"navn": "Fra 2025", "kilde": anden.pk})
    assert svar.status_code == 200
    assert not Timeprismodel.objects.filter(navn="Fra 2025").exists()
