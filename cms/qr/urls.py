"""/q/…: what the codes printed on devices open, without a language prefix.

  /q/<CODE>                    a model's manual in the visitor's language (302)
  /q/<CODE>/<SERIAL>/<SIG>     the same, carrying a signed serial on to registration
  /q/<CODE>.svg|.png           the model's code, public and cacheable
  /q/<CODE>/<SERIAL>.svg|.png  a unit's code, for staff
  POST /q/<CODE>/open          the manual's beacon when a section is opened (204)

Segments match loosely on purpose: whatever is wrong with a code, the view answers with
the same branded not-found page instead of the site's generic one.
"""

from django.urls import path, register_converter

from . import views


class SegmentConverter:
    """One path segment without a dot, so that "<code>.svg" is not read as a code."""

    regex = "[^/.]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class ImageTypeConverter(SegmentConverter):
    regex = "svg|png"


register_converter(SegmentConverter, "qrseg")
register_converter(ImageTypeConverter, "qrimg")

app_name = "qr"
urlpatterns = [
    path("<qrseg:code>.<qrimg:kind>", views.model_image, name="model_image"),
    path("<qrseg:code>/<qrseg:serial>.<qrimg:kind>", views.unit_image, name="unit_image"),
    path("<qrseg:code>/open", views.record_open, name="record_open"),
    path("<qrseg:code>", views.model_landing, name="model"),
    path("<qrseg:code>/", views.model_landing),
    path("<qrseg:code>/<qrseg:serial>/<qrseg:sig>", views.unit_landing, name="unit"),
    path("<qrseg:code>/<qrseg:serial>/<qrseg:sig>/", views.unit_landing),
    path("", views.not_found),
    path("<path:rest>", views.not_found),
]
