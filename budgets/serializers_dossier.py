"""Output of the takst dossier and efterregulering API (issue 18 #3-#5)."""

from rest_framework import serializers

from budgets.serializers import _andel, _kr
from config.lib.money import AFRUNDING


def _tal(**kwargs) -> serializers.DecimalField:
    """A dossier figure in its own unit (kroner, hours, percent, count), with
    4 decimals, half up (hours from a percent of the norm are not whole)."""
    return serializers.DecimalField(
        max_digits=None, decimal_places=4, rounding=AFRUNDING, **kwargs
    )


class EfterreguleringSerializer(serializers.Serializer):
    tilbud = serializers.IntegerField(source="tilbud.pk")
    aar = serializers.IntegerField(source="beregning.aar")
    takstfinansieret = _kr(
        source="beregning.takstfinansieret",
        help_text=(
            "Årets korrigerede budget (fast + aktivitet): hvad taksterne finansierede."
        ),
    )
    realiseret = _kr(
        source="beregning.realiseret", help_text="Årets importerede forbrug."
    )
    resultat = _kr(
        source="beregning.resultat", help_text="Overskud (+) eller underskud (−)."
    )
    resultat_procent = _andel(
        source="beregning.procent",
        allow_null=True,
        help_text="Resultatet i procent af takstgrundlaget.",
    )
    baand_procent = _andel(source="beregning.regel.baand_procent")
    graense = _kr(source="beregning.graense")
    ramme_aar = serializers.IntegerField(source="beregning.ramme_aar")
    til_ramme = _kr(
        source="beregning.til_ramme",
        help_text="Delen inden for båndet: overføres til næste års ramme.",
    )
    takst_aar = serializers.IntegerField(source="beregning.takst_aar")
    til_takst = _kr(
        source="beregning.til_takst",
        help_text="Resten: indregnes i taksten for takst_aar.",
    )
    pladser = serializers.IntegerField(help_text="Takstårets pladser.")
    forudsat_belaegning = _andel(help_text="Takstårets forudsatte belægning (%).")
    pr_doegn = _kr(
        allow_null=True,
        help_text="Linjen på takst_aar's takstblad pr. døgn (negativ sænker taksten).",
    )
    ramme_bogfoert = serializers.BooleanField(
        source="post.ramme_bogfoert",
        allow_null=True,
        default=None,
        help_text=(
            "Om delen til rammen blev lagt til ramme_aar's faste budget, da året "
            "blev lukket (false: ramme_aar var vedtaget eller lukket; delen "
            "afventer). null: året blev lukket, før opgørelsen blev gemt."
        ),
    )
    takst_bogfoert = serializers.BooleanField(
        source="post.takst_bogfoert",
        allow_null=True,
        default=None,
        help_text="Som ramme_bogfoert, for delen til taksten i takst_aar.",
    )
    afventer = serializers.ListField(
        child=serializers.CharField(),
        help_text="Hvorfor en del ikke er bogført (tom: alt er bogført).",
    )


class DossierlinjeSerializer(serializers.Serializer):
    noegle = serializers.CharField(
        help_text="Fast nøgle, der parrer linjen med sidste år."
    )
    tekst = serializers.CharField()
    enhed = serializers.ChoiceField(
        choices=[
            "kr",
            "kr_pr_doegn",
            "timer",
            "timer_pr_doegn",
            "procent",
            "antal",
            "doegn",
        ]
    )
    grundlag = serializers.CharField(help_text="Input som angivet, fx '17 %'.")
    vaerdi = _tal(allow_null=True, help_text="null: linjen findes kun sidste år.")
    forrige = _tal(allow_null=True)
    aendring = _tal(allow_null=True)
    sidste_aar = serializers.BooleanField(help_text="Linjen fandtes sidste år.")
    udgaaet = serializers.BooleanField(help_text="Linjen fandtes kun sidste år.")


class DossiersektionSerializer(serializers.Serializer):
    noegle = serializers.CharField()
    titel = serializers.CharField()
    linjer = DossierlinjeSerializer(many=True)


class DatastempelSerializer(serializers.Serializer):
    aendret = serializers.DateTimeField(allow_null=True)
    aendret_af = serializers.CharField(
        source="aendret_af.username", allow_null=True, default=None
    )


class TakstdossierSerializer(serializers.Serializer):
    tilbud = serializers.IntegerField(source="tilbud.pk")
    aar = serializers.IntegerField()
    status = serializers.CharField(help_text="Budgetårets status.")
    version = DatastempelSerializer(
        source="stempel",
        help_text="Dataenes seneste ændring og hvem: samme version, samme tal.",
    )
    forrige_aar = serializers.IntegerField(allow_null=True)
    sektioner = DossiersektionSerializer(many=True)
    efterregulering = EfterreguleringSerializer(allow_null=True)
