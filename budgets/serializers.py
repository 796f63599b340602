"""API shapes of faste udgifter, takstblad and the budget models (STYLE.md 5.2).

Output serializers read the engine's results (budgets.selectors); money is sent
as decimal strings (COERCE_DECIMAL_TO_STRING).
"""

from decimal import Decimal

from rest_framework import serializers

from budgets.engine import Regulering
from budgets.forklaring import regulering_tekst
from budgets.models import Budgetstatus, FastUdgiftKategori
from budgets.services.rollover import PROCENT_MAX, PROCENT_MIN, PROCENT_UDEN_FOR
from config.lib.datoer import valider_dato
from config.lib.money import AFRUNDING
from offers.models import Dagsgrundlag, Prisenhed, Tildelingsprincip
from tariffs.models import Timeprismodel

BORGER_ID_FEJL = "Hver nøgle skal være et borger-id (et heltal)."
STATUS_HJAELP = (
    "Budgetårets status. forslag: tallene beregnes løbende; vedtaget: det "
    "oprindelige budget er gemt og ændres aldrig; lukket: intet, der ændrer "
    "årets tal, kan gemmes."
)


def _kr(**kwargs) -> serializers.DecimalField:
    """Kroner to øre; display rounding is half up like round_to_oere (STYLE.md 3.2).

    No max_digits: the figures are computed, not stored, DRF raises
    InvalidOperation (a 500) on a longer value, and valid inputs (a timepris of
    10^12 kr.) give budgets past any fixed width. The same holds for _andel.
    """
    return serializers.DecimalField(
        max_digits=None, decimal_places=2, rounding=AFRUNDING, **kwargs
    )


def _andel(**kwargs) -> serializers.DecimalField:
    """A ratio or percent, unrounded in the engine, shown with 2 decimals."""
    return serializers.DecimalField(
        max_digits=None, decimal_places=2, rounding=AFRUNDING, **kwargs
    )


def _advarsler() -> serializers.ListField:
    """What is missing behind a tilbud's figures (budgets.forklaring.advarsler)."""
    return serializers.ListField(
        child=serializers.CharField(),
        help_text="Advarsler på dansk, fx et rammestyret tilbud uden budgetramme.",
    )


def _status(**kwargs) -> serializers.ChoiceField:
    return serializers.ChoiceField(choices=Budgetstatus.choices, **kwargs)


class AarQuerySerializer(serializers.Serializer):
    aar = serializers.IntegerField(min_value=2000, max_value=2100)


class IdagQuerySerializer(serializers.Serializer):
    idag = serializers.DateField(
        required=False,
        validators=[valider_dato],
        help_text="Dagen tallene ses fra (standard: i dag).",
    )


class FastUdgiftInputSerializer(serializers.Serializer):
    aar = serializers.IntegerField(min_value=2000, max_value=2100)
    kategori = serializers.ChoiceField(choices=FastUdgiftKategori.choices)
    beloeb = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=Decimal(0)
    )


class TilbudAarInputSerializer(serializers.Serializer):
    """PUT tilbud/{id}/aar/{aar}/: the tilbud's settings for that budget year."""

    pladser = serializers.IntegerField(min_value=1, max_value=2_147_483_647)
    tildelingsprincip = serializers.ChoiceField(choices=Tildelingsprincip.choices)
    forudsat_belaegning = serializers.DecimalField(
        max_digits=5, decimal_places=2, min_value=Decimal(1), max_value=Decimal(100)
    )
    reguleringsandel = serializers.DecimalField(
        max_digits=5,
        decimal_places=2,
        min_value=Decimal(0),
        max_value=Decimal(100),
        help_text="Kun for aktivitet: hvor stor en del af afvigelsen fra forudsat "
        "belægning, der reguleres (%).",
    )
    gennemsnitstakst = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        min_value=Decimal(0),
        allow_null=True,
        default=None,
        help_text="Gennemsnitstakst (servicedel kr. pr. døgn): alle borgere "
        "finansieres med den uanset takstniveau. null: taksten følger niveauet.",
    )
    dagspris = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        min_value=Decimal(0),
        allow_null=True,
        default=None,
        help_text="Issue 17 (STU, dagtilbud): pris pr. dag eller pr. år (se "
        "dagspris_enhed) for hver finansieret dag, gange pladsandelen, uden "
        "basistakst. null: takstmodellen.",
    )
    dagspris_enhed = serializers.ChoiceField(
        choices=Prisenhed.choices,
        default=Prisenhed.DAG,
        help_text="dag: kr. pr. dag; aar: kr. pr. år, omregnet til pr. dag som "
        "årsprisen / årets dage (på dagsgrundlaget), afrundet til øre én gang.",
    )
    dagsgrundlag = serializers.ChoiceField(
        choices=Dagsgrundlag.choices,
        default=Dagsgrundlag.KALENDERDAGE,
        help_text="kalenderdage: alle finansierede dage (STU); hverdage: mandag–"
        "fredag (dagtilbud's fremmødedage).",
    )
    dimensioneret_til = serializers.IntegerField(
        min_value=1,
        max_value=2_147_483_647,
        allow_null=True,
        default=None,
        help_text="Kun ramme med dagspris: rammen er antal × pris pr. dag × årets "
        "dage; hver borger ud over antallet finansieres med prisen pr. dag.",
    )
    timeprismodel = serializers.PrimaryKeyRelatedField(
        queryset=Timeprismodel.objects.all(),
        allow_null=True,
        required=False,
        help_text="Issue 17: tilbuddets egen timeprismodel (id) for året, fx "
        "bostøtte med transporttid; den skal høre til samme år. null: "
        "takstmodellens. Udeladt: uændret.",
    )


