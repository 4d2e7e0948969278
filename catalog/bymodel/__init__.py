"""Shop by appliance model: what the shop offers for a model and what a product fits."""
