"""Budget years, frames (fixed costs), ramme forudsætninger and actuals.

See DOMAIN.md §4, §6 and §7.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from config.lib.formatting import format_tal
from offers.models import (
    GENNEMSNITSTAKST_HJAELP,
    Tilbud,
    Tildelingsprincip,
    dagsprisfelter,
)


class FastUdgiftKategori(models.TextChoices):
    LEDELSE = "ledelse", "Ledelse"
    ADMINISTRATION = "administration", "Administration"
    BYGNINGSDRIFT = "bygningsdrift", "Bygningsdrift/vedligehold"
    NATTEVAGT = "nattevagt", "Nattevagt"
    UDDANNELSE = "uddannelse", "Uddannelse"
    OEVRIGE = "oevrige", "Øvrige faste udgifter"


class Forbrugsart(models.TextChoices):
    LOEN = "loen", "Løn"
    DRIFT = "drift", "Drift"
    INDTAEGT = "indtaegt", "Indtægt"


class Budgetstatus(models.TextChoices):
    """Issue 13 #2: a budget year's state; it only moves forward."""

    FORSLAG = "forslag", "Forslag"
    VEDTAGET = "vedtaget", "Vedtaget"
    LUKKET = "lukket", "Lukket"


# Derived figures are stored as wide as the engine can compute them: a timepris
# at the inputs' limits (årsløn 10^10 kr., årsnorm 0,01 t) gives ~10^16 kr. per
# borger and year, and a stored figure may never fail the write that made it.
DERIVERET_CIFRE = 24


