"""Rate limits per IP and per user answer 429 with Retry-After; a body over the limit is 413
naming it, whether its length is declared or it streams."""

from __future__ import annotations

import pytest

from gateway.limits import TokenBuckets
from gateway.settings import GatewaySettings
from tests.fast.gateway.edge import Services, bearer, gateway

pytestmark = pytest.mark.unit


def client_with(**limits):
    settings = GatewaySettings(otel_exporter="none", **limits)
    services = Services(settings)
    return services, gateway(settings, services)


def test_a_user_past_their_burst_waits_and_others_do_not():
    services, clients = client_with(user_requests_per_second=0.5, user_burst=2)
    for client in clients:
        codes = [
            client.get("/api/enforcement/tasks", headers=bearer("edu_officer")).status_code
            for _ in range(3)
        ]
        assert codes == [200, 200, 429]
        refused = client.get("/api/enforcement/tasks", headers=bearer("edu_officer"))
        assert refused.headers["retry-after"] in {"1", "2"}
        assert "too many requests from user edu_officer" in refused.json()["detail"]
        other = client.get("/api/enforcement/tasks", headers=bearer("market_officer"))
        assert other.status_code == 200
    assert len(services.received) == 3


def test_one_ip_past_its_burst_is_refused_everywhere_even_without_a_token():
    _, clients = client_with(ip_requests_per_second=1, ip_burst=3)
    for client in clients:
        codes = [client.get("/public/lists/white").status_code for _ in range(3)]
        refused = client.get("/api/enforcement/tasks")
        assert codes == [200, 200, 200]
        assert refused.status_code == 429
        assert refused.headers["retry-after"] == "1"
        assert "IP testclient: at most 1 a second, 3 at once" in refused.json()["detail"]


def test_buckets_refill_at_their_rate():
    now = [0.0]
    buckets = TokenBuckets(rate=2, burst=2, clock=lambda: now[0])
    assert [buckets.take("a"), buckets.take("a")] == [0, 0]
    assert buckets.take("a") == pytest.approx(0.5)
    now[0] = 0.5
    assert buckets.take("a") == 0
    assert buckets.take("b") == 0


def test_a_body_over_the_limit_is_413_declared_or_streamed():
    services, clients = client_with(max_body_bytes=100)
    for client in clients:
        url, headers = "/api/enforcement/tasks/t1/acknowledge", bearer("edu_officer")
        assert client.post(url, headers=headers, content=b"x" * 100).status_code == 200
        declared = client.post(url, headers=headers, content=b"x" * 101)
        streamed = client.post(url, headers=headers, content=iter([b"x" * 60, b"x" * 60]))
        for reply in (declared, streamed):
            assert reply.status_code == 413
            assert "larger than 100 bytes" in reply.json()["detail"]
    assert len(services.received) == 1
