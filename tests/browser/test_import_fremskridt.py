"""Issue 14: the import page's progress bar moves in real Chromium.

The polling script was inline and the Content-Security-Policy ("script-src
'self'") blocked it, so the bar never moved; it is static/js/import.js now.
The job is advanced by the test, as a worker would write it.
"""

import pytest

from budgets.models import Importjob, Importstatus

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_progress_bar_moves_and_the_page_reaches_done(
    page, live_server, login, oekonomichef
):
    job = Importjob.objects.create(
        type="takster",
        filnavn="takster.xlsx",
        indhold=b"",
        created_by=oekonomichef,
        status=Importstatus.VALIDERER,
        rows_total=10,
    )
    login(oekonomichef)
    page.goto(f"{live_server.url}/import/{job.pk}/")
    assert page.get_attribute("#fremskridt", "value") == "0"

    Importjob.objects.filter(pk=job.pk).update(rows_done=4)
    # A <progress>'s value property is reflected in its attribute.
    page.wait_for_selector("#fremskridt[value='4']", timeout=10_000)
    assert page.inner_text("#taeller") == "4 af 10 rækker"

    Importjob.objects.filter(pk=job.pk).update(
        status=Importstatus.FAERDIG,
        rows_done=10,
        resultat={"raekker": 10, "aendret": 1, "uaendret": 0},
    )
    page.wait_for_selector("#import[data-status='faerdig']", timeout=10_000)
    assert page.inner_text("#status") == "Færdig"
    assert page.get_attribute("#fremskridt", "value") == "10"
    assert page.inner_text("#resultat") == "Importen er gemt: 1 ændret, 0 uændret."
