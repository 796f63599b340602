"""Tilbud, borgere, ophold, døgnskemaer and indplaceringer (DOMAIN.md §1, §5)."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from config.lib.datoer import valider_dato
from tariffs.models import Takstniveau, VumTema

KOMMUNEKODE_FEJL = "Kommunekoden skal være tre cifre."
kommunekode_validator = RegexValidator(r"^\d{3}$", KOMMUNEKODE_FEJL)
SAERTAKST_TIMER_MAKS = "Et døgn har 24 timer: timer pr. døgn kan højst være 24."
saertakst_timer_validator = MaxValueValidator(Decimal(24), SAERTAKST_TIMER_MAKS)
# Issue 17: bostøtte § 85 is decided in hours per week.
VISITEREDE_TIMER_MIN = "Visiterede timer pr. uge skal være større end 0."
VISITEREDE_TIMER_MAKS = (
    "En uge har 168 timer: visiterede timer pr. uge kan højst være 168."
)
visiterede_timer_validators = [
    MinValueValidator(Decimal("0.01"), VISITEREDE_TIMER_MIN),
    MaxValueValidator(Decimal(168), VISITEREDE_TIMER_MAKS),
]


def er_ekstern(kommunekode: str) -> bool:
    """Another municipality pays, so the place is sold (DOMAIN.md §9; regler.md
    §10.1). Blank and the own code both mean the own municipality."""
    return kommunekode not in egne_kommunekoder()


def egne_kommunekoder() -> tuple[str, str]:
    """The codes that mean the own municipality: the same rule for a query
    (``kommunekode__in``). Read at call time, not import (STYLE.md 7.2)."""
    return ("", settings.EGEN_KOMMUNEKODE)


class Tilbudstype(models.TextChoices):
    BOTILBUD_107 = "botilbud_107", "Botilbud § 107"
    BOTILBUD_108 = "botilbud_108", "Botilbud § 108"
    BOFAELLESSKAB = "bofaellesskab", "Bofællesskab § 85/ABL § 105"
    BOSTOETTE_85 = "bostoette_85", "Udekørende bostøtte § 85"
    DAGTILBUD_103 = "dagtilbud_103", "Dagtilbud § 103"
    DAGTILBUD_104 = "dagtilbud_104", "Dagtilbud § 104"
    STU = "stu", "STU"


class Tildelingsprincip(models.TextChoices):
    HYBRID = "hybrid", "Hybrid (basistakst + servicetakst)"
    AKTIVITET = "aktivitet", "Aktivitet"
    RAMME = "ramme", "Ramme"


# Issue 17: one takst for every borger (DOMAIN.md §1, prisstruktur).
GENNEMSNITSTAKST_HJAELP = (
    "Tom: servicetaksten følger borgerens takstniveau. Udfyldt: alle borgere i "
    "tilbuddet finansieres med denne servicedel pr. døgn (oven i basistaksten), "
    "uanset niveau."
)


# Issue 17: STU and dagtilbud priced per day (budgets.engine.dagspris).
class Prisenhed(models.TextChoices):
    DAG = "dag", "kr. pr. dag"
    AAR = "aar", "kr. pr. år"


class Dagsgrundlag(models.TextChoices):
    KALENDERDAGE = "kalenderdage", "Alle kalenderdage (STU)"
    HVERDAGE = "hverdage", "Hverdage man.–fre. (fremmødedage i dagtilbud)"


class Pladsandel(models.TextChoices):
    """A dagtilbud place: hel or halv (the value is the share of the dagspris)."""

    HEL = "1.00", "Hel plads"
    HALV = "0.50", "Halv plads"


DAGSPRIS_HJAELP = (
    "Tom: tilbuddet prises med takstmodellen. Udfyldt: hver borger finansieres "
    "med denne pris pr. dag (pr. år: omregnet til pr. dag, afrundet til øre), "
    "gange pladsandelen, uden basistakst oveni."
)
DIMENSIONERET_HJAELP = (
    "Kun ramme med dagspris (STU): rammen er antal × pris pr. dag × årets dage; "
    "hver borger ud over antallet finansieres med prisen pr. dag."
)


def dagsprisfelter() -> tuple[models.Field, ...]:
    """New instances of the four dagspris fields (dagspris, dagspris_enhed,
    dagsgrundlag, dimensioneret_til), shared by Tilbud and budgets.TilbudAar."""
    return (
        models.DecimalField(
            "dagspris (kr.)",
            max_digits=12,
            decimal_places=2,
            null=True,
            blank=True,
            validators=[MinValueValidator(0)],
            help_text=DAGSPRIS_HJAELP,
        ),
        models.CharField(
            "dagspris pr.",
            max_length=4,
            choices=Prisenhed.choices,
            default=Prisenhed.DAG,
            # Also in the database: a row written by code that predates the
            # field (an older migration's state) gets it too.
            db_default=Prisenhed.DAG,
        ),
        models.CharField(
            "dage, der betales",
            max_length=12,
            choices=Dagsgrundlag.choices,
            default=Dagsgrundlag.KALENDERDAGE,
            db_default=Dagsgrundlag.KALENDERDAGE,
        ),
        models.PositiveIntegerField(
            "dimensioneret til (borgere)",
            null=True,
            blank=True,
            validators=[MinValueValidator(1)],
            help_text=DIMENSIONERET_HJAELP,
        ),
    )


class Tilbud(models.Model):
    navn = models.CharField("navn", max_length=120, unique=True)
    tilbudstype = models.CharField(
        "tilbudstype", max_length=20, choices=Tilbudstype.choices
    )
    pladser = models.PositiveIntegerField("pladser")
    tildelingsprincip = models.CharField(
        "tildelingsprincip",
        max_length=12,
        choices=Tildelingsprincip.choices,
        default=Tildelingsprincip.HYBRID,
    )
    forudsat_belaegning = models.DecimalField(
        "forudsat belægning (%)",
        max_digits=5,
        decimal_places=2,
        default=97,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    reguleringsandel = models.DecimalField(
        "reguleringsandel (%)",
        max_digits=5,
        decimal_places=2,
        default=100,
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
    dagspris, dagspris_enhed, dagsgrundlag, dimensioneret_til = dagsprisfelter()
    ledere = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="ledede_tilbud",
        verbose_name="ledere",
    )
    history = HistoricalRecords(m2m_fields=[ledere])

    class Meta:
        ordering = ["navn"]
        verbose_name = "tilbud"
        verbose_name_plural = "tilbud"
        constraints = [
            models.CheckConstraint(
                condition=Q(pladser__gt=0), name="tilbud_pladser_positive"
            ),
            models.CheckConstraint(
                condition=Q(forudsat_belaegning__gt=0, forudsat_belaegning__lte=100),
                name="tilbud_belaegning_procent",
            ),
            models.CheckConstraint(
                condition=Q(reguleringsandel__gte=0, reguleringsandel__lte=100),
                name="tilbud_reguleringsandel_procent",
            ),
            models.CheckConstraint(
                condition=Q(gennemsnitstakst__isnull=True) | Q(gennemsnitstakst__gte=0),
                name="tilbud_gennemsnitstakst_ikke_negativ",
            ),
        ]

    def __str__(self) -> str:
        return self.navn

    def get_absolute_url(self) -> str:
        return reverse("offers:tilbud-detail", args=[self.pk])


class Borger(models.Model):
    """A citizen. The CPR is stored encrypted plus a keyed hash; see offers/cpr.py."""

    navn = models.CharField("navn", max_length=120)
    cpr_krypteret = models.TextField("CPR (krypteret)", editable=False)
    cpr_hash = models.CharField(
        "CPR-opslag", max_length=64, unique=True, editable=False
    )
    cpr_maskeret = models.CharField("CPR", max_length=11, editable=False)
    # The newest Betalingskommune row's code, kept for lists, search and filters;
    # the dated rows decide the budget. Not derived at read time: "in force
    # today" would change at midnight without a write, so this is the newest
    # registered code (possibly from a future date). Written by the service only.
    betalingskommune = models.CharField(
        "betalingskommune",
        max_length=3,
        blank=True,
        editable=False,
        validators=[kommunekode_validator],
        help_text=(
            "Tom: egen kommune. Ellers kommunekoden på den kommune, der køber "
            "pladsen fra den seneste gyldig-fra-dato."
        ),
    )
    history = HistoricalRecords(excluded_fields=["cpr_krypteret", "cpr_hash"])

    class Meta:
        ordering = ["navn"]
        verbose_name = "borger"
        verbose_name_plural = "borgere"

    def __str__(self) -> str:
        return f"{self.navn} ({self.cpr_maskeret})"

    def get_absolute_url(self) -> str:
        return reverse("offers:borger-detail", args=[self.pk])

    @property
    def er_ekstern(self) -> bool:
        """Bought by another municipality: occupies a sold place (DOMAIN.md §9)."""
        return er_ekstern(self.betalingskommune)


class GaeldendeManager(models.Manager):
    """Rows not annulled: what every page, service and count works with.

    ``alle`` (the plain manager) also holds annulled rows, for the budget ledger
    (an annulment is an entry of its own) and for the history.
    """

    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().filter(annulleret__isnull=True)


class Afgangsaarsag(models.TextChoices):
    """Why a borger left (issue 15 #2); ``andet`` needs a free text."""

    ANDET_TILBUD = "andet_tilbud", "Flyttet til andet tilbud"
    EGEN_BOLIG = "egen_bolig", "Flyttet til egen bolig"
    DOED = "doed", "Død"
    ANDEN_KOMMUNE = "anden_kommune", "Flyttet til anden kommune"
    ANDET = "andet", "Andet"


class Ophold(models.Model):
    """A borger's stay in a tilbud.

    Overlap is rejected by the services (row lock on borger).

    ``annulleret`` is the date its tilgang (or omplacering) was annulled as wrongly
    registered; the row stays for the ledger and the history.
    """

    borger = models.ForeignKey(Borger, on_delete=models.PROTECT, related_name="ophold")
    tilbud = models.ForeignKey(Tilbud, on_delete=models.PROTECT, related_name="ophold")
    tilgang = models.DateField("tilgang", validators=[valider_dato])
    afgang = models.DateField(
        "afgang", null=True, blank=True, validators=[valider_dato]
    )
    tilgang_registreret = models.DateField("tilgang registreret", null=True, blank=True)
    afgang_registreret = models.DateField("afgang registreret", null=True, blank=True)
    # Blank: no afgang, or one registered before the field (or by the API without it).
    afgangsaarsag = models.CharField(
        "afgangsårsag", max_length=20, choices=Afgangsaarsag.choices, blank=True
    )
    afgangsaarsag_tekst = models.CharField(
        "afgangsårsag (uddybning)", max_length=200, blank=True
    )
    omplaceret_fra = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="omplaceret_til",
        verbose_name="omplaceret fra",
    )
    annulleret = models.DateField("annulleret", null=True, blank=True, editable=False)
    # Issue 19 #3: a tilgang registered for a borger without any døgnskema says
    # why (the page and the API ask for it; blank for older and imported stays).
    begrundelse_uden_doegnskema = models.TextField(
        "begrundelse for tilgang uden døgnskema", blank=True
    )
    history = HistoricalRecords()

    objects = GaeldendeManager()
    # Django's default manager is the first one declared, so `objects` stays first.
    alle = models.Manager()  # noqa: DJ012

    class Meta:
        base_manager_name = "alle"
        ordering = ["-tilgang"]
        verbose_name = "ophold"
        verbose_name_plural = "ophold"
        constraints = [
            models.CheckConstraint(
                condition=Q(afgang__isnull=True) | Q(afgang__gte=F("tilgang")),
                name="ophold_afgang_efter_tilgang",
            ),
        ]
        indexes = [models.Index(fields=["tilbud", "tilgang", "afgang"])]

    def __str__(self) -> str:
        return f"Ophold i {self.tilbud} fra {self.tilgang:%d.%m.%Y}"


