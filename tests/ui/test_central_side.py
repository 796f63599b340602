"""Issue 15 items 1-2: the central page shows the columns a finance chief reads
first, lets the user choose the rest (remembered, without JS), sorts only by a
column on screen, explains the sign of Afvigelse, and names its figures exactly.

Tilbud A with forbrug_2026 (tests/forbrug_fixtures.py): budget 2,900,000 kr.,
forbrug 230,000 kr. in each of January-May.
  January-May budget = 1,199,726.02 kr. (test_forbrugsprocent_pages).
  Forventet regnskab = 1,150,000 + (2,900,000 − 1,199,726.02) = 2,850,273.98 kr.
  Afvigelse = 2,900,000 − 2,850,273.98 = +49,726.02 kr.: mindreforbrug.
  Prognose (issue 19): no borgere, no waiting list, no forbrug in 2025, so the
  months ahead are the korrigeret budget phased by days: 1,150,000 +
  (2,900,000 − 1,199,726.02) = 2,850,273.98 kr.
"""

import re

from django.urls import reverse

STANDARD = [
    "Tilbud",
    "Budget i alt (korrigeret)",
    "Forbrug t.o.m. maj 2026",
    "Forventet regnskab",
    "Prognose",
    "Afvigelse",
]


def _side(client, **params) -> str:
    return client.get(
        reverse("budgets:central"), {"aar": 2026, **params}
    ).content.decode()


def _overskrifter(side: str) -> list[str]:
    thead = side.split("<thead>", 1)[1].split("</thead>", 1)[0]
    return [
        re.sub(r"<[^>]+>|\s*[▲▼]", "", th).strip()
        for th in re.findall(r"<th scope=\"col\"[^>]*>(.*?)</th>", thead)
    ]


def test_the_table_shows_the_standard_columns(
    client, oekonomichef, tilbud_a, forbrug_2026, idag_2026
):
    client.force_login(oekonomichef)
    assert _overskrifter(_side(client)) == STANDARD


def test_the_prognose_stands_beside_budget_and_forbrug_and_explains_itself(
    client, oekonomichef, tilbud_a, forbrug_2026, idag_2026
):
    client.force_login(oekonomichef)
    side = _side(client).replace("\xa0", " ")
    tbody = side.split('id="centraltabel"', 1)[1].split("</table>", 1)[0]
    # The tilbud's figure links to its prognose page, the total's to the total.
    url = reverse("budgets:prognose-tilbud", args=[tilbud_a.pk])
    assert f'<a href="{url}?aar=2026" title="Hvad prognosen bygger på">' in tbody
    assert "2.850.273,98 kr.</a>" in tbody
    total = reverse("budgets:prognose")
    assert (
        f'<a href="{total}?aar=2026" id="central-prognose-i-alt">2.850.273,98 kr.</a>'
    ) in tbody
    assert 'id="total-prognose"' in side
    # A subtotal per tilbudstype has the prognose too (one tilbud: the same);
    # here it equals the forventet regnskab: 2 columns × (subtotal + total) = 4.
    typer = side.split('id="typetabel"', 1)[1].split("</table>", 1)[0]
    assert '<th scope="col" class="num">Prognose</th>' in typer
    assert typer.count("2.850.273,98 kr.") == 4


def test_chosen_columns_are_shown_and_remembered(
    client, oekonomichef, tilbud_a, forbrug_2026, idag_2026
):
    client.force_login(oekonomichef)
    side = _side(client, kolonnevalg="valgt", kolonner=["pladser", "afvigelse"])
    assert _overskrifter(side) == ["Tilbud", "Pladser", "Afvigelse"]
    assert _overskrifter(_side(client)) == ["Tilbud", "Pladser", "Afvigelse"]
    assert _overskrifter(_side(client, kolonnevalg="standard")) == STANDARD


