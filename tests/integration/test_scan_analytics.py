"""Scan and section-open counting, the manual's beacon, and the staff reports."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.db import connection
from django.db.models import QuerySet
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.users.models import UserProfile

from appliances import signing
from cms import analytics
from cms.models import ScanCount, SectionOpenCount
from cms.qr import views
from tests.factories.aftersales import make_appliance_model
from tests.factories.cms import make_manual
from tests.factories.races import needs_postgres, run_together

SERIAL = "AC20240301000001"
PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) Mobile/15E148"
DESKTOP = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36"
ANDROID_TABLET = "Mozilla/5.0 (Linux; Android 14; SM-X710) AppleWebKit/537.36 Safari/537.36"
# Session, user, permissions and admin menu (9), the model filter's choices, count and page,
# and Oscar's unread-notifications badge: 13, however many counter rows there are.
QUERY_BUDGET = 13


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def appliance_model(db):
    appliance_model = make_appliance_model()
    make_manual(appliance_model)
    return appliance_model


def scans(appliance_model, **key) -> dict:
    return {
        (row.language, row.device, row.unit_code): row.count
        for row in ScanCount.objects.filter(appliance_model=appliance_model, **key)
    }


class TestRecordingScans:
    def test_two_scans_count_two_on_one_row(self, appliance_model):
        for _ in range(2):
            analytics.record_scan(
                appliance_model=appliance_model, language="en", device="phone", unit_code=False
            )
        assert scans(appliance_model) == {("en", "phone", False): 2}

    def test_each_language_device_and_kind_of_code_has_its_own_counter(self, appliance_model):
        for language, device, unit_code in [
            ("en", "phone", False),
            ("zh-hans", "phone", False),
            ("zh-hans", "desktop", False),
            ("zh-hans", "desktop", True),
            ("zh-hans", "desktop", True),
        ]:
            analytics.record_scan(
                appliance_model=appliance_model,
                language=language,
                device=device,
                unit_code=unit_code,
            )
        assert scans(appliance_model) == {
            ("en", "phone", False): 1,
            ("zh-hans", "phone", False): 1,
            ("zh-hans", "desktop", False): 1,
            ("zh-hans", "desktop", True): 2,
        }

    def test_counts_by_the_day_in_china(self, appliance_model, monkeypatch):
        # 16:30 UTC on 1 March is half past midnight on 2 March in Shanghai.
        late = datetime.datetime(2024, 3, 1, 16, 30, tzinfo=datetime.UTC)
        monkeypatch.setattr(timezone, "now", lambda: late)
        analytics.record_scan(
            appliance_model=appliance_model, language="en", device="phone", unit_code=False
        )
        assert ScanCount.objects.get(appliance_model=appliance_model).day == datetime.date(
            2024, 3, 2
        )

    def test_a_lost_race_for_the_first_row_still_counts(self, appliance_model, monkeypatch):
        """Another request inserts the day's row between our UPDATE and our INSERT."""
        real_update = QuerySet.update
        key = {"day": datetime.date(2024, 3, 1), "language": "en", "device": "phone"}

        def update_that_misses_the_rivals_row(queryset, **kwargs):
            monkeypatch.setattr(QuerySet, "update", real_update)
            ScanCount.objects.create(
                appliance_model=appliance_model, unit_code=False, count=1, **key
            )
            return 0

        monkeypatch.setattr(QuerySet, "update", update_that_misses_the_rivals_row)
        analytics.record_scan(appliance_model=appliance_model, unit_code=False, **key)
        assert ScanCount.objects.get(appliance_model=appliance_model).count == 2

    def test_costs_one_query_once_the_days_row_exists(
        self, appliance_model, django_assert_num_queries
    ):
        fields = {"language": "en", "device": "phone", "unit_code": False}
        analytics.record_scan(appliance_model=appliance_model, **fields)
        with django_assert_num_queries(1):
            analytics.record_scan(appliance_model=appliance_model, **fields)

    @pytest.mark.parametrize(
        "user_agent, device",
        [(PHONE, "phone"), (ANDROID_TABLET, "phone"), (DESKTOP, "desktop"), ("", "desktop")],
    )
    def test_tells_phones_from_desktops(self, user_agent, device):
        assert analytics.device_for(user_agent) == device


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_first_scans_all_count():
    appliance_model = make_appliance_model(model_number="KFR-35GW/RACE")

    def scan():
        analytics.record_scan(
            appliance_model=appliance_model, language="en", device="phone", unit_code=False
        )

    run_together(*[scan] * 8)
    assert ScanCount.objects.get(appliance_model=appliance_model).count == 8


