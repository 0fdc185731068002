"""moto's server, one request at a time.

moto 5.2.5 implements TransactWriteItems by deep-copying the table and restoring
the copy on failure. With its default threaded server, two concurrent
transactions on one table can crash the copy or roll back each other's committed
writes: moto is then *less* atomic than DynamoDB, and a correct client fails its
concurrency tests. Serving requests one at a time gives DynamoDB's guarantee
(every transaction atomic and isolated) without changing anything else.

It also keeps a transaction's cost independent of the table's size. moto backs
a transaction up by deep-copying the whole table once per item that names it: a
six-item unit on a table of 10,000 items took 1.4 s here (6 ms on an empty one),
so a 5,000-user job (tests/tests/suite/hot_keys.rs, tests/benches/jobs_moto.rs)
could not run. Here the backup is a journal instead: the items the transaction
names, as they were, and the length of the table's stream, restored on a
rollback exactly as the copy would have been (the server runs one request at a
time, so nothing else can touch them meanwhile). A request whose items cannot be
named that way (malformed: moto refuses it anyway) keeps moto's own copy.

Usage: python scripts/moto_server.py PORT
"""
import copy
import os
import sys

from werkzeug.serving import run_simple

from moto.moto_server.werkzeug_app import (
    DomainDispatcherApplication,
    MotoRequestHandler,
    create_backend_app,
)

from moto.dynamodb import models as dynamodb_models
from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.models.dynamo_type import DynamoType
from moto.dynamodb.models.table import Table

_journaled = False


class _TableCopy:
    """moto's `copy` module as `transact_write_items` sees it: while a journal
    backs the transaction up, a table's "copy" is the table itself (the journal
    restores it); every other deep copy is a real one."""

    @staticmethod
    def deepcopy(x, memo=None):
        if _journaled and isinstance(x, Table):
            return x
        return copy.deepcopy(x, memo)


dynamodb_models.copy = _TableCopy()
_transact_write_items = DynamoDBBackend.transact_write_items


def _journal(backend, transact_items):
    """The items a transaction names, as they are now, and each stream's length."""
    items, streams = [], {}
    for entry in transact_items:
        op_type, op = next(iter(entry.items()))
        table = backend.tables[op["TableName"]]
        key = op["Item"] if op_type == "Put" else op["Key"]
        hash_key = DynamoType(key[table.hash_key_attr])
        range_key = (
            DynamoType(key[table.range_key_attr]) if table.range_key_attr else None
        )
        # A copy: an update changes moto's item in place.
        before = copy.deepcopy(table.get_item(hash_key, range_key))
        items.append((table, hash_key, range_key, before))
        if table.stream_shard is not None:
            streams[id(table)] = (table.stream_shard, len(table.stream_shard.items))
    return items, list(streams.values())


def _restore(items, streams):
    # Newest first: an item named twice (moto refuses that) ends as it was.
    for table, hash_key, range_key, before in reversed(items):
        if range_key is None:
            if before is None:
                table.items.pop(hash_key, None)
            else:
                table.items[hash_key] = before
        elif before is None:
            table.items[hash_key].pop(range_key, None)
        else:
            table.items[hash_key][range_key] = before
    for shard, length in streams:
        del shard.items[length:]


def transact_write_items(self, transact_items):
    global _journaled
    try:
        items, streams = _journal(self, transact_items)
    except Exception:
        # Malformed: moto's own path (its copy included) answers it.
        return _transact_write_items(self, transact_items)
    _journaled = True
    try:
        return _transact_write_items(self, transact_items)
    except BaseException:
        _restore(items, streams)
        raise
    finally:
        _journaled = False


DynamoDBBackend.transact_write_items = transact_write_items

# One request at a time means a client that connects and then stalls would block
# every other client: give each connection a read timeout. 1 s, not more: readers
# that fan out (an outbox sweep queries 32 shards at once) open a connection per
# query, and those a test's runtime leaves open at its end, sending nothing, each
# held the server for the whole timeout (at 10 s, past a test's 180 s).
MotoRequestHandler.timeout = 1

port = int(sys.argv[1])
os.environ.setdefault("MOTO_PORT", str(port))
app = DomainDispatcherApplication(create_backend_app)
run_simple("127.0.0.1", port, app, threaded=False, request_handler=MotoRequestHandler)
