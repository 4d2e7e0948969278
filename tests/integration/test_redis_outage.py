"""A Redis outage degrades the site instead of breaking it, and the site recovers by itself.

Each test runs against a private redis-server, configured exactly as in production
(portal/settings/redis_cache.py), which it kills and starts again on the same port while
the same web process, test client and session carry on.
"""

import shutil
import signal
import socket
import subprocess
import time

import pytest
import redis
from django.core.cache import cache
from oscar.core.loading import get_model

from appliances.models import ApplianceModel
from cms.models import ManualPage, SectionOpenCount
from groundwork.redis_breaker import PAUSE_SECONDS
from portal.settings.redis_cache import redis_settings

# A journey through the demo site while Redis is down: a real manual, product and member.
pytestmark = [pytest.mark.demo, pytest.mark.redis, pytest.mark.usefixtures("demo")]

REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"
AC_NUMBER = "KFR-35GW/BP3DN8Y-PH200(B3)"  # a demo model with a manual in both languages
CUSTOMER = {"email": "customer@aftercare.demo", "password": "demo1234"}
LOGIN = "/zh-hans/shop/accounts/login/"
CENTRE = "/zh-hans/members/"
CATALOGUE = "/zh-hans/shop/catalogue/"
BEACON = {"kind": "section", "key": "cleaning"}
Product = get_model("catalogue", "Product")


