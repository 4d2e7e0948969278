"""Add-to-basket forms for the line kinds that need more than a quantity: plans and visits."""
