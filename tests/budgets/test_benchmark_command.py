"""The benchmark command at a tiny scale (issue 16 #3): every figure the issue
asks for is printed as a ratio and saved in the results JSON. Timings are not
asserted (they depend on the machine), only what they are made of."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from budgets.bench import generate
from offers.models import Borger, Tilbud

# Transactional: the benchmark closes the connection between phases (a new
# process), which inside a test's atomic block would leave it closed on PostgreSQL.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def tiny(monkeypatch):
    monkeypatch.setitem(generate.SCALES, "tiny", generate.Scale("tiny", 2, 20))


def test_tiny_run_prints_and_saves_every_ratio(tiny, tmp_path):
    out = io.StringIO()
    call_command(
        "benchmark",
        scale="tiny",
        linear=2,
        no_http=True,
        force=True,
        results=str(tmp_path),
        stdout=out,
    )
    tekst = out.getvalue()
    f = json.loads((tmp_path / "tiny.json").read_text())

    # Data: 2 tilbud and 20 borgere; ×2 is two municipalities of them, the first
    # the same as the ×1 run's (same seed), the second apart by its names.
    assert f["data"]["tilbud"] == 2 and f["data"]["borgere"] == 20
    assert f["linear"]["data"]["tilbud"] == 4 and f["linear"]["data"]["borgere"] == 40
    assert sorted(Tilbud.objects.values_list("navn", flat=True)) == [
        "Bench-tilbud 0001",
        "Bench-tilbud 0002",
        "Bench-tilbud K02-0001",
        "Bench-tilbud K02-0002",
    ]
    assert Borger.objects.count() == 40

    # Each ratio is its two saved figures divided.
    lin = f["linear"]
    assert f["ratio_uden_raekker_gulv"] == pytest.approx(
        f["central_uden_raekker_s"] / f["gulv_s"]
    )
    assert f["ratio_uden_aarets_raekker_gulv"] == pytest.approx(
        f["central_uden_aarets_raekker_s"] / f["gulv_s"]
    )
    assert f["ratio_scenarie_maal"] == pytest.approx(f["scenarie"]["resultat"] / 1.0)
    assert f["ratio_scenarie2_maal"] == pytest.approx(f["scenarie"]["resultat2"] / 1.0)
    assert lin["ratio_tid"] == pytest.approx(
        lin["central_uden_raekker_s"] / f["central_uden_raekker_s"]
    )
    assert lin["ratio_haendelser"] == pytest.approx(lin["haendelser"] / f["haendelser"])
    assert lin["maal_tid"] == pytest.approx(2.2)  # 1.1 × 2
    fase = {h["fase"]: h for h in f["hukommelse"]}
    en, to = fase["fuld beregning"], fase["×2 fuld beregning"]
    if en["fase_peak_mb"]:  # Linux: each phase's own peak and its start
        assert lin["fuld_beregning_peak_mb"] == to["fase_peak_mb"]
        assert lin["fuld_beregning_vaekst_mb"] == to["fase_peak_mb"] - to["start_mb"]
        vaekst_1 = en["fase_peak_mb"] - en["start_mb"]
        if lin["ratio_vaekst"] is not None:
            assert lin["ratio_vaekst"] == pytest.approx(
                lin["fuld_beregning_vaekst_mb"] / vaekst_1
            )
        else:  # no ratio to a growth under 1 MB (printed as –)
            assert vaekst_1 < 1 or not lin["fuld_beregning_vaekst_mb"]
    # The first municipality alone is the ×1 data, so ×2 has more events.
    assert lin["haendelser"] > f["haendelser"]

    # Memory after every phase, in order.
    assert [h["fase"] for h in f["hukommelse"]] == [
        "generering",
        "opbygning",
        "central",
        "fuld beregning",
        "tilbud og afgang",
        "hvad-nu-hvis",
        "scenarie",
        "http (klienterne)",
        "×2 generering",
        "×2 fuld beregning",
    ]
    assert f["peak_mb"] > 0 and f["http"] == []

    # And the table prints them.
    for linje in (
        "2. ratio fuld beregning, året og forrige år / gulv (mål ≤ 3)",
        "2. ratio fuld beregning af året (ny timepris) / gulv (mål ≤ 3)",
        "S. scenarie: resultat efter én ændring (s)",
        "S. ratio resultat / 1 s (mål ≤ 1)",
        "S. scenarie: resultat efter to ændringer (s)",
        f"7. ratio tid ×2 / ×1 (mål ≤ 2.2; hændelser × {lin['ratio_haendelser']:.2f})",
        "7. ×2: peak-hukommelse i den fulde beregning (MB)",
        "7. ×2: den fulde beregnings vækst over fasens start (MB)",
        "7. ratio vækst i den fulde beregning ×2 / ×1",
        "6. peak-hukommelse efter scenarie: fasen / processen hidtil (MB)",
        "6. peak-hukommelse for processen (MB)",
    ):
        assert linje in tekst
    assert f"{lin['ratio_tid']:.2f}" in tekst


def test_a_database_without_bench_in_its_name_is_refused(tiny):
    with pytest.raises(CommandError, match="bench"):
        call_command("benchmark", scale="tiny", no_http=True)


def test_every_run_of_the_full_computation_computes(monkeypatch):
    """The median of three full computations: each computes, none is read
    from the shared cache (with nothing stored to delete, the transaction has
    not written, and central_for would read the first run's model)."""
    from budgets.bench import measure

    beregnet = []
    monkeypatch.setattr(
        measure, "central_fra_tabellen", lambda *args: beregnet.append(args)
    )
    idag = datetime.date(generate.AAR, 11, 15)
    measure.uden_raekker(None, generate.AAR, idag)
    measure.uden_aarets_raekker(None, generate.AAR, idag)
    assert len(beregnet) == 6