class TestScanningACode:
    def test_counts_each_scan_with_language_and_device(self, client, appliance_model):
        code = appliance_model.public_code
        client.get(f"/q/{code}", HTTP_ACCEPT_LANGUAGE="en", HTTP_USER_AGENT=PHONE)
        client.get(f"/q/{code}", HTTP_ACCEPT_LANGUAGE="en", HTTP_USER_AGENT=PHONE)
        client.get(f"/q/{code}", HTTP_ACCEPT_LANGUAGE="zh-CN", HTTP_USER_AGENT=DESKTOP)
        assert scans(appliance_model, day=timezone.localdate()) == {
            ("en", "phone", False): 2,
            ("zh-hans", "desktop", False): 1,
        }

    def test_counts_a_unit_code_as_such(self, client, appliance_model):
        code = appliance_model.public_code
        sig = signing.unit_signature(code, SERIAL)
        client.get(f"/q/{code}/{SERIAL}/{sig}", HTTP_USER_AGENT=PHONE)
        assert scans(appliance_model) == {("zh-hans", "phone", True): 1}

    def test_does_not_count_tampered_codes_unknown_codes_or_link_checkers(
        self, client, appliance_model
    ):
        code = appliance_model.public_code
        client.get(f"/q/{code}/{SERIAL}/AAAAAAAAAA")
        client.get("/q/ZZZZZZ")
        client.head(f"/q/{code}")
        client.get(f"/q/{code}.png")
        assert ScanCount.objects.filter(appliance_model=appliance_model).count() == 0

    def test_landing_takes_a_handful_of_queries(
        self, client, appliance_model, django_assert_max_num_queries
    ):
        code = appliance_model.public_code
        client.get(f"/q/{code}")  # the day's counter row and Wagtail's site cache
        with django_assert_max_num_queries(4):
            assert client.get(f"/q/{code}").status_code == 302


class TestTheOpenBeacon:
    def url(self, appliance_model) -> str:
        return f"/q/{appliance_model.public_code}/open"

    def test_counts_an_opened_section_without_a_csrf_token(self, appliance_model):
        from django.test import Client

        browser = Client(enforce_csrf_checks=True)
        for _ in range(2):
            response = browser.post(
                self.url(appliance_model), {"kind": "troubleshooting", "key": "e1-no-cooling"}
            )
            assert response.status_code == 204
        row = SectionOpenCount.objects.get(appliance_model=appliance_model)
        assert (row.kind, row.key, row.count, row.day) == (
            "troubleshooting",
            "e1-no-cooling",
            2,
            timezone.localdate(),
        )

    @pytest.mark.parametrize(
        "data, field",
        [
            ({"kind": "chapter", "key": "install"}, "kind"),
            ({"kind": "section", "key": "has spaces"}, "key"),
            ({"kind": "section", "key": "<script>"}, "key"),
            ({"kind": "section", "key": "a" * 81}, "key"),
            ({"kind": "section"}, "key"),
            ({}, "kind"),
        ],
    )
    def test_refuses_bad_input_with_a_short_message(self, client, appliance_model, data, field):
        response = client.post(self.url(appliance_model), data)
        assert response.status_code == 400
        assert response["Content-Type"].startswith("text/plain")
        assert response.content.decode().startswith(f"{field}: ")
        assert len(response.content) < 200
        assert not SectionOpenCount.objects.exists()

    def test_accepts_an_80_character_anchor(self, client, appliance_model):
        response = client.post(self.url(appliance_model), {"kind": "video", "key": "v" * 80})
        assert response.status_code == 204

    def test_refuses_an_unknown_code_and_get(self, client, appliance_model):
        assert client.post("/q/ZZZZZZ/open", {"kind": "video", "key": "x"}).status_code == 404
        assert client.get(self.url(appliance_model)).status_code == 405

    def test_limits_each_client_per_minute(self, client, appliance_model, monkeypatch):
        monkeypatch.setattr(views, "OPENS_PER_MINUTE", 3)
        data = {"kind": "section", "key": "cleaning"}
        statuses = [client.post(self.url(appliance_model), data).status_code for _ in range(4)]
        assert statuses == [204, 204, 204, 429]
        other = client.post(self.url(appliance_model), data, REMOTE_ADDR="10.1.2.3")
        assert other.status_code == 204
        assert SectionOpenCount.objects.get(appliance_model=appliance_model).count == 4

    def test_limits_each_client_behind_the_proxy_apart(
        self, client, appliance_model, monkeypatch, settings
    ):
        settings.TRUSTED_PROXY_COUNT = 1
        monkeypatch.setattr(views, "OPENS_PER_MINUTE", 2)
        data = {"kind": "section", "key": "cleaning"}

        def send(forwarded):
            response = client.post(
                self.url(appliance_model),
                data,
                REMOTE_ADDR="10.0.0.2",
                HTTP_X_FORWARDED_FOR=forwarded,
            )
            return response.status_code

        assert [send("203.0.113.5") for _ in range(3)] == [204, 204, 429]
        assert send("198.51.100.7") == 204
        # Writing the header itself does not make a client someone else.
        assert send("198.51.100.99, 203.0.113.5") == 429

    def test_the_real_limit_is_120_a_minute(self, client, appliance_model):
        data = {"kind": "section", "key": "cleaning"}
        statuses = {client.post(self.url(appliance_model), data).status_code for _ in range(120)}
        assert statuses == {204}
        assert client.post(self.url(appliance_model), data).status_code == 429


