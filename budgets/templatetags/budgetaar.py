"""The budget year's state as a small tag beside a year heading (issue 13 #2).

An inclusion tag rather than a context variable: every page with a year shows
it (budget pages, takster pages of tariffs), and tariffs' views may not import
budgets; the template reads it through the selector.
"""

from django import template

from budgets.models import Budgetstatus
from budgets.selectors.budgetaar import budgetaar_status

register = template.Library()

KLASSE = {
    Budgetstatus.FORSLAG: "badge-info",
    Budgetstatus.VEDTAGET: "badge-success",
    Budgetstatus.LUKKET: "",
}
FORKLARING = {
    Budgetstatus.FORSLAG: "Forslag: tallene beregnes løbende.",
    Budgetstatus.VEDTAGET: "Vedtaget: det oprindelige budget er gemt og ændres ikke.",
    Budgetstatus.LUKKET: "Lukket: intet, der ændrer årets tal, kan gemmes.",
}


@register.inclusion_tag("includes/aar_status.html")
def aar_status(aar: int) -> dict:
    status = Budgetstatus(budgetaar_status(aar))
    return {
        "aar": aar,
        "status": status,
        "navn": status.label,
        "klasse": KLASSE[status],
        "forklaring": FORKLARING[status],
    }
