"""Transactions as undo logs: abort restores exactly the documents the transaction touched.

There is no isolation: other sessions read uncommitted writes, and a concurrent write to a
document this transaction also touched is overwritten by an abort. Good enough for tests.

The journal sees a transaction's documents only at commit (their after-images, as one record)
and the documents an abort restored (their pre-transaction images); a snapshot keeps the undo
logs of open transactions so that recovery can abort them.
"""
import uuid

import bson

from errors import CommandError


def _id_key(document_id):
    return bson.encode({'_id': document_id})


class Transaction:
    def __init__(self, number):
        self.number = number
        # (db, collection, encoded _id) -> ('inserted', _id) or ('prior', full prior document);
        # the first entry per document wins, since that is the state before the transaction.
        self.entries = {}
        self.order = []

    def _remember(self, db_name, coll_name, document_id, entry):
        key = (db_name, coll_name, _id_key(document_id))
        if key in self.entries:
            return None
        self.entries[key] = entry
        self.order.append(key)
        return key

    def record_inserted(self, collection, document_id):
        self._remember(collection.database.name, collection.name, document_id, ('inserted', document_id))

    def record_priors(self, collection, documents):
        """Call before a write with copies of the documents it may touch; returns the new keys."""
        keys = []
        for document in documents:
            key = self._remember(collection.database.name, collection.name, document['_id'],
                                 ('prior', document))
            if key is not None:
                keys.append(key)
        return keys

    def touched(self):
        """(db, collection, _id) of every document the transaction changed, in order."""
        touched = []
        for key in self.order:
            db_name, coll_name, _ = key
            kind, value = self.entries[key]
            touched.append((db_name, coll_name, value if kind == 'inserted' else value['_id']))
        return touched

    def undo_entries(self):
        """The undo log as JSON-friendly entries, for a snapshot."""
        entries = []
        for key in self.order:
            db_name, coll_name, _ = key
            kind, value = self.entries[key]
            entries.append({'db': db_name, 'coll': coll_name, kind: value})
        return entries

    def forget_untouched(self, collection, keys):
        """Drops log entries for documents the write matched but did not change."""
        for key in keys:
            _kind, prior = self.entries[key]
            current = collection.find_one({'_id': prior['_id']})
            if current is not None and bson.encode(current) == bson.encode(prior):
                del self.entries[key]
                self.order.remove(key)

    def undo(self, client, log):
        """Restores the prior state; returns (db, collection, _id) of the documents it restored."""
        restored = []
        for key in reversed(self.order):
            db_name, coll_name, _ = key
            kind, value = self.entries[key]
            collection = client[db_name][coll_name]
            try:
                if kind == 'inserted':
                    collection.delete_one({'_id': value})
                else:
                    collection.replace_one({'_id': value['_id']}, value, upsert=True)
            except Exception as error:  # keep undoing the rest; report what could not be restored
                log('abort could not restore a document in %s.%s: %s' % (db_name, coll_name, error))
            restored.append((db_name, coll_name, value if kind == 'inserted' else value['_id']))
        self.entries.clear()
        self.order.clear()
        return restored


def undo_recorded(client, entries, log):
    """Aborts a transaction that was open when a snapshot was captured (recovery only)."""
    transaction = Transaction(None)
    for entry in entries:
        collection = client[entry['db']][entry['coll']]
        if 'inserted' in entry:
            transaction.record_inserted(collection, entry['inserted'])
        else:
            transaction.record_priors(collection, [entry['prior']])
    return transaction.undo(client, log)


def _no_such_transaction(number):
    return CommandError(251, 'NoSuchTransaction',
                        'Transaction with { txnNumber: %s } has been aborted.' % number,
                        {'errorLabels': ['TransientTransactionError']})


class TransactionManager:
    """Transactions keyed by logical session id; one open transaction per session.

    `on_restored(db, collection, _id)` hears of every document an abort restored, so the journal
    can record its restored state.
    """

    def __init__(self, client, log, on_restored=None):
        self.client = client
        self.log = log
        self.on_restored = on_restored or (lambda *_document: None)
        self.open = {}
        self.committed = {}

    @staticmethod
    def session_key(lsid):
        if not isinstance(lsid, dict) or 'id' not in lsid:
            return None
        session_id = lsid['id']
        return session_id.bytes if isinstance(session_id, uuid.UUID) else bytes(session_id)

    def for_command(self, name, body):
        """The transaction a command runs in, or None for an ordinary command."""
        key = self.session_key(body.get('lsid'))
        if key is None or 'txnNumber' not in body or body.get('autocommit') is not False:
            return None
        number = int(body['txnNumber'])
        if body.get('startTransaction'):
            self._abort_key(key)
            self.open[key] = Transaction(number)
        transaction = self.open.get(key)
        if transaction is None or transaction.number != number:
            if name == 'commitTransaction' and self.committed.get(key) == number:
                return None  # a retried commit of a committed transaction
            raise _no_such_transaction(number)
        return transaction

    def commit(self, body):
        """Ends the session's transaction; returns it, or None for a retried commit."""
        key = self.session_key(body.get('lsid'))
        transaction = self.open.pop(key, None)
        if transaction is not None:
            self.committed[key] = transaction.number
        return transaction

    def abort(self, body):
        self._abort_key(self.session_key(body.get('lsid')))

    def _abort_key(self, key):
        transaction = self.open.pop(key, None)
        if transaction is not None:
            for document in transaction.undo(self.client, self.log):
                self.on_restored(*document)

    def undo_logs(self):
        """Undo logs of the open transactions, for a snapshot (call under the global lock)."""
        return [transaction.undo_entries() for transaction in self.open.values() if transaction.order]

    def end_sessions(self, lsids):
        for lsid in lsids:
            key = self.session_key(lsid)
            self._abort_key(key)
            self.committed.pop(key, None)
