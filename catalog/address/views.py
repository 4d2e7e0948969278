from django.http import JsonResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from groundwork import divisions

from .forms import division_label


@require_GET
@cache_control(public=True, max_age=24 * 3600)
def division_children(request):
    """The cities of ?parent=<province code> or the districts of ?parent=<city code>, as JSON.

    An unknown code is answered with an empty list and 404, so a picker shows nothing to choose.
    """
    parent = request.GET.get("parent", "")
    if divisions.get(parent) is None:
        return JsonResponse({"divisions": []}, status=404)
    return JsonResponse(
        {
            "divisions": [
                {"code": d.code, "name": division_label(d)} for d in divisions.children(parent)
            ]
        },
        json_dumps_params={"ensure_ascii": False},
    )
