"""The shop, and the only orchestrator: Oscar forks, checkout and settlement, shop by model."""