class Tidsrum(models.TextChoices):
    MORGEN = "morgen", "Morgen (6-9)"
    FORMIDDAG = "formiddag", "Formiddag (9-12)"
    EFTERMIDDAG = "eftermiddag", "Eftermiddag (12-17)"
    AFTEN = "aften", "Aften (17-22)"
    NAT = "nat", "Nat (22-6)"


class Doegnskema(models.Model):
    """A dated VUM 2.0 assessment of a borger's support needs through a typical day."""

    borger = models.ForeignKey(
        Borger, on_delete=models.PROTECT, related_name="doegnskemaer"
    )
    dato = models.DateField("vurderingsdato", validators=[valider_dato])
    bemaerkning = models.TextField("bemærkning", blank=True)
    oprettet_af = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    oprettet = models.DateTimeField("oprettet", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-dato", "-pk"]
        verbose_name = "døgnskema"
        verbose_name_plural = "døgnskemaer"

    def __str__(self) -> str:
        return f"Døgnskema {self.dato:%d.%m.%Y}"


class DoegnskemaPost(models.Model):
    doegnskema = models.ForeignKey(
        Doegnskema, on_delete=models.CASCADE, related_name="poster"
    )
    tidsrum = models.CharField("tidsrum", max_length=12, choices=Tidsrum.choices)
    tema = models.ForeignKey(VumTema, on_delete=models.PROTECT, related_name="+")
    minutter = models.PositiveIntegerField(
        "minutter", validators=[MaxValueValidator(1440)]
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "døgnskemapost"
        verbose_name_plural = "døgnskemaposter"
        constraints = [
            models.UniqueConstraint(
                fields=["doegnskema", "tidsrum", "tema"], name="doegnskemapost_unik"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_tidsrum_display()} / {self.tema}: {self.minutter} min."


class Ugepost(models.Model):
    """Support given weekly (e.g. indkøb), counted per døgn as minutes / 7."""

    doegnskema = models.ForeignKey(
        Doegnskema, on_delete=models.CASCADE, related_name="ugeposter"
    )
    tema = models.ForeignKey(VumTema, on_delete=models.PROTECT, related_name="+")
    beskrivelse = models.CharField("beskrivelse", max_length=200)
    minutter_pr_uge = models.PositiveIntegerField(
        "minutter pr. uge", validators=[MaxValueValidator(10080)]
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "ugepost"
        verbose_name_plural = "ugeposter"

    def __str__(self) -> str:
        return f"{self.beskrivelse}: {self.minutter_pr_uge} min./uge"


class Funktionsevne(models.Model):
    class Score(models.IntegerChoices):
        INGEN = 0, "0 Ingen nedsættelse"
        LET = 1, "1 Let nedsat"
        MODERAT = 2, "2 Moderat nedsat"
        SVAERT = 3, "3 Svært nedsat"
        FULDSTAENDIGT = 4, "4 Fuldstændigt nedsat"

    doegnskema = models.ForeignKey(
        Doegnskema, on_delete=models.CASCADE, related_name="funktionsevner"
    )
    tema = models.ForeignKey(VumTema, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField("funktionsevne", choices=Score.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "funktionsevnevurdering"
        verbose_name_plural = "funktionsevnevurderinger"
        constraints = [
            models.UniqueConstraint(
                fields=["doegnskema", "tema"], name="funktionsevne_unik"
            ),
            models.CheckConstraint(condition=Q(score__lte=4), name="funktionsevne_0_4"),
        ]

    def __str__(self) -> str:
        return f"{self.tema}: {self.score}"


class Indplacering(models.Model):
    """A decided takstniveau for an ophold from a date (DOMAIN.md §5).

    The level is named by its code: each budget year prices it with that year's
    takstmodel, so the FK records the model it was decided in.
    """

    ophold = models.ForeignKey(
        Ophold, on_delete=models.CASCADE, related_name="indplaceringer"
    )
    gyldig_fra = models.DateField("gyldig fra", validators=[valider_dato])
    takstniveau = models.ForeignKey(
        Takstniveau,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="takstniveau",
    )
    foreslaaet_niveau = models.ForeignKey(
        Takstniveau,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name="foreslået takstniveau",
    )
    saertakst_timer = models.DecimalField(
        "særtakst: timer pr. døgn",
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[saertakst_timer_validator],
    )
    # Issue 17: set for a bostøtte § 85 tilbud only (offers.services checks);
    # it prices the placement, hours per week × timepris ÷ 7 per døgn.
    visiterede_timer_pr_uge = models.DecimalField(
        "visiterede timer pr. uge",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=visiterede_timer_validators,
    )
    pladsandel = models.DecimalField(
        "pladsandel",
        max_digits=3,
        decimal_places=2,
        choices=[(Decimal(v), n) for v, n in Pladsandel.choices],
        default=Decimal(1),
        db_default=Decimal(1),
        help_text="Dagtilbud: hel eller halv plads (ganges på tilbuddets dagspris).",
    )
    begrundelse = models.TextField("begrundelse", blank=True)
    doegnskema = models.ForeignKey(
        Doegnskema, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    besluttet_af = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    registreret = models.DateField("registreret")
    # Issue 19 item 4: when the rådgiver next follows the level up. Set by the
    # service (default gyldig_fra + 12 months, offers.engine); null only for a
    # row written outside the services.
    naeste_opfoelgning = models.DateField(
        "næste opfølgning",
        null=True,
        blank=True,
        validators=[valider_dato],
        help_text="Tom ved oprettelse: 12 måneder efter gælder-fra-datoen.",
    )
    annulleret = models.DateField("annulleret", null=True, blank=True, editable=False)
    history = HistoricalRecords()

    objects = GaeldendeManager()
    # Django's default manager is the first one declared, so `objects` stays first.
    alle = models.Manager()  # noqa: DJ012

    class Meta:
        base_manager_name = "alle"
        ordering = ["ophold", "gyldig_fra"]
        verbose_name = "indplacering"
        verbose_name_plural = "indplaceringer"
        constraints = [
            models.UniqueConstraint(
                fields=["ophold", "gyldig_fra"],
                condition=Q(annulleret__isnull=True),
                name="indplacering_en_pr_ophold_pr_dato",
            ),
            models.CheckConstraint(
                condition=Q(saertakst_timer__isnull=True) | Q(saertakst_timer__gt=0),
                name="indplacering_saertakst_timer_positive",
            ),
            models.CheckConstraint(
                condition=Q(visiterede_timer_pr_uge__isnull=True)
                | Q(visiterede_timer_pr_uge__gt=0),
                name="indplacering_visiterede_timer_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.takstniveau.kode} fra {self.gyldig_fra:%d.%m.%Y}"


TILLAEG_EN_AF = "Angiv enten timer pr. døgn eller kr. pr. døgn (præcis én af dem)."
TILLAEG_TIL_EFTER_FRA = "Slutdatoen skal ligge efter startdatoen."
TILLAEG_FRA_UDEN_FOR_OPHOLD = (
    "Tillægget skal begynde på en dag, hvor borgeren bor i tilbuddet "
    "({tilgang}–{afgang}): afgangsdagen hører til det næste ophold."
)


class Tillaegstakst(models.Model):
    """A temporary add-on to one borger's døgntakst (issue 17, tillægstakst).

    In force on [fra, til): ``til`` is the first day without it (None: open),
    as a stay is [tilgang, afgang). Priced as hours per døgn × the year's
    timepris (rounded to øre once per døgn, as a særtakst) or as a fixed kr per
    døgn: exactly one of the two. It follows the ophold's financed period
    (also the run-off after an afgang), capped by its own ``til``
    (budgets.engine.bidrag.tillaeg_perioder). ``til_registreret`` is when the
    end was registered (the ledger's entry for the end). Written only through
    offers.services.tillaeg; annulled as wrongly registered like an
    indplacering (``annulleret`` and an Annullering row).
    """

    ophold = models.ForeignKey(
        Ophold, on_delete=models.CASCADE, related_name="tillaegstakster"
    )
    fra = models.DateField("fra", validators=[valider_dato])
    til = models.DateField(
        "til (første dag uden tillæg)",
        null=True,
        blank=True,
        validators=[valider_dato],
        help_text="Tom: indtil videre. Tillægget gælder til og med dagen før.",
    )
    timer_pr_doegn = models.DecimalField(
        "timer pr. døgn",
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01")), saertakst_timer_validator],
    )
    kr_pr_doegn = models.DecimalField(
        "kr. pr. døgn",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    begrundelse = models.TextField("begrundelse")
    besluttet_af = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    registreret = models.DateField("registreret")
    til_registreret = models.DateField("slut registreret", null=True, blank=True)
    annulleret = models.DateField("annulleret", null=True, blank=True, editable=False)
    history = HistoricalRecords()

    objects = GaeldendeManager()
    # Django's default manager is the first one declared, so `objects` stays first.
    alle = models.Manager()  # noqa: DJ012

    class Meta:
        base_manager_name = "alle"
        ordering = ["ophold", "fra", "pk"]
        verbose_name = "tillægstakst"
        verbose_name_plural = "tillægstakster"
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(timer_pr_doegn__isnull=False, kr_pr_doegn__isnull=True)
                    | Q(timer_pr_doegn__isnull=True, kr_pr_doegn__isnull=False)
                ),
                name="tillaegstakst_timer_eller_kr",
            ),
            models.CheckConstraint(
                condition=Q(timer_pr_doegn__isnull=True) | Q(timer_pr_doegn__gt=0),
                name="tillaegstakst_timer_positive",
            ),
            models.CheckConstraint(
                condition=Q(kr_pr_doegn__isnull=True) | Q(kr_pr_doegn__gt=0),
                name="tillaegstakst_kr_positive",
            ),
            models.CheckConstraint(
                condition=Q(til__isnull=True) | Q(til__gt=F("fra")),
                name="tillaegstakst_til_efter_fra",
            ),
        ]

    def __str__(self) -> str:
        return f"Tillægstakst fra {self.fra:%d.%m.%Y}"

    def clean(self) -> None:
        fejl = {}
        if (self.timer_pr_doegn is None) == (self.kr_pr_doegn is None):
            fejl["timer_pr_doegn"] = TILLAEG_EN_AF
        if self.til is not None and self.fra is not None and self.til <= self.fra:
            fejl["til"] = TILLAEG_TIL_EFTER_FRA
        if self.ophold_id is not None and self.fra is not None:
            o = self.ophold
            if self.fra < o.tilgang or (o.afgang is not None and self.fra >= o.afgang):
                fejl["fra"] = TILLAEG_FRA_UDEN_FOR_OPHOLD.format(
                    tilgang=f"{o.tilgang:%d.%m.%Y}",
                    afgang=f"{o.afgang:%d.%m.%Y}" if o.afgang else "…",
                )
        if fejl:
            raise ValidationError(fejl)


class Haendelsesart(models.TextChoices):
    """The events a rådgiver registers, and so may annul (issue 12 item 11)."""

    TILGANG = "tilgang", "Tilgang"
    AFGANG = "afgang", "Afgang"
    INDPLACERING = "indplacering", "Indplacering"
    OMPLACERING = "omplacering", "Omplacering"
    TILLAEG = "tillaeg", "Tillægstakst"


class Annullering(models.Model):
    """A wrongly registered event, annulled with a reason (issue 12 item 11).

    The annulled rows are kept (``annulleret`` set), and an annulled afgang's
    date is kept here, so the budget ledger shows the annulment as an entry of
    its own and still sums to korrigeret − oprindeligt.
    """

    borger = models.ForeignKey(
        Borger, on_delete=models.PROTECT, related_name="annulleringer"
    )
    haendelse = models.CharField(
        "hændelse", max_length=12, choices=Haendelsesart.choices
    )
    ophold = models.ForeignKey(
        Ophold, on_delete=models.PROTECT, related_name="annulleringer"
    )
    indplacering = models.ForeignKey(
        Indplacering,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="annulleringer",
    )
    tillaegstakst = models.ForeignKey(
        Tillaegstakst,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="annulleringer",
    )
    dato = models.DateField("hændelsens dato")
    dato_registreret = models.DateField("hændelsen registreret", null=True, blank=True)
    begrundelse = models.TextField("begrundelse")
    registreret = models.DateField("annulleret den")
    annulleret_af = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    oprettet = models.DateTimeField("oprettet", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-oprettet"]
        verbose_name = "annullering"
        verbose_name_plural = "annulleringer"

    def __str__(self) -> str:
        return f"Annulleret {self.get_haendelse_display().lower()} {self.dato:%d.%m.%Y}"


class Betalingskommune(models.Model):
    """Who pays for the borger's place from a date (DOMAIN.md §9; issue 13 #1).

    A row is in force from ``gyldig_fra`` up to the day before the next row's;
    before the first row the borger is the own municipality's. A blank
    ``kommunekode`` is the own municipality. Sold-place income follows it by day
    (budgets.engine.noegletal.indtaegt_salg). Written only through
    offers.services.betalingskommune, which also keeps Borger.betalingskommune
    equal to the newest row's code.
    """

    borger = models.ForeignKey(
        Borger, on_delete=models.CASCADE, related_name="betalingskommuner"
    )
    kommunekode = models.CharField(
        "kommunekode",
        max_length=3,
        blank=True,
        validators=[kommunekode_validator],
        help_text="Tom: egen kommune.",
    )
    gyldig_fra = models.DateField("gyldig fra", validators=[valider_dato])
    registreret = models.DateField("registreret")
    oprettet_af = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="registreret af",
        help_text="Tom for en række flyttet fra borgerens tidligere enkeltfelt.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["borger", "gyldig_fra"]
        verbose_name = "betalingskommune"
        verbose_name_plural = "betalingskommuner"
        constraints = [
            models.UniqueConstraint(
                fields=["borger", "gyldig_fra"], name="betalingskommune_en_pr_dato"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kommunekode or 'Egen kommune'} fra {self.gyldig_fra:%d.%m.%Y}"


VENTELISTE_BORGER_ELLER_BEHOV = (
    "Vælg en borger, eller beskriv behovet, hvis borgeren skal stå anonymt på "
    "ventelisten."
)


class Ventelisteplads(models.Model):
    """A borger (or an anonymous need) waiting for a place in a tilbud (issue 19 #3).

    Either ``borger`` or ``behov`` says who waits; a known borger may have a
    behov as well. ``fra_kommune`` is the municipality the borger comes from
    (blank: the own municipality), a kommunekode as for a betalingskommune.
    Written only through offers.services.venteliste.
    """

    tilbud = models.ForeignKey(
        Tilbud, on_delete=models.PROTECT, related_name="venteliste"
    )
    borger = models.ForeignKey(
        Borger,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ventelistepladser",
        verbose_name="borger",
    )
    behov = models.TextField(
        "behov (anonymt)",
        blank=True,
        help_text="Beskriv behovet, når borgeren ikke er oprettet eller skal "
        "stå anonymt.",
    )
    forventet_niveau = models.ForeignKey(
        Takstniveau,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="forventet takstniveau",
    )
    oensket_dato = models.DateField("ønsket dato", validators=[valider_dato])
    fra_kommune = models.CharField(
        "fra kommune",
        max_length=3,
        blank=True,
        validators=[kommunekode_validator],
        help_text="Kommunekoden (tre cifre). Tom: egen kommune.",
    )
    bemaerkning = models.TextField("bemærkning", blank=True)
    # Issue 19 #1: the prognose counts the place at this probability from the
    # ønsket dato (sandsynlighed × days × the expected level's activity).
    sandsynlighed = models.PositiveSmallIntegerField(
        "sandsynlighed (%)",
        default=50,
        validators=[MaxValueValidator(100)],
        help_text="Hvor sandsynligt borgeren flytter ind fra den ønskede dato "
        "(0–100 %); prognosen regner med så stor en del af pladsen.",
    )
    oprettet_af = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="oprettet af",
    )
    oprettet = models.DateTimeField("oprettet", auto_now_add=True)
    opdateret = models.DateTimeField("opdateret", auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["tilbud", "oensket_dato", "pk"]
        verbose_name = "plads på venteliste"
        verbose_name_plural = "venteliste"
        constraints = [
            models.CheckConstraint(
                condition=Q(borger__isnull=False) | ~Q(behov=""),
                name="ventelisteplads_borger_eller_behov",
            ),
        ]

    def __str__(self) -> str:
        # Never the CPR nor the borger's name: the row may be shown in logs.
        return f"Venteliste {self.tilbud} fra {self.oensket_dato:%d.%m.%Y}"

    def clean(self) -> None:
        if self.borger_id is None and not self.behov.strip():
            raise ValidationError({"behov": VENTELISTE_BORGER_ELLER_BEHOV})