class TilbudAarSerializer(TilbudAarInputSerializer):
    """The settings the year's budget is computed with (budgets.selectors)."""

    tilbud = serializers.IntegerField(source="tilbud_id")
    aar = serializers.IntegerField()
    egne_indstillinger = serializers.BooleanField(
        help_text="false: året har ingen indstillinger af sine egne endnu og bruger "
        "tilbuddets (dem, et nyt budgetår får)."
    )
    laast = serializers.BooleanField(
        help_text="true: året er låst (lukket), og en PUT afvises med 409."
    )
    pris_pr_dag = _kr(
        allow_null=True,
        help_text="Dagsprisen pr. dag i året (en årspris omregnet); null uden "
        "dagspris.",
    )
    timeprismodel = serializers.IntegerField(
        allow_null=True,
        help_text="Tilbuddets egen timeprismodel for året; null: takstmodellens.",
    )
    timeprismodel_navn = serializers.CharField(
        help_text="Navnet på den timeprismodel, tilbuddets takster bruger i året."
    )


class FastUdgiftSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    aar = serializers.IntegerField(source="budgetaar.aar")
    kategori = serializers.CharField()
    beloeb = _kr()


class TakstbladlinjeSerializer(serializers.Serializer):
    kode = serializers.CharField()
    navn = serializers.CharField()
    saertakst = serializers.BooleanField()
    servicetakst_pr_doegn = _kr(allow_null=True)
    doegntakst = _kr(allow_null=True)
    fast_pris = serializers.BooleanField(
        help_text="true: servicetaksten er en offentliggjort pris, ikke timer × "
        "timepris."
    )
    implicitte_timer_pr_doegn = serializers.DecimalField(
        max_digits=None,
        decimal_places=2,
        allow_null=True,
        rounding=AFRUNDING,
        help_text="Fast pris ÷ timepris for direkte tid: de timer, prisen køber.",
    )
    minutter_pr_doegn = serializers.DecimalField(
        max_digits=7, decimal_places=2, allow_null=True
    )


class TimepristrinSerializer(serializers.Serializer):
    """Issue 17: a tier of levels with its own share of direct time."""

    niveauer = serializers.CharField(help_text='Rækkefølge: "2–4", eller "17+".')
    direkte_procent = serializers.DecimalField(max_digits=6, decimal_places=3)
    direkte_timer = serializers.DecimalField(max_digits=None, decimal_places=3)
    timepris = _kr()
    koder = serializers.ListField(child=serializers.CharField())


