"""The annul page (issue 12 item 11): what will be annulled, its budget effect,
and the reason.

The event is named by the query (``haendelse``, ``ophold``, ``indplacering``:
pks, never a CPR), and the form posts back to the same URL. A correction is an
annulment followed by the right registration on the usual pages.
"""

import datetime
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render

from config.lib.formatting import format_dato
from config.lib.forms import add_service_errors
from offers.forms import AnnulleringForm
from offers.models import Borger, Haendelsesart, Indplacering, Ophold, Tillaegstakst
from offers.selectors import borgere_visible_to
from offers.services import annullering
from offers.views import _kraev_myndighed

ANNULLERET = "Annulleret: {haendelse}."
KONSEKVENS = (
    "Annulleringen bliver sin egen linje i reguleringerne, med virkning fra {dato}."
)
BESKRIVELSER = {
    Haendelsesart.TILGANG: "Tilgang til {til} {dato}",
    Haendelsesart.AFGANG: "Afgang fra {til} {dato}",
    Haendelsesart.INDPLACERING: "Takstniveau {kode} i {til} fra {dato}",
    Haendelsesart.OMPLACERING: "Omplacering fra {fra} til {til} {dato}",
    Haendelsesart.TILLAEG: "Tillægstakst i {til} fra {dato}",
}
FOELGER = {
    Haendelsesart.TILGANG: "Opholdet og dets takstniveauer regnes, som om de aldrig "
    "var registreret.",
    Haendelsesart.AFGANG: "Opholdet løber videre, som om afgangen ikke var "
    "registreret.",
    Haendelsesart.INDPLACERING: "Det forrige takstniveau gælder igen fra {dato}.",
    Haendelsesart.OMPLACERING: "Borgeren bliver i {fra}: opholdet i {til} "
    "annulleres, og afgangen fra {fra} med.",
    Haendelsesart.TILLAEG: "Tillægget regnes, som om det aldrig var registreret.",
}


@dataclass(frozen=True)
class Maal:
    """The registered event the page annuls."""

    haendelse: str
    ophold: Ophold
    indplacering: Indplacering | None
    dato: datetime.date
    tillaeg: Tillaegstakst | None = None

    def _tekst(self, skabelon: str) -> str:
        fra = self.ophold.omplaceret_fra
        return skabelon.format(
            til=self.ophold.tilbud.navn,
            fra=fra.tilbud.navn if fra else "",
            kode=self.indplacering.takstniveau.kode if self.indplacering else "",
            dato=format_dato(self.dato),
        )

    @property
    def beskrivelse(self) -> str:
        return self._tekst(BESKRIVELSER[self.haendelse])

    @property
    def foelge(self) -> str:
        return self._tekst(FOELGER[self.haendelse])


def _pk(query: QueryDict, navn: str) -> str:
    vaerdi = query.get(navn, "")
    if not (vaerdi.isascii() and vaerdi.isdigit() and len(vaerdi) < 19):
        raise Http404
    return vaerdi


def _maal(borger: Borger, query: QueryDict) -> Maal:
    """The borger's own event the query names; anything else is a 404."""
    haendelse = query.get("haendelse")
    if haendelse not in Haendelsesart.values:
        raise Http404
    ophold = get_object_or_404(
        Ophold.objects.select_related("tilbud", "omplaceret_fra__tilbud"),
        borger=borger,
        pk=_pk(query, "ophold"),
    )
    indplacering = None
    dato = ophold.afgang if haendelse == Haendelsesart.AFGANG else ophold.tilgang
    if haendelse == Haendelsesart.INDPLACERING:
        indplacering = get_object_or_404(
            Indplacering.objects.select_related("takstniveau"),
            ophold=ophold,
            pk=_pk(query, "indplacering"),
        )
        dato = indplacering.gyldig_fra
    tillaeg = None
    if haendelse == Haendelsesart.TILLAEG:
        tillaeg = get_object_or_404(
            Tillaegstakst.objects, ophold=ophold, pk=_pk(query, "tillaeg")
        )
        dato = tillaeg.fra
    omplacering = haendelse == Haendelsesart.OMPLACERING
    if dato is None or (omplacering and ophold.omplaceret_fra is None):
        raise Http404  # no afgang, or no omplacering, to annul
    return Maal(Haendelsesart(haendelse), ophold, indplacering, dato, tillaeg)


def annullering_create(request: HttpRequest, pk: int) -> HttpResponse:
    _kraev_myndighed(request)
    borger = get_object_or_404(borgere_visible_to(request.user), pk=pk)
    maal = _maal(borger, request.GET)
    form = AnnulleringForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            annullering.annullering_create(
                borger=borger,
                haendelse=maal.haendelse,
                ophold=maal.ophold,
                indplacering=maal.indplacering,
                tillaegstakst=maal.tillaeg,
                acting_user=request.user,
                begrundelse=form.cleaned_data["begrundelse"],
            )
        except ValidationError as err:
            add_service_errors(form, err, {})
        else:
            messages.success(request, ANNULLERET.format(haendelse=maal.beskrivelse))
            return redirect(borger)
    context = {
        "borger": borger,
        "form": form,
        "maal": maal,
        "konsekvens": KONSEKVENS.format(dato=format_dato(maal.dato)),
    }
    return render(request, "offers/annullering_form.html", context)
