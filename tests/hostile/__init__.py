"""What the hostile-input walk sends: values, the site's routes filled in, and its forms.

tests/integration/test_hostile_input.py walks every URL pattern with these; nothing here
is a test by itself.
"""

import pytest

# Lines the walk's tests record for tests/conftest.py to print in the terminal summary, so
# CI logs show how many requests were made even without -s.
SUMMARY = pytest.StashKey[list]()
