"""What the shop's caches are keyed on, and the changes that make them stale.

Two generations (groundwork.generations): CATALOGUE changes with what a product is (title,
class, attributes, images, categories, what it fits), STOCK with what it costs and whether
it can be bought (stock records, allocations). The QR landing's offers and the whole-page
cache hold both; a product card keys on its own price and stock and holds CATALOGUE only,
so a sale of one filter does not redraw every other card.

Bumped after the commit (a request reading the old rows before it would otherwise store
them under the new token), by the receivers in catalog/bymodel/receivers.py and by the
stock record's allocation methods (catalog/partner/models.py), which Oscar runs as UPDATEs
that send no signal.
"""

from groundwork import generations

CATALOGUE = "catalogue"
STOCK = "stock"


def changed(*names: str) -> None:
    """`names` changed in the current transaction: stale once it commits."""
    generations.bump_on_commit(*names)
