from oscar.apps.partner.abstract_models import AbstractStockRecord

from catalog import freshness


class StockRecord(AbstractStockRecord):
    """Oscar's stock record, telling the shop's caches when stock moves.

    Oscar allocates, consumes and releases stock with UPDATE statements, which send no
    signal; a cached landing would otherwise go on offering the last filter after it sold.
    """

    def allocate(self, quantity):
        super().allocate(quantity)
        freshness.changed(freshness.STOCK)

    def consume_allocation(self, quantity):
        super().consume_allocation(quantity)
        freshness.changed(freshness.STOCK)

    def cancel_allocation(self, quantity):
        super().cancel_allocation(quantity)
        freshness.changed(freshness.STOCK)


from oscar.apps.partner.models import *  # noqa: E402,F403
