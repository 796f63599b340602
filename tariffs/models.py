"""Timeprismodel and takstmodel per budget year (DOMAIN.md §2-§3)."""

import functools
import operator

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from config.lib.datoer import valider_dato
from tariffs import engine

TAKSTGIVENDE_KRAEVES = (
    "Et niveau, der ikke er en særtakst, skal have takstgivende timer."
)


class Enhed(models.TextChoices):
    TIMER_PR_DOEGN = "timer_pr_doegn", "Timer pr. døgn"
    MINUTTER_PR_DOEGN = "minutter_pr_doegn", "Minutter pr. døgn"
    TIMER_PR_UGE = "timer_pr_uge", "Timer pr. uge"


class FravaerKategori(models.TextChoices):
    FERIE = "ferie", "Ferie"
    FERIEFRIDAGE = "feriefridage", "6. ferieuge/feriefridage"
    HELLIGDAGE = "helligdage", "Helligdage"
    OMSORGSDAGE = "omsorgsdage", "Omsorgsdage"
    SENIORDAGE = "seniordage", "Seniordage"
    EGEN_SYGDOM = "egen_sygdom", "Egen sygdom"
    BARNS_SYGDOM = "barns_sygdom", "Barns sygdom"


class TidsanvendelseKategori(models.TextChoices):
    PAUSER = "pauser", "Pauser"
    TR_AMR = "tr_amr", "TR- og AMR-opgaver"
    PERSONALEMOEDER = "personalemoeder", "Personalemøder"
    MUS = "mus", "MUS"
    FORBEREDELSE = "forberedelse", "Forberedelse, planlægning og sparring"
    DOKUMENTATION = "dokumentation", "Dokumentation"
    SUPERVISION = "supervision", "Supervision"
    UDDANNELSE = "uddannelse", "Uddannelse"
    MOEDER_OM_BORGEREN = "moeder_om_borgeren", "Møder om borgeren"
    TRANSPORT = "transport", "Transport"


class VumTema(models.Model):
    """VUM 2.0 theme (KL's Fælles Faglige Begreber), reference data."""

    kode = models.SlugField("kode", max_length=40, unique=True)
    navn = models.CharField("navn", max_length=80)
    gruppe = models.CharField("gruppe", max_length=80)
    raekkefoelge = models.PositiveSmallIntegerField("rækkefølge", default=0)

    class Meta:
        ordering = ["raekkefoelge"]
        verbose_name = "VUM-tema"
        verbose_name_plural = "VUM-temaer"

    def __str__(self) -> str:
        return self.navn


