"""The "faktureret" mark of a month's settlement with one municipality (issue 18 #1).

A month's settlement is computed on read (budgets.selectors.afregning) until the
kommune's month is marked invoiced: then its lines are stored with the mark
(AfregningFaktureretLinje), in the same transaction, and the statement of that
month shows them ever after (an invoiced month never moves). Who marked it, and
when, is kept with its history (a mark taken back is a deleted row in the
history). Imported by budgets.models so that Django finds the models.
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


class AfregningFaktureretLinje(models.Model):
    """One invoiced line, as it stood when the month was marked faktureret.

    An ordinary line (``reguleret_aar`` empty) is one borger × one stretch of
    days at one døgntakst (engine.afregning.Afregningslinje). An efterregulering
    line (``reguleret_aar``/``reguleret_maaned`` set) is the difference of an
    earlier invoiced month for one borger, invoiced with this month; it has no
    days. Tilbud and ophold are kept as ids and text, not foreign keys: an
    invoiced figure stays what it was whatever happens to the rows it came from.
    """

    faktureret = models.ForeignKey(
        AfregningFaktureret,
        on_delete=models.CASCADE,
        related_name="linjer",
        verbose_name="faktureret måned",
    )
    tilbud_ref = models.PositiveBigIntegerField("tilbud (id)")
    tilbud_navn = models.CharField("tilbud", max_length=200)
    ophold_ref = models.PositiveBigIntegerField("ophold (id)")
    borger = models.CharField("borger (maskeret)", max_length=250)
    fra = models.DateField("fra", null=True, blank=True)
    til = models.DateField("til", null=True, blank=True)
    niveau_kode = models.CharField("takstniveau", max_length=20, blank=True)
    saertakst_timer = models.DecimalField(
        "særtakst, timer pr. døgn",
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
    )
    dage = models.PositiveIntegerField("døgn", default=0)
    # Issue 17: a tillægstakst's own line carries its reason; a dagtilbud's
    # line counts weekdays (Afregningslinje.tillaeg, .hverdage).
    tillaeg = models.CharField("tillægstakst", max_length=500, blank=True)
    hverdage = models.BooleanField("hverdage", default=False)
    basistakst = models.DecimalField(
        "basistakst", max_digits=12, decimal_places=2, default=0
    )
    servicetakst = models.DecimalField(
        "servicetakst", max_digits=12, decimal_places=2, default=0
    )
    # Issue 18 #3: a closed year's resultat in the takst, per døgn
    # (Afregningslinje.efterregulering_pr_doegn).
    efterregulering_pr_doegn = models.DecimalField(
        "efterregulering pr. døgn", max_digits=12, decimal_places=2, default=0
    )
    beloeb = models.DecimalField("beløb (kr.)", max_digits=14, decimal_places=2)
    reguleret_aar = models.PositiveSmallIntegerField(
        "efterregulering af år", null=True, blank=True
    )
    reguleret_maaned = models.PositiveSmallIntegerField(
        "efterregulering af måned", null=True, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["faktureret", "pk"]
        verbose_name = "faktureret afregningslinje"
        verbose_name_plural = "fakturerede afregningslinjer"
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(reguleret_aar__isnull=True, reguleret_maaned__isnull=True)
                    | models.Q(
                        reguleret_aar__isnull=False,
                        reguleret_maaned__gte=1,
                        reguleret_maaned__lte=12,
                    )
                ),
                name="afregning_linje_reguleret_maaned",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.faktureret}: {self.tilbud_navn}, {self.beloeb} kr."

    @property
    def er_efterregulering(self) -> bool:
        return self.reguleret_aar is not None