class TakstbladSerializer(serializers.Serializer):
    tilbud = serializers.IntegerField(source="tilbud.pk")
    aar = serializers.IntegerField()
    forudsat_belaegning = serializers.DecimalField(max_digits=5, decimal_places=2)
    timepris_direkte = _kr(
        help_text="Timeprisen for direkte tid, tilbuddets takster bruger (dets "
        "egen timeprismodels, hvis det har en)."
    )
    timeprismodel_navn = serializers.CharField(
        help_text="Issue 17: timeprismodellen, taksterne bruger."
    )
    egen_timeprismodel = serializers.BooleanField(
        help_text="true: tilbuddets egen timeprismodel, ikke takstmodellens."
    )
    basistakst_pr_doegn = _kr()
    gennemsnitstakst_pr_doegn = _kr(
        allow_null=True,
        help_text="Tilbuddets ene servicedel pr. døgn for alle borgere; null: "
        "servicetaksten følger niveauet.",
    )
    niveauer = TakstbladlinjeSerializer(many=True)
    timeprisgrupper = TimepristrinSerializer(many=True)
    timepris_ekstratimer = _kr(
        allow_null=True,
        help_text="Issue 17: timeprisen for ekstratimer (tillægstakst i timer) = "
        "løn i alt / (fremmødetimer × ekstratimer_direkte_procent / 100); null: "
        "ekstratimer koster timepris_direkte.",
    )
    ekstratimer_direkte_procent = serializers.DecimalField(
        max_digits=6, decimal_places=3, allow_null=True
    )
    dagspris_pr_dag = _kr(
        allow_null=True,
        help_text="Issue 17 (STU, dagtilbud): prisen pr. dag for en hel plads "
        "(en årspris omregnet); null: takstmodellen.",
    )
    halv_plads_pr_dag = _kr(allow_null=True, help_text="En halv plads pr. dag.")
    dagsgrundlag = serializers.CharField(
        help_text="kalenderdage eller hverdage; tom uden dagspris."
    )
    dimensioneret_til = serializers.IntegerField(allow_null=True)
    rammebeloeb = _kr(
        allow_null=True,
        help_text="Rammen for et tilbud dimensioneret til et antal: antal × pris "
        "pr. dag × årets dage.",
    )
    efterregulering_aar = serializers.IntegerField(
        source="efterregulering.beregning.aar",
        allow_null=True,
        default=None,
        help_text="Det lukkede år, hvis overskud/underskud indregnes; null: intet.",
    )
    efterregulering_pr_doegn = _kr(
        source="efterregulering.pr_doegn",
        allow_null=True,
        default=None,
        help_text=(
            "Efterreguleringens linje pr. døgn oven i døgntaksten (negativ sænker "
            "den); /api/v1/tilbud/{id}/efterregulering/?aar= viser opgørelsen."
        ),
    )


class MaanedSerializer(serializers.Serializer):
    maaned = serializers.IntegerField()
    fast = _kr()
    aktivitet = _kr()
    forbrug = _kr(allow_null=True)


class ReguleringstekstField(serializers.CharField):
    """The entry's sentence, worded as on the tilbud page (budgets.forklaring)."""

    def to_representation(self, value: Regulering) -> str:
        # The budget's year (the root instance, a dict) dates "fra 10. december".
        instans = self.root.instance
        aar = instans.get("aar") if isinstance(instans, dict) else None
        return regulering_tekst(value, aar)


class ReguleringSerializer(serializers.Serializer):
    """One engine.Regulering: its figures, and its sentence as ``beskrivelse``."""

    dato = serializers.DateField(source="dato_registreret", allow_null=True)
    haendelse = serializers.CharField()
    beloeb = _kr()
    virkning_fra = serializers.DateField()
    borger = serializers.CharField()
    niveau_kode = serializers.CharField(allow_null=True)
    beskrivelse = ReguleringstekstField(source="*")


class NoegletalSerializer(serializers.Serializer):
    """The key figures of one tilbud (or the total) from engine.Noegletal."""

    pladser = serializers.IntegerField()
    borgere = serializers.IntegerField()
    helaarspersoner = _andel()
    belaegning_forudsat = _andel(allow_null=True)
    belaegning_realiseret = _andel(allow_null=True)
    fast_budget = _kr(source="fast_aar")
    aktivitetsbudget_oprindeligt = _kr(
        source="aktivitet_oprindeligt_aar",
        help_text="Når året er vedtaget (eller lukket): det gemte, vedtagne "
        "aktivitetsbudget, som aldrig ændres. Som forslag: beregnet løbende.",
    )
    aktivitetsbudget_korrigeret = _kr(source="aktivitet_korrigeret_aar")
    total_oprindeligt = _kr(
        source="total_oprindeligt_aar",
        help_text="Fast budget, aktivitetsbudget og overkapacitetstillæg, "
        "oprindeligt; gemt som aktivitetsbudget_oprindeligt, når året er vedtaget.",
    )
    total_korrigeret = _kr(source="total_korrigeret_aar")
    forbrug = _kr(source="forbrug_til_dato")
    forbrugsprocent_periode = _andel(
        allow_null=True,
        help_text="Forbrug til dato / korrigeret budget for de samme måneder × 100.",
    )
    forbrugsprocent_aar = _andel(
        allow_null=True,
        help_text="Forbrug til dato / korrigeret budget for hele året × 100.",
    )
    forbrugsprocent = _andel(
        allow_null=True,
        source="forbrugsprocent_aar",
        help_text="Det tidligere navn for forbrugsprocent_aar (hele året); "
        "bevaret for eksisterende klienter.",
    )
    forbrugsprocent_periode_sidste_aar = _andel(
        allow_null=True,
        help_text="Sidste års forbrugsprocent for de samme måneder; null uden "
        "budget eller bogført forbrug sidste år.",
    )
    forventet_regnskab = _kr()
    afvigelse = _kr()
    solgte_pladser = serializers.IntegerField()
    indtaegt_salg = _kr()
    tilgange_realiseret = serializers.IntegerField()
    tilgange_forventet = serializers.IntegerField()
    afgange_realiseret = serializers.IntegerField()
    afgange_forventet = serializers.IntegerField()


