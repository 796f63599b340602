"""REST API for borgere and their placements (issue 6; STYLE.md 2.5).

Every lookup goes through offers.selectors, so a borger the user may not see is
a 404. Writes (tilgang, afgang, omplacering, indplacering, døgnskema,
annullering, betalingskommune) are for Myndighed
(config.lib.permissions.MyndighedSkriver).
"""

from collections.abc import Sequence

from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from config.lib.api_exceptions import rename_fields
from config.lib.permissions import MyndighedSkriver
from offers import kapacitet, services
from offers.models import Borger
from offers.selectors import (
    borger_betalingskommuner,
    borger_doegnskemaer,
    borger_indplaceringer,
    borger_tillaeg,
    borgere_med_betalingskommune,
    borgere_visible_to,
    tilbud_visible_to,
)
from offers.selectors_progression import borger_progression
from offers.serializers import (
    AfgangSerializer,
    AnnulleringInputSerializer,
    AnnulleringSerializer,
    BetalingskommuneInputSerializer,
    BetalingskommuneSerializer,
    BorgerSerializer,
    DoegnskemaInputSerializer,
    DoegnskemaSerializer,
    IndplaceringInputSerializer,
    IndplaceringSerializer,
    OmplaceringSerializer,
    OpfoelgningInputSerializer,
    OpholdMedAdvarslerSerializer,
    OpholdSerializer,
    ProgressionSerializer,
    TilgangSerializer,
    TillaegInputSerializer,
    TillaegSerializer,
    TillaegUpdateSerializer,
)
from offers.services.annullering import annullering_create
from offers.services.betalingskommune import betalingskommune_set
from offers.services.opfoelgning import indplacering_opfoelgning_set
from offers.services.tillaeg import UENDRET, tillaeg_create, tillaeg_update

# The service calls the særtakst hours saertakst_timer; the API takstgivende_timer.
API_NAVNE = {"saertakst_timer": "takstgivende_timer"}

ANNULLERING_BESKRIVELSE = (
    "Annullér en forkert registreret hændelse på et af borgerens ophold, med en "
    "begrundelse. Intet slettes: det annullerede markeres, og historikken bevares.\n\n"
    "- `tilgang`: opholdet regnes, som om det aldrig var registreret (ikke et "
    "ophold, der begyndte med en omplacering, eller som borgeren er flyttet videre "
    "fra).\n"
    "- `afgang`: opholdets afgang fjernes, og opholdet løber videre.\n"
    "- `indplacering` (med `indplacering`): et senere takstniveau annulleres, og "
    "det forrige gælder igen. Den første indplacering hører til tilgangen.\n"
    "- `omplacering` (`ophold` er det nye ophold): opholdet i det nye tilbud "
    "annulleres, og borgeren bliver i det gamle.\n\n"
    "En rettelse er en annullering efterfulgt af en ny registrering (tilgang, "
    "afgang, indplaceringer eller omplacering).\n"
    "- `tillaeg` (med `tillaegstakst`): tillægstaksten regnes, som om den aldrig "
    "var registreret.\n\nBudgettets reguleringer viser "
    "annulleringen som sin egen linje med virkning fra den annullerede hændelses "
    "dato, så reguleringerne stadig summerer til korrigeret minus oprindeligt "
    "budget. Et ophold eller en indplacering, der ikke er borgerens, giver 400."
)


BETALINGSKOMMUNE_BESKRIVELSE = (
    "Borgerens betalingskommune med gyldig-fra-datoer, ældste først. En kode "
    "gælder fra sin dato til dagen før den næste; før den første er borgeren egen "
    "kommunes. På de dage, en anden kommune betaler, er pladsen solgt: "
    "salgsindtægten er døgntakst × de finansierede dage, hvor en anden kommune "
    "betaler (også afløbsdagene efter en afgang).\n\n"
    "POST registrerer et skift fra `gyldig_fra`: `kommunekode` er tre cifre; tom "
    "eller kommunens egen kode betyder egen kommune fra datoen. Er der allerede "
    "en betalingskommune fra samme dato, rettes dens kode (historikken gemmer "
    "den gamle). Et skift flytter kun salgsindtægten fra sin dato og frem."
)


