"""The maker's appliance line: models, categories, public codes and per-unit signatures."""
