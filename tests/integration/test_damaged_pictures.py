"""A product picture that cannot be read (a damaged upload) leaves the pages standing.

The hostile-input walk found it: staff upload any bytes as a product image; sorl then
answers with a thumbnail of unknown size, and the card, gallery and basket asked it for its
width. The pages now leave width and height out for such a picture.
"""

import pytest
from django.core.files.base import ContentFile
from oscar.core.loading import get_model

from tests.factories.catalog import make_consumable

pytestmark = pytest.mark.django_db
ProductImage = get_model("catalogue", "ProductImage")


@pytest.fixture
def damaged(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    product = make_consumable(title="Filter with a damaged picture")
    image = ProductImage(product=product, display_order=0)
    image.original.save("damaged.jpg", ContentFile(b"not a picture at all"), save=True)
    return product


def test_the_product_page_and_listing_render(client, damaged):
    assert client.get(damaged.get_absolute_url()).status_code == 200
    assert client.get("/en/shop/catalogue/").status_code == 200


def test_the_basket_renders(client, damaged):
    stockrecord = damaged.stockrecords.first()
    client.post(
        f"/en/shop/basket/add/{damaged.pk}/", {"quantity": 1, "stockrecord": stockrecord.pk}
    )
    response = client.get("/en/shop/basket/")
    assert response.status_code == 200
    assert "Filter with a damaged picture" in response.content.decode()
