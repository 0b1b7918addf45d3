import pytest

from kehoach.core.tests.browser import login, screenshot


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_login_and_home(page, live_server, planner):
    login(page, live_server, planner.username)
    assert page.locator("header").inner_text().find("Đăng xuất") >= 0
    screenshot(page, "home-planner")
