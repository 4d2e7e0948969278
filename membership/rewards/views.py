"""The rewards catalogue, one reward with its confirmation, and My vouchers.

Anyone may browse the catalogue; redeeming and the vouchers need a signed-in member.
A refusal (too few points, out of stock) is a message on the reward's page, never an error.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View

from groundwork.whole_numbers import page_number

from ..services import ensure_profile
from . import selectors, services

VOUCHERS_PER_PAGE = 20


class RewardListView(View):
    template_name = "membership/rewards/catalogue.html"

    def get(self, request):
        balance = selectors.balance_of(request.user)
        items = selectors.catalogue(balance=balance, today=timezone.localdate())
        return render(request, self.template_name, {"items": items, "balance": balance})


class RewardDetailView(View):
    """GET shows the reward and asks to confirm; POST spends the points and issues the voucher."""

    template_name = "membership/rewards/reward_detail.html"

    def get(self, request, slug: str):
        reward = get_object_or_404(selectors.offered_rewards(), slug=slug)
        item = selectors.catalogue_item(
            reward, balance=selectors.balance_of(request.user), today=timezone.localdate()
        )
        context = {"item": item, "reward": reward, "how_to_use": selectors.how_to_use(reward)}
        return render(request, self.template_name, context)

    def post(self, request, slug: str):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        reward = get_object_or_404(selectors.offered_rewards(), slug=slug)
        member = ensure_profile(user=request.user, language=request.LANGUAGE_CODE)
        try:
            redemption = services.redeem_reward(
                member=member, reward=reward, today=timezone.localdate()
            )
        except (services.InsufficientPoints, services.RewardUnavailable) as refusal:
            messages.error(request, str(refusal))
            return redirect("membership:reward-detail", slug=reward.slug)
        voucher = redemption.voucher
        messages.success(
            request,
            _(
                "%(reward)s is yours for %(points)s points. Your voucher code is %(code)s, "
                "valid until %(date)s. %(how)s"
            )
            % {
                "reward": reward.display_title,
                "points": formats.number_format(reward.points_cost, force_grouping=True),
                "code": voucher.code,
                "date": formats.date_format(
                    timezone.localdate(voucher.end_datetime), "DATE_FORMAT"
                ),
                "how": selectors.how_to_use(reward),
            },
        )
        return redirect(reverse("membership:my-vouchers") + f"#voucher-{voucher.code}")


@method_decorator(login_required, name="dispatch")
class MyVouchersView(View):
    template_name = "membership/rewards/my_vouchers.html"

    def get(self, request):
        member = ensure_profile(user=request.user, language=request.LANGUAGE_CODE)
        vouchers = selectors.vouchers_of(member)
        page = Paginator(vouchers, VOUCHERS_PER_PAGE).get_page(page_number(request))
        return render(request, self.template_name, {"page_obj": page, "vouchers": page.object_list})
