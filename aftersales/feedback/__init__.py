"""Closing the loop with the customer after a job (issue #12).

- `lookup`: progress by phone number and name, without an account; the address, the
  engineer and the notes only once a code texted to that phone is given back;
- `ratings`: the signed rating link of a finished request or visit, the rating, the
  follow-up of an unhappy one;
- `mailbox`: complaints, suggestions and praise to the director's mailbox, with an owner, a
  48-hour reply deadline, escalation and campaigns.

Other code needs one thing from here: `rating_link(job)`, the path the "done" notice
carries.
"""

from .ratings import rating_link

__all__ = ["rating_link"]
