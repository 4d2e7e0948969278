"""The ground floor: plumbing every app may use and that knows no business rule.

Private file storage; rate limits kept in the shared cache and the client address they key
on; parsing of untrusted numbers; the request-level defences (Content-Security-Policy,
body size); a Redis client that backs off while Redis is down; and how tasks are queued so
that none is lost. It imports no project app.
"""
