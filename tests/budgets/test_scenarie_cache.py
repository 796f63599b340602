"""A scenario's base (the real data of the year) is kept in the shared cache
under the stamp of the committed data (issue 16: a result after one change
computes only the scenario side), and is never stale after a committed write.

Anna lives in tilbud A (8 pladser, 97 %, faste udgifter 2,900,000 kr.) at
niveau 2 (3 h × 492.07 = 1,476.21 kr. per døgn) from 1 February 2026.
"""

import datetime
from decimal import Decimal

import pytest
from django.core.cache import cache

from budgets.apps import stemplede_tabeller, ustemplede_tabeller
from budgets.engine.scenarie import beregn
from budgets.engine.scenarie_laes import Art
from budgets.selectors import scenarie as selectors
from budgets.services import scenarie as services
from config.lib import datastamp
from offers import services as offers_services
from tests.scenarier import tilfoej

D = datetime.date


@pytest.fixture(autouse=True)
def _tom_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def scenario(oekonomichef, raadgiver, tilbud_a, faste_a, niveau):
    anna = offers_services.borger_create(
        cpr="010190-1234", navn="Anna", acting_user=raadgiver
    )
    offers_services.borger_tilgang(
        borger=anna,
        tilbud=tilbud_a,
        dato=D(2026, 2, 1),
        takstniveau=niveau["2"],
        acting_user=raadgiver,
    )
    return services.scenario_create(
        navn="Plan", aar=2026, grundlag="aktuelt", acting_user=oekonomichef
    )


def _fra_intet(scenario):
    """Base and scenario computed from nothing, past the cache."""
    ind = selectors.inddata_for(scenario.aar, scenario.grundlag)
    return beregn(ind), beregn(selectors._anvendt(ind, scenario))


def test_the_scenario_tables_carry_no_stamp_trigger(db):
    ustemplede = ustemplede_tabeller()
    assert {"budgets_scenario", "budgets_scenarieaendring"} <= ustemplede
    assert ustemplede & stemplede_tabeller() == set()
    assert ustemplede & datastamp.watched_tables() == set()


def test_migrate_drops_the_trigger_an_older_install_put_on_a_scenario_table(db):
    datastamp.install({"budgets_scenario"})  # as an install before issue 16
    assert "budgets_scenario" in datastamp.watched_tables()
    datastamp.install(stemplede_tabeller(), ustemplede_tabeller())
    assert "budgets_scenario" not in datastamp.watched_tables()
    assert stemplede_tabeller() - datastamp.watched_tables() == set()


@pytest.mark.django_db(transaction=True)
def test_a_change_to_a_scenario_computes_only_the_scenario_side(
    scenario, oekonomichef, tilbud_a, monkeypatch
):
    foerste = selectors.scenario_resultat(scenario)
    stempel = datastamp.current()
    tilfoej(scenario, oekonomichef, Art.TILBUD_PLADSER, tilbud=tilbud_a.pk, pladser=10)
    assert datastamp.current() == stempel  # a scenario write leaves it

    laest = []
    monkeypatch.setattr(
        selectors,
        "inddata_for",
        lambda *a, **k: laest.append(a) or pytest.fail("the base was read again"),
    )
    efter = selectors.scenario_resultat(scenario)
    assert laest == []
    assert efter.base == foerste.base
    # 2,900,000 / (10 × 365 × 0.97) = 819.09 kr. (base 1,023.87 kr.).
    tal = {t.id: t for t in efter.scenarie.tilbud}
    assert tal[tilbud_a.pk].basistakst == Decimal("819.09")
    monkeypatch.undo()
    assert (efter.base, efter.scenarie) == _fra_intet(scenario)


@pytest.mark.django_db(transaction=True)
def test_a_committed_write_to_the_real_data_gives_a_new_base(
    scenario, raadgiver, tilbud_a, niveau
):
    foer = selectors.scenario_resultat(scenario)
    # Bo joins tilbud A on 1 July at niveau 2: + 1,476.21 × 184 days
    # (July–December) = 271,622.64 kr. in the base.
    bo = offers_services.borger_create(
        cpr="020290-2345", navn="Bo", acting_user=raadgiver
    )
    offers_services.borger_tilgang(
        borger=bo,
        tilbud=tilbud_a,
        dato=D(2026, 7, 1),
        takstniveau=niveau["2"],
        acting_user=raadgiver,
    )
    efter = selectors.scenario_resultat(scenario)
    assert efter.base.total - foer.base.total == Decimal("271622.64")
    assert (efter.base, efter.scenarie) == _fra_intet(scenario)
