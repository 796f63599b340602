"""The budget year's state as a small tag beside a year heading (issue 13 #2).

An inclusion tag rather than a context variable: every page with a year shows
it (budget pages, takster pages). It lives in tariffs, the lowest app that shows
it, and reads the state through the reader budgets registers
(tariffs.lukkede_aar), so no template of tariffs loads a library of budgets.
"""

from django import template

from tariffs.lukkede_aar import budgetaar_status

register = template.Library()

# state: (name, DKFDS badge class, what it means)
STATUS = {
    "forslag": ("Forslag", "badge-info", "Forslag: tallene beregnes løbende."),
    "vedtaget": (
        "Vedtaget",
        "badge-success",
        "Vedtaget: det oprindelige budget er gemt og ændres ikke.",
    ),
    "lukket": ("Lukket", "", "Lukket: intet, der ændrer årets tal, kan gemmes."),
}


@register.inclusion_tag("includes/aar_status.html")
def aar_status(aar: int) -> dict:
    status = budgetaar_status(aar)
    navn, klasse, forklaring = STATUS[status]
    return {
        "aar": aar,
        "status": status,
        "navn": navn,
        "klasse": klasse,
        "forklaring": forklaring,
    }
