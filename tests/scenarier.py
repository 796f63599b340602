"""Scenarios for tests, made through the services as a user would (issue 16 #1)."""

from budgets.services.scenarie import aendring_add, scenario_create


def tilfoej(scenario, user, art, **vaerdi):
    """Add one change of kind ``art`` with the given values."""
    return aendring_add(scenario=scenario, art=art, vaerdi=vaerdi, acting_user=user)


def flere_pladser(oekonomichef, tilbud):
    """Scenario "Flere pladser" of 2026: ``tilbud`` with 10 pladser. Returns
    (scenario, its change)."""
    scenario = scenario_create(
        navn="Flere pladser", aar=2026, grundlag="aktuelt", acting_user=oekonomichef
    )
    aendring = tilfoej(
        scenario, oekonomichef, "tilbud_pladser", tilbud=tilbud.pk, pladser=10
    )
    return scenario, aendring