TILLAEG_BESKRIVELSE = (
    "Borgerens tillægstakster: et midlertidigt tillæg til døgntaksten på ét "
    "ophold, i timer pr. døgn (× årets timepris, afrundet til øre pr. døgn) "
    "eller i kr. pr. døgn, med en begrundelse. Et tillæg gælder fra `fra` til "
    "dagen før `til` (`til` null: indtil videre), på de dage opholdet "
    "finansieres: også afløbet efter en afgang, højst til `til`. Det indgår i "
    "aktivitetsbudgettet og i salgsindtægten for en solgt plads, og start og "
    "slut står i budgettets reguleringer som et niveauskift.\n\n"
    "POST registrerer et tillæg; `fra` skal være en dag, hvor borgeren bor i "
    "tilbuddet. Et forkert tillæg annulleres med `annuller` "
    "(haendelse=tillaeg)."
)
TILLAEG_AENDRING_BESKRIVELSE = (
    "Afslut et tillæg (`til`: den første dag uden det), flyt slutdatoen, eller "
    "ret begrundelsen. `til` null genåbner tillægget. Beløb og startdato "
    "ændres ikke: annullér tillægget og registrér det rigtige."
)


PROGRESSION_BESKRIVELSE = (
    "Borgerens progression (issue 19): takstniveauet over tid (hvert niveau fra "
    "sin gyldig-fra-dato til dagen før det næste eller afgangen, på tværs af "
    "ophold), funktionsevnen 0–4 pr. VUM-tema i hvert døgnskema, der har en "
    "vurdering (ældste først; kun temaer med mindst én score), og næste "
    "opfølgning af det gældende niveau. En tilbudsleder ser kun data fra ophold "
    "i eget tilbud; en borger uden ophold dér giver 404."
)


def _placering(data: dict) -> dict:
    """Validated placement input as service keyword arguments."""
    data = dict(data)
    data["saertakst_timer"] = data.pop("takstgivende_timer", None)
    return data


def _med_advarsler(ophold, spoerg_begrundelse: bool = False) -> Response:
    """201 with the new stay and its tilgang's warnings (issue 19 #3).
    ``spoerg_begrundelse``: a tilgang posted without begrundelse_uden_doegnskema
    for a borger with no døgnskema asks for it here."""
    advarsler = list(kapacitet.tilgang_advarsler(ophold))
    if spoerg_begrundelse and not ophold.borger.doegnskemaer.exists():
        advarsler.append(services.BEGRUNDELSE_UDEN_DOEGNSKEMA)
    serializer = OpholdMedAdvarslerSerializer(ophold, context={"advarsler": advarsler})
    return Response(serializer.data, status=status.HTTP_201_CREATED)


class BorgerViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    permission_classes = [MyndighedSkriver]
    serializer_class = BorgerSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return Borger.objects.none()
        return borgere_visible_to(self.request.user).order_by("navn", "pk")

    def list(self, request: Request, *args, **kwargs) -> Response:
        borgere = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(borgere)
        serializer = self._med_betalingskommuner(
            list(borgere if page is None else page)
        )
        if page is None:
            return Response(serializer.data)
        return self.get_paginated_response(serializer.data)

    def retrieve(self, request: Request, *args, **kwargs) -> Response:
        return Response(self._med_betalingskommuner([self.get_object()]).data[0])

    def _med_betalingskommuner(self, borgere: Sequence[Borger]) -> BorgerSerializer:
        """The borgere, each with the code the user may see: a tilbudsleder the
        one in force during a stay in their tilbud (as the list page)."""
        serializer = self.get_serializer(borgere, many=True)
        serializer.context["betalingskommuner"] = dict(
            borgere_med_betalingskommune(borgere, self.request.user)
        )
        return serializer

    def perform_create(self, serializer: BorgerSerializer) -> None:
        serializer.instance = services.borger_create(
            acting_user=self.request.user, **serializer.validated_data
        )

    def _input(self, serializer_class, borger: Borger, **kwargs) -> dict:
        serializer = serializer_class(data=self.request.data, borger=borger, **kwargs)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    @extend_schema(
        request=TilgangSerializer,
        responses={201: OpholdMedAdvarslerSerializer},
        description="Registrér en tilgang med dens første indplacering. Har "
        "borgeren intet døgnskema, beder advarsler om begrundelse_uden_doegnskema "
        "(givet tom: 400). Giver "
        "tilgangen flere borgere end pladser på en dag i opholdets første tre "
        "måneder, registreres den alligevel, og advarsler siger det.",
    )
    @action(detail=True, methods=["post"])
    def tilgang(self, request: Request, pk: str) -> Response:
        borger = self.get_object()
        tilbud = tilbud_visible_to(request.user)
        data = _placering(self._input(TilgangSerializer, borger, tilbud=tilbud))
        with rename_fields(API_NAVNE):
            ophold = services.borger_tilgang(
                borger=borger, acting_user=request.user, **data
            )
        return _med_advarsler(
            ophold, spoerg_begrundelse="begrundelse_uden_doegnskema" not in data
        )

    @extend_schema(
        request=AfgangSerializer,
        responses=OpholdSerializer,
        description="Registrér afgang fra borgerens åbne ophold. Borgeren bor i "
        "tilbuddet til og med dagen før afgangsdatoen. En afgangsdato mere end et "
        "år (365 dage) ude i fremtiden afvises med 400 på dato, medmindre "
        "bekraeft_fjern_dato er true. afgangsaarsag er valgfri (andet_tilbud, "
        "egen_bolig, doed, anden_kommune, andet); andet kræver afgangsaarsag_tekst.",
    )
    @action(detail=True, methods=["post"])
    def afgang(self, request: Request, pk: str) -> Response:
        borger = self.get_object()
        serializer = AfgangSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        d = serializer.validated_data
        ophold = services.borger_afgang(
            borger=borger,
            dato=d["dato"],
            acting_user=request.user,
            afgangsaarsag=d["afgangsaarsag"],
            afgangsaarsag_tekst=d["afgangsaarsag_tekst"],
        )
        return Response(OpholdSerializer(ophold).data)

    @extend_schema(
        request=OmplaceringSerializer,
        responses={201: OpholdMedAdvarslerSerializer},
        description="Flyt borgeren til et andet tilbud: afgang fra det nuværende "
        "ophold og tilgang i det nye samme dag, med samme regler og beskeder som "
        "siden Omplacering. Svaret er det nye ophold (omplaceret_fra er det gamle).",
    )
    @action(detail=True, methods=["post"])
    def omplacering(self, request: Request, pk: str) -> Response:
        borger = self.get_object()
        tilbud = tilbud_visible_to(request.user)
        data = _placering(self._input(OmplaceringSerializer, borger, tilbud=tilbud))
        with rename_fields(API_NAVNE):
            ophold = services.omplacering(
                borger=borger,
                til_tilbud=data.pop("tilbud"),
                acting_user=request.user,
                **data,
            )
        return _med_advarsler(ophold)

    @extend_schema(
        request=AnnulleringInputSerializer,
        responses={201: AnnulleringSerializer},
        description=ANNULLERING_BESKRIVELSE,
    )
    @action(detail=True, methods=["post"])
    def annuller(self, request: Request, pk: str) -> Response:
        borger = self.get_object()
        data = self._input(AnnulleringInputSerializer, borger)
        annullering = annullering_create(
            borger=borger, acting_user=request.user, **data
        )
        return Response(
            AnnulleringSerializer(annullering).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        methods=["GET"],
        request=None,
        responses=BetalingskommuneSerializer(many=True),
        description=BETALINGSKOMMUNE_BESKRIVELSE,
    )
    @extend_schema(
        methods=["POST"],
        request=BetalingskommuneInputSerializer,
        responses={201: BetalingskommuneSerializer},
        description=BETALINGSKOMMUNE_BESKRIVELSE,
    )
    @action(detail=True, methods=["get", "post"])
    def betalingskommune(self, request: Request, pk: str) -> Response:
        borger = self.get_object()
        if request.method == "GET":
            rows = borger_betalingskommuner(borger, request.user)
            return Response(BetalingskommuneSerializer(rows, many=True).data)
        serializer = BetalingskommuneInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        raekke = betalingskommune_set(
            borger=borger, acting_user=request.user, **serializer.validated_data
        )
        return Response(
            BetalingskommuneSerializer(raekke).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        methods=["GET"], request=None, responses=IndplaceringSerializer(many=True)
    )
    @extend_schema(
        methods=["POST"],
        request=IndplaceringInputSerializer,
        responses={201: IndplaceringSerializer},
    )
    @action(detail=True, methods=["get", "post"])
    def indplaceringer(self, request: Request, pk: str) -> Response:
        borger = self.get_object()
        if request.method == "GET":
            rows = borger_indplaceringer(borger, request.user)
            return Response(IndplaceringSerializer(rows, many=True).data)
        data = _placering(self._input(IndplaceringInputSerializer, borger))
        with rename_fields(API_NAVNE):
            indplacering = services.indplacering_create(
                borger=borger, acting_user=request.user, **data
            )
        return Response(
            IndplaceringSerializer(indplacering).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        methods=["GET"],
        request=None,
        responses=TillaegSerializer(many=True),
        description=TILLAEG_BESKRIVELSE,
    )
    @extend_schema(
        methods=["POST"],
        request=TillaegInputSerializer,
        responses={201: TillaegSerializer},
        description=TILLAEG_BESKRIVELSE,
    )
    @action(detail=True, methods=["get", "post"])
    def tillaeg(self, request: Request, pk: str) -> Response:
        borger = self.get_object()
        if request.method == "GET":
            rows = borger_tillaeg(borger, request.user)
            return Response(TillaegSerializer(rows, many=True).data)
        data = self._input(TillaegInputSerializer, borger)
        tillaeg = tillaeg_create(borger=borger, acting_user=request.user, **data)
        return Response(TillaegSerializer(tillaeg).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=TillaegUpdateSerializer,
        responses={200: TillaegSerializer},
        description=TILLAEG_AENDRING_BESKRIVELSE,
    )
    @action(
        detail=True,
        methods=["patch"],
        url_path=r"tillaeg/(?P<tillaeg_pk>[0-9]{1,18})",
        url_name="tillaeg-detail",
    )
    def tillaeg_detail(self, request: Request, pk: str, tillaeg_pk: str) -> Response:
        borger = self.get_object()
        tillaeg = get_object_or_404(borger_tillaeg(borger, request.user), pk=tillaeg_pk)
        serializer = TillaegUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        tillaeg = tillaeg_update(
            borger=borger,
            tillaeg=tillaeg,
            acting_user=request.user,
            til=data.get("til", UENDRET),
            begrundelse=data.get("begrundelse"),
        )
        return Response(TillaegSerializer(tillaeg).data)

    @extend_schema(
        methods=["GET"], request=None, responses=DoegnskemaSerializer(many=True)
    )
    @extend_schema(
        methods=["POST"],
        request=DoegnskemaInputSerializer,
        responses={201: DoegnskemaSerializer},
    )
    @action(detail=True, methods=["get", "post"])
    def doegnskemaer(self, request: Request, pk: str) -> Response:
        borger = self.get_object()
        if request.method == "GET":
            rows = borger_doegnskemaer(borger, request.user)
            return Response(DoegnskemaSerializer(rows, many=True).data)
        serializer = DoegnskemaInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data["funktionsevner"] = {
            f["tema"]: f["score"] for f in data.pop("funktionsevner")
        }
        skema = services.doegnskema_create(
            borger=borger, acting_user=request.user, **data
        )
        return Response(
            DoegnskemaSerializer(skema).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        request=None,
        responses=ProgressionSerializer,
        description=PROGRESSION_BESKRIVELSE,
    )
    @action(detail=True, methods=["get"])
    def progression(self, request: Request, pk: str) -> Response:
        borger = self.get_object()
        progression = borger_progression(borger, timezone.localdate(), request.user)
        return Response(ProgressionSerializer(progression).data)

    @extend_schema(
        request=OpfoelgningInputSerializer,
        responses={200: IndplaceringSerializer},
        description="Flyt et niveaus næste opfølgning (issue 19), fx når niveauet "
        "er fulgt op uden ændring. Ændres niveauet, registreres en ny indplacering "
        "(med sin egen opfølgning). En dato på eller før niveauets gyldig_fra giver "
        "400.",
    )
    @action(
        detail=True,
        methods=["patch"],
        url_path=r"indplaceringer/(?P<indplacering_pk>[0-9]{1,18})",
        url_name="indplacering-detail",
    )
    def indplacering_detail(
        self, request: Request, pk: str, indplacering_pk: str
    ) -> Response:
        borger = self.get_object()
        rows = borger_indplaceringer(borger, request.user)
        indplacering = get_object_or_404(rows, pk=indplacering_pk)
        serializer = OpfoelgningInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        indplacering = indplacering_opfoelgning_set(
            indplacering=indplacering,
            acting_user=request.user,
            **serializer.validated_data,
        )
        return Response(IndplaceringSerializer(indplacering).data)
