"""Registered units, warranty contracts and service bookings arrive with issues #4 and #5."""
