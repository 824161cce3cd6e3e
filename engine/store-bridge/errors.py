"""Command errors in the shape the real server sends, and the duplicate-key details mongomock lacks."""
from collections import OrderedDict

import mongomock
from bson import ObjectId
from mongomock import helpers
from mongomock.collection import Collection

ADVICE = 'point MONGODB_URI at a real MongoDB replica set'


class CommandError(Exception):
    """Becomes a top-level `{ok: 0, code, codeName, errmsg}` reply."""

    def __init__(self, code, code_name, errmsg, extra=None):
        super().__init__(errmsg)
        self.code = code
        self.code_name = code_name
        self.errmsg = errmsg
        self.extra = extra or {}

    def to_document(self):
        document = {'ok': 0.0, 'errmsg': self.errmsg, 'code': self.code, 'codeName': self.code_name}
        document.update(self.extra)
        return document


def unsupported(what):
    """A refusal: better an explicit error than a silently wrong answer."""
    return CommandError(
        115, 'CommandNotSupported',
        'the embedded development store does not support %s; %s' % (what, ADVICE))


class DuplicateKey(mongomock.DuplicateKeyError):
    """mongomock's DuplicateKeyError plus the index, key pattern and key value of the clash."""

    def __init__(self, namespace, index_name, key_pattern, key_value):
        self.namespace = namespace
        self.index_name = index_name
        self.key_pattern = key_pattern
        self.key_value = key_value
        super().__init__(self.message(), 11000)

    def message(self):
        shown = ', '.join('%s: %s' % (k, _format_value(v)) for k, v in self.key_value.items())
        return 'E11000 duplicate key error collection: %s index: %s dup key: { %s }' % (
            self.namespace, self.index_name, shown)

    def details(self):
        return {'keyPattern': self.key_pattern, 'keyValue': self.key_value}


def _format_value(value):
    if isinstance(value, str):
        return '"%s"' % value
    if value is None:
        return 'null'
    if isinstance(value, bool):
        return 'true' if value else 'false'
    if isinstance(value, ObjectId):
        return "ObjectId('%s')" % value
    if isinstance(value, (int, float)):
        return str(int(value)) if isinstance(value, int) else repr(value)
    return repr(value)


def namespace_of(collection):
    return '%s.%s' % (collection.database.name, collection.name)


def id_duplicate(collection, document_id):
    return DuplicateKey(namespace_of(collection), '_id_', {'_id': 1}, {'_id': document_id})


def _ensure_uniques(self, new_data):
    """Replacement for mongomock's check that names the violated index like the server does."""
    for name, index in self._store.indexes.items():
        if not index.get('unique'):
            continue
        key_pattern = OrderedDict()
        key_value = OrderedDict()
        find_kwargs = {}
        for key, direction in index.get('key'):
            key_pattern[key] = direction
            try:
                value = helpers.get_value_by_dot(new_data, key)
            except KeyError:
                value = None
            find_kwargs[key] = value
            key_value[key] = value
        if index.get('sparse') and set(find_kwargs.values()) == {None}:
            continue
        partial = index.get('partialFilterExpression')
        if partial is not None:
            find_kwargs = {'$and': [partial, find_kwargs]}
        if len(list(self._iter_documents(find_kwargs))) > 1:
            raise DuplicateKey(namespace_of(self), name, key_pattern, key_value)


def install_duplicate_key_details():
    Collection._ensure_uniques = _ensure_uniques
