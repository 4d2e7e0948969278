"""The customer's side: ask for a return or exchange of a delivered item, follow it."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import generic
from oscar.core.loading import get_model

from . import selectors, services
from .forms import StartReturnForm
from .models import ReturnRequest
from .rules import Windows

Line = get_model("order", "Line")


class StartReturnView(LoginRequiredMixin, generic.FormView):
    template_name = "returns/start.html"
    form_class = StartReturnForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        # Someone else's line is not found, whatever its number.
        self.line = get_object_or_404(
            Line.objects.select_related("order", "product__product_class", "product__parent"),
            pk=kwargs["line_id"],
            order__user=request.user,
        )
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "line": self.line}

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        delivered_on = selectors.delivered_on(self.line)
        windows = Windows(delivered_on) if delivered_on else None
        return super().get_context_data(
            line=self.line,
            order=self.line.order,
            delivered_on=delivered_on,
            windows=windows,
            repair_only=bool(windows and windows.repair_only(today)),
            is_goods=selectors.is_goods(self.line),
            **kwargs,
        )

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            request = services.start_request(
                line=self.line,
                customer=self.request.user,
                kind=data["kind"],
                quantity=data["quantity"],
                reason=data["reason"],
                unopened=data["unopened"],
                today=timezone.localdate(),
            )
        except services.NotAllowed as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Request %(number)s is sent. We will email you when staff have checked it.")
            % {"number": request.number},
        )
        return redirect(reverse("customer:order", kwargs={"order_number": self.line.order.number}))


class ReturnDetailView(LoginRequiredMixin, generic.DetailView):
    template_name = "returns/detail.html"
    context_object_name = "return_request"

    def get_queryset(self):
        return ReturnRequest.objects.owned_by(self.request.user).select_related(
            "line__order", "replacement_order"
        )
