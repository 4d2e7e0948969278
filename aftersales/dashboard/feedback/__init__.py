"""The feedback loop's staff screens, mounted by aftersales.dashboard.apps under
/dashboard/aftersales/: the director's mailbox, rating follow-ups, feedback campaigns."""

from django.urls import path


def permissions(staff_with) -> dict:
    """Oscar's permissions_map entries: staff, plus the permission each screen needs."""
    return {
        "aftersales-mailbox-list": staff_with("answer_mailbox"),
        "aftersales-mailbox-detail": staff_with("answer_mailbox"),
        "aftersales-mailbox-reply": staff_with("answer_mailbox"),
        "aftersales-mailbox-useful": staff_with("answer_mailbox"),
        "aftersales-follow-up-list": staff_with("follow_up_rating"),
        "aftersales-follow-up-detail": staff_with("follow_up_rating"),
        "aftersales-campaign-list": staff_with("view_feedbackcampaign"),
        "aftersales-campaign-create": staff_with("add_feedbackcampaign"),
        "aftersales-campaign-update": staff_with("change_feedbackcampaign"),
    }


def urls() -> list:
    from . import views

    return [
        path("mailbox/", views.MailboxListView.as_view(), name="aftersales-mailbox-list"),
        path(
            "mailbox/<int:pk>/",
            views.MailboxDetailView.as_view(),
            name="aftersales-mailbox-detail",
        ),
        path(
            "mailbox/<int:pk>/reply/",
            views.MailboxReplyView.as_view(),
            name="aftersales-mailbox-reply",
        ),
        path(
            "mailbox/<int:pk>/useful/",
            views.MailboxUsefulView.as_view(),
            name="aftersales-mailbox-useful",
        ),
        path("follow-ups/", views.FollowUpListView.as_view(), name="aftersales-follow-up-list"),
        path(
            "follow-ups/<int:pk>/",
            views.FollowUpDetailView.as_view(),
            name="aftersales-follow-up-detail",
        ),
        path("campaigns/", views.CampaignListView.as_view(), name="aftersales-campaign-list"),
        path(
            "campaigns/new/",
            views.CampaignCreateView.as_view(),
            name="aftersales-campaign-create",
        ),
        path(
            "campaigns/<int:pk>/",
            views.CampaignUpdateView.as_view(),
            name="aftersales-campaign-update",
        ),
    ]
