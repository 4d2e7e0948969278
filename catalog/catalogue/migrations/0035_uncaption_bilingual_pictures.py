"""A picture captioned with its product's old bilingual title loses the caption.

The caption is the picture's alt text; uncaptioned, the page uses the product's title in the
visitor's language instead of reading "挂机深度清洗 (Split AC deep clean)" to everyone.
"""

from django.db import migrations

from catalog.catalogue.bilingual import has_chinese, split_title


def uncaption(apps, schema_editor):
    ProductImage = apps.get_model("catalogue", "ProductImage")
    for image in ProductImage.objects.exclude(caption="").select_related("product"):
        product = image.product
        titles = {product.title, product.title_zh_hans, product.title_en}
        zh, en = split_title(image.caption)
        if image.caption in titles or (has_chinese(image.caption) and en and zh in titles):
            image.caption = ""
            image.save(update_fields=["caption"])


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0034_split_bilingual_content")]

    operations = [migrations.RunPython(uncaption, migrations.RunPython.noop)]
