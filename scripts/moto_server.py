"""moto's server, one request at a time.

moto 5.2.5 implements TransactWriteItems by deep-copying the table and restoring
the copy on failure. With its default threaded server, two concurrent
transactions on one table can crash the copy or roll back each other's committed
writes: moto is then *less* atomic than DynamoDB, and a correct client fails its
concurrency tests. Serving requests one at a time gives DynamoDB's guarantee
(every transaction atomic and isolated) without changing anything else.

Its transactions are also made cheaper (see `_TransactionCopy`), without changing
what any request answers.

Usage: python scripts/moto_server.py PORT
"""
import os
import sys

from werkzeug.serving import run_simple

from moto.moto_server.werkzeug_app import (
    DomainDispatcherApplication,
    MotoRequestHandler,
    create_backend_app,
)

import copy as _copy

import moto.dynamodb.models as _dynamodb_models
from moto.dynamodb.models.table import Table as _Table

_deepcopy = _copy.deepcopy
_copies = None


class _TransactionCopy:
    """The `copy` module as moto's DynamoDB backend sees it. Its rollback copy of
    a table, taken for every item of every transaction, deep-copied the table's
    whole stream too: every change record since the table was made, each holding
    the item before and after. Each transaction then cost time and memory in
    proportion to everything ever written (a job over a few hundred users grew
    the server by gigabytes). Here a table is copied once per transaction, and
    its stream by reference to the same records, up to its length then: a
    rolled-back transaction still leaves no record behind."""

    @staticmethod
    def deepcopy(obj, memo=None):
        if not isinstance(obj, _Table):
            return _deepcopy(obj, memo)
        if _copies is not None and id(obj) in _copies:
            return _copies[id(obj)]
        shard = obj.stream_shard
        obj.stream_shard = None
        try:
            clone = _deepcopy(obj, memo)
        finally:
            obj.stream_shard = shard
        if shard is not None:
            kept = _copy.copy(shard)
            kept.items = list(shard.items)
            clone.stream_shard = kept
        if _copies is not None:
            _copies[id(obj)] = clone
        return clone


_transact = _dynamodb_models.DynamoDBBackend.transact_write_items


def _transact_write_items(self, transact_items):
    global _copies
    _copies = {}
    try:
        return _transact(self, transact_items)
    finally:
        _copies = None


_dynamodb_models.copy = _TransactionCopy
_dynamodb_models.DynamoDBBackend.transact_write_items = _transact_write_items

# One request at a time means a client that connects and then stalls would block
# every other client: give each connection a read timeout.
MotoRequestHandler.timeout = 10

port = int(sys.argv[1])
os.environ.setdefault("MOTO_PORT", str(port))
app = DomainDispatcherApplication(create_backend_app)
run_simple("127.0.0.1", port, app, threaded=False, request_handler=MotoRequestHandler)
