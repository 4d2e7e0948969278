"""Points for a product review, once a moderator approves it, once per review."""

import pytest
from oscar.core.loading import get_model

from membership import points
from membership.models import LedgerEntry
from membership.rules import REVIEW_POINTS
from tests.factories.catalog import make_consumable

ProductReview = get_model("reviews", "ProductReview")

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer(django_user_model):
    return django_user_model.objects.create_user(
        username="reviewer", email="reviewer@example.com", password="x"
    )


def write_review(user, status=ProductReview.FOR_MODERATION):
    return ProductReview.objects.create(
        product=make_consumable(),
        user=user,
        score=5,
        title="滤芯很好用",
        body="装上以后水的味道明显好了。",
        status=status,
    )


class TestAReviewAwaitingModeration:
    def test_earns_nothing(self, reviewer):
        write_review(reviewer)
        assert points.balance_of(user=reviewer) == 0


class TestAnApprovedReview:
    def test_earns_its_points_once_however_often_it_is_saved(self, reviewer):
        review = write_review(reviewer)
        review.status = ProductReview.APPROVED
        review.save()
        review.save()
        review.status = ProductReview.REJECTED
        review.save()
        review.status = ProductReview.APPROVED
        review.save()
        assert points.balance_of(user=reviewer) == REVIEW_POINTS
        assert LedgerEntry.objects.filter(source_key=f"review:{review.pk}:approved").count() == 1

    def test_by_an_anonymous_visitor_earns_nothing(self):
        review = write_review(None, status=ProductReview.APPROVED)
        assert not LedgerEntry.objects.filter(source_key=f"review:{review.pk}:approved").exists()
