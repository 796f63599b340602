"""Issue 15 item 3: a figure's explanation shows what that figure is made of,
not every block whatever was clicked; forbrug is split by art, each line with
the import it came from.

Forbrug of tilbud A imported by the real import (tests/imports/conftest.koer):
  januar.csv:  January løn 200.000,00 and drift 30.000,00.
  februar.csv: January løn 200.000,00 again (unchanged: still januar.csv's),
               February løn 210.000,00.
  By hand:     February drift 5.000,00 (no import).
  In all 200.000 + 30.000 + 210.000 + 5.000 = 445.000,00 kr. through February.
"""

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from budgets import services
from budgets.models import Budgetaar
from tests.imports.conftest import csv_bytes, koer  # noqa: F401 (a fixture)

HEADER = "tilbud;måned;art;beløb"
BLOKKE = ("timepris", "faste", "takstblad", "haendelser", "forbrug", "maaneder")


@pytest.fixture
def importeret(koer, oekonomichef, tilbud_a, faste_a):  # noqa: F811
    januar = koer(
        oekonomichef,
        "forbrug",
        csv_bytes(
            HEADER,
            [
                "Bofællesskabet Ahorn;2026-01;løn;200.000,00",
                "Bofællesskabet Ahorn;2026-01;drift;30.000,00",
            ],
        ),
        filnavn="januar.csv",
    )
    februar = koer(
        oekonomichef,
        "forbrug",
        csv_bytes(
            HEADER,
            [
                "Bofællesskabet Ahorn;2026-01;løn;200.000,00",
                "Bofællesskabet Ahorn;2026-02;løn;210.000,00",
            ],
        ),
        filnavn="februar.csv",
    )
    services.forbrug_save(
        tilbud_id=tilbud_a.pk,
        budgetaar=Budgetaar.objects.get(aar=2026),
        maaned=2,
        art="drift",
        beloeb=Decimal("5000"),
        acting_user=oekonomichef,
    )
    return januar, februar


def _kilde(job) -> str:
    """The source as the page names it: file, day the job finished, its number."""
    dag = timezone.localtime(job.finished).strftime("%d.%m.%Y")
    return f"{job.filnavn}, {dag} (import nr. {job.pk})"


def _side(client, tilbud, felt: str) -> str:
    url = reverse("budgets:forklaring", args=[tilbud.pk, felt])
    side = client.get(url, {"aar": 2026}).content.decode()
    return side.replace("\xa0", " ")


def _blokke(side: str) -> list[str]:
    return [b for b in BLOKKE if f'id="blok-{b}"' in side]


def _linjer(side: str) -> list[list[str]]:
    tbody = side.split('id="forbrugslinjer"', 1)[1].split("</tbody>", 1)[0]
    return [
        [
            re.sub(r"<[^>]+>", "", c).strip()
            for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", tr)
        ]
        for tr in re.findall(r"<tr>(.*?)</tr>", tbody.split("<tbody>", 1)[1])
    ]


def test_forbrug_is_split_by_art_with_its_import(
    client, oekonomichef, tilbud_a, importeret, idag_2026
):
    januar, februar = importeret
    client.force_login(oekonomichef)
    side = _side(client, tilbud_a, "forbrug")
    assert _blokke(side) == ["forbrug", "maaneder"]
    assert "<h1>Forbrug t.o.m. februar 2026: 445.000,00 kr.</h1>" in side
    assert _linjer(side) == [
        [
            "Januar",
            "Drift",
            "30.000,00 kr.",
            _kilde(januar),
        ],
        [
            "Januar",
            "Løn",
            "200.000,00 kr.",
            _kilde(januar),
        ],
        ["Februar", "Drift", "5.000,00 kr.", "Ikke fra en import (rettet direkte)"],
        [
            "Februar",
            "Løn",
            "210.000,00 kr.",
            _kilde(februar),
        ],
    ]
    # The uploader gets a link to the job.
    assert f'href="/import/{januar.pk}/">januar.csv</a>' in side
    assert f'href="/import/{februar.pk}/">februar.csv</a>' in side


def test_another_user_sees_the_file_but_no_link_to_its_job(
    client, leder_a, tilbud_a, importeret, idag_2026
):
    januar, _ = importeret
    client.force_login(leder_a)
    side = _side(client, tilbud_a, "forbrug")
    assert _kilde(januar) in side
    assert f'href="/import/{januar.pk}/"' not in side


def test_fast_shows_the_fixed_costs_and_its_months_only(
    client, leder_a, tilbud_a, faste_a, idag_2026
):
    client.force_login(leder_a)
    side = _side(client, tilbud_a, "fast")
    assert _blokke(side) == ["faste", "maaneder"]
    maaneder = side.split('id="blok-maaneder"', 1)[1]
    kolonner = re.findall(r'<th scope="col"[^>]*>(.*?)</th>', maaneder)
    assert kolonner == ["Måned", "Fast budget"]


def test_korrigeret_shows_the_events_and_the_takster(
    client, leder_a, tilbud_a, anna_i_a, idag_2026
):
    client.force_login(leder_a)
    side = _side(client, tilbud_a, "aktivitet_korrigeret")
    assert _blokke(side) == ["takstblad", "haendelser"]
    assert "Anna (010190-xxxx)" in side
    assert "1.476,21 kr." in side  # niveau 2's servicetakst: 3 h × 492,07


def test_oprindeligt_and_bemanding_show_the_timepris(
    client, leder_a, tilbud_a, anna_i_a, idag_2026
):
    client.force_login(leder_a)
    for felt in ("aktivitet_oprindeligt", "bemanding"):
        side = _side(client, tilbud_a, felt)
        assert _blokke(side) == ["timepris", "takstblad"], felt
        assert "492,07 kr." in side  # DOMAIN.md §2's timepris for direkte tid


def test_basistakst_and_forventet_show_their_own_inputs(
    client, leder_a, tilbud_a, faste_a, idag_2026
):
    client.force_login(leder_a)
    assert _blokke(_side(client, tilbud_a, "basistakst")) == ["faste"]
    assert _blokke(_side(client, tilbud_a, "forventet_regnskab")) == ["maaneder"]


def test_forventet_says_the_sign_of_afvigelse_in_words(
    client, leder_a, tilbud_a, forbrug_2026, idag_2026
):
    # tests/ui/test_central_side.py: 2.900.000 − 2.850.273,98 = +49.726,02 kr.
    client.force_login(leder_a)
    side = _side(client, tilbud_a, "forventet_regnskab")
    assert "= +49.726,02 kr. (mindreforbrug)." in side


@pytest.fixture
def importnummer_1027(db):
    """The next import job gets number 1028 (CI's database reached it)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence('budgets_importjob', 'id'), 1027)"
            )
        else:
            cursor.execute(
                "DELETE FROM sqlite_sequence WHERE name = 'budgets_importjob'"
            )
            cursor.execute(
                "INSERT INTO sqlite_sequence (name, seq) "
                "VALUES ('budgets_importjob', 1027)"
            )


def test_a_four_digit_import_number_has_no_thousands_point(
    importnummer_1027, client, oekonomichef, tilbud_a, importeret, idag_2026
):
    januar, _ = importeret
    assert januar.pk == 1028
    client.force_login(oekonomichef)
    side = _side(client, tilbud_a, "forbrug")
    assert "(import nr. 1028)" in side
    assert "1.028" not in side
