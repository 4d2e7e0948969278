"""What after-sales services announce, for receivers in this app to act on.

A service sends its signal inside its own transaction, so whatever a receiver writes (the
points for a completed visit) commits or rolls back with the change that caused it.
"""

from django.dispatch import Signal

# A shop visit has just been marked completed: booking=<ServiceBooking>.
booking_completed = Signal()
