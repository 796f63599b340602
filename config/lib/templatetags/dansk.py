"""Danish display filters: money, numbers, dates and months (STYLE.md 3.4).

Explicit filters rather than the locale's thousand separator, so the output is
exact: ``{{ beloeb|kr }}`` -> "1.234,56 kr." (negative with a typographic minus).
"""

import datetime
from decimal import Decimal

from django import template
from django.utils import timezone

from config.lib.formatting import (
    MAANEDSNAVNE,
    MINUS,
    format_dato,
    format_kr,
    format_tal,
)

register = template.Library()


@register.filter
def kr(vaerdi: Decimal | int | None) -> str:
    """1234.56 -> "1.234,56 kr."; None -> "–"."""
    if vaerdi is None or vaerdi == "":
        return "–"
    return format_kr(Decimal(vaerdi))


@register.filter
def kr_fortegn(vaerdi: Decimal | int | None) -> str:
    """Like kr, with "+" on a positive amount (regulations, differences)."""
    if vaerdi is None or vaerdi == "":
        return "–"
    return format_kr(Decimal(vaerdi), fortegn=True)


@register.filter
def tal(vaerdi: Decimal | int | None, decimaler: int = 0) -> str:
    """A number the Danish way with the given decimals: "1.234,5"."""
    if vaerdi is None or vaerdi == "":
        return "–"
    return format_tal(Decimal(vaerdi), int(decimaler))


@register.filter
def tal_fortegn(vaerdi: Decimal | int | None, decimaler: int = 0) -> str:
    if vaerdi is None or vaerdi == "":
        return "–"
    tekst = format_tal(Decimal(vaerdi), int(decimaler))
    return tekst if tekst.startswith(MINUS) or not Decimal(vaerdi) else f"+{tekst}"


@register.filter
def procent(vaerdi: Decimal | int | None, decimaler: int = 1) -> str:
    """97.123 -> "97,1 %"."""
    if vaerdi is None or vaerdi == "":
        return "–"
    return f"{format_tal(Decimal(vaerdi), int(decimaler))} %"


@register.filter
def dato(vaerdi: datetime.date | None) -> str:
    """A date as 10.03.2026 (a datetime in local time with hh:mm)."""
    if not vaerdi:
        return "–"
    if isinstance(vaerdi, datetime.datetime):
        lokal = timezone.localtime(vaerdi)
        return f"{format_dato(lokal.date())} kl. {lokal:%H:%M}"
    return format_dato(vaerdi)


@register.filter
def maanedsnavn(maaned: int) -> str:
    """1 -> "januar"."""
    return MAANEDSNAVNE[int(maaned) - 1]


@register.filter
def dansk_decimal(vaerdi: Decimal | int | None) -> str:
    """A value for an input field: "1234,5" (no thousand separator, comma)."""
    if vaerdi is None or vaerdi == "":
        return ""
    return format(Decimal(vaerdi).normalize(), "f").replace(".", ",")


@register.filter
def celle(vaerdi: object, art: str) -> str:
    """Format one table cell by its column kind (see config.lib.excel.Kolonne)."""
    if art == "kr":
        return kr(vaerdi)
    if art == "kr_fortegn":
        return kr_fortegn(vaerdi)
    if art in ("tal", "tal1", "tal2"):
        return tal(vaerdi, {"tal": 0, "tal1": 1, "tal2": 2}[art])
    if art == "procent":
        return procent(vaerdi)
    if art == "dato":
        return dato(vaerdi)
    return "–" if vaerdi is None else str(vaerdi)


@register.filter
def er_tal(art: str) -> bool:
    """Whether a column kind is right-aligned (numbers)."""
    return art not in ("tekst", "dato")


@register.filter
def kolonne_par(raekke: list, kolonner: list) -> list[tuple]:
    """Pair a table row's values with their columns: [(kolonne, værdi), ...]."""
    return list(zip(kolonner, raekke, strict=False))


@register.simple_tag(takes_context=True)
def eksport_url(context, **ekstra) -> str:
    """The current URL with ``format=xlsx`` (and any extra params) added."""
    params = context["request"].GET.copy()
    params["format"] = "xlsx"
    for noegle, vaerdi in ekstra.items():
        params[noegle] = vaerdi
    return f"?{params.urlencode()}"


@register.simple_tag(takes_context=True)
def med_param(context, **ekstra) -> str:
    """The current query string with some params replaced (sorting, pages)."""
    params = context["request"].GET.copy()
    params.pop("format", None)
    for noegle, vaerdi in ekstra.items():
        params[noegle] = vaerdi
    return f"?{params.urlencode()}"


@register.filter
def dkfds(felt) -> str:
    """Render a bound field's widget with DKFDS classes and ARIA links to hint/error."""
    widget = felt.field.widget
    klasse = {"select": "form-select", "checkbox": "form-checkbox"}.get(
        getattr(widget, "input_type", ""), "form-input"
    )
    if widget.__class__.__name__ == "Select":
        klasse = "form-select"
    ekstra = widget.attrs.get("class", "")
    attrs = {"class": f"{klasse} {ekstra}".strip()}
    beskrevet = []
    if felt.help_text:
        beskrevet.append(f"{felt.auto_id}_hint")
    if felt.errors:
        beskrevet.append(f"{felt.auto_id}_fejl")
        attrs["aria-invalid"] = "true"
    if beskrevet:
        attrs["aria-describedby"] = " ".join(beskrevet)
    return felt.as_widget(attrs=attrs)
