"""Login rate limiting (django-axes) that leaves programmatic logins alone."""

from axes.backends import AxesStandaloneBackend


class LoginRateLimitBackend(AxesStandaloneBackend):
    """Axes' lockout check for real logins only.

    Axes refuses an authenticate() call without a request; calls without one
    (the test client's login, management commands) never come from the login
    form, so there is nothing to rate-limit.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(
            request, username=username, password=password, **kwargs
        )
