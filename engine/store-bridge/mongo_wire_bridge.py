#!/usr/bin/python3
"""A MongoDB wire-protocol server backed by mongomock, for development and tests only.

Usage: mongo_wire_bridge.py [PORT] [--data-dir DIR] [--snapshot-interval SECONDS]
Prints `LISTENING <port>` on stdout once ready; exits when stdin closes or on SIGTERM/SIGINT,
writing a final snapshot when a data directory is given. With a data directory every change is
also journaled (and fsynced) before its reply is sent, so a SIGKILL loses no acknowledged write.
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
import changes  # noqa: E402
import journal  # noqa: E402
import persistence  # noqa: E402
import query_commands  # noqa: E402
import transactions  # noqa: E402
import write_commands  # noqa: E402
from errors import CommandError, install_duplicate_key_details, unsupported  # noqa: E402
from wire import ProtocolError, encode_reply, read_request  # noqa: E402

COMMANDS = {}
for module in (admin_commands, catalog_commands, query_commands, write_commands):
    COMMANDS.update(module.COMMANDS)
# A bridge stopping on a killed engine writes its last snapshot first; its successor waits for it.
DATA_DIR_LOCK_TIMEOUT_SECONDS = 8.0
REFUSED_COMMANDS = {'mapReduce', 'watch', 'geoNear', 'eval', 'bulkWrite', '$changeStream'}


def log(line):
    try:
        sys.stderr.write('[store-bridge] %s\n' % line)
        sys.stderr.flush()
    except OSError:
        pass  # the parent (reading our stderr) died; shutting down must not fail on a log line


def fatal(what, error):
    """A change that is in memory but maybe not on disk must never be acknowledged: stop at once.

    No final snapshot either, since it would hold the unjournaled change; the next start recovers
    from the snapshot and journal, i.e. exactly the acknowledged writes.
    """
    log('%s failed (%r); stopping without a snapshot so no unjournaled write is acknowledged' % (what, error))
    os._exit(70)


class Store:
    """Everything shared between connections; every command runs under `lock`."""

    def __init__(self):
        self.client = mongomock.MongoClient()
        self.lock = threading.RLock()
        self.port = None
        self.cursors = query_commands.CursorRegistry()
        self.journal = None  # a journal.Journal when there is a data directory
        self.data_dir_lock = None  # held open while the process lives
        # What the command running under `lock` changed; aborts anywhere in it report here too.
        self.changes = changes.ChangeSet(tracking=False)
        self.transactions = transactions.TransactionManager(
            self.client, log, on_restored=lambda *document: self.changes.document(*document))
        self.dirty = False
        self.connections = 0

    def record_changes(self):
        """Appends what the current command changed to the journal; returns the record's seq or None."""
        if self.journal is None:
            return None
        try:
            operations = self.changes.operations(self.client)
            if not operations:
                return None
            seq = self.journal.append(operations)
        except Exception as error:  # disk or encoding: either way the change is not on disk
            fatal('journal append', error)
        self.dirty = True
        return seq

    def wait_durable(self, seq):
        try:
            self.journal.wait_durable(seq)
        except OSError as error:
            fatal('journal fsync', error)


class CommandContext:
    """What a command handler sees: the store plus the connection it came from."""

    def __init__(self, store, connection_id):
        self._store = store
        self.client = store.client
        self.port = store.port
        self.cursors = store.cursors
        self.transactions = store.transactions
        self.connection_id = connection_id

    @property
    def changes(self):
        """The change set of the command being executed (commands run one at a time)."""
        return self._store.changes


def execute(store, context, body, db_name):
    """Runs one command; returns its reply and the journal record to await before replying (or None)."""
    name = next(iter(body), None)
    handler = COMMANDS.get(name)
    try:
        if name == 'aggregate' and _has_change_stream(body):
            raise unsupported('change streams ($changeStream / watch)')
        if name in REFUSED_COMMANDS:
            raise unsupported('the %s command' % name)
        if handler is None:
            raise admin_commands.cmd_unknown(name)
    except CommandError as error:
        return error.to_document(), None
    seq = None
    try:
        with store.lock:
            store.changes = changes.ChangeSet(tracking=store.journal is not None)
            try:
                transaction = store.transactions.for_command(name, body)
                reply = handler(context, db_name, body, transaction)
            finally:  # a command that failed midway may still have changed documents
                seq = store.record_changes()
        return reply, seq
    except CommandError as error:
        return error.to_document(), seq
    except NotImplementedError as error:
        return unsupported('%s: %s' % (name, error)).to_document(), seq
    except mongomock.OperationFailure as error:
        return {'ok': 0.0, 'errmsg': str(error), 'code': error.code or 2,
                'codeName': 'BadValue' if not error.code else 'OperationFailed'}, seq
    except Exception as error:  # a bridge bug must not kill the connection
        log('command %s failed: %r' % (name, error))
        return {'ok': 0.0, 'errmsg': 'embedded store internal error: %r' % error, 'code': 1,
                'codeName': 'InternalError'}, seq


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
                reply, seq = execute(store, context, request.body, db_name)
                if request.more_to_come:
                    continue  # unacknowledged write (w:0): nothing to wait for
                if seq is not None:
                    store.wait_durable(seq)  # the change is on disk before the client hears of it
                self.request.sendall(encode_reply(request, reply))
        except (ProtocolError, ConnectionError) as error:
            log('connection %d closed: %s' % (context.connection_id, error))


