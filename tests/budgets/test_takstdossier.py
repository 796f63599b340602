"""The takst dossier of a tilbud and year (issue 18 #4).

Tilbud A: 8 pladser, 97 % belægning. 2026: faste udgifter (ledelse) 2,900,000
kr. → 8 × 365 × 97 % = 2,832.4 døgn → basistakst 1,023.87 kr. (DOMAIN.md §4).
2025: ledelse 2,800,000 kr. → 2,800,000 / 2,832.4 = 988.561… → 988.56 kr.
Both years' timepris is DOMAIN.md §2's worked example: ferie 17 % of 1,924 =
327.08 h, egen sygdom 5 % = 96.20 h, fremmøde 1,500.72 h, pauser 35 % =
525.252 h, direkte 975.468 h, timepris direkte 492.07 kr. Niveau 2: 3
takstgivende hours × 492.07 = 1,476.21 kr.; døgntakst 2026 1,023.87 +
1,476.21 = 2,500.08 kr.
"""

from decimal import Decimal

import pytest
from django.urls import reverse

from budgets import services as budget_services
from budgets.engine.takstdossier import Dossierlinje, Dossiersektion, med_forrige
from budgets.selectors.takstdossier import takstdossier_for
from tests.api.conftest import client_for
from tests.conftest import make_takstmodel
from tests.factories import BudgetaarFactory, FastUdgiftFactory

API = "/api/v1/tilbud/{pk}/takstdossier/"


@pytest.fixture
def to_aar(tilbud_a, faste_a, oekonomichef):
    make_takstmodel(2025, oekonomichef)
    FastUdgiftFactory(
        tilbud=tilbud_a,
        budgetaar=BudgetaarFactory(aar=2025),
        beloeb=Decimal("2800000"),
    )
    # The newest change of 2026's data, by økonomi: ledelse set again to the
    # same 2,900,000 kr. (a history row, no new figure).
    budget_services.fast_udgift_save(
        tilbud=tilbud_a,
        aar=2026,
        kategori="ledelse",
        beloeb=Decimal("2900000"),
        acting_user=oekonomichef,
    )
    return tilbud_a


def _linjer(d):
    return {li.noegle: li for s in d.sektioner for li in s.linjer}


def test_the_fixed_costs_by_category_and_their_change(to_aar):
    li = _linjer(takstdossier_for(to_aar, 2026))
    assert (li["faste:ledelse"].vaerdi, li["faste:ledelse"].forrige) == (
        Decimal("2900000"),
        Decimal("2800000"),
    )
    assert li["faste:ledelse"].aendring == Decimal("100000")


def test_the_belaegning_and_the_basistakst_with_its_change(to_aar):
    li = _linjer(takstdossier_for(to_aar, 2026))
    assert li["belaegning"].vaerdi == Decimal("97")
    assert li["doegn"].vaerdi == Decimal("2832.4")
    # 1,023.87 − 988.56 = 35.31
    assert (li["basistakst"].vaerdi, li["basistakst"].aendring) == (
        Decimal("1023.87"),
        Decimal("35.31"),
    )


def test_the_timepris_with_every_input(to_aar):
    li = _linjer(takstdossier_for(to_aar, 2026))
    assert li["timepris:aarsloen"].vaerdi == Decimal("480000")
    assert li["timepris:fravaer:ferie"].vaerdi == Decimal("327.08")
    assert li["timepris:fravaer:ferie"].grundlag == "17 %"
    assert li["timepris:fravaer:egen_sygdom"].vaerdi == Decimal("96.20")
    assert li["timepris:fremmoede"].vaerdi == Decimal("1500.72")
    assert li["timepris:tid:pauser"].vaerdi == Decimal("525.252")
    assert li["timepris:direkte"].vaerdi == Decimal("975.468")
    assert li["timepris:pris_direkte"].vaerdi == Decimal("492.07")
    assert li["timepris:pris_direkte"].aendring == 0


def test_the_takstgivende_hours_and_takster_per_level(to_aar):
    li = _linjer(takstdossier_for(to_aar, 2026))
    assert li["niveau:2:timer"].vaerdi == Decimal("3")
    assert li["niveau:2:service"].vaerdi == Decimal("1476.21")
    assert li["niveau:2:doegn"].vaerdi == Decimal("2500.08")


def test_an_other_category_is_a_line_of_its_own_and_in_the_total(to_aar):
    # ledelse 2,900,000 + husleje 12,000 = 2,912,000 kr.
    FastUdgiftFactory(
        tilbud=to_aar,
        budgetaar=BudgetaarFactory(aar=2026),
        kategori="husleje",
        beloeb=Decimal("12000"),
    )
    li = _linjer(takstdossier_for(to_aar, 2026))
    assert li["faste:husleje"].vaerdi == Decimal("12000")
    assert li["faste:i_alt"].vaerdi == Decimal("2912000")


