"""The Content-Security-Policy header: django-csp's, with the staff screens' own allowance.

Wagtail's admin and Oscar's dashboard write inline scripts and style attributes we do not
control. Pages under settings.CONTENT_SECURITY_POLICY_STAFF_PREFIXES get
settings.CONTENT_SECURITY_POLICY_STAFF_DIRECTIVES in place of the customer ones; every
other page keeps settings.CONTENT_SECURITY_POLICY as it is. A view's own @csp_replace
still wins over both.
"""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(
        self,
        request: HttpRequest,
        response: HttpResponseBase,
        report_only: bool = False,
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and is_for_staff(request):
            parts.replace = {
                **settings.CONTENT_SECURITY_POLICY_STAFF_DIRECTIVES,
                **(parts.replace or {}),
            }
        return parts


def is_for_staff(request: HttpRequest) -> bool:
    # Wagtail previews a page (in the editor's frame, for moderators) by sending a made-up
    # request for the page's public address through the middleware, flagged is_dummy; its
    # answer is shown inside the admin, so it gets the admin's policy.
    if getattr(request, "is_dummy", False):
        return True
    return request.path_info.startswith(tuple(settings.CONTENT_SECURITY_POLICY_STAFF_PREFIXES))
