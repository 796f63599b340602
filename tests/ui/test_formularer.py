"""Issue 15: the import and history forms use Det Fælles Designsystem: labelled
fields with DKFDS classes, a hint for the file, primary buttons."""

import re

from django.urls import reverse


def _tag(side: str, navn: str) -> str:
    """The opening tag of the form field named ``navn``."""
    (tag,) = re.findall(rf'<(?:input|select)[^>]*name="{navn}"[^>]*>', side)
    return tag


def test_the_import_form_has_a_labelled_file_input_with_a_hint(client, oekonomichef):
    client.force_login(oekonomichef)
    side = client.get(reverse("imports:list")).content.decode()
    fil = _tag(side, "fil")
    assert 'type="file"' in fil and 'class="form-input"' in fil
    assert 'accept=".csv,.txt,.xlsx,.xlsm"' in fil
    assert 'aria-describedby="id_fil_hint"' in fil
    assert '<label class="form-label" for="id_fil">Fil</label>' in side
    hint = re.search(r'<span class="form-hint" id="id_fil_hint">([^<]*)</span>', side)
    assert "CSV-fil (.csv) eller en Excel-fil (.xlsx)" in hint[1]
    assert "tilbud, måned, art og beløb" in hint[1]


def test_the_import_form_has_a_dkfds_select_and_a_primary_button(client, oekonomichef):
    client.force_login(oekonomichef)
    side = client.get(reverse("imports:list")).content.decode()
    assert 'class="form-select"' in _tag(side, "type")
    assert (
        '<label class="form-label" for="id_type">Hvad vil du importere?</label>' in side
    )
    assert '<button type="submit" class="button button-primary">Start import' in side


def test_the_history_filter_uses_dkfds_fields(client, oekonomichef):
    client.force_login(oekonomichef)
    side = client.get(reverse("historik")).content.decode()
    assert 'class="form-select"' in _tag(side, "model")
    assert 'class="form-select"' in _tag(side, "bruger")
    assert 'class="form-input"' in _tag(side, "fra")
    assert 'class="form-input"' in _tag(side, "til")
    assert '<label class="form-label" for="id_fra">Fra og med' in side
    assert '<button type="submit" class="button button-primary">Vis</button>' in side


def test_the_request_log_filter_uses_dkfds_fields(client, oekonomichef):
    client.force_login(oekonomichef)
    side = client.get(reverse("historik-forespoergsler")).content.decode()
    assert 'class="form-select"' in _tag(side, "bruger")
    assert 'class="form-input"' in _tag(side, "fra")
    assert '<button type="submit" class="button button-primary">Vis</button>' in side