def fill_counters(models: list, days: int) -> None:
    start = datetime.date(2024, 3, 1)
    ScanCount.objects.bulk_create(
        ScanCount(
            appliance_model=model,
            day=start + datetime.timedelta(days=offset),
            language=language,
            device=device,
            unit_code=unit_code,
            count=offset + 1,
        )
        for model in models
        for offset in range(days)
        for language in ("zh-hans", "en")
        for device in ("phone", "desktop")
        for unit_code in (False, True)
    )
    SectionOpenCount.objects.bulk_create(
        SectionOpenCount(
            appliance_model=model,
            day=start + datetime.timedelta(days=offset),
            kind=kind,
            key=f"{kind}-{number}",
            count=number + offset,
        )
        for model in models
        for offset in range(days)
        for kind in ("section", "troubleshooting", "video")
        for number in range(3)
    )


@pytest.fixture
def analyst(client, django_user_model):
    user = django_user_model.objects.create_user(
        username="qr-analyst", email="analyst@example.cn", password="x"
    )
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        Permission.objects.get(content_type__app_label="cms", codename="view_scancount"),
        Permission.objects.get(content_type__app_label="cms", codename="view_sectionopencount"),
    )
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)
    return user


class TestTheScanReport:
    URL = "/cms/qr-analytics/"

    def test_sums_scans_per_model_per_day(self, client, analyst):
        first, second = (
            make_appliance_model(model_number="RPT-1"),
            make_appliance_model(model_number="RPT-2"),
        )
        fill_counters([first, second], days=2)
        response = client.get(self.URL, {"appliance_model": first.pk})
        assert response.status_code == 200
        rows = {(row["day"], row["model_number"]): row for row in response.context["object_list"]}
        assert set(rows) == {
            (datetime.date(2024, 3, 1), "RPT-1"),
            (datetime.date(2024, 3, 2), "RPT-1"),
        }
        second_day = rows[(datetime.date(2024, 3, 2), "RPT-1")]
        # 8 counters of 2 scans: half per-unit, half on phones, half in English.
        assert (second_day["scans"], second_day["unit_scans"], second_day["phone_scans"]) == (
            16,
            8,
            8,
        )
        assert (second_day["scans_en"], second_day["scans_zh_hans"]) == (8, 8)

    def test_filters_by_date_range(self, client, analyst):
        fill_counters([make_appliance_model(model_number="RPT-1")], days=5)
        response = client.get(self.URL, {"day_from": "2024-03-02", "day_to": "2024-03-03"})
        days = {row["day"] for row in response.context["object_list"]}
        assert days == {datetime.date(2024, 3, 2), datetime.date(2024, 3, 3)}

    def test_query_count_does_not_grow_with_the_data(self, client, analyst):
        fill_counters([make_appliance_model(model_number="RPT-1")], days=1)
        with CaptureQueriesContext(connection) as small:
            assert client.get(self.URL).status_code == 200
        fill_counters(
            [make_appliance_model(model_number=f"RPT-{n}") for n in range(2, 12)], days=30
        )
        with CaptureQueriesContext(connection) as large:
            assert client.get(self.URL).status_code == 200
        assert len(large) == len(small), [q["sql"] for q in large.captured_queries]

    def test_stays_under_its_query_budget(self, client, analyst, django_assert_max_num_queries):
        fill_counters([make_appliance_model(model_number=f"RPT-{n}") for n in range(10)], days=30)
        with django_assert_max_num_queries(QUERY_BUDGET):
            assert client.get(self.URL).status_code == 200

    def test_exports_the_rows_as_csv(self, client, analyst):
        fill_counters([make_appliance_model(model_number="RPT-CSV")], days=2)
        response = client.get(self.URL, {"export": "csv"}, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 200
        lines = b"".join(response.streaming_content).decode().splitlines()
        assert lines[0].startswith("Day,Model,Name,Scans,Per-unit codes,On phones,")
        assert "2024-03-02,RPT-CSV,静悦 1.5匹 变频挂机,16,8,8,8,8" in lines

    def test_exports_xlsx(self, client, analyst):
        fill_counters([make_appliance_model(model_number="RPT-XLSX")], days=1)
        response = client.get(self.URL, {"export": "xlsx"})
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")


class TestTheOpenReport:
    URL = "/cms/qr-analytics/opens/"

    def test_lists_the_most_opened_first(self, client, analyst):
        fill_counters([make_appliance_model(model_number="RPT-1")], days=3)
        response = client.get(self.URL, {"kind": "troubleshooting"})
        assert response.status_code == 200
        rows = list(response.context["object_list"])
        assert [row["key"] for row in rows] == [
            "troubleshooting-2",
            "troubleshooting-1",
            "troubleshooting-0",
        ]
        assert rows[0]["opens"] == 2 + 3 + 4

    def test_query_count_does_not_grow_with_the_data(self, client, analyst):
        fill_counters([make_appliance_model(model_number="RPT-1")], days=1)
        with CaptureQueriesContext(connection) as small:
            assert client.get(self.URL).status_code == 200
        fill_counters(
            [make_appliance_model(model_number=f"RPT-{n}") for n in range(2, 12)], days=30
        )
        with CaptureQueriesContext(connection) as large:
            assert client.get(self.URL).status_code == 200
        assert len(large) == len(small)

    def test_exports_the_rows_as_csv_with_readable_kinds(self, client, analyst):
        fill_counters([make_appliance_model(model_number="RPT-CSV")], days=1)
        response = client.get(self.URL, {"export": "csv"}, HTTP_ACCEPT_LANGUAGE="en")
        lines = b"".join(response.streaming_content).decode().splitlines()
        assert lines[0] == "Model,Kind,Anchor,Opens"
        assert "RPT-CSV,Troubleshooting entry,troubleshooting-2,2" in lines


class TestWhoSeesTheReports:
    @pytest.mark.parametrize("url", ["/cms/qr-analytics/", "/cms/qr-analytics/opens/"])
    def test_editors_without_the_view_right_are_turned_back(self, client, django_user_model, url):
        editor = django_user_model.objects.create_user(
            username="qr-editor", email="editor@example.cn", password="x"
        )
        editor.user_permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
        )
        client.force_login(editor)
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (302, "/cms/")

    def test_customers_are_sent_to_sign_in(self, client, django_user_model):
        customer = django_user_model.objects.create_user(
            username="qr-customer", email="customer@example.cn", password="x"
        )
        client.force_login(customer)
        response = client.get("/cms/qr-analytics/")
        assert response.status_code in (302, 403)
        assert b"RPT" not in response.content
