"""Following coverage (issue 15): saved searches, their new matches, and alert e-mails.

``services`` writes saved searches; ``matching`` finds a saved search's matches among the
articles added since a moment (through the engine, with haystack's API); ``alerts`` is the
``send_alerts`` run (outbox, sending, retries); ``mails`` renders an alert and signs its
unsubscribe links.
"""
