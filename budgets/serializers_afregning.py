"""Output of the settlement API (issue 18 #5): decimals as strings."""

from rest_framework import serializers

from budgets.serializers import _kr


class AfregningslinjeSerializer(serializers.Serializer):
    tilbud_id = serializers.IntegerField()
    tilbud = serializers.CharField()
    ophold_id = serializers.IntegerField()
    borger = serializers.CharField(help_text="Navn og maskeret CPR-nummer.")
    fra = serializers.DateField()
    til = serializers.DateField()
    niveau_kode = serializers.CharField(
        help_text="Takstniveauets kode; tom på en tillægstakst' egen linje."
    )
    saertakst_timer = serializers.DecimalField(
        max_digits=None,
        decimal_places=2,
        allow_null=True,
        help_text="Særtakstens eller tillægstakstens timer pr. døgn.",
    )
    tillaeg = serializers.CharField(
        allow_null=True,
        help_text="En tillægstakst' begrundelse (null: en linje for takstniveauet).",
    )
    dage = serializers.IntegerField()
    basistakst = _kr()
    servicetakst = _kr()
    doegntakst = _kr()
    beloeb = _kr()


class KommuneafregningSerializer(serializers.Serializer):
    kommunekode = serializers.CharField()
    borgere = serializers.IntegerField()
    dage = serializers.IntegerField()
    beloeb = _kr()
    faktureret = serializers.BooleanField()
    linjer = AfregningslinjeSerializer(many=True)


class AfregningSerializer(serializers.Serializer):
    aar = serializers.IntegerField()
    maaned = serializers.IntegerField()
    afloeb = serializers.ChoiceField(
        choices=["maaned_plus_1", "afgang"],
        help_text="Afløbsreglen efter afgang (indstillingen AFREGNING_AFLOEB).",
    )
    afloeb_tekst = serializers.CharField()
    dage = serializers.IntegerField()
    beloeb = _kr()
    kommuner = KommuneafregningSerializer(many=True)
