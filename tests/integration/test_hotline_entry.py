"""The hotline desk opens a request for a caller: the quote first, then the request."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from aftersales.models import Channel, Cover, RepairRate, ServiceKind, ServiceRequest
from membership.services import ensure_profile
from tests.factories.aftersales import make_appliance_model, make_area, make_unit
from tests.factories.service_desk import make_promise
from tests.factories.staff import make_dispatcher, make_shop_staff

pytestmark = pytest.mark.django_db
URL = "dashboard:aftersales-hotline"


@pytest.fixture
def agent(client):
    user = make_dispatcher()
    client.force_login(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return user


@pytest.fixture
def owner(django_user_model):
    user = django_user_model.objects.create_user("owner", "owner@example.cn", "pw-owner-1")
    profile = ensure_profile(user=user)
    profile.phone = "13811112222"
    profile.save()
    return user


def call(**fields):
    data = {
        "kind": ServiceKind.ONSITE_REPAIR,
        "contact_name": "陈先生",
        "contact_phone": "13811112222",
        "language": "zh-hans",
        "address": "上海市徐汇区漕溪北路1号",
        "symptom": "不制冷",
    }
    data.update(fields)
    return data


class TestACallForAnOutOfWarrantyUnit:
    @pytest.fixture
    def unit(self, owner, today):
        unit = make_unit(owner, purchase_date=today - datetime.timedelta(days=1000))
        make_promise(ServiceKind.ONSITE_REPAIR, callout_fee=Decimal("50"))
        RepairRate.objects.create(
            kind=ServiceKind.ONSITE_REPAIR,
            category=unit.appliance_model.category,
            labour=Decimal("120"),
            parts=Decimal("80"),
        )
        return unit

    def test_shows_the_quote_before_anything_is_saved(self, client, agent, unit):
        response = client.post(reverse(URL), call(serial=unit.serial, preview="1"))
        assert response.status_code == 200
        quote = response.context["quote"]
        assert (quote.cover, quote.total) == (Cover.NONE, Decimal("250"))
        assert response.context["unit"] == unit
        assert "¥250.00" in response.content.decode()
        assert not ServiceRequest.objects.exists()

    def test_confirmed_opens_the_request_as_the_agent(self, client, agent, unit, owner):
        area = make_area()
        response = client.post(reverse(URL), call(serial=unit.serial, area=area.pk, confirm="1"))
        assert response.status_code == 302
        opened = ServiceRequest.objects.get()
        assert (opened.channel, opened.created_by, opened.unit, opened.area) == (
            Channel.HOTLINE,
            agent,
            unit,
            area,
        )
        # The caller's phone is the owner's: the request is on the owner's account.
        assert opened.customer == owner
        assert opened.estimate_total == Decimal("250")
        event = opened.events.get()
        assert (event.action, event.actor, event.actor_role) == ("open", agent, "agent")

    def test_a_caller_with_another_phone_does_not_file_on_the_owners_account(
        self, client, agent, unit
    ):
        client.post(
            reverse(URL), call(serial=unit.serial, contact_phone="13900000000", confirm="1")
        )
        opened = ServiceRequest.objects.get()
        assert (opened.unit, opened.customer) == (unit, None)


class TestAGuestCaller:
    def test_names_the_model_without_a_registered_unit(self, client, agent):
        model = make_appliance_model()
        response = client.post(
            reverse(URL),
            call(kind=ServiceKind.INSTALLATION, model=model.model_number.lower(), confirm="1"),
        )
        assert response.status_code == 302
        opened = ServiceRequest.objects.get()
        assert (opened.appliance_model, opened.cover, opened.customer) == (
            model,
            Cover.NOT_APPLICABLE,
            None,
        )

    @pytest.mark.parametrize(
        ("fields", "field"),
        [
            ({"model": "NO-SUCH"}, "model"),
            ({"model": "", "serial": "UNREGISTERED1"}, "model"),
            ({"model": "", "serial": ""}, "model"),
            ({"contact_phone": "电话"}, "contact_phone"),
            ({"address": ""}, "address"),
        ],
    )
    def test_a_mistake_is_400_and_named(self, client, agent, fields, field):
        make_appliance_model(model_number="KFR-OK")
        response = client.post(reverse(URL), call(**{"model": "KFR-OK", "confirm": "1", **fields}))
        assert response.status_code == 400
        assert field in response.context["form"].errors
        assert not ServiceRequest.objects.exists()


def test_shop_staff_may_not_take_calls(client):
    client.force_login(make_shop_staff())
    assert client.get(reverse(URL)).status_code in (302, 403)
