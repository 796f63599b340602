"""Scenarios (issue 16 #1): a named set of changed assumptions for a budget year.

A scenario never changes the real budget: its result is computed on read
(budgets.selectors.scenarie) and stored nowhere. Only the changes are stored.
Imported by budgets.models so that Django finds the models.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from budgets.engine.scenarie_laes import Art
from offers.models import Tilbud


class Scenariegrundlag(models.TextChoices):
    """What the scenario starts from: the year as adopted, or as registered now."""

    VEDTAGET = "vedtaget", "Vedtaget budget"
    AKTUELT = "aktuelt", "Aktuelle data"


class Aendringsart(models.TextChoices):
    """The kinds of change; the values are budgets.engine.scenarie_laes.Art's."""

    TIMEPRIS_FELT = Art.TIMEPRIS_FELT, "Årsløn eller årsnorm"
    FRAVAER_LINJE = Art.FRAVAER_LINJE, "Fraværslinje"
    TIDSANVENDELSE_LINJE = Art.TIDSANVENDELSE_LINJE, "Tidsanvendelseslinje"
    NIVEAU_TIMER = Art.NIVEAU_TIMER, "Takstgivende timer for et niveau"
    NIVEAU_SPAEND = Art.NIVEAU_SPAEND, "Spænd for et niveau"
    TILBUD_PLADSER = Art.TILBUD_PLADSER, "Pladser i et tilbud"
    TILBUD_BELAEGNING = Art.TILBUD_BELAEGNING, "Forudsat belægning"
    TILBUD_PRINCIP = Art.TILBUD_PRINCIP, "Tildelingsprincip"
    TILBUD_FASTE_UDGIFTER = Art.TILBUD_FASTE_UDGIFTER, "Faste udgifter"
    PLANLAGT_TILGANG = Art.PLANLAGT_TILGANG, "Planlagt tilgang"
    PLANLAGT_AFGANG = Art.PLANLAGT_AFGANG, "Planlagt afgang"
    NYT_TILBUD = Art.NYT_TILBUD, "Nyt tilbud"
    LUKKET_TILBUD = Art.LUKKET_TILBUD, "Lukket tilbud"


class Scenario(models.Model):
    """A named scenario for one budget year, shared by the økonomi users."""

    navn = models.CharField("navn", max_length=200)
    aar = models.PositiveSmallIntegerField(
        "budgetår", validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    grundlag = models.CharField(
        "grundlag",
        max_length=10,
        choices=Scenariegrundlag.choices,
        default=Scenariegrundlag.AKTUELT,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="oprettet af",
    )
    created = models.DateTimeField("oprettet", auto_now_add=True)
    updated = models.DateTimeField("ændret", auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-aar", "navn", "id"]
        verbose_name = "scenarie"
        verbose_name_plural = "scenarier"

    def __str__(self) -> str:
        return f"{self.navn} ({self.aar})"


class Scenarieaendring(models.Model):
    """One changed assumption of a scenario, applied in id order.

    ``vaerdi`` holds the kind's fields as JSON (decimals as strings, dates as
    ÅÅÅÅ-MM-DD), checked by budgets.engine.scenarie_laes.aendring_af before it is
    saved. ``tilbud`` repeats the existing tilbud the change acts on, so that a
    deleted tilbud takes its changes with it; a change to a new tilbud of the
    scenario names that change's id as ``nyt_tilbud`` in ``vaerdi``.
    """

    scenario = models.ForeignKey(
        Scenario, on_delete=models.CASCADE, related_name="aendringer"
    )
    art = models.CharField("ændring", max_length=30, choices=Aendringsart.choices)
    tilbud = models.ForeignKey(
        Tilbud, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    vaerdi = models.JSONField("værdier", default=dict)
    created = models.DateTimeField("oprettet", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["scenario", "id"]
        verbose_name = "scenarieændring"
        verbose_name_plural = "scenarieændringer"

    def __str__(self) -> str:
        return f"{self.scenario}: {self.get_art_display()}"
