"""factory_boy factories for rows that have no service (reference and frame data)."""

from decimal import Decimal

import factory
from django.contrib.auth.models import Group, User

from budgets.models import Budgetaar, FastUdgift
from config.lib import derived
from offers.models import Tilbud, Tilbudstype
from tariffs.models import Takstmodel, Takstniveau, Timeprismodel


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"bruger{n}")
    password = factory.django.Password("Kode-1234!")

    @factory.post_generation
    def roller(self, create, extracted, **kwargs):
        for navn in extracted or []:
            self.groups.add(Group.objects.get(name=navn))


class _Budgetinput(factory.django.DjangoModelFactory):
    """A row that feeds the budgets: like a service or the admin, a factory says
    what it changed, so the stored monthly figures follow (config.lib.derived)."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        obj = super()._create(model_class, *args, **kwargs)
        derived.changed(**cls._aendrer(obj))
        return obj

    @classmethod
    def _aendrer(cls, obj) -> dict:
        return {"tilbud": [obj.tilbud_id]}


class TilbudFactory(_Budgetinput):
    class Meta:
        model = Tilbud

    navn = factory.Sequence(lambda n: f"Bofællesskabet {n}")
    tilbudstype = Tilbudstype.BOFAELLESSKAB
    pladser = 8
    forudsat_belaegning = Decimal("97")

    @classmethod
    def _aendrer(cls, obj) -> dict:
        return {"tilbud": [obj.pk]}


class TimeprismodelFactory(_Budgetinput):
    class Meta:
        model = Timeprismodel

    aar = 2026
    navn = factory.Sequence(lambda n: f"Timepris {n}")
    aarsloen = Decimal("480000")
    aarsnorm_timer = Decimal("1924")

    @classmethod
    def _aendrer(cls, obj) -> dict:
        return {"aar": [obj.aar]}


class TakstmodelFactory(_Budgetinput):
    class Meta:
        model = Takstmodel
        django_get_or_create = ["aar"]

    aar = 2026
    navn = "Takstmodel"
    timeprismodel = factory.SubFactory(
        TimeprismodelFactory, aar=factory.SelfAttribute("..aar")
    )

    @classmethod
    def _aendrer(cls, obj) -> dict:
        return {"aar": [obj.aar]}


class TakstniveauFactory(_Budgetinput):
    class Meta:
        model = Takstniveau

    takstmodel = factory.SubFactory(TakstmodelFactory)
    kode = factory.Sequence(lambda n: f"N{n}")
    navn = factory.LazyAttribute(lambda o: f"Niveau {o.kode}")
    raekkefoelge = factory.Sequence(lambda n: n + 1)
    nedre = Decimal("0")
    oevre = Decimal("2")
    takstgivende = Decimal("1")

    @classmethod
    def _aendrer(cls, obj) -> dict:
        return {"aar": [obj.takstmodel.aar]}


class BudgetaarFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Budgetaar
        django_get_or_create = ["aar"]

    aar = 2026


class FastUdgiftFactory(_Budgetinput):
    class Meta:
        model = FastUdgift

    tilbud = factory.SubFactory(TilbudFactory)
    budgetaar = factory.SubFactory(BudgetaarFactory)
    kategori = "ledelse"
    beloeb = Decimal("1000000")
