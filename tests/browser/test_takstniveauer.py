"""Issue 15: the Særtakst and Slet checkboxes on the takstniveauer page are seen
and used in real Chromium.

DKFDS hides a .form-checkbox <input> (opacity 0) and draws the box with its
following <label>'s ::before; the page put the label before the input and
hid it, so no box was drawn and no level could be deleted by a user.
"""

import datetime

import pytest

from offers import services as offer_services
from tariffs.models import Takstniveau
from tariffs.services import KODE_I_BRUG
from tests.conftest import make_takstmodel

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# conftest's make_takstmodel: rows 1-4 are the levels 1, 2, 3 and S1, row 5 is
# the formset's empty extra row.
RAEKKE_S1 = 3  # form-3


def _boks(page, input_id: str) -> dict:
    """What a user sees of a checkbox: its label's ::before box."""
    return page.evaluate(
        """(id) => {
            const label = document.querySelector(`label[for="${id}"]`);
            const boks = getComputedStyle(label, "::before");
            let opacitet = 1;  // opacity multiplies down the tree
            for (let el = label; el; el = el.parentElement) {
                opacitet *= parseFloat(getComputedStyle(el).opacity);
            }
            const naboer = label.previousElementSibling;
            return {
                indhold: boks.content,
                bredde: parseFloat(boks.width),
                hoejde: parseFloat(boks.height),
                kant: boks.borderTopWidth,
                opacitet: opacitet * parseFloat(boks.opacity),
                label_bredde: label.getBoundingClientRect().width,
                input_foer_label: naboer !== null && naboer.id === id,
            };
        }""",
        input_id,
    )


def test_the_saertakst_and_slet_checkboxes_are_visible_and_labelled(
    page, live_server, login, oekonomichef, takstmodel_2026
):
    login(oekonomichef)
    page.goto(f"{live_server.url}/takster/{takstmodel_2026.pk}/niveauer/")
    for felt, navn in (("saertakst", "Særtakst"), ("DELETE", "Slet")):
        input_id = f"id_form-{RAEKKE_S1}-{felt}"
        # Labelled: the accessible name says what and which row.
        checkbox = page.get_by_role("checkbox", name=f"{navn}, række {RAEKKE_S1 + 1}")
        assert checkbox.get_attribute("id") == input_id
        label = page.locator(f"label[for='{input_id}']")
        assert label.is_visible()
        boks = _boks(page, input_id)
        assert boks["input_foer_label"], boks
        # DKFDS's box: 24 x 24 px with a 2 px border, fully opaque.
        assert boks["indhold"] != "none", boks
        assert (boks["bredde"], boks["hoejde"], boks["kant"]) == (24, 24, "2px"), boks
        assert boks["opacitet"] > 0, boks
        assert boks["label_bredde"] >= 24, boks
    assert page.is_checked(f"#id_form-{RAEKKE_S1}-saertakst")


def _klik_boksen(page, input_id: str) -> None:
    # Click where the box is drawn, as a user does (DKFDS lays the see-through
    # <input> over its label's box, so the click lands on the input).
    felt = page.locator(f"#{input_id}").bounding_box()
    page.mouse.click(felt["x"] + felt["width"] / 2, felt["y"] + felt["height"] / 2)


def test_the_oekonomichef_deletes_a_level_by_clicking_its_slet_box(
    page, live_server, login, oekonomichef, takstmodel_2026
):
    # S1 is used by no borger: nobody is placed in this test.
    login(oekonomichef)
    page.goto(f"{live_server.url}/takster/{takstmodel_2026.pk}/niveauer/")
    _klik_boksen(page, f"id_form-{RAEKKE_S1}-DELETE")
    assert page.is_checked(f"#id_form-{RAEKKE_S1}-DELETE")
    page.click("button:has-text('Vis virkning')")
    page.click("button:has-text('Gem ændringen')")
    assert "Takstmodellen er gemt." in page.inner_text("main")
    koder = Takstniveau.objects.filter(takstmodel=takstmodel_2026)
    assert sorted(koder.values_list("kode", flat=True)) == ["1", "2", "3"]


def test_deleting_a_level_a_borger_is_on_is_refused_in_danish(
    page, live_server, login, oekonomichef, raadgiver, tilbud_a, niveau, anna
):
    # Anna is on niveau 3 from 1 March 2026, an open stay, so also in 2027.
    offer_services.borger_tilgang(
        borger=anna,
        tilbud=tilbud_a,
        dato=datetime.date(2026, 3, 1),
        takstniveau=niveau["3"],
        acting_user=raadgiver,
    )
    model_2027 = make_takstmodel(2027, oekonomichef)
    login(oekonomichef)
    page.goto(f"{live_server.url}/takster/{model_2027.pk}/niveauer/")
    _klik_boksen(page, "id_form-2-DELETE")  # row 3 is niveau 3
    page.click("button:has-text('Vis virkning')")
    besked = KODE_I_BRUG.format(kode="3", aar=2027, borgere="Anna (010190-xxxx)")
    assert besked in page.inner_text(".alert-error")
    assert model_2027.niveauer.filter(kode="3").exists()
