"""Signed webhooks: API clients subscribe to the changes log and get each event POSTed to them.

The ChangeEvent table is the outbox; each subscription keeps a cursor into it (see services).
"""
