"""Issue 17: leverede bostøtte hours imported monthly from the planning system."""

import datetime
from decimal import Decimal

import pytest

from budgets.models import Importstatus, LeveretTid
from offers import services
from tests.imports.conftest import csv_bytes

D = datetime.date
HOVED = "cpr;tilbud;maaned;leverede_timer"
ANNA_CPR = "010190-1234"


@pytest.fixture
def anna_i_hyld(anna, bostoette_a, niveau, raadgiver):
    services.borger_tilgang(
        borger=anna,
        tilbud=bostoette_a,
        dato=D(2026, 3, 1),
        takstniveau=niveau["1"],
        acting_user=raadgiver,
        visiterede_timer_pr_uge=Decimal(3),
    )
    return anna


def _fil(*raekker: str) -> bytes:
    return csv_bytes(HOVED, list(raekker))


def test_a_month_is_previewed_then_saved(koer, oekonomichef, anna_i_hyld):
    fil = _fil(f"{ANNA_CPR};Bostøtten Hyld;2026-03;11")
    job = koer(oekonomichef, "leveret_tid", fil, godkend=False)
    assert job.status == Importstatus.AFVENTER_GODKENDELSE
    (raekke,) = job.forhaandsvisning["raekker"]
    assert raekke["borger"] == "Anna (010190-xxxx)"
    assert (raekke["efter"], raekke["status"]) == ("11.00", "ny")
    assert not LeveretTid.objects.exists()
    job = koer(oekonomichef, "leveret_tid", fil)
    assert job.status == Importstatus.FAERDIG
    row = LeveretTid.objects.get()
    assert (row.borger, row.aar, row.maaned, row.timer) == (
        anna_i_hyld,
        2026,
        3,
        Decimal("11.00"),
    )


def test_rows_of_one_borger_and_month_are_summed(koer, oekonomichef, anna_i_hyld):
    # 6,5 + 4,5 = 11,00 hours (one row per employee in the planning system).
    fil = _fil(
        f"{ANNA_CPR};Bostøtten Hyld;2026-03;6,5",
        f"{ANNA_CPR};Bostøtten Hyld;2026-03;4,5",
    )
    koer(oekonomichef, "leveret_tid", fil)
    assert LeveretTid.objects.get().timer == Decimal("11.00")


def test_reimporting_a_month_replaces_its_hours(koer, oekonomichef, anna_i_hyld):
    koer(oekonomichef, "leveret_tid", _fil(f"{ANNA_CPR};Bostøtten Hyld;2026-03;11"))
    koer(oekonomichef, "leveret_tid", _fil(f"{ANNA_CPR};Bostøtten Hyld;2026-03;9,25"))
    assert list(LeveretTid.objects.values_list("maaned", "timer")) == [
        (3, Decimal("9.25"))
    ]
    assert LeveretTid.history.count() == 2


def test_a_month_not_in_the_file_is_kept(koer, oekonomichef, anna_i_hyld):
    koer(oekonomichef, "leveret_tid", _fil(f"{ANNA_CPR};Bostøtten Hyld;2026-03;11"))
    koer(oekonomichef, "leveret_tid", _fil(f"{ANNA_CPR};Bostøtten Hyld;2026-04;8"))
    assert sorted(LeveretTid.objects.values_list("maaned", "timer")) == [
        (3, Decimal("11.00")),
        (4, Decimal("8.00")),
    ]


def test_one_bad_row_refuses_the_whole_file(koer, oekonomichef, anna_i_hyld):
    fil = _fil(
        f"{ANNA_CPR};Bostøtten Hyld;2026-03;11",
        f"{ANNA_CPR};Bostøtten Hyld;2026-04;elleve",
    )
    job = koer(oekonomichef, "leveret_tid", fil)
    assert job.status == Importstatus.AFVIST
    assert job.errors == [
        "Linje 3: 'elleve' i kolonnen 'leverede_timer' er ikke et gyldigt tal."
    ]
    assert not LeveretTid.objects.exists()


def test_every_bad_cell_has_a_danish_message_without_the_cpr(
    koer, oekonomichef, anna_i_hyld, tilbud_a
):
    fil = _fil(
        "311299-9999;Bostøtten Hyld;2026-03;2",  # a valid CPR of no borger
        f"{ANNA_CPR};Bofællesskabet Ahorn;2026-03;2",
        f"{ANNA_CPR};Bostøtten Hyld;2026-02;2",  # before the tilgang
        f"{ANNA_CPR};Bostøtten Hyld;marts;-1",
        "12345;Bostøtten Hyld;2026-03;2,555",
    )
    job = koer(oekonomichef, "leveret_tid", fil)
    fejl = "\n".join(job.errors)
    assert "Linje 2: Der findes ingen borger med CPR-nummeret." in fejl
    assert "Linje 3: Tilbuddet 'Bofællesskabet Ahorn' er ikke et bostøttetilbud" in fejl
    assert "Linje 4: Borgeren bor ikke i tilbuddet i 2026-02." in fejl
    assert "Linje 5: Måneden 'marts' skal skrives som ÅÅÅÅ-MM" in fejl
    assert "Linje 5: Leverede timer kan ikke være negative ('-1')." in fejl
    assert "Linje 6: Timerne '2,555' har mere end to decimaler." in fejl
    assert "010190-1234" not in fejl and "311299-9999" not in fejl
    assert job.resultat["linjer_med_fejl"] == 5
    assert not LeveretTid.objects.exists()


def test_a_tilbudsleder_may_not_import(client, leder_a):
    from django.urls import reverse

    from budgets.views_import import tilladte_typer

    assert "leveret_tid" not in dict(tilladte_typer(leder_a))
    client.force_login(leder_a)
    assert client.get(reverse("imports:list")).status_code == 403


def test_the_preview_page_shows_the_masked_borger_and_hours(
    client, koer, oekonomichef, anna_i_hyld
):
    fil = _fil(f"{ANNA_CPR};Bostøtten Hyld;2026-03;11")
    job = koer(oekonomichef, "leveret_tid", fil, godkend=False)
    client.force_login(oekonomichef)
    side = client.get(f"/import/{job.pk}/").content.decode()
    assert "Leverede timer, der gemmes" in side
    assert "Anna (010190-xxxx)" in side and ANNA_CPR not in side
    assert "2026-03" in side and "11,00" in side
    assert "Godkend og indlæs" in side
