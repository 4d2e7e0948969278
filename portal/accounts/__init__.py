"""Guarding sign-in: lockouts after failed guesses (django-axes) and throttled reset mail.

Every login form (the shop and Oscar's dashboard, Django's admin, Wagtail's admin) goes
through django.contrib.auth.authenticate, so one authentication backend and one
middleware from django-axes cover them all; this package holds the parts that are ours.
"""