class TilbudBudgetSerializer(NoegletalSerializer):
    """budgetter/{aar}/tilbud/{id}/: the key figures, 12 months and the ledger.

    The instance is a dict: the Noegletal's fields plus tilbud, maaneder and
    reguleringer (built by budgets.api from selectors.tilbud_resultat)."""

    tilbud = serializers.IntegerField()
    navn = serializers.CharField()
    aar = serializers.IntegerField()
    status = _status(help_text=STATUS_HJAELP)
    tildelingsprincip = serializers.CharField()
    advarsler = _advarsler()
    maaneder = MaanedSerializer(many=True)
    reguleringer = ReguleringSerializer(many=True)


class CentralRaekkeSerializer(NoegletalSerializer):
    tilbud = serializers.IntegerField()
    navn = serializers.CharField()
    tilbudstype = serializers.CharField(
        help_text="botilbud_107, botilbud_108, bofaellesskab, bostoette_85, "
        "dagtilbud_103, dagtilbud_104 eller stu (DOMAIN.md §9)."
    )
    advarsler = _advarsler()


class TilbudstypeGruppeSerializer(serializers.Serializer):
    """Issue 17: the central model's tilbud of one tilbudstype and their subtotal."""

    tilbudstype = serializers.CharField()
    navn = serializers.CharField(help_text="Tilbudstypens navn på dansk.")
    tilbud = serializers.ListField(
        child=serializers.IntegerField(), help_text="Gruppens tilbud (id)."
    )
    subtotal = NoegletalSerializer(
        help_text="Summen af gruppens tilbud; subtotalerne summer til total."
    )


class CentralSerializer(serializers.Serializer):
    aar = serializers.IntegerField()
    status = _status(help_text=STATUS_HJAELP)
    tilbud = CentralRaekkeSerializer(many=True)
    tilbudstyper = TilbudstypeGruppeSerializer(many=True)
    total = NoegletalSerializer()


class BudgetaarSerializer(serializers.Serializer):
    """A budget year and its state (issue 13 #2)."""

    aar = serializers.IntegerField()
    status = _status(help_text=STATUS_HJAELP)
    vedtaget = serializers.DateField(
        allow_null=True, help_text="Dagen, året blev vedtaget."
    )
    lukket = serializers.DateField(
        allow_null=True, help_text="Dagen, året blev lukket."
    )


# Django formats a validator's message with %: the message's own % is doubled.
PROCENT_FEJL = dict.fromkeys(
    ("min_value", "max_value"), PROCENT_UDEN_FOR.replace("%", "%%")
)


class BudgetaarInputSerializer(serializers.Serializer):
    """POST budgetaar/: create a year, empty or rolled over from another."""

    aar = serializers.IntegerField(min_value=2000, max_value=2100)
    kopier_fra = serializers.IntegerField(
        min_value=2000,
        max_value=2100,
        required=False,
        allow_null=True,
        help_text="Året, hvis timeprismodel, takstmodel, faste udgifter, rammer og "
        "tilbuddenes årsindstillinger kopieres. Uden: et tomt år.",
    )
    # The range is the service's (budgets.services.rollover), as on the page.
    fremskrivning_loen_pct = serializers.DecimalField(
        max_digits=5,
        decimal_places=2,
        min_value=PROCENT_MIN,
        max_value=PROCENT_MAX,
        default=Decimal(0),
        error_messages=PROCENT_FEJL,
        help_text="Lønfremskrivning i % (fra −50 til 100): lægges på årslønnen.",
    )
    fremskrivning_oevrige_pct = serializers.DecimalField(
        max_digits=5,
        decimal_places=2,
        min_value=PROCENT_MIN,
        max_value=PROCENT_MAX,
        default=Decimal(0),
        error_messages=PROCENT_FEJL,
        help_text="Pris- og øvrig fremskrivning i % (fra −50 til 100): lægges på "
        "faste udgifter og rammer.",
    )
    nye_koder = serializers.DictField(
        child=serializers.CharField(max_length=20),
        required=False,
        help_text="Nyt takstniveau pr. borger-id, for borgere på et niveau, som det "
        'nye års takstmodel ikke har: {"<borger_id>": "<kode>"}.',
    )

    def validate_nye_koder(self, koder: dict[str, str]) -> dict[int, str]:
        if not all(str(noegle).isdigit() for noegle in koder):
            raise serializers.ValidationError(BORGER_ID_FEJL)
        return {int(noegle): kode for noegle, kode in koder.items()}