def test_the_chooser_keeps_year_and_sorting(
    client, oekonomichef, tilbud_a, forbrug_2026, idag_2026
):
    client.force_login(oekonomichef)
    side = _side(client, sort="afvigelse", retning="ned")
    form = side.split('id="kolonnevalg"', 1)[1].split("</form>", 1)[0]
    assert '<input type="hidden" name="sort" value="afvigelse">' in form
    assert '<input type="hidden" name="retning" value="ned">' in form
    assert '<input type="hidden" name="aar" value="2026">' in form
    assert 'name="kolonner" value="pladser" id="kolonne-pladser">' in form  # not shown
    assert 'value="afvigelse" id="kolonne-afvigelse" checked>' in form


def test_a_hidden_column_does_not_sort(
    client, oekonomichef, tilbud_a, tilbud_b, forbrug_2026, idag_2026
):
    client.force_login(oekonomichef)
    response = client.get(reverse("budgets:central"), {"sort": "pladser"})
    assert response.context["sort"] == "navn"
    assert 'data-kolonne="navn" aria-sort="ascending"' in response.content.decode()


def test_a_shown_column_sorts(
    client, oekonomichef, tilbud_a, tilbud_b, forbrug_2026, idag_2026
):
    client.force_login(oekonomichef)
    params = {"kolonnevalg": "valgt", "kolonner": "afvigelse", "sort": "afvigelse"}
    response = client.get(reverse("budgets:central"), params)
    # Birk (no budget, no forbrug): afvigelse 0; Ahorn +49,726.02: ascending.
    navne = [raekke[0] for raekke in response.context["tabel"].raekker]
    assert navne == ["Botilbuddet Birk", "Bofællesskabet Ahorn"]
    assert 'data-kolonne="afvigelse" class="num" aria-sort="ascending"' in (
        response.content.decode()
    )


def test_afvigelse_has_its_sign_word_colour_and_explanation(
    client, oekonomichef, tilbud_a, forbrug_2026, idag_2026
):
    client.force_login(oekonomichef)
    side = _side(client)
    assert (
        "Afvigelse = korrigeret budget − forventet regnskab. Positiv (+, grøn): "
        "mindreforbrug, der er penge tilbage. Negativ (−, rød): merforbrug."
    ) in side
    side = side.replace("\xa0", " ")
    assert (
        'class="vaerdi tv-plus" id="total-afvigelse">+49.726,02 kr. '
        "<small>(mindreforbrug)</small>"
    ) in side
    assert '<td class="num tv-plus">+49.726,02' in side.replace("\xa0", " ")


def test_forbrug_and_borgere_say_what_they_count(
    client, oekonomichef, tilbud_a, forbrug_2026, idag_2026
):
    client.force_login(oekonomichef)
    side = _side(client, kolonnevalg="valgt", kolonner=["borgere", "forbrug"])
    # Forbrug imported for January-May 2026: the last month is May.
    assert '<span class="etiket">Forbrug t.o.m. maj 2026</span>' in side
    assert _overskrifter(side) == [
        "Tilbud",
        "Borgere i året",
        "Forbrug t.o.m. maj 2026",
    ]
    assert "Forbrug til dato" not in side


def test_without_forbrug_the_label_says_none_is_imported(
    client, oekonomichef, tilbud_a, faste_a, idag_2026
):
    client.force_login(oekonomichef)
    assert "Forbrug 2026 (intet indlæst endnu)" in _side(client)


def test_the_tilbudsleder_is_told_it_is_their_tilbud(
    client, leder_a, tilbud_a, tilbud_b, faste_a, idag_2026
):
    client.force_login(leder_a)
    side = _side(client)
    assert "Alle tilbud side om side" not in side
    assert "Budget og forbrug for dit tilbud, Bofællesskabet Ahorn." in side


def test_the_oekonomichef_sees_all_tilbud(
    client, oekonomichef, tilbud_a, tilbud_b, faste_a, idag_2026
):
    client.force_login(oekonomichef)
    assert "Alle tilbud side om side og i alt." in _side(client)
