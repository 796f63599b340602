"""The "faktureret" mark of a month's settlement with one municipality (issue 18 #1).

The settlement itself is computed on read (budgets.selectors.afregning) and stored
nowhere; only who marked which kommune's month as invoiced, and when, is kept,
with its history (a mark taken back is a deleted row in the history). Imported
by budgets.models so that Django finds the model.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from offers.models import kommunekode_validator


class AfregningFaktureret(models.Model):
    kommunekode = models.CharField(
        "kommunekode", max_length=3, validators=[kommunekode_validator]
    )
    aar = models.PositiveSmallIntegerField(
        "år", validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    maaned = models.PositiveSmallIntegerField(
        "måned", validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    faktureret_af = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="markeret af",
    )
    faktureret = models.DateTimeField("markeret faktureret")
    history = HistoricalRecords()

    class Meta:
        ordering = ["aar", "maaned", "kommunekode"]
        verbose_name = "faktureret afregning"
        verbose_name_plural = "fakturerede afregninger"
        constraints = [
            models.UniqueConstraint(
                fields=["kommunekode", "aar", "maaned"],
                name="afregning_faktureret_en_pr_kommune_maaned",
            ),
            models.CheckConstraint(
                condition=models.Q(maaned__gte=1, maaned__lte=12),
                name="afregning_faktureret_maaned_1_12",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kommunekode} {self.maaned:02d}.{self.aar}"
