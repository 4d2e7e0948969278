"""The scheduled points jobs and the registration reward: each safe to run twice."""

import datetime

import pytest
from django.conf import settings
from oscar.test.factories import UserFactory

from membership import points, tasks
from membership.models import ExpiryReminder, LedgerEntry, PointsAccount, Tier
from tests.factories.aftersales import make_unit
from tests.factories.membership import make_member

DAY = datetime.timedelta(days=1)


def balance(member) -> int:
    return PointsAccount.objects.get(member=member).balance


class TestRegisteringAUnit:
    def test_earns_200_points_once_per_unit(self, db):
        member = make_member()
        unit = make_unit(member.user)
        entry = LedgerEntry.objects.get(source_key=f"unit:{unit.pk}:register")
        assert entry.points == 200 and entry.member == member
        unit.save()
        make_unit(member.user)
        assert balance(member) == 400

    def test_gives_a_customer_without_a_profile_one(self, db):
        owner = UserFactory()
        make_unit(owner)
        assert PointsAccount.objects.get(member__user=owner).balance == 200


class TestBirthdayPoints:
    def test_are_given_by_tier_once_a_year(self, db):
        day = datetime.date(2027, 6, 15)
        gold = make_member()
        PointsAccount.objects.filter(member=gold).update(tier=Tier.objects.get(code="gold"))
        gold.birthday = datetime.date(1990, 6, 15)
        gold.save()
        elsewhere = make_member()
        elsewhere.birthday = datetime.date(1985, 7, 15)
        elsewhere.save()

        assert points.award_birthday_points(today=day) == 1
        assert points.award_birthday_points(today=day + DAY) == 0
        entry = LedgerEntry.objects.get(member=gold)
        assert entry.points == 500 and entry.source_key == f"birthday:2027:{gold.pk}"
        assert not LedgerEntry.objects.filter(member=elsewhere).exists()

    def test_a_day_the_scheduler_missed_is_made_up(self, db):
        member = make_member()
        member.birthday = datetime.date(1990, 3, 1)
        member.save()
        assert points.award_birthday_points(today=datetime.date(2027, 3, 4)) == 1
        assert LedgerEntry.objects.get(member=member).source_key == f"birthday:2027:{member.pk}"

    def test_a_leap_day_birthday_is_kept_on_the_28th(self, db):
        member = make_member()
        member.birthday = datetime.date(1992, 2, 29)
        member.save()
        assert points.award_birthday_points(today=datetime.date(2027, 2, 28)) == 1
        assert points.award_birthday_points(today=datetime.date(2027, 3, 1)) == 0


class TestExpiryReminders:
    def test_go_out_once_thirty_days_ahead_per_member_and_date(
        self, db, mailoutbox, django_capture_on_commit_callbacks, today
    ):
        member = make_member(email="saver@example.com")
        for key, amount in (("a", 120), ("b", 180)):
            points.award(
                member=member,
                points=amount,
                source_key=key,
                reason="test",
                expires_on=today + 20 * DAY,
            )
        points.award(
            member=member, points=999, source_key="c", reason="test", expires_on=today + 90 * DAY
        )
        with django_capture_on_commit_callbacks(execute=True):
            created = tasks.remind_expiring_on(today)
            assert tasks.remind_expiring_on(today) == 0
        assert created == ExpiryReminder.objects.count() == 1
        reminder = ExpiryReminder.objects.get(member=member)
        assert reminder.points == 300 and reminder.sent_at is not None
        to_saver = [m for m in mailoutbox if m.to == ["saver@example.com"]]
        assert [m.subject for m in to_saver] == ["300 points expire soon"]

    def test_a_sent_reminder_is_not_sent_again(self, db, mailoutbox, today):
        member = make_member()
        reminder = ExpiryReminder.objects.create(member=member, expires_on=today, points=5)
        assert tasks.send_expiry_reminder(reminder.pk) is True
        assert tasks.send_expiry_reminder(reminder.pk) is False
        assert len(mailoutbox) == 1


class TestTheBeatSchedule:
    def test_runs_each_points_job_daily(self):
        scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
        assert {
            "membership.tasks.expire_points",
            "membership.tasks.review_tiers",
            "membership.tasks.birthday_points",
            "membership.tasks.expiry_reminders",
        } <= scheduled

    @pytest.mark.parametrize(
        "task", [tasks.expire_points, tasks.review_tiers, tasks.birthday_points]
    )
    def test_jobs_run_and_report_a_count(self, db, task):
        assert isinstance(task.delay().get(), int)
