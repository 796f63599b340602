"""A closed year's efterregulering as booked when the year was lukket (issue 18 #3).

When a year Y is lukket (budgets.services.budgetaar.luk) each tilbud's resultat
is split (budgets.engine.efterregulering) and stored here: the part within the
band goes into the frame of Y + 1, the rest into the takst of Y + n. A lukket
year's figures never move, so the split is stored once, and the later years
read it set-based (one query) instead of recomputing year Y each time.

A part is *bogført* only if its year was neither vedtaget nor lukket when Y was
lukket: adopted figures never move. A part not bogført stays pending (shown on
the efterregulering page with the reason) and prices nothing. Imported by
budgets.models so that Django finds the model.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from offers.models import Tilbud

AAR = [MinValueValidator(2000), MaxValueValidator(2100)]
# A status field's value when the tilbud had no imported forbrug for the year:
# nothing is booked (budgets.services.efterregulering).
UDEN_FORBRUG = "uden_forbrug"


class Efterregulering(models.Model):
    tilbud = models.ForeignKey(
        Tilbud, on_delete=models.CASCADE, related_name="efterreguleringer"
    )
    aar = models.PositiveSmallIntegerField("lukket år", validators=AAR)
    takstfinansieret = models.DecimalField(
        "takstfinansieret (kr.)", max_digits=14, decimal_places=2
    )
    realiseret = models.DecimalField(
        "realiseret (kr.)", max_digits=14, decimal_places=2
    )
    baand_procent = models.DecimalField(
        "bånd (% af takstgrundlaget)", max_digits=5, decimal_places=2
    )
    til_ramme = models.DecimalField("til rammen (kr.)", max_digits=14, decimal_places=2)
    ramme_aar = models.PositiveSmallIntegerField("rammens år", validators=AAR)
    ramme_bogfoert = models.BooleanField("bogført i rammen", default=False)
    # The later years' status when the year was lukket (Budgetstatus values,
    # or UDEN_FORBRUG): why a part was left pending.
    ramme_status = models.CharField("rammeårets status ved lukning", max_length=12)
    til_takst = models.DecimalField(
        "til taksten (kr.)", max_digits=14, decimal_places=2
    )
    takst_aar = models.PositiveSmallIntegerField("takstens år", validators=AAR)
    takst_bogfoert = models.BooleanField("bogført i taksten", default=False)
    takst_status = models.CharField("takstårets status ved lukning", max_length=12)
    history = HistoricalRecords()

    class Meta:
        ordering = ["tilbud", "aar"]
        verbose_name = "efterregulering"
        verbose_name_plural = "efterreguleringer"
        constraints = [
            models.UniqueConstraint(
                fields=["tilbud", "aar"], name="efterregulering_en_pr_tilbud_aar"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tilbud} efterregulering af {self.aar}"

    def status_ved_lukning(self, aar: int) -> str:
        """The status ``aar`` (the frame's or the takst's year) had when this
        year was lukket."""
        return self.ramme_status if aar == self.ramme_aar else self.takst_status
