"""Wagtail admin screens for QR label sheets: the batch form, recent batches, downloads."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models.functions import Left, Right
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms.models import LabelBatch
from groundwork.queue import enqueue_on_commit

from . import batches, tasks
from .forms import LabelBatchForm

RECENT_BATCHES = 20
# Longer than any serial, so each end holds a whole one.
SERIAL_ENDS = 64


def can_print_labels(user) -> bool:
    return user.is_active and (user.is_superuser or user.has_perm("cms.add_labelbatch"))


class LabelPermissionMixin:
    def dispatch(self, request, *args, **kwargs):
        if not can_print_labels(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class LabelSheetView(LabelPermissionMixin, WagtailAdminTemplateMixin, FormView):
    template_name = "cms/admin/qr_labels.html"
    form_class = LabelBatchForm
    page_title = gettext_lazy("QR labels")
    header_icon = "tag"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # A batch holds up to 5,000 serials: read only its two ends for the listing.
        recent = list(
            LabelBatch.objects.select_related("appliance_model", "requested_by")
            .defer("serials")
            .annotate(head=Left("serials", SERIAL_ENDS), tail=Right("serials", SERIAL_ENDS))[
                :RECENT_BATCHES
            ]
        )
        for batch in recent:
            batch.first_shown = batch.head.split("\n", 1)[0]
            batch.last_shown = batch.tail.rsplit("\n", 1)[-1]
        context["batches"] = recent
        context["inline_limit"] = batches.INLINE_LIMIT
        return context

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def form_valid(self, form):
        batch = batches.request_labels(
            appliance_model=form.cleaned_data["appliance_model"],
            serials=form.cleaned_data["serial_list"],
            requested_by=self.request.user,
        )
        if batch.status == LabelBatch.Status.DONE:
            return _download(batch)
        enqueue_on_commit(tasks.generate_label_sheet, batch.pk)
        messages.success(
            self.request,
            _(
                "%(count)s labels for %(model)s are being generated. "
                "The sheet appears below when it is ready."
            )
            % {"count": batch.count, "model": batch.appliance_model.model_number},
        )
        return redirect("cms_qr_labels")


def download_label_sheet(request, pk: int):
    if not can_print_labels(request.user):
        raise PermissionDenied
    batch = get_object_or_404(LabelBatch.objects.select_related("appliance_model"), pk=pk)
    if batch.status != LabelBatch.Status.DONE or not batch.file:
        messages.info(request, _("That label sheet is not ready."))
        return redirect("cms_qr_labels")
    return _download(batch)


def _download(batch: LabelBatch) -> FileResponse:
    return FileResponse(
        batch.file.open("rb"),
        as_attachment=True,
        filename=batches.download_name(batch),
        content_type="application/pdf",
    )
