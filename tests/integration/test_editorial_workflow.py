"""Editors draft and submit, moderators approve; the public sees a change only once published.

Wagtail's migrations put a "Moderators approval" workflow on the root of the page tree (the
demo keeps it there, portal.demo.editorial), so every manual goes through it.
"""

import datetime
from unittest import mock

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.rich_text import RichText

from cms.models import ManualPage
from tests.factories.aftersales import make_appliance_model
from tests.factories.cms import make_editor, make_manual, make_moderator

pytestmark = pytest.mark.usefixtures("empty_cache")

AC_NUMBER = "KFR-35GW/BP3DN8Y-PH200(B3)"
OLD_INTRO = "KFR-35GW/BP3DN8Y-PH200(B3) 的电子说明书"
NEW_INTRO = "2026 年夏季版:新增滤网清洗视频和 E4 故障说明。"


@pytest.fixture
def empty_cache():
    # The chapters are cached per live revision, and rolled-back tests reuse ids.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def editor(db):
    return make_editor()


@pytest.fixture
def moderator(db):
    return make_moderator()


@pytest.fixture
def page(db) -> ManualPage:
    """A live manual in both languages, its Chinese one introduced as OLD_INTRO."""
    appliance_model = make_appliance_model(model_number=AC_NUMBER)
    manuals = make_manual(appliance_model, intro=(OLD_INTRO, f"The e-manual of {AC_NUMBER}"))
    return manuals["zh-hans"]


def public_html(client, page) -> str:
    client.logout()
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def submit(page: ManualPage, user, **changes) -> None:
    """What the editor's "Submit to Moderators approval" does: a draft, then the workflow."""
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision(user=user)
    workflow = page.get_workflow()
    assert workflow is not None and workflow.name == "Moderators approval"
    workflow.start(page, user)


class TestAnEditorsChange:
    def test_stays_off_the_public_page_until_a_moderator_approves_it(
        self, client, page, editor, moderator
    ):
        submit(page, editor, intro=NEW_INTRO)
        html = public_html(client, page)
        assert OLD_INTRO in html and NEW_INTRO not in html

        task_state = page.current_workflow_task_state
        assert task_state is not None
        client.force_login(moderator)
        response = client.post(
            reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]),
            {"comment": "已核对"},
        )
        assert response.status_code == 302

        page.refresh_from_db()
        assert page.current_workflow_state is None
        html = public_html(client, page)
        assert NEW_INTRO in html and OLD_INTRO not in html

    def test_cannot_be_approved_by_the_editor_who_made_it(self, client, page, editor):
        submit(page, editor, intro=NEW_INTRO)
        task_state = page.current_workflow_task_state
        client.force_login(editor)
        response = client.post(
            reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]),
            {"comment": ""},
        )
        assert response.status_code in {302, 403}
        assert NEW_INTRO not in public_html(client, page)

    def test_is_sent_back_when_a_moderator_asks_for_changes(self, client, page, editor, moderator):
        submit(page, editor, intro=NEW_INTRO)
        task_state = page.current_workflow_task_state
        task_state.task.specific.on_action(task_state, moderator, "reject")
        page.refresh_from_db()
        assert page.current_workflow_state.status == "needs_changes"
        assert NEW_INTRO not in public_html(client, page)


class TestAnEditor:
    def test_has_no_right_to_publish(self, page, editor, moderator):
        assert page.permissions_for_user(editor).can_edit()
        assert not page.permissions_for_user(editor).can_publish()
        assert page.permissions_for_user(moderator).can_publish()

    def test_is_offered_no_publish_button(self, client, page, editor, moderator):
        edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        client.force_login(moderator)
        assert 'name="action-publish"' in client.get(edit_url).content.decode()
        client.force_login(editor)
        response = client.get(edit_url)
        assert response.status_code == 200
        assert 'name="action-publish"' not in response.content.decode()
        assert 'name="action-submit"' in response.content.decode()

    def test_previews_a_draft_that_the_public_does_not_see(self, client, page, editor):
        page.intro = NEW_INTRO
        page.body = [
            (
                "section",
                {
                    "title": "夏季保养",
                    "anchor": "summer",
                    "content": [("paragraph", RichText("<p>草稿:入夏前清洗滤网。</p>"))],
                },
            )
        ]
        page.save_revision(user=editor)
        public_html(client, page)  # the live chapters are now cached

        client.force_login(editor)
        response = client.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk]))
        assert response.status_code == 200
        preview = response.content.decode()
        assert NEW_INTRO in preview and "草稿:入夏前清洗滤网。" in preview

        # The preview neither read the live chapters nor left the draft's in their place.
        html = public_html(client, page)
        assert "草稿:入夏前清洗滤网。" not in html and NEW_INTRO not in html


class TestScheduledPublishing:
    def test_an_approved_change_goes_live_when_its_time_comes(self, client, page, moderator):
        go_live = timezone.now() + datetime.timedelta(days=1)
        page.intro = NEW_INTRO
        page.go_live_at = go_live
        revision = page.save_revision(user=moderator)
        revision.publish(user=moderator)

        revision.refresh_from_db()
        assert revision.approved_go_live_at == go_live
        call_command("publish_scheduled", stdout=mock.Mock())
        assert NEW_INTRO not in public_html(client, page)

        with mock.patch("django.utils.timezone.now", return_value=go_live + datetime.timedelta(1)):
            call_command("publish_scheduled", stdout=mock.Mock())
        assert NEW_INTRO in public_html(client, page)
