"""What a command changed, as journal operations, and how recovery applies them again.

Documents are journaled as after-images `{db, coll, _id, doc}` (`doc` null when deleted), read
when the command ends, never as the command itself: replaying `$inc` or `$currentDate` on top of
a snapshot that already holds its effect would apply it twice, an after-image is idempotent.
Catalog changes are journaled as `{catalog: <what>, db, coll, ...}`.
"""
import bson
import mongomock
from mongomock import helpers

import persistence


def _store_key(document_id):
    # mongomock keys its documents by _id, with sub-document ids wrapped to be hashable
    return helpers.hashdict(document_id) if isinstance(document_id, dict) else document_id


def _stored_document(collection, document_id):
    """The document as stored right now, or None; a dictionary lookup instead of a scan."""
    store = collection._store  # mongomock keeps no public by-_id access
    key = _store_key(document_id)
    return store[key] if key in store else None


class ChangeSet:
    """Collects the documents and catalog entries one command changed, in order.

    `tracking` is False when the store has no journal, so commands skip the extra bookkeeping.
    """

    def __init__(self, tracking):
        self.tracking = tracking
        self._entries = []
        self._seen = set()

    def document(self, db_name, coll_name, document_id):
        if not self.tracking:
            return
        key = (db_name, coll_name, bson.encode({'_id': document_id}))
        if key not in self._seen:
            self._seen.add(key)
            self._entries.append(('document', db_name, coll_name, document_id))

    def catalog(self, change, db_name, coll_name=None, **details):
        if not self.tracking:
            return
        entry = dict(catalog=change, db=db_name, **details)
        if coll_name is not None:
            entry['coll'] = coll_name
        self._entries.append(('catalog', entry))
        # a document touched again after this catalog change gets a second, later after-image
        self._seen.clear()

    def operations(self, client):
        """The journal operations; read under the global lock when the command has finished."""
        operations = []
        for entry in self._entries:
            if entry[0] == 'catalog':
                operations.append(entry[1])
                continue
            _kind, db_name, coll_name, document_id = entry
            document = _stored_document(client[db_name][coll_name], document_id)
            operations.append({'db': db_name, 'coll': coll_name, '_id': document_id, 'doc': document})
        return operations


def replay(client, operations, log):
    """Applies one journal record's operations to the store (recovery only)."""
    pending = []
    for operation in operations:
        if 'catalog' in operation:
            _check_uniques(pending, log)
            pending = []
            _apply_catalog(client, operation)
        else:
            pending.append(_put(client, operation))
    _check_uniques(pending, log)


def _put(client, operation):
    """Stores one after-image directly (no unique check yet); returns how to undo it."""
    collection = client[operation['db']][operation['coll']]
    store = collection._store
    key = _store_key(operation['_id'])
    previous = store[key] if key in store else None
    if operation['doc'] is None:
        if previous is not None:
            del store[key]
    else:
        store[key] = operation['doc']
    return collection, key, previous, operation['doc']


def _check_uniques(applied, log):
    """Unique indexes are checked once a record's documents are all in place.

    A record is one command's end state, which satisfied every unique index; checking after each
    document would report transient clashes (two documents swapping a unique value). A clash
    that remains means a write raced an uncommitted transaction (no isolation, see README):
    that document keeps its earlier state and the clash is logged.
    """
    for collection, key, previous, document in applied:
        if document is None:
            continue
        try:
            collection._ensure_uniques(document)
        except mongomock.DuplicateKeyError as error:
            store = collection._store
            if previous is None:
                del store[key]
            else:
                store[key] = previous
            log('journal replay: kept the earlier state of %s.%s _id %r: %s'
                % (collection.database.name, collection.name, document['_id'], error))


def _apply_catalog(client, operation):
    database = client[operation['db']]
    change = operation['catalog']
    if change == 'dropDatabase':
        client.drop_database(operation['db'])
    elif change == 'createCollection':
        if operation['coll'] not in database.list_collection_names():
            database.create_collection(operation['coll'])
    elif change == 'dropCollection':
        database.drop_collection(operation['coll'])
    elif change == 'createIndex':
        if operation['coll'] not in database.list_collection_names():
            database.create_collection(operation['coll'])
        persistence.create_described_index(database[operation['coll']], operation['index'])
    elif change == 'dropIndexes':
        collection = database[operation['coll']]
        existing = collection.index_information()
        for name in operation['names']:
            if name in existing:
                collection.drop_index(name)
    else:
        raise ValueError('unknown journal catalog change %r' % change)
