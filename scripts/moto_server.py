"""moto's server, one request at a time.

moto 5.2.5 implements TransactWriteItems by deep-copying the table and restoring
the copy on failure. With its default threaded server, two concurrent
transactions on one table can crash the copy or roll back each other's committed
writes: moto is then *less* atomic than DynamoDB, and a correct client fails its
concurrency tests. Serving requests one at a time gives DynamoDB's guarantee
(every transaction atomic and isolated) without changing anything else.

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

# One request at a time means a client that connects and then stalls would block
# every other client: give each connection a read timeout.
MotoRequestHandler.timeout = 10

port = int(sys.argv[1])
os.environ.setdefault("MOTO_PORT", str(port))
app = DomainDispatcherApplication(create_backend_app)
run_simple("127.0.0.1", port, app, threaded=False, request_handler=MotoRequestHandler)
