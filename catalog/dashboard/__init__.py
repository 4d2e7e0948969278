"""Oscar's dashboard, forked only where the shop differs (portal.shop.DashboardConfig names it).

Oscar's get_class looks here first for "dashboard.*" modules and falls back to its own.
"""
