"""The ground floor: plumbing every app may use and that knows no business rule.

Private file storage, rate limits kept in the shared cache, parsing of untrusted input,
and how tasks are queued so that none is lost. It imports no project app.
"""
