"""Reads: find, getMore, killCursors, count, distinct, aggregate."""
import random

import bson
from bson.int64 import Int64

from errors import CommandError, unsupported
from refusals import check_filter, check_options, check_pipeline, check_sort

DEFAULT_FIRST_BATCH = 101
MAX_BATCH_BYTES = 16 * 1024 * 1024


class CursorRegistry:
    """Open cursors hold their remaining documents, fully materialised (mongomock is in memory)."""

    def __init__(self):
        self.cursors = {}

    def open(self, namespace, documents, batch_size, single_batch):
        first_size = batch_size if batch_size else DEFAULT_FIRST_BATCH
        batch, rest = _take(documents, first_size)
        cursor_id = 0
        if rest and not single_batch:
            cursor_id = random.randint(1, 2 ** 62)
            self.cursors[cursor_id] = (namespace, rest)
        return {'cursor': {'firstBatch': batch, 'id': Int64(cursor_id), 'ns': namespace}, 'ok': 1.0}

    def get_more(self, cursor_id, collection_name, db_name, batch_size):
        entry = self.cursors.pop(int(cursor_id), None)
        if entry is None:
            raise CommandError(43, 'CursorNotFound', 'cursor id %d not found' % cursor_id)
        namespace, documents = entry
        if namespace != '%s.%s' % (db_name, collection_name):
            self.cursors[int(cursor_id)] = entry
            raise CommandError(13, 'Unauthorized', 'cursor %d belongs to %s' % (cursor_id, namespace))
        batch, rest = _take(documents, batch_size or len(documents))
        next_id = 0
        if rest:
            next_id = int(cursor_id)
            self.cursors[next_id] = (namespace, rest)
        return {'cursor': {'nextBatch': batch, 'id': Int64(next_id), 'ns': namespace}, 'ok': 1.0}

    def kill(self, cursor_ids):
        killed, missing = [], []
        for cursor_id in cursor_ids:
            (killed if self.cursors.pop(int(cursor_id), None) else missing).append(cursor_id)
        return {'cursorsKilled': killed, 'cursorsNotFound': missing, 'cursorsAlive': [],
                'cursorsUnknown': [], 'ok': 1.0}


def _take(documents, count):
    """At most `count` documents and at most ~16 MB, like a server batch."""
    size = 0
    taken = 0
    for document in documents[:count]:
        size += len(bson.encode(document)) if taken else 0
        if size > MAX_BATCH_BYTES:
            break
        taken += 1
    return documents[:taken], documents[taken:]


def _check_hint(collection, hint):
    """A hint never changes results on the server, except via sparse/partial indexes."""
    if hint in (None, {}, ''):
        return
    indexes = collection.index_information()
    if isinstance(hint, str):
        info = indexes.get(hint)
    else:
        wanted = list(hint.items())
        info = next((i for i in indexes.values() if [tuple(p) for p in i['key']] == wanted), None)
    if info is None:
        raise CommandError(2, 'BadValue', 'hint provided does not correspond to an existing index')
    if info.get('sparse') or info.get('partialFilterExpression'):
        raise unsupported('hinting a sparse or partial index')


def cmd_find(ctx, db_name, body, _txn):
    check_options(body, 'find')
    collection = ctx.client[db_name][body['find']]
    query = body.get('filter') or {}
    check_filter(query)
    _check_hint(collection, body.get('hint'))
    sort = body.get('sort') or None
    check_sort(sort)
    projection = body.get('projection') or None
    check_filter(projection)
    limit = abs(int(body.get('limit', 0) or 0))
    cursor = collection.find(query, projection, skip=int(body.get('skip', 0) or 0), limit=limit)
    if sort:
        cursor = cursor.sort(list(sort.items()))
    documents = list(cursor)
    single = bool(body.get('singleBatch')) or int(body.get('limit', 0) or 0) < 0
    return ctx.cursors.open('%s.%s' % (db_name, body['find']), documents,
                            int(body.get('batchSize', 0) or 0), single)


def cmd_get_more(ctx, db_name, body, _txn):
    return ctx.cursors.get_more(body['getMore'], body.get('collection'), db_name,
                                int(body.get('batchSize', 0) or 0))


def cmd_kill_cursors(ctx, _db_name, body, _txn):
    return ctx.cursors.kill(body.get('cursors', []))


def cmd_count(ctx, db_name, body, _txn):
    check_options(body, 'count')
    query = body.get('query') or {}
    check_filter(query)
    collection = ctx.client[db_name][body['count']]
    documents = list(collection.find(query, {'_id': 1}))
    skip = int(body.get('skip', 0) or 0)
    limit = abs(int(body.get('limit', 0) or 0))
    documents = documents[skip:]
    if limit:
        documents = documents[:limit]
    return {'n': len(documents), 'ok': 1.0}


def cmd_distinct(ctx, db_name, body, _txn):
    check_options(body, 'distinct')
    query = body.get('query') or {}
    check_filter(query)
    values = ctx.client[db_name][body['distinct']].distinct(body['key'], query)
    return {'values': values, 'ok': 1.0}


def cmd_aggregate(ctx, db_name, body, _txn):
    check_options(body, 'aggregate')
    if not isinstance(body['aggregate'], str):
        raise unsupported('database-level aggregation')
    pipeline = body.get('pipeline', [])
    check_pipeline(pipeline)
    documents = list(ctx.client[db_name][body['aggregate']].aggregate(pipeline))
    cursor = body.get('cursor') or {}
    return ctx.cursors.open('%s.%s' % (db_name, body['aggregate']), documents,
                            int(cursor.get('batchSize', 0) or 0), False)


COMMANDS = {
    'find': cmd_find,
    'getMore': cmd_get_more,
    'killCursors': cmd_kill_cursors,
    'count': cmd_count,
    'distinct': cmd_distinct,
    'aggregate': cmd_aggregate,
}