def test_a_saertakst_is_one_line_without_a_fixed_takst(to_aar):
    li = _linjer(takstdossier_for(to_aar, 2026))
    assert li["niveau:S1:saertakst"].vaerdi is None
    assert "niveau:S1:service" not in li


def test_without_last_years_takstmodel_nothing_is_compared(tilbud_a, faste_a):
    d = takstdossier_for(tilbud_a, 2026)
    assert d.forrige_aar is None
    assert all(not li.sidste_aar for s in d.sektioner for li in s.linjer)


def test_the_version_is_the_newest_change_and_who(to_aar, oekonomichef):
    d = takstdossier_for(to_aar, 2026)
    assert d.stempel.aendret is not None
    assert d.stempel.aendret_af == oekonomichef  # the fixed cost's save


def test_a_line_only_last_year_is_shown_as_removed():
    li = Dossierlinje("faste:nattevagt", "Nattevagt", "kr", Decimal("50000"))
    nu = [Dossiersektion("basistakst", "B", ())]
    forrige = [Dossiersektion("basistakst", "B", (li,))]
    (s,) = med_forrige(nu, forrige)
    (udgaaet,) = s.linjer
    assert (udgaaet.vaerdi, udgaaet.forrige, udgaaet.udgaaet) == (
        None,
        Decimal("50000"),
        True,
    )


# --------------------------------------------------------------- page and API


def test_the_page_prints_every_section(client, to_aar, oekonomichef):
    client.force_login(oekonomichef)
    url = reverse("budgets:takstdossier", args=[to_aar.pk])
    tekst = client.get(url, {"aar": "2026"}).content.decode()
    assert "Timeprisen og alle dens input" in tekst
    assert "1.023,87 kr." in tekst and "35,31 kr." in tekst
    assert 'id="takstdossier-version"' in tekst


def test_the_tilbud_page_links_the_dossier(client, to_aar, oekonomichef):
    client.force_login(oekonomichef)
    url = reverse("budgets:tilbud-detail", args=[to_aar.pk])
    tekst = client.get(url, {"aar": "2026"}).content.decode()
    assert reverse("budgets:takstdossier", args=[to_aar.pk]) in tekst


def test_the_menu_links_the_dossiers_for_oekonomi(client, to_aar, oekonomichef):
    client.force_login(oekonomichef)
    tekst = client.get(reverse("budgets:central")).content.decode()
    assert reverse("budgets:takstdossier-list") in tekst


def test_the_tilbudsleder_reads_their_own_dossier(client, to_aar, leder_a):
    client.force_login(leder_a)
    url = reverse("budgets:takstdossier", args=[to_aar.pk])
    assert client.get(url).status_code == 200


def test_another_tilbudsleder_gets_404(client, to_aar, leder_b):
    client.force_login(leder_b)
    url = reverse("budgets:takstdossier", args=[to_aar.pk])
    assert client.get(url).status_code == 404


def test_a_raadgiver_is_refused(client, to_aar, raadgiver):
    client.force_login(raadgiver)
    url = reverse("budgets:takstdossier", args=[to_aar.pk])
    assert client.get(url).status_code == 403


def test_the_api_gives_lines_with_last_year(to_aar, oekonomichef):
    data = client_for(oekonomichef).get(API.format(pk=to_aar.pk), {"aar": 2026}).json()
    assert data["forrige_aar"] == 2025
    linjer = {li["noegle"]: li for s in data["sektioner"] for li in s["linjer"]}
    assert linjer["basistakst"]["vaerdi"] == "1023.8700"
    assert linjer["basistakst"]["aendring"] == "35.3100"
    assert data["version"]["aendret_af"] == oekonomichef.username


def test_the_api_without_aar_is_a_400(to_aar, oekonomichef):
    svar = client_for(oekonomichef).get(API.format(pk=to_aar.pk))
    assert svar.status_code == 400 and "aar" in svar.json()


def test_the_api_for_a_year_without_takstmodel_is_a_404(to_aar, oekonomichef):
    svar = client_for(oekonomichef).get(API.format(pk=to_aar.pk), {"aar": 2030})
    assert svar.status_code == 404


def test_the_api_for_another_leders_tilbud_is_a_404(to_aar, leder_b):
    svar = client_for(leder_b).get(API.format(pk=to_aar.pk), {"aar": 2026})
    assert svar.status_code == 404
