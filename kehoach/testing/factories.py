"""factory_boy factories for the foundation models (units, users, indicators, plans, values)."""

from __future__ import annotations

from decimal import Decimal

import factory

from kehoach.core.models import Role, User
from kehoach.core.text import ascii_fold
from kehoach.indicators.models import Indicator
from kehoach.plans.models import Plan, Target
from kehoach.testing import PASSWORD
from kehoach.units.models import Unit
from kehoach.values.models import Value


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"U{n:03d}")
    name = factory.Sequence(lambda n: f"Đơn vị {n}")
    name_ascii = factory.LazyAttribute(lambda unit: ascii_fold(unit.name))
    type = "department"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    role = Role.REPORTER
    password = factory.django.Password(PASSWORD)


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"IND{n:03d}")
    name_vi = factory.Sequence(lambda n: f"Chỉ tiêu {n}")
    group = "economy"
    unit = "tỷ đồng"
    kind = "flow"
    direction = "up"
    aggregation = "sum"
    decimals = 1


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"KH-{n}")
    name = factory.Sequence(lambda n: f"Kế hoạch {n}")
    kind = "five_year"
    start_year = 2021
    end_year = 2025
    unit = factory.SubFactory(UnitFactory, type="province")
    status = "approved"


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Target

    plan = factory.SubFactory(PlanFactory)
    indicator = factory.SubFactory(IndicatorFactory)
    unit = factory.SelfAttribute("plan.unit")
    period = "2025"
    start_year = 2025
    end_year = 2025
    comparator = "above"
    value = Decimal("100")


class ValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Value

    indicator = factory.SubFactory(IndicatorFactory)
    unit = factory.SubFactory(UnitFactory)
    period = "2024"
    year = 2024
    end_year = 2024
    kind = "actual"
    value = Decimal("1")
