from django.conf import settings
from django.db import models
from django.utils import timezone


class Forespoergsel(models.Model):
    """One non-idempotent request (POST, PUT, PATCH, DELETE) and its outcome."""

    tidspunkt = models.DateTimeField("tidspunkt", default=timezone.now, db_index=True)
    bruger = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="bruger",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Kept when the user is deleted; for a failed login, the name that was tried.
    brugernavn = models.CharField("brugernavn", max_length=150, blank=True)
    metode = models.CharField("metode", max_length=7)
    # The URL name ("api:v1:borger-afgang") or pattern, never the raw path.
    rute = models.CharField("rute", max_length=200, blank=True)
    # The URL's keyword arguments ("pk=12"), CPR-shaped text masked.
    objekt = models.CharField("objekt", max_length=200, blank=True)
    status = models.PositiveSmallIntegerField("status")
    login_fejlet = models.BooleanField("login mislykkedes", default=False)

    class Meta:
        verbose_name = "forespørgsel"
        verbose_name_plural = "forespørgsler"
        ordering = ["-tidspunkt", "-pk"]
        indexes = [models.Index(fields=["brugernavn", "tidspunkt"])]

    def __str__(self) -> str:
        return f"{self.metode} {self.rute or '–'} {self.status}"
