import pytest
from django.test import RequestFactory

from kehoach.consultation.spam import client_ip, ip_hash, rate_limit_message


def test_client_ip_trusts_the_header_only_from_the_configured_proxy(settings):
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1",
                                   HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.9")
    settings.TRUSTED_PROXIES = []
    assert client_ip(request) == "10.0.0.1"
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]
    assert client_ip(request) == "203.0.113.9"
    settings.TRUSTED_PROXIES = ["127.0.0.1"]  # behind a proxy, but this request came around it
    assert client_ip(request) == "10.0.0.1"


def test_ip_hash_is_keyed_and_never_the_address():
    assert ip_hash("") == ""
    hashed = ip_hash("203.0.113.9")
    assert len(hashed) == 64 and "203" not in hashed and hashed == ip_hash("203.0.113.9")
    assert hashed != ip_hash("203.0.113.10")


def test_rate_limit_message_follows_settings(settings):
    settings.KEHOACH_CONSULTATION_RATE_LIMIT = 2
    settings.KEHOACH_CONSULTATION_RATE_WINDOW = 1800
    assert rate_limit_message() == "Bạn đã gửi 2 góp ý trong 30 phút. Vui lòng đợi rồi gửi tiếp."


def test_window_expires(settings):
    import time_machine

    from kehoach.consultation.spam import RateLimited, rate_check, rate_count

    settings.KEHOACH_CONSULTATION_RATE_LIMIT = 1
    with time_machine.travel(0, tick=False) as traveller:
        rate_count("abc")
        with pytest.raises(RateLimited):
            rate_check("abc")
        rate_check("other")  # another address is not affected
        traveller.shift(601)
        rate_check("abc")
