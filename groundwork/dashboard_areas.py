"""The index page of a staff area of Oscar's dashboard (/dashboard/aftersales/,
/dashboard/membership/): a link to each screen of the area's menu the user may open.

The menu (OSCAR_DASHBOARD_NAVIGATION) is the one list of an area's screens, and Oscar
filters it by each screen's permissions; the index reads it the same way, so the page and
the menu never disagree and a role sees only what it may use.
"""

from django.views.generic import TemplateView
from oscar.core.loading import get_class


def area_links(user, *, url_prefix: str):
    """(the area's heading, its screens this user may open): the menu entry holding a
    screen whose URL name starts with `url_prefix`."""
    get_nodes = get_class("dashboard.menu", "get_nodes")
    for node in get_nodes(user):
        children = node.children
        if any((child.url_name or "").startswith(url_prefix) for child in children):
            return node.label, children
    return None, []


class AreaIndexView(TemplateView):
    template_name = "dashboard/area_index.html"
    url_prefix = ""

    def get_context_data(self, **kwargs):
        heading, links = area_links(self.request.user, url_prefix=self.url_prefix)
        return super().get_context_data(heading=heading, links=links, **kwargs)
