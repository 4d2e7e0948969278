default_app_config = "catalog.partner.apps.PartnerConfig"
