"""Test data builders on top of oscar.test.factories, one module per app."""