class Server(socketserver.ThreadingMixIn, socketserver.TCPServer):
    daemon_threads = True
    allow_reuse_address = True


def snapshot(store, data_dir, reason):
    """Writes a snapshot, then deletes the journal segments it makes redundant."""
    with store.lock:
        if not store.dirty and reason == 'interval':
            return
        included = store.journal.last_seq
        text = persistence.capture(store.client, included, store.transactions.undo_logs())
        try:
            covered = store.journal.rotate()
        except OSError as error:
            fatal('journal rotation', error)
        store.dirty = False
    try:
        persistence.write_atomically(data_dir, text)
        journal.remove_segments(data_dir, covered)
    except OSError as error:  # the journal still holds everything; try again next interval
        store.dirty = True
        log('snapshot (%s) failed, the journal keeps every change: %r' % (reason, error))
        return
    log('snapshot written (%s, %d bytes, journal up to record %d)' % (reason, len(text), included))


def recover(store, data_dir):
    """Snapshot, then the open transactions it recorded undone, then the journal after it.

    Ends with a fresh snapshot when anything was replayed, so the old segments (and any torn
    tail) can go, and opens a new journal segment.
    """
    restored = persistence.restore(store.client, data_dir)
    journal_seq = restored.journal_seq if restored else 0
    for undo_log in restored.open_transactions if restored else []:
        transactions.undo_recorded(store.client, undo_log, log)
    records = journal.read_records(data_dir, journal_seq, log)
    for record in records:
        changes.replay(store.client, record['ops'], log)
    last_seq = records[-1]['seq'] if records else journal_seq
    old_segments = journal.segment_paths(data_dir)
    if records or (restored and restored.open_transactions):
        persistence.write_atomically(data_dir, persistence.capture(store.client, last_seq))
    # Every intact record in them is now in the snapshot; what is left is at most a torn tail.
    journal.remove_segments(data_dir, old_segments)
    store.journal = journal.Journal(data_dir, last_seq + 1)
    log('data dir %s: %s; %d journal records replayed%s' % (
        data_dir, 'no snapshot' if restored is None else '%d documents in the snapshot' % restored.documents,
        len(records), ', %d open transaction(s) undone' % len(restored.open_transactions)
        if restored and restored.open_transactions else ''))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('port', nargs='?', type=int, default=0)
    parser.add_argument('--data-dir')
    parser.add_argument('--snapshot-interval', type=float, default=30.0)
    args = parser.parse_args()

    install_duplicate_key_details()
    store = Store()
    if args.data_dir:
        try:
            store.data_dir_lock = persistence.lock_data_dir(args.data_dir, DATA_DIR_LOCK_TIMEOUT_SECONDS, log)
            recover(store, args.data_dir)
        except (RuntimeError, journal.JournalError) as error:
            log('cannot start: %s' % error)
            sys.exit(1)
    # Bound only after recovery: no client sees a half-recovered store.
    server = Server(('127.0.0.1', args.port), Handler)
    store.port = server.server_address[1]
    port = store.port
    server.store = store

    stopping = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    signal.signal(signal.SIGINT, lambda *_: stopping.set())

    def watch_stdin():
        # The parent holds our stdin open; EOF means it died, so we must not linger as an orphan.
        while sys.stdin.buffer.read(1 << 16):
            pass
        stopping.set()
        log('stdin closed')

    threading.Thread(target=watch_stdin, daemon=True).start()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    log('listening on 127.0.0.1:%d as pid %d (mongomock %s, %s, no transaction isolation, not for production)'
        % (port, os.getpid(), mongomock.__version__,
           'journaled' if store.journal else 'in memory only'))
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
