"""Snapshots of every database, collection, document and index as canonical extended JSON.

A snapshot also records the last journal record it includes (`journalSeq`) and the undo logs of
transactions open when it was captured (`openTransactions`): their uncommitted writes are in the
documents, and recovery undoes them, exactly as an abort would.
"""
import errno
import fcntl
import os
import time
from collections import namedtuple

from bson import json_util
from bson.binary import UuidRepresentation
from bson.json_util import JSONMode, JSONOptions

SNAPSHOT_FILE = 'snapshot.json'
LOCK_FILE = 'store-bridge.lock'
FORMAT_VERSION = 2
READABLE_VERSIONS = (1, 2)  # version 1: before the journal (no journalSeq, no openTransactions)
# Canonical mode keeps Int64/Decimal128/ObjectId/Date types; naive datetimes are what mongomock compares.
JSON_OPTIONS = JSONOptions(json_mode=JSONMode.CANONICAL, tz_aware=False,
                           uuid_representation=UuidRepresentation.STANDARD)

Restored = namedtuple('Restored', 'documents journal_seq open_transactions')


def index_description(name, info):
    """An index as mongomock's index_information() gives it, in a JSON-friendly shape."""
    return {'name': name, 'key': [list(pair) for pair in info['key']],
            'options': {k: v for k, v in info.items() if k not in ('key', 'v')}}


def create_described_index(collection, description):
    collection.create_index([tuple(pair) for pair in description['key']], name=description['name'],
                            **description['options'])


def capture(client, journal_seq=0, open_transactions=()):
    """Serialises the whole store; call with the global lock held."""
    databases = {}
    for db_name in client.list_database_names():
        database = client[db_name]
        collections = {}
        for name in database.list_collection_names():
            collection = database[name]
            indexes = [index_description(index_name, info)
                       for index_name, info in collection.index_information().items() if index_name != '_id_']
            collections[name] = {'indexes': indexes, 'documents': list(collection.find())}
        databases[db_name] = collections
    return json_util.dumps({'version': FORMAT_VERSION, 'journalSeq': journal_seq,
                            'openTransactions': list(open_transactions), 'databases': databases},
                           json_options=JSON_OPTIONS)


def fsync_directory(data_dir):
    """Makes a rename, creation or deletion in the directory itself durable."""
    directory = os.open(data_dir, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


def write_atomically(data_dir, text):
    os.makedirs(data_dir, exist_ok=True)
    target = os.path.join(data_dir, SNAPSHOT_FILE)
    temporary = target + '.tmp'
    with open(temporary, 'w', encoding='utf-8') as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, target)
    fsync_directory(data_dir)


def restore(client, data_dir):
    """Loads DIR/snapshot.json into an empty client; None when there is no snapshot."""
    path = os.path.join(data_dir, SNAPSHOT_FILE)
    if not os.path.exists(path):
        return None
    with open(path, encoding='utf-8') as handle:
        snapshot = json_util.loads(handle.read(), json_options=JSON_OPTIONS)
    if snapshot.get('version') not in READABLE_VERSIONS:
        raise ValueError('%s has snapshot format %r, expected one of %r'
                         % (path, snapshot.get('version'), READABLE_VERSIONS))
    loaded = 0
    for db_name, collections in snapshot['databases'].items():
        for name, content in collections.items():
            database = client[db_name]
            if name not in database.list_collection_names():
                database.create_collection(name)
            collection = database[name]
            if content['documents']:
                collection.insert_many(content['documents'])
                loaded += len(content['documents'])
            for index in content['indexes']:
                create_described_index(collection, index)
    return Restored(loaded, snapshot.get('journalSeq', 0), snapshot.get('openTransactions', []))


def lock_data_dir(data_dir, timeout_seconds, log):
    """Holds an exclusive lock on the data directory for the life of the process.

    When an engine is killed, its bridge notices (stdin closes) and writes a last snapshot; a
    bridge started at once for the next engine waits here until that one has exited, instead of
    both writing the same files. The kernel releases the lock when the holder dies, even by SIGKILL.
    """
    os.makedirs(data_dir, exist_ok=True)
    path = os.path.join(data_dir, LOCK_FILE)
    handle = open(path, 'a+')
    deadline = time.monotonic() + timeout_seconds
    waiting_logged = False
    while True:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except OSError as error:
            if error.errno not in (errno.EAGAIN, errno.EACCES):
                raise
        handle.seek(0)
        holder = handle.read().strip() or 'unknown'
        if time.monotonic() >= deadline:
            raise RuntimeError('data dir %s is in use by another store bridge (pid %s)' % (data_dir, holder))
        if not waiting_logged:
            log('data dir %s is held by store bridge pid %s; waiting for it to exit' % (data_dir, holder))
            waiting_logged = True
        time.sleep(0.05)
    handle.seek(0)
    handle.truncate()
    handle.write(str(os.getpid()))
    handle.flush()
    return handle  # keep a reference: closing it would release the lock