class PrivateRedis:
    """A redis-server of the test's own, on a free port, that keeps nothing on disk."""

    def __init__(self) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
            + ["--appendonly", "no", "--daemonize", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        probe = redis.Redis.from_url(self.url, socket_connect_timeout=0.2)
        deadline = time.monotonic() + 10
        while True:
            try:
                probe.ping()
                return
            except redis.exceptions.ConnectionError as exc:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    message = f"redis-server did not start on port {self.port}"
                    raise RuntimeError(message) from exc
                time.sleep(0.02)

    def kill(self) -> None:
        if self.is_running():
            self.process.kill()  # SIGKILL: an outage, not a polite shutdown
            self.process.wait(timeout=10)

    def hang(self) -> None:
        """Stopped, not dead: the kernel still accepts connections, nobody answers."""
        self.process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        self.process.send_signal(signal.SIGCONT)

    def is_running(self) -> bool:
        return self.process is not None and self.process.poll() is None


@pytest.fixture(scope="module")
def private_redis():
    if not shutil.which(REDIS_SERVER):
        pytest.skip(f"{REDIS_SERVER} is not installed (Debian package redis-server)")
    server = PrivateRedis()
    server.start()
    yield server
    server.kill()


@pytest.fixture
def production_redis(private_redis, settings):
    """Production's cache and sessions, on the private Redis, running and empty."""
    if not private_redis.is_running():
        private_redis.start()
    redis.Redis.from_url(private_redis.url).flushdb()
    for name, value in redis_settings(url=private_redis.url).items():
        setattr(settings, name, value)
    settings.HEALTHZ_CHECK_REDIS = True
    return private_redis


@pytest.fixture
def redis_down(production_redis):
    production_redis.kill()
    yield production_redis
    production_redis.start()


@pytest.fixture
def redis_hung(production_redis):
    production_redis.hang()
    yield production_redis
    production_redis.resume()


@pytest.fixture
def addresses(production_redis) -> dict[str, str]:
    """What the tests visit, looked up while Redis is still up."""
    appliance_model = ApplianceModel.objects.get(model_number=AC_NUMBER)
    manual = ManualPage.objects.live().get(
        appliance_model=appliance_model, locale__language_code="zh-hans"
    )
    product = Product.objects.filter(is_public=True, parent=None).order_by("pk").first()
    return {
        "qr": f"/q/{appliance_model.public_code}",
        "beacon": f"/q/{appliance_model.public_code}/open",
        "manual": manual.url,
        "catalogue": CATALOGUE,
        "product": product.get_absolute_url(),
    }


def sign_in(client) -> None:
    assert client.get(LOGIN).status_code == 200
    response = client.post(
        LOGIN,
        {
            "login-username": CUSTOMER["email"],
            "login-password": CUSTOMER["password"],
            "login_submit": "1",
        },
    )
    assert response.status_code == 302, response.content.decode()[:500]


def assert_signed_in(client) -> None:
    response = client.get(CENTRE)
    assert response.status_code == 200
    assert response.wsgi_request.user.email == CUSTOMER["email"]


def assert_public_pages_answer(client, addresses) -> None:
    scan = client.get(addresses["qr"], follow=True)
    assert scan.redirect_chain == [(addresses["manual"], 302)]
    assert scan.status_code == 200
    for name in ("manual", "catalogue", "product"):
        assert client.get(addresses[name]).status_code == 200, name


def wait_until_healthy(client) -> None:
    """Nobody restarts anything: the site notices by itself, within a pause."""
    deadline = time.monotonic() + PAUSE_SECONDS + 5
    while client.get("/healthz").status_code != 200:
        assert time.monotonic() < deadline, "still unhealthy after Redis came back"
        time.sleep(0.2)


def opens_counted() -> int:
    return sum(SectionOpenCount.objects.filter(key=BEACON["key"]).values_list("count", flat=True))


class TestWithRedisUp:
    def test_the_pages_answer(self, client, production_redis, addresses):
        assert_public_pages_answer(client, addresses)
        sign_in(client)
        assert_signed_in(client)

    def test_the_cache_is_redis(self, production_redis):
        cache.set("outage-probe", "here")
        assert redis.Redis.from_url(production_redis.url).keys("*outage-probe")

    def test_the_health_check_answers_200(self, client, production_redis):
        response = client.get("/healthz")
        assert response.status_code == 200
        assert response.json()["checks"] == {"database": True, "redis": True}


class TestWhileRedisIsDown:
    def test_a_qr_scan_still_lands_on_the_manual(self, client, addresses, redis_down):
        scan = client.get(addresses["qr"], follow=True)
        assert scan.redirect_chain == [(addresses["manual"], 302)]
        assert scan.status_code == 200

    def test_the_manual_shows_its_chapters_uncached(self, client, production_redis, addresses):
        client.get(addresses["manual"])  # cached while Redis is up...
        production_redis.kill()
        response = client.get(addresses["manual"])
        assert response.status_code == 200
        assert 'class="manual-toc"' in response.content.decode()  # ...rendered afresh now

    def test_the_catalogue_and_a_product_answer(self, client, addresses, redis_down):
        assert client.get(addresses["catalogue"]).status_code == 200
        assert client.get(addresses["product"]).status_code == 200

    def test_a_customer_signs_in_and_stays_signed_in(self, client, redis_down):
        sign_in(client)
        assert_signed_in(client)

    def test_a_member_signed_in_before_keeps_their_session(self, client, production_redis):
        sign_in(client)
        production_redis.kill()
        assert_signed_in(client)

    def test_the_health_check_answers_503(self, client, redis_down):
        response = client.get("/healthz")
        assert response.status_code == 503
        assert response.json()["checks"] == {"database": True, "redis": False}

    def test_the_qr_beacon_is_still_counted(self, client, addresses, redis_down):
        before = opens_counted()
        assert client.post(addresses["beacon"], BEACON).status_code == 204
        assert opens_counted() == before + 1

    def test_the_cache_misses_instead_of_raising(self, redis_down):
        cache.set("outage-probe", "lost")
        assert cache.get("outage-probe", "missed") == "missed"


class TestWhileRedisHangs:
    def test_only_the_first_cache_call_waits_for_it(self, client, addresses, redis_hung):
        # Each cache call would wait for the socket timeout: the catalogue alone makes
        # dozens. After the first one fails, Redis is left alone for a pause.
        pages = [addresses["qr"], addresses["manual"], CATALOGUE, addresses["product"]]
        started = time.monotonic()
        for address in pages * 2:
            assert client.get(address).status_code in (200, 302), address
        assert time.monotonic() - started < 8

    def test_the_health_check_answers_503(self, client, redis_hung):
        assert client.get("/healthz").status_code == 503


class TestAfterRedisReturns:
    def test_everything_is_normal_again_without_a_restart(
        self, client, production_redis, addresses
    ):
        assert_public_pages_answer(client, addresses)
        production_redis.kill()
        assert_public_pages_answer(client, addresses)
        sign_in(client)  # the session is written to the database only
        assert client.get("/healthz").status_code == 503

        production_redis.start()
        wait_until_healthy(client)

        assert_public_pages_answer(client, addresses)
        assert_signed_in(client)
        assert client.post(addresses["beacon"], BEACON).status_code == 204
        response = client.get("/healthz")
        assert response.status_code == 200
        assert response.json()["checks"] == {"database": True, "redis": True}

    def test_a_hung_redis_that_wakes_up_is_used_again(self, client, redis_hung):
        assert client.get("/healthz").status_code == 503
        redis_hung.resume()
        wait_until_healthy(client)
        cache.set("outage-probe", "awake")
        assert cache.get("outage-probe") == "awake"

    def test_the_cache_and_the_rate_limit_count_in_redis_again(
        self, client, production_redis, addresses
    ):
        production_redis.kill()
        client.post(addresses["beacon"], BEACON)
        production_redis.start()
        wait_until_healthy(client)

        cache.set("outage-probe", "back")
        assert cache.get("outage-probe") == "back"
        client.post(addresses["beacon"], BEACON)
        stored = redis.Redis.from_url(production_redis.url)
        assert [stored.get(key) for key in stored.keys("*throttle:qr-open:*")] == [b"1"]
