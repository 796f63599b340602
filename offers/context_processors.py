from django.http import HttpRequest

from offers.roles import rolle_titel


def rolle(request: HttpRequest) -> dict[str, str]:
    return {"rolle_titel": rolle_titel(request.user)}
