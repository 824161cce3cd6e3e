#!/usr/bin/python3
"""A MongoDB wire-protocol server backed by mongomock, for development and tests only.

Usage: mongo_wire_bridge.py [PORT] [--data-dir DIR] [--snapshot-interval SECONDS]
Prints `LISTENING <port>` on stdout once ready; exits when stdin closes or on SIGTERM/SIGINT,
writing a final snapshot when a data directory is given.
"""
import argparse
import os
import signal
import socket
import socketserver
import sys
import threading
import time

import mongomock

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import admin_commands  # noqa: E402
import catalog_commands  # noqa: E402
import persistence  # noqa: E402
import query_commands  # noqa: E402
import write_commands  # noqa: E402
from errors import CommandError, install_duplicate_key_details, unsupported  # noqa: E402
from transactions import TransactionManager  # noqa: E402
from wire import ProtocolError, encode_reply, read_request  # noqa: E402

COMMANDS = {}
for module in (admin_commands, catalog_commands, query_commands, write_commands):
    COMMANDS.update(module.COMMANDS)
WRITE_COMMANDS = write_commands.WRITE_COMMANDS | catalog_commands.WRITE_COMMANDS | admin_commands.WRITE_COMMANDS
REFUSED_COMMANDS = {'mapReduce', 'watch', 'geoNear', 'eval', 'bulkWrite', '$changeStream'}


def log(line):
    sys.stderr.write('[store-bridge] %s\n' % line)
    sys.stderr.flush()


class Store:
    """Everything shared between connections; every command runs under `lock`."""

    def __init__(self, port):
        self.client = mongomock.MongoClient()
        self.lock = threading.RLock()
        self.port = port
        self.cursors = query_commands.CursorRegistry()
        self.transactions = TransactionManager(self.client, log)
        self.dirty = False
        self.connections = 0


class CommandContext:
    """What a command handler sees: the store plus the connection it came from."""

    def __init__(self, store, connection_id):
        self.client = store.client
        self.port = store.port
        self.cursors = store.cursors
        self.transactions = store.transactions
        self.connection_id = connection_id


def execute(store, context, body, db_name):
    name = next(iter(body), None)
    handler = COMMANDS.get(name)
    try:
        if name == 'aggregate' and _has_change_stream(body):
            raise unsupported('change streams ($changeStream / watch)')
        if name in REFUSED_COMMANDS:
            raise unsupported('the %s command' % name)
        if handler is None:
            raise admin_commands.cmd_unknown(name)
        with store.lock:
            transaction = store.transactions.for_command(name, body)
            reply = handler(context, db_name, body, transaction)
            if name in WRITE_COMMANDS:
                store.dirty = True
        return reply
    except CommandError as error:
        return error.to_document()
    except NotImplementedError as error:
        return unsupported('%s: %s' % (name, error)).to_document()
    except mongomock.OperationFailure as error:
        return {'ok': 0.0, 'errmsg': str(error), 'code': error.code or 2,
                'codeName': 'BadValue' if not error.code else 'OperationFailed'}
    except Exception as error:  # a bridge bug must not kill the connection
        log('command %s failed: %r' % (name, error))
        return {'ok': 0.0, 'errmsg': 'embedded store internal error: %r' % error, 'code': 1,
                'codeName': 'InternalError'}


def _has_change_stream(body):
    return any(isinstance(stage, dict) and '$changeStream' in stage for stage in body.get('pipeline', []))


class Handler(socketserver.BaseRequestHandler):
    def handle(self):
        store = self.server.store
        with store.lock:
            store.connections += 1
            context = CommandContext(store, store.connections)
        self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        try:
            while True:
                request = read_request(self.request)
                if request is None:
                    return
                db_name = request.body.get('$db') or (request.namespace or 'admin').split('.')[0]
                reply = execute(store, context, request.body, db_name)
                if not request.more_to_come:
                    self.request.sendall(encode_reply(request, reply))
        except (ProtocolError, ConnectionError) as error:
            log('connection %d closed: %s' % (context.connection_id, error))


class Server(socketserver.ThreadingMixIn, socketserver.TCPServer):
    daemon_threads = True
    allow_reuse_address = True


def snapshot(store, data_dir, reason):
    with store.lock:
        if not store.dirty and reason == 'interval':
            return
        text = persistence.capture(store.client)
        store.dirty = False
    persistence.write_atomically(data_dir, text)
    log('snapshot written (%s, %d bytes)' % (reason, len(text)))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('port', nargs='?', type=int, default=0)
    parser.add_argument('--data-dir')
    parser.add_argument('--snapshot-interval', type=float, default=30.0)
    args = parser.parse_args()

    install_duplicate_key_details()
    server = Server(('127.0.0.1', args.port), Handler)
    port = server.server_address[1]
    store = Store(port)
    server.store = store
    if args.data_dir:
        loaded = persistence.restore(store.client, args.data_dir)
        log('data dir %s: %s' % (args.data_dir, 'new' if loaded is None else '%d documents restored' % loaded))

    stopping = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    signal.signal(signal.SIGINT, lambda *_: stopping.set())

    def watch_stdin():
        # The parent holds our stdin open; EOF means it died, so we must not linger as an orphan.
        while sys.stdin.buffer.read(1 << 16):
            pass
        log('stdin closed')
        stopping.set()

    threading.Thread(target=watch_stdin, daemon=True).start()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    log('listening on 127.0.0.1:%d (mongomock %s, no transaction isolation, not for production)'
        % (port, mongomock.__version__))
    sys.stdout.write('LISTENING %d\n' % port)
    sys.stdout.flush()

    last_snapshot = time.monotonic()
    while not stopping.wait(0.2):
        if args.data_dir and time.monotonic() - last_snapshot >= args.snapshot_interval:
            last_snapshot = time.monotonic()
            snapshot(store, args.data_dir, 'interval')
    if args.data_dir:
        snapshot(store, args.data_dir, 'shutdown')
    log('stopped')
    os._exit(0)


if __name__ == '__main__':
    main()