class Timeprismodel(models.Model):
    aar = models.PositiveSmallIntegerField("budgetår")
    navn = models.CharField("navn", max_length=120)
    aarsloen = models.DecimalField(
        "årsløn inkl. pension", max_digits=12, decimal_places=2
    )
    aarsnorm_timer = models.DecimalField(
        "årsnorm (timer)", max_digits=8, decimal_places=2, default=1924
    )
    # Issue 17: ekstratimer (a tillægstakst in hours) at their own timepris.
    ekstratimer_direkte_procent = models.DecimalField(
        "direkte tid i ekstratimer (% af fremmøde)",
        max_digits=6,
        decimal_places=3,
        null=True,
        blank=True,
        help_text="Tom: ekstratimer koster den almindelige timepris for direkte "
        "tid. Udfyldt: timepris for ekstratimer = årsløn ÷ (fremmøde × procent "
        "÷ 100).",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-aar", "navn"]
        verbose_name = "timeprismodel"
        verbose_name_plural = "timeprismodeller"
        constraints = [
            models.UniqueConstraint(
                fields=["aar", "navn"], name="timeprismodel_aar_navn"
            ),
            models.CheckConstraint(
                condition=Q(aarsloen__gt=0), name="timeprismodel_loen_pos"
            ),
            models.CheckConstraint(
                condition=Q(aarsnorm_timer__gt=0), name="timeprismodel_norm_pos"
            ),
            models.CheckConstraint(
                condition=Q(ekstratimer_direkte_procent__isnull=True)
                | Q(
                    ekstratimer_direkte_procent__gt=0,
                    ekstratimer_direkte_procent__lte=100,
                ),
                name="timeprismodel_ekstratimer_procent",
                violation_error_message=engine.EKSTRATIMER_PROCENT_FEJL,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.navn} ({self.aar})"


class _Timeprislinje(models.Model):
    """A line given either as hours per year or as a percentage (never both)."""

    timer = models.DecimalField(
        "timer pr. år", max_digits=9, decimal_places=3, null=True, blank=True
    )
    procent = models.DecimalField(
        "procent", max_digits=6, decimal_places=3, null=True, blank=True
    )

    class Meta:
        abstract = True

    @staticmethod
    def one_of_constraint(prefix: str) -> models.CheckConstraint:
        return models.CheckConstraint(
            condition=(Q(timer__isnull=False, procent__isnull=True, timer__gte=0))
            | (
                Q(
                    timer__isnull=True,
                    procent__isnull=False,
                    procent__gte=0,
                    procent__lt=100,
                )
            ),
            name=f"{prefix}_timer_xor_procent",
        )


def _netop_en(**felter: Q) -> Q:
    """Exactly one of the fields is set, and it meets its own condition."""
    dele = []
    for navn, betingelse in felter.items():
        andre = {f"{andet}__isnull": True for andet in felter if andet != navn}
        dele.append(Q(**{f"{navn}__isnull": False}, **andre) & betingelse)
    return functools.reduce(operator.or_, dele)


class Fravaerslinje(_Timeprislinje):
    """Absence; procent is of the yearly norm (DOMAIN.md §2)."""

    timeprismodel = models.ForeignKey(
        Timeprismodel, on_delete=models.CASCADE, related_name="fravaer"
    )
    kategori = models.CharField(
        "kategori", max_length=30, choices=FravaerKategori.choices
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "fraværslinje"
        verbose_name_plural = "fraværslinjer"
        constraints = [
            models.UniqueConstraint(
                fields=["timeprismodel", "kategori"], name="fravaer_kategori_unik"
            ),
            _Timeprislinje.one_of_constraint("fravaer"),
        ]

    def __str__(self) -> str:
        return self.get_kategori_display()


class Tidsanvendelseslinje(_Timeprislinje):
    """Attendance away from the borger; procent is of the attendance (DOMAIN.md §2).

    Issue 17: as the sources give it, also % of the norm or hours per
    fremmødeuge/-dag (tariffs.engine.Linje converts each to hours per year).
    """

    timeprismodel = models.ForeignKey(
        Timeprismodel, on_delete=models.CASCADE, related_name="tidsanvendelse"
    )
    kategori = models.CharField(
        "kategori", max_length=30, choices=TidsanvendelseKategori.choices
    )
    procent_aarsnorm = models.DecimalField(
        "procent af årsnormen", max_digits=6, decimal_places=3, null=True, blank=True
    )
    timer_pr_uge = models.DecimalField(
        "timer pr. fremmødeuge", max_digits=6, decimal_places=3, null=True, blank=True
    )
    timer_pr_dag = models.DecimalField(
        "timer pr. fremmødedag", max_digits=6, decimal_places=3, null=True, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "tidsanvendelseslinje"
        verbose_name_plural = "tidsanvendelseslinjer"
        constraints = [
            models.UniqueConstraint(
                fields=["timeprismodel", "kategori"],
                name="tidsanvendelse_kategori_unik",
            ),
            models.CheckConstraint(
                condition=_netop_en(
                    timer=Q(timer__gte=0),
                    procent=Q(procent__gte=0, procent__lt=100),
                    procent_aarsnorm=Q(
                        procent_aarsnorm__gte=0, procent_aarsnorm__lt=100
                    ),
                    timer_pr_uge=Q(timer_pr_uge__gte=0),
                    timer_pr_dag=Q(timer_pr_dag__gte=0),
                ),
                name="tidsanvendelse_netop_en_form",
            ),
        ]

    def __str__(self) -> str:
        return self.get_kategori_display()


class LoenpostKategori(models.TextChoices):
    VIKAR = "vikar", "Vikar"
    DAGPENGEREFUSION = "dagpengerefusion", "Dagpengerefusion"
    FERIEUGE_UDBETALT = "ferieuge_udbetalt", "6. ferieuge udbetalt"


class Loenpost(models.Model):
    """A salary item added to the årsløn (issue 17): dagpengerefusion is negative."""

    timeprismodel = models.ForeignKey(
        Timeprismodel, on_delete=models.CASCADE, related_name="loenposter"
    )
    kategori = models.CharField(
        "kategori", max_length=30, choices=LoenpostKategori.choices
    )
    beloeb = models.DecimalField("beløb (kr.)", max_digits=12, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "lønpost"
        verbose_name_plural = "lønposter"
        constraints = [
            models.UniqueConstraint(
                fields=["timeprismodel", "kategori"], name="loenpost_kategori_unik"
            ),
            models.CheckConstraint(
                condition=Q(kategori=LoenpostKategori.DAGPENGEREFUSION, beloeb__lte=0)
                | (~Q(kategori=LoenpostKategori.DAGPENGEREFUSION) & Q(beloeb__gte=0)),
                name="loenpost_fortegn",
                violation_error_message=engine.LOENPOST_FORTEGN_FEJL,
            ),
        ]

    def __str__(self) -> str:
        return self.get_kategori_display()


class Timeprisgruppe(models.Model):
    """A tier of levels with its own share of direct time (issue 17): the levels
    from ``fra`` to ``til`` (rækkefølge, both inclusive; no til: every level up)
    are priced at aarsloen / (fremmøde × direkte_procent / 100)."""

    timeprismodel = models.ForeignKey(
        Timeprismodel, on_delete=models.CASCADE, related_name="grupper"
    )
    fra = models.PositiveSmallIntegerField("fra niveau (rækkefølge)")
    til = models.PositiveSmallIntegerField(
        "til niveau (rækkefølge, inkl.)", null=True, blank=True
    )
    direkte_procent = models.DecimalField(
        "direkte tid (% af fremmøde)", max_digits=6, decimal_places=3
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["timeprismodel", "fra"]
        verbose_name = "timeprisgruppe"
        verbose_name_plural = "timeprisgrupper"
        constraints = [
            models.UniqueConstraint(
                fields=["timeprismodel", "fra"], name="timeprisgruppe_fra_unik"
            ),
            models.CheckConstraint(
                condition=Q(fra__gte=1)
                & (Q(til__isnull=True) | Q(til__gte=models.F("fra"))),
                name="timeprisgruppe_fra_til",
                violation_error_message=engine.GRUPPE_FRA_TIL,
            ),
            models.CheckConstraint(
                condition=Q(direkte_procent__gt=0, direkte_procent__lte=100),
                name="timeprisgruppe_procent",
                violation_error_message=engine.GRUPPE_PROCENT,
            ),
        ]

    def __str__(self) -> str:
        til = "" if self.til is None else f"–{self.til}"
        return f"Niveau {self.fra}{til}"

    @property
    def niveauer_tekst(self) -> str:
        """ "2–4", or "17+" for an open tier."""
        return f"{self.fra}+" if self.til is None else f"{self.fra}–{self.til}"


class Takstmodel(models.Model):
    aar = models.PositiveSmallIntegerField("budgetår", unique=True)
    navn = models.CharField("navn", max_length=120)
    enhed = models.CharField(
        "enhed", max_length=20, choices=Enhed.choices, default=Enhed.TIMER_PR_DOEGN
    )
    timeprismodel = models.ForeignKey(
        Timeprismodel, on_delete=models.PROTECT, related_name="takstmodeller"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-aar"]
        verbose_name = "takstmodel"
        verbose_name_plural = "takstmodeller"

    def __str__(self) -> str:
        return f"{self.navn} ({self.aar})"


class Takstniveau(models.Model):
    """An ordered level: the ydelsespakke a buyer pays for (DOMAIN.md §3)."""

    takstmodel = models.ForeignKey(
        Takstmodel, on_delete=models.CASCADE, related_name="niveauer"
    )
    kode = models.CharField("kode", max_length=20)
    navn = models.CharField("navn", max_length=80)
    raekkefoelge = models.PositiveSmallIntegerField("rækkefølge")
    nedre = models.DecimalField("nedre grænse (inkl.)", max_digits=8, decimal_places=3)
    oevre = models.DecimalField(
        "øvre grænse (ekskl.)", max_digits=8, decimal_places=3, null=True, blank=True
    )
    takstgivende = models.DecimalField(
        "takstgivende timer",
        max_digits=8,
        decimal_places=3,
        null=True,
        blank=True,
        help_text="Tom for særtakst: timerne sættes på den enkelte indplacering.",
    )
    saertakst = models.BooleanField("særtakst", default=False)
    # Issue 17: a published ladder entered exactly (tariffs.engine.Niveau).
    fast_pris = models.DecimalField(
        "fast pris pr. døgn (kr.)",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Tom: takstgivende timer × timepris. Udfyldt: servicetaksten er "
        "præcis dette beløb.",
    )
    minutter_pr_doegn = models.DecimalField(
        "publicerede minutter pr. døgn",
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Ydelsespakkens minutter pr. døgn, som de er offentliggjort.",
    )
    ydelsesbeskrivelse = models.TextField("ydelsesbeskrivelse", blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["takstmodel", "raekkefoelge"]
        verbose_name = "takstniveau"
        verbose_name_plural = "takstniveauer"
        constraints = [
            models.UniqueConstraint(
                fields=["takstmodel", "kode"], name="niveau_kode_unik"
            ),
            models.UniqueConstraint(
                fields=["takstmodel", "raekkefoelge"], name="niveau_raekkefoelge_unik"
            ),
            # The Danish messages show where a form meets a constraint first (the
            # admin); the services check the levels by tariffs.engine.niveau_fejl.
            models.CheckConstraint(
                condition=Q(oevre__isnull=True) | Q(oevre__gt=models.F("nedre")),
                name="niveau_graenser_ordnet",
                violation_error_message=engine.OEVRE_IKKE_OVER_NEDRE,
            ),
            models.CheckConstraint(
                condition=Q(nedre__gte=0),
                name="niveau_nedre_ikke_negativ",
                violation_error_message=engine.NEDRE_NEGATIV,
            ),
            models.CheckConstraint(
                condition=Q(saertakst=True) | Q(takstgivende__isnull=False),
                name="niveau_takstgivende_kraeves",
                violation_error_message=TAKSTGIVENDE_KRAEVES,
            ),
            models.CheckConstraint(
                condition=Q(fast_pris__isnull=True)
                | Q(saertakst=False, fast_pris__gte=0),
                name="niveau_fast_pris_gyldig",
                violation_error_message=engine.FAST_PRIS_SAERTAKST,
            ),
            models.CheckConstraint(
                condition=Q(minutter_pr_doegn__isnull=True)
                | Q(minutter_pr_doegn__gte=0),
                name="niveau_minutter_ikke_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.navn}"


class Takstskift(models.Model):
    """The takster in force before a change of a running year's takster (issue 13 #3).

    The timeprismodel and takstmodel hold the newest takster. A change saved with
    a ``gyldig_fra`` date stores here the rounded takster that applied up to the
    day before it (from the previous change's ``gyldig_fra``, or 1 January), so
    the engine prices those days at them (tariffs.engine.Takstskift). The rows
    are facts of what was in force, written by tariffs.services only.
    """

    aar = models.PositiveSmallIntegerField("budgetår")
    gyldig_fra = models.DateField("ændringen gælder fra", validators=[valider_dato])
    registreret = models.DateField("registreret")
    registreret_af = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    timepris_direkte = models.DecimalField(
        "timepris for direkte tid før ændringen", max_digits=12, decimal_places=2
    )
    timepris_ekstratimer = models.DecimalField(
        "timepris for ekstratimer før ændringen",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
    )
    # Issue 17: the takster of a tilbud's own timeprismodel before the change
    # (its timepris and the takstmodel's levels priced with it); empty: the
    # takstmodel's takster.
    timeprismodel = models.ForeignKey(
        Timeprismodel,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="takstskift",
        verbose_name="egen timeprismodel",
        help_text="Tom: takstmodellens takster. Udfyldt: de takster, et tilbud "
        "med denne timeprismodel havde før ændringen.",
    )

    class Meta:
        ordering = ["aar", "gyldig_fra"]
        verbose_name = "takstændring"
        verbose_name_plural = "takstændringer"
        constraints = [
            models.UniqueConstraint(
                fields=["aar", "gyldig_fra"],
                condition=Q(timeprismodel__isnull=True),
                name="takstskift_aar_gyldig_fra",
            ),
            models.UniqueConstraint(
                fields=["aar", "timeprismodel", "gyldig_fra"],
                condition=Q(timeprismodel__isnull=False),
                name="takstskift_model_gyldig_fra",
            ),
        ]

    def __str__(self) -> str:
        model = f" ({self.timeprismodel.navn})" if self.timeprismodel_id else ""
        return f"Takstændring {self.aar} fra {self.gyldig_fra:%d.%m.%Y}{model}"


class TakstskiftServicetakst(models.Model):
    """One level's servicetakst per døgn before a Takstskift (særtakst: none)."""

    takstskift = models.ForeignKey(
        Takstskift, on_delete=models.CASCADE, related_name="servicetakster"
    )
    kode = models.CharField("kode", max_length=20)
    servicetakst = models.DecimalField(
        "servicetakst pr. døgn før ændringen", max_digits=12, decimal_places=2
    )

    class Meta:
        ordering = ["takstskift", "kode"]
        verbose_name = "servicetakst før takstændring"
        verbose_name_plural = "servicetakster før takstændring"
        constraints = [
            models.UniqueConstraint(
                fields=["takstskift", "kode"], name="takstskift_kode_unik"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kode}: {self.servicetakst}"
