"""Fill each language's columns from the old bilingual text (see catalog.catalogue.bilingual).

"挂机深度清洗 (Split AC deep clean)" becomes title_zh_hans "挂机深度清洗" and title_en "Split AC
deep clean"; a description's Chinese and English paragraphs go to their own language. Text in
one language only stays in the default (Chinese) column too, so no page shows a blank name.
"""

from django.db import migrations

from catalog.catalogue.bilingual import split_html, split_title

# model: (one-line fields, HTML fields)
FIELDS = {
    "Product": (("title",), ("description",)),
    "Category": (("name",), ("description",)),
    "Option": (("name",), ()),
    "ProductAttribute": (("name",), ()),
    "AttributeOption": (("option",), ()),
    "ProductClass": (("name",), ()),
}


def split(apps, schema_editor):
    for model_name, (lines, htmls) in FIELDS.items():
        model = apps.get_model("catalogue", model_name)
        for row in model.objects.all():
            changed = []
            for names, splitter in ((lines, split_title), (htmls, split_html)):
                for name in names:
                    zh, en = splitter(getattr(row, name))
                    values = {f"{name}_zh_hans": zh or en, f"{name}_en": en or None}
                    for field, value in values.items():
                        if getattr(row, field) != value:
                            setattr(row, field, value)
                            changed.append(field)
            if changed:
                row.save(update_fields=changed)


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0033_catalogue_content_per_language")]

    operations = [migrations.RunPython(split, migrations.RunPython.noop)]
