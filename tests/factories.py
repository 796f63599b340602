"""factory_boy factories for rows that have no service (reference and frame data)."""

from decimal import Decimal

import factory
from django.contrib.auth.models import Group, User

from budgets.models import Budgetaar, FastUdgift
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


class TilbudFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tilbud

    navn = factory.Sequence(lambda n: f"Bofællesskabet {n}")
    tilbudstype = Tilbudstype.BOFAELLESSKAB
    pladser = 8
    forudsat_belaegning = Decimal("97")


class TimeprismodelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Timeprismodel

    aar = 2026
    navn = factory.Sequence(lambda n: f"Timepris {n}")
    aarsloen = Decimal("480000")
    aarsnorm_timer = Decimal("1924")


class TakstmodelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Takstmodel
        django_get_or_create = ["aar"]

    aar = 2026
    navn = "Takstmodel"
    timeprismodel = factory.SubFactory(
        TimeprismodelFactory, aar=factory.SelfAttribute("..aar")
    )


class TakstniveauFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Takstniveau

    takstmodel = factory.SubFactory(TakstmodelFactory)
    kode = factory.Sequence(lambda n: f"N{n}")
    navn = factory.LazyAttribute(lambda o: f"Niveau {o.kode}")
    raekkefoelge = factory.Sequence(lambda n: n + 1)
    nedre = Decimal("0")
    oevre = Decimal("2")
    takstgivende = Decimal("1")


class BudgetaarFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Budgetaar
        django_get_or_create = ["aar"]

    aar = 2026


class FastUdgiftFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FastUdgift

    tilbud = factory.SubFactory(TilbudFactory)
    budgetaar = factory.SubFactory(BudgetaarFactory)
    kategori = "ledelse"
    beloeb = Decimal("1000000")
