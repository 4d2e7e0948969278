"""The maker's product line and what the shop sells: appliance models and Oscar forks."""
