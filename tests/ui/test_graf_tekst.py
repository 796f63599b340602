"""Issue 15 item 4: every chart of the budget pages has a text alternative, the
table of the figures it draws, which the canvas points to (aria-describedby).

Tilbud A with forbrug_2026 (tests/forbrug_fixtures.py): faste udgifter 2,900,000
kr. spread by days, so January's budget = 2,900,000 × 31 / 365 = 246,301.37 kr.;
forbrug 230,000 kr. in each of January-May.
"""

import re

from django.urls import reverse


def _tabel(side: str, tabel_id: str) -> str:
    return side.split(f'id="{tabel_id}"', 1)[1].split("</table>", 1)[0]


def _raekke(tabel: str, maaned: str) -> list[str]:
    raekke = tabel.split(f'<th scope="row">{maaned}</th>', 1)[1].split("</tr>")[0]
    return [c.replace("\xa0", " ") for c in re.findall(r"<td[^>]*>(.*?)</td>", raekke)]


def test_tilbud_chart_has_the_cumulative_figures_as_a_table(
    client, oekonomichef, tilbud_a, forbrug_2026, idag_2026
):
    client.force_login(oekonomichef)
    url = reverse("budgets:tilbud-detail", args=[tilbud_a.pk])
    side = client.get(url, {"aar": 2026}).content.decode()
    assert 'aria-describedby="graf-maaneder-tal"' in side
    tabel = _tabel(side, "graf-maaneder-tal")
    # Cumulative: January 246,301.37; February + 222,465.75 (28 days) = 468,767.12.
    assert _raekke(tabel, "Januar") == ["246.301,37 kr.", "230.000,00 kr."]
    assert _raekke(tabel, "Februar") == ["468.767,12 kr.", "460.000,00 kr."]
    # May: 5 × 230,000 = 1,150,000 of forbrug; none imported for June.
    assert _raekke(tabel, "Maj")[1] == "1.150.000,00 kr."
    assert _raekke(tabel, "Juni")[1] == "–"
    # December: the whole year's budget.
    assert _raekke(tabel, "December")[0] == "2.900.000,00 kr."


def test_central_charts_have_their_figures_as_tables(
    client, oekonomichef, tilbud_a, forbrug_2026, idag_2026
):
    client.force_login(oekonomichef)
    side = client.get(reverse("budgets:central"), {"aar": 2026}).content.decode()
    for tabel_id in ("graf-maaneder-tal", "graf-niveauer-tal", "graf-belaegning-tal"):
        assert f'aria-describedby="{tabel_id}"' in side
        assert f'id="{tabel_id}"' in side
    # By month, not cumulative: February's budget alone (28 days) = 222,465.75;
    # its prognose is its forbrug (issue 19).
    maaneder = _tabel(side, "graf-maaneder-tal")
    assert _raekke(maaneder, "Februar") == [
        "222.465,75 kr.",
        "230.000,00 kr.",
        "230.000,00 kr.",
    ]
    # June, ahead: no forbrug last year, so the budget phased by days is the
    # prognose: 2,900,000 × 30 / 365 = 238,356.16.
    assert _raekke(maaneder, "Juni") == ["238.356,16 kr.", "–", "238.356,16 kr."]
    belaegning = _tabel(side, "graf-belaegning-tal")
    # No borgere: realised 0,0 %; the factory's forudsat belægning is shown as such.
    assert _raekke(belaegning, "Bofællesskabet Ahorn")[0] == "0,0 %"