class Budgetaar(models.Model):
    """A budget year and its state (issue 13 #2).

    ``forslag``: every figure is computed live. ``vedtaget``: the oprindeligt
    budget of every tilbud is stored month by month (VedtagetBudget) and never
    recomputed; ``vedtaget`` is the day, and what is registered after it is a
    ledger entry. ``lukket``: after the accounts, nothing that changes the year's
    figures may be written.
    """

    aar = models.PositiveSmallIntegerField(
        "budgetår",
        unique=True,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
    )
    status = models.CharField(
        "status",
        max_length=10,
        choices=Budgetstatus.choices,
        default=Budgetstatus.FORSLAG,
    )
    vedtaget = models.DateField("vedtaget den", null=True, blank=True)
    lukket = models.DateField("lukket den", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-aar"]
        verbose_name = "budgetår"
        verbose_name_plural = "budgetår"

    def __str__(self) -> str:
        return str(self.aar)

    @property
    def laast(self) -> bool:
        """Lukket: nothing that changes the year's figures may be written."""
        return self.status == Budgetstatus.LUKKET

    @property
    def er_vedtaget(self) -> bool:
        """Vedtaget or lukket: the oprindeligt budget is stored."""
        return self.status in (Budgetstatus.VEDTAGET, Budgetstatus.LUKKET)


class VedtagetBudget(models.Model):
    """One month of a tilbud's oprindeligt budget as adopted (issue 13 #2).

    Written once, when the year is vedtaget, and never changed or recomputed:
    the adopted budget is by definition the one the council adopted. Amounts are
    the engine's monthly figures rounded to øre when stored (a storage rule, in
    budgets.selectors.budgetaar.oprindeligt_til_vedtagelse with round_to_oere,
    so the total shown before vedtag is the one stored): a figure that was
    adopted is a figure in kroner and øre.
    """

    tilbud = models.ForeignKey(Tilbud, on_delete=models.PROTECT, related_name="+")
    budgetaar = models.ForeignKey(
        Budgetaar, on_delete=models.PROTECT, related_name="vedtagne_budgetter"
    )
    maaned = models.PositiveSmallIntegerField(
        "måned", validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    fast = models.DecimalField(
        "fast budget (kr.)", max_digits=DERIVERET_CIFRE, decimal_places=2
    )
    aktivitet = models.DecimalField(
        "aktivitetsbudget (kr.)", max_digits=DERIVERET_CIFRE, decimal_places=2
    )
    overkapacitet = models.DecimalField(
        "overkapacitetstillæg (kr.)", max_digits=DERIVERET_CIFRE, decimal_places=2
    )

    class Meta:
        ordering = ["tilbud", "budgetaar", "maaned"]
        verbose_name = "vedtaget budget (måned)"
        verbose_name_plural = "vedtagne budgetter (måneder)"
        constraints = [
            models.UniqueConstraint(
                fields=["tilbud", "budgetaar", "maaned"], name="vedtaget_budget_unik"
            ),
            models.CheckConstraint(
                condition=Q(maaned__gte=1, maaned__lte=12),
                name="vedtaget_budget_maaned_1_12",
            ),
        ]

    def __str__(self) -> str:
        return f"Vedtaget {self.tilbud} {self.budgetaar}-{self.maaned:02d}"


# The settings a tilbud has per budget year (TilbudAar); on Tilbud they are the
# settings of the years that have no row of their own.
AARSFELTER = (
    "pladser",
    "tildelingsprincip",
    "forudsat_belaegning",
    "reguleringsandel",
    "gennemsnitstakst",
    "dagspris",
    "dagspris_enhed",
    "dagsgrundlag",
    "dimensioneret_til",
)


TIMEPRISMODEL_ANDET_AAR = (
    "Timeprismodellen «{navn}» gælder {model_aar}; vælg en timeprismodel for {aar}."
)
TIMEPRISMODEL_HJAELP = (
    "Tom: takstmodellens timeprismodel. Valgt: tilbuddets servicetakster regnes "
    "med denne timeprismodels timepris (fx bostøtte med transporttid)."
)


class TilbudAar(models.Model):
    """A tilbud's budget settings for one budget year (issue 13 #1).

    Pladser, tildelingsprincip, forudsat belægning, reguleringsandel,
    gennemsnitstakst and the dagspris fields (issue 17) are read from here for
    the year, so changing them for one year never moves another.
    A year without its own row (a year created after the tilbud was last saved)
    uses the values on the Tilbud itself: those are the settings for new years,
    and budgets.services.tilbud_save keeps every year that is not låst in step
    with them.
    """

    tilbud = models.ForeignKey(
        Tilbud, on_delete=models.CASCADE, related_name="aarsindstillinger"
    )
    budgetaar = models.ForeignKey(Budgetaar, on_delete=models.PROTECT, related_name="+")
    # The validator gives a field error; the constraint alone names no field.
    pladser = models.PositiveIntegerField("pladser", validators=[MinValueValidator(1)])
    tildelingsprincip = models.CharField(
        "tildelingsprincip", max_length=12, choices=Tildelingsprincip.choices
    )
    forudsat_belaegning = models.DecimalField(
        "forudsat belægning (%)",
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    reguleringsandel = models.DecimalField(
        "reguleringsandel (%)",
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=(
            "Kun for aktivitet: hvor stor en del af afvigelsen fra forudsat "
            "belægning, der reguleres."
        ),
    )
    gennemsnitstakst = models.DecimalField(
        "gennemsnitstakst (servicedel kr. pr. døgn)",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=GENNEMSNITSTAKST_HJAELP,
    )
    # Issue 17: STU and dagtilbud priced per day (budgets.engine.dagspris).
    dagspris, dagspris_enhed, dagsgrundlag, dimensioneret_til = dagsprisfelter()
    # Issue 17: the tilbud's own timeprismodel for the year (bostøtte § 85 with
    # its transport time, STU, dagtilbud); empty: the takstmodel's. Of this year
    # only (budgets.services.tilbud_aar_save refuses another year's), so it is
    # not one of AARSFELTER: a new year never inherits it.
    timeprismodel = models.ForeignKey(
        "tariffs.Timeprismodel",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tilbud_aar",
        verbose_name="timeprismodel",
        help_text=TIMEPRISMODEL_HJAELP,
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["tilbud", "budgetaar"]
        verbose_name = "tilbuddets indstillinger for et budgetår"
        verbose_name_plural = "tilbuddenes indstillinger pr. budgetår"
        constraints = [
            models.UniqueConstraint(
                fields=["tilbud", "budgetaar"], name="tilbud_aar_unik"
            ),
            models.CheckConstraint(
                condition=Q(pladser__gt=0), name="tilbud_aar_pladser_positive"
            ),
            models.CheckConstraint(
                condition=Q(forudsat_belaegning__gt=0, forudsat_belaegning__lte=100),
                name="tilbud_aar_belaegning_procent",
            ),
            models.CheckConstraint(
                condition=Q(reguleringsandel__gte=0, reguleringsandel__lte=100),
                name="tilbud_aar_reguleringsandel_procent",
            ),
            models.CheckConstraint(
                condition=Q(gennemsnitstakst__isnull=True) | Q(gennemsnitstakst__gte=0),
                name="tilbud_aar_gennemsnitstakst_ikke_negativ",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tilbud} {self.budgetaar}"

    def clean(self) -> None:
        """Issue 17: the timeprismodel is one of the year's (the admin's check;
        budgets.services checks the same)."""
        tp, aar = self.timeprismodel, self.budgetaar_id and self.budgetaar.aar
        if tp is not None and aar and tp.aar != aar:
            besked = TIMEPRISMODEL_ANDET_AAR.format(
                navn=tp.navn, model_aar=tp.aar, aar=aar
            )
            raise ValidationError({"timeprismodel": besked})


class FastUdgift(models.Model):
    """One line of a tilbud's budgetramme: the fixed costs behind the basistakst."""

    tilbud = models.ForeignKey(
        Tilbud, on_delete=models.CASCADE, related_name="faste_udgifter"
    )
    budgetaar = models.ForeignKey(Budgetaar, on_delete=models.PROTECT, related_name="+")
    kategori = models.CharField(
        "kategori", max_length=20, choices=FastUdgiftKategori.choices
    )
    beloeb = models.DecimalField("beløb (kr.)", max_digits=12, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        ordering = ["tilbud", "budgetaar", "kategori"]
        verbose_name = "fast udgift"
        verbose_name_plural = "faste udgifter"
        constraints = [
            models.UniqueConstraint(
                fields=["tilbud", "budgetaar", "kategori"], name="fast_udgift_unik"
            ),
            models.CheckConstraint(
                condition=Q(beloeb__gte=0), name="fast_udgift_ikke_negativ"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tilbud} {self.budgetaar} {self.get_kategori_display()}"


class Rammeforudsaetning(models.Model):
    """For `ramme` tilbud: the frame and what it assumes (DOMAIN.md §6)."""

    tilbud = models.ForeignKey(Tilbud, on_delete=models.CASCADE, related_name="rammer")
    budgetaar = models.ForeignKey(Budgetaar, on_delete=models.PROTECT, related_name="+")
    rammebeloeb = models.DecimalField(
        "rammebeløb (kr.)", max_digits=12, decimal_places=2
    )
    dimensioneret_pladser = models.PositiveIntegerField("dimensioneret til pladser")
    tillaeg_pr_borger_pr_maaned = models.DecimalField(
        "tillæg pr. borger over rammen pr. måned",
        max_digits=12,
        decimal_places=2,
        default=0,
    )
    forventede_borgere = models.DecimalField(
        "forventede borgere", max_digits=7, decimal_places=2
    )
    timer_pr_borger_pr_doegn = models.DecimalField(
        "forventede timer pr. borger pr. døgn", max_digits=6, decimal_places=2
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "rammeforudsætning"
        verbose_name_plural = "rammeforudsætninger"
        constraints = [
            models.UniqueConstraint(fields=["tilbud", "budgetaar"], name="ramme_unik"),
            models.CheckConstraint(
                condition=Q(rammebeloeb__gte=0), name="ramme_ikke_negativ"
            ),
        ]

    def __str__(self) -> str:
        return f"Ramme {self.tilbud} {self.budgetaar}"


class Forbrug(models.Model):
    """Actuals for one month, imported from the finance system."""

    tilbud = models.ForeignKey(Tilbud, on_delete=models.CASCADE, related_name="forbrug")
    budgetaar = models.ForeignKey(Budgetaar, on_delete=models.PROTECT, related_name="+")
    maaned = models.PositiveSmallIntegerField(
        "måned", validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    art = models.CharField("art", max_length=12, choices=Forbrugsart.choices)
    beloeb = models.DecimalField("beløb (kr.)", max_digits=12, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        ordering = ["tilbud", "budgetaar", "maaned", "art"]
        verbose_name = "forbrug"
        verbose_name_plural = "forbrug"
        constraints = [
            models.UniqueConstraint(
                fields=["tilbud", "budgetaar", "maaned", "art"], name="forbrug_unik"
            ),
            models.CheckConstraint(
                condition=Q(maaned__gte=1, maaned__lte=12), name="forbrug_maaned_1_12"
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.tilbud} {self.budgetaar}-{self.maaned:02d} {self.get_art_display()}"
        )


class LeveretTid(models.Model):
    """Issue 17: the hours of bostøtte § 85 a borger got in a tilbud in a month,
    imported from the planning system (budgets.imports.leveret_tid).

    Followed up against the visiterede hours (budgets.engine.bostoette). Keyed by
    borger and tilbud, not ophold: the planning system knows the person and the
    team, and a month may span two stays. A re-import replaces the month's hours
    of the borgere and tilbud in the file, nothing else.
    """

    borger = models.ForeignKey(
        "offers.Borger", on_delete=models.PROTECT, related_name="leveret_tid"
    )
    tilbud = models.ForeignKey(
        Tilbud, on_delete=models.PROTECT, related_name="leveret_tid"
    )
    aar = models.PositiveSmallIntegerField(
        "år", validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    maaned = models.PositiveSmallIntegerField(
        "måned", validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    timer = models.DecimalField(
        "leverede timer",
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(744)],
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["tilbud", "aar", "maaned", "borger"]
        verbose_name = "leveret tid (bostøtte)"
        verbose_name_plural = "leveret tid (bostøtte)"
        constraints = [
            models.UniqueConstraint(
                fields=["borger", "tilbud", "aar", "maaned"], name="leveret_tid_unik"
            ),
            models.CheckConstraint(
                condition=Q(maaned__gte=1, maaned__lte=12),
                name="leveret_tid_maaned_1_12",
            ),
            models.CheckConstraint(
                condition=Q(timer__gte=0), name="leveret_tid_timer_ikke_negativ"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tilbud} {self.aar}-{self.maaned:02d}: {self.timer} t"


class Kommentar(models.Model):
    """A tilbudsleder's comment on a month's deviation, kept with author and time."""

    tilbud = models.ForeignKey(
        Tilbud, on_delete=models.CASCADE, related_name="kommentarer"
    )
    budgetaar = models.ForeignKey(Budgetaar, on_delete=models.PROTECT, related_name="+")
    maaned = models.PositiveSmallIntegerField(
        "måned", validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    tekst = models.TextField("kommentar", max_length=2000)
    forfatter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    oprettet = models.DateTimeField("oprettet", auto_now_add=True)

    class Meta:
        ordering = ["-oprettet"]
        verbose_name = "kommentar"
        verbose_name_plural = "kommentarer"

    def __str__(self) -> str:
        return f"Kommentar til {self.tilbud} {self.budgetaar}-{self.maaned:02d}"


class Importtype(models.TextChoices):
    FORBRUG = "forbrug", "Forbrug fra økonomisystemet"
    HAENDELSER = "haendelser", "Tilgang, afgang og indplacering fra fagsystemet"
    TAKSTER = "takster", "Takstmodel og timeprismodel (Excel)"
    LEVERET_TID = "leveret_tid", "Leveret tid i bostøtte fra planlægningssystemet"


class Importstatus(models.TextChoices):
    VENTER = "venter", "Venter"
    VALIDERER = "validerer", "Kontrollerer rækkerne"
    AFVENTER_GODKENDELSE = "afventer_godkendelse", "Afventer din godkendelse"
    GODKENDT = "godkendt", "Godkendt, venter på at blive gemt"
    GEMMER = "gemmer", "Gemmer"
    FAERDIG = "faerdig", "Færdig"
    AFVIST = "afvist", "Afvist"
    ANNULLERET = "annulleret", "Annulleret"


class Importjob(models.Model):
    """One uploaded file and its run: progress and errors survive leaving the page.

    The file is kept in the row so a worker on another machine can read it, and
    only while the job is alive: it may hold CPRs, so it is emptied when the job
    ends (budgets.imports.runner.tom_filen, and the minutely sweep). An
    import with a preview (forbrug) stops at "afventer_godkendelse" with what each
    row would change in ``forhaandsvisning``; nothing is written until the user
    confirms (``godkendt``), and the write is then validated and compared again.
    """

    type = models.CharField("type", max_length=12, choices=Importtype.choices)
    status = models.CharField(
        "status",
        max_length=24,
        choices=Importstatus.choices,
        default=Importstatus.VENTER,
    )
    filnavn = models.CharField("filnavn", max_length=255)
    indhold = models.BinaryField("indhold")
    rows_total = models.PositiveIntegerField("rækker i alt", default=0)
    rows_done = models.PositiveIntegerField("rækker behandlet", default=0)
    errors = models.JSONField("fejl", default=list, blank=True)
    resultat = models.JSONField("resultat", default=dict, blank=True)
    # What the confirmed write will do, row by row: shown to the user, and compared
    # with the data again at the write (changed since: refused). Not a figure cache.
    forhaandsvisning = models.JSONField("forhåndsvisning", default=dict, blank=True)
    godkendt = models.DateTimeField("godkendt", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created = models.DateTimeField("oprettet", auto_now_add=True)
    finished = models.DateTimeField("afsluttet", null=True, blank=True)

    class Meta:
        ordering = ["-created"]
        verbose_name = "importjob"
        verbose_name_plural = "importjobs"

    def __str__(self) -> str:
        return f"Import {self.get_type_display()}: {self.filnavn}"

    def get_absolute_url(self) -> str:
        return reverse("imports:detail", args=[self.pk])

    @property
    def afsluttet(self) -> bool:
        return self.status in (
            Importstatus.FAERDIG,
            Importstatus.AFVIST,
            Importstatus.ANNULLERET,
        )

    @property
    def afventer_godkendelse(self) -> bool:
        return self.status == Importstatus.AFVENTER_GODKENDELSE

    @property
    def opsummering(self) -> str:
        """A rejected file in one line: how many of its lines are wrong. The
        import is all or nothing, so nothing of it is stored."""
        if self.status != Importstatus.AFVIST:
            return ""
        linjer = self.resultat.get("linjer_med_fejl")
        if linjer is None:
            return "Filen er afvist; intet er indlæst."
        return (
            f"{format_tal(linjer, 0)} af {format_tal(self.rows_total, 0)} linjer "
            "har fejl; intet er indlæst."
        )


class Maanedstal(models.Model):
    """One month of one tilbud's budget figures in a year (issue 13 #5).

    Every figure of the central budgetmodel (DOMAIN.md §7) that does not depend
    on the day it is read, split by month so that a year is a SUM … GROUP BY:
    the engine's monthly budget (TilbudBudget), the income of the month's sold
    days, and head counts. ``borgere_nye`` counts the borgere whose first day in
    the tilbud that year lies in the month, so the months sum to the year's
    borgere; ``borgerdage`` are the month's days lived in the tilbud.

    Written by budgets.services.maanedstal in the transaction of the event that
    changes it, for the tilbud it changes. ``version`` is the year's version of
    the shared inputs (MaanedstalAar) and ``motorversion`` the engine's
    (budgets.engine.MOTORVERSION) when computed: a row of an older version of
    either is old and never read as current. Derived data: it keeps no history.
    """

    tilbud = models.ForeignKey(Tilbud, on_delete=models.CASCADE, related_name="+")
    aar = models.PositiveSmallIntegerField("år")
    maaned = models.PositiveSmallIntegerField(
        "måned", validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    version = models.PositiveIntegerField("version af de fælles data")
    motorversion = models.PositiveIntegerField("motorversion")
    fast = models.DecimalField(
        "fast budget", max_digits=DERIVERET_CIFRE, decimal_places=2
    )
    fast_oprindeligt = models.DecimalField(
        "fast budget oprindeligt", max_digits=DERIVERET_CIFRE, decimal_places=2
    )
    aktivitet_oprindeligt = models.DecimalField(
        "aktivitet oprindeligt", max_digits=DERIVERET_CIFRE, decimal_places=2
    )
    aktivitet_korrigeret = models.DecimalField(
        "aktivitet korrigeret", max_digits=DERIVERET_CIFRE, decimal_places=2
    )
    overkapacitet_oprindeligt = models.DecimalField(
        "overkapacitet oprindeligt", max_digits=DERIVERET_CIFRE, decimal_places=2
    )
    overkapacitet_korrigeret = models.DecimalField(
        "overkapacitet korrigeret", max_digits=DERIVERET_CIFRE, decimal_places=2
    )
    forudsat_aktivitet = models.DecimalField(
        "forudsat aktivitet", max_digits=DERIVERET_CIFRE, decimal_places=2
    )
    faktisk_aktivitet = models.DecimalField(
        "faktisk aktivitet", max_digits=DERIVERET_CIFRE, decimal_places=2
    )
    service_korrigeret = models.DecimalField(
        "servicetakstdel, korrigeret", max_digits=DERIVERET_CIFRE, decimal_places=2
    )
    indtaegt_salg = models.DecimalField(
        "indtægt af solgte pladser", max_digits=DERIVERET_CIFRE, decimal_places=2
    )
    borgere_nye = models.PositiveIntegerField("borgere, første dag i året")
    borgerdage = models.PositiveIntegerField("borgerdage")
    borgere_ultimo = models.PositiveIntegerField("borgere ultimo")
    tilgange = models.PositiveIntegerField("tilgange")
    afgange = models.PositiveIntegerField("afgange")
    beregnet = models.DateTimeField("beregnet", auto_now=True)

    class Meta:
        verbose_name = "månedstal"
        verbose_name_plural = "månedstal"
        constraints = [
            models.UniqueConstraint(
                fields=["tilbud", "aar", "maaned"], name="maanedstal_unik"
            ),
            models.CheckConstraint(
                condition=Q(maaned__gte=1, maaned__lte=12),
                name="maanedstal_maaned_1_12",
            ),
        ]
        # The central model reads a whole year (every tilbud) at once.
        indexes = [models.Index(fields=["aar", "tilbud", "maaned"])]

    def __str__(self) -> str:
        return f"{self.tilbud} {self.aar}-{self.maaned:02d}"


class MaanedstalAar(models.Model):
    """Where one year's stored monthly figures stand (issue 13 #5).

    ``version`` is raised in the transaction that changes an input every tilbud
    shares in the year (takstmodel, takstniveauer, timepris): from its commit,
    every row computed before is old. A Celery job then recomputes every tilbud
    (budgets.services.maanedstal.genberegn); ``beregnet`` of ``i_alt`` tilbud is
    its progress, and ``faerdig_version`` the version the last finished job
    computed. While ``faerdig_version`` < ``version`` the year is being
    recomputed. Derived data: it keeps no history.
    """

    aar = models.PositiveSmallIntegerField("år", unique=True)
    version = models.PositiveIntegerField("version", default=0)
    faerdig_version = models.PositiveIntegerField("færdigberegnet version", default=0)
    i_alt = models.PositiveIntegerField("tilbud i alt", default=0)
    beregnet = models.PositiveIntegerField("tilbud beregnet", default=0)
    opdateret = models.DateTimeField("opdateret", auto_now=True)

    class Meta:
        ordering = ["-aar"]
        verbose_name = "månedstal for et år"
        verbose_name_plural = "månedstal pr. år"

    def __str__(self) -> str:
        return f"Månedstal {self.aar} (version {self.version})"

    @property
    def genberegnes(self) -> bool:
        return self.faerdig_version < self.version


# Issue 16 #1 and 18 #1, #3; at the end so that the module's own models are defined
# first.
from budgets.models_afregning import (  # noqa: E402, F401
    AfregningFaktureret,
    AfregningFaktureretLinje,
)
from budgets.models_efterregulering import Efterregulering  # noqa: E402, F401
from budgets.models_scenarie import (  # noqa: E402, F401
    Aendringsart,
    Scenarieaendring,
    Scenariegrundlag,
    Scenario,
)
