# Oscar's catalogue, forked so that its migrations (and the per-language columns that
# translation.py adds) live in this repository.
from oscar.apps.catalogue.models import *  # noqa: F403
