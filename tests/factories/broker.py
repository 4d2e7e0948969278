"""Pointing Celery at another broker (or none) inside one test process, and back.

Celery builds its connection pools and its queue and routing set-up lazily from the
configuration of the first send, then keeps them. A test that changes broker_url or the
default queue must drop them, or the next send goes where the first one went.
"""

CACHED = ("default_queue", "queues", "router")


def reset_celery(app) -> None:
    # Dropped, not closed: kombu keeps its own registry of producer pools by address, and a
    # closed pool left there would be handed out again.
    app._pool = None
    app.amqp._producer_pool = None
    app.amqp._rtable = None
    for name in CACHED:
        app.amqp.__dict__.pop(name, None)
