"""Collections and indexes: create, drop, listCollections, collMod, createIndexes, listIndexes, dropIndexes.

Catalog changes are journaled at once, also inside a transaction: an abort does not undo them.
"""
from collections import OrderedDict

from bson.int64 import Int64

import mongomock
from mongomock import filtering

from errors import CommandError, DuplicateKey, unsupported
from persistence import index_description

COLLECTION_OPTIONS_REFUSED = ('capped', 'timeseries', 'clusteredIndex', 'validator', 'viewOn',
                              'pipeline', 'collation', 'changeStreamPreAndPostImages',
                              'encryptedFields')
INDEX_OPTIONS_KEPT = ('unique', 'sparse', 'partialFilterExpression', 'expireAfterSeconds')
INDEX_OPTIONS_IGNORED = ('key', 'name', 'background', 'v', 'ns')


def _exists(ctx, db_name, name):
    return name in ctx.client[db_name].list_collection_names()


def cmd_create(ctx, db_name, body, _txn):
    name = body['create']
    for option in COLLECTION_OPTIONS_REFUSED:
        if body.get(option):
            raise unsupported('collections with %s' % option)
    if _exists(ctx, db_name, name):
        raise CommandError(48, 'NamespaceExists', 'Collection %s.%s already exists.' % (db_name, name))
    ctx.client[db_name].create_collection(name)
    ctx.changes.catalog('createCollection', db_name, name)
    return {'ok': 1.0}


def cmd_drop(ctx, db_name, body, _txn):
    name = body['drop']
    count = len(ctx.client[db_name][name].index_information()) if _exists(ctx, db_name, name) else 0
    ctx.client[db_name].drop_collection(name)
    ctx.changes.catalog('dropCollection', db_name, name)
    return {'ns': '%s.%s' % (db_name, name), 'nIndexesWas': count, 'ok': 1.0}


def cmd_coll_mod(ctx, db_name, body, _txn):
    for option in body:
        if option not in ('collMod', 'lsid', '$db', 'writeConcern', '$clusterTime', 'comment'):
            raise unsupported('collMod %s' % option)
    if not _exists(ctx, db_name, body['collMod']):
        raise CommandError(26, 'NamespaceNotFound', 'ns does not exist')
    return {'ok': 1.0}


def cmd_list_collections(ctx, db_name, body, _txn):
    documents = [
        {'name': name, 'type': 'collection', 'options': {}, 'info': {'readOnly': False},
         'idIndex': {'v': 2, 'key': {'_id': 1}, 'name': '_id_'}}
        for name in sorted(ctx.client[db_name].list_collection_names())
    ]
    query = body.get('filter') or {}
    documents = [doc for doc in documents if filtering.filter_applies(query, doc)]
    if body.get('nameOnly'):
        documents = [{'name': doc['name'], 'type': doc['type']} for doc in documents]
    return {'cursor': {'id': Int64(0), 'ns': '%s.$cmd.listCollections' % db_name, 'firstBatch': documents},
            'ok': 1.0}


def _index_document(name, info):
    document = OrderedDict([('v', 2), ('key', OrderedDict(info['key'])), ('name', name)])
    for option in INDEX_OPTIONS_KEPT:
        if option in info:
            document[option] = info[option]
    return document


def cmd_create_indexes(ctx, db_name, body, _txn):
    name = body['createIndexes']
    existed = _exists(ctx, db_name, name)
    collection = ctx.client[db_name][name]
    before = len(collection.index_information()) if existed else 0
    for spec in body.get('indexes', []):
        for option in spec:
            if option not in INDEX_OPTIONS_KEPT + INDEX_OPTIONS_IGNORED:
                raise unsupported('index option %s' % option)
        for field, kind in spec['key'].items():
            if kind not in (1, -1):
                raise unsupported('%r indexes (on %s)' % (kind, field))
    if not existed:
        ctx.client[db_name].create_collection(name)
        ctx.changes.catalog('createCollection', db_name, name)
    for spec in body.get('indexes', []):
        options = {key: spec[key] for key in INDEX_OPTIONS_KEPT if key in spec}
        if 'name' in spec:
            options['name'] = spec['name']
        try:
            index_name = collection.create_index(list(spec['key'].items()), **options)
            ctx.changes.catalog('createIndex', db_name, name,
                                index=index_description(index_name, collection.index_information()[index_name]))
        except (DuplicateKey, mongomock.DuplicateKeyError):
            raise CommandError(11000, 'DuplicateKey',
                               'E11000 duplicate key error collection: %s.%s index: %s'
                               % (db_name, name, spec.get('name')))
        except mongomock.OperationFailure as error:
            raise CommandError(86, 'IndexKeySpecsConflict', str(error))
    after = len(collection.index_information())
    reply = {'numIndexesBefore': max(before, 1), 'numIndexesAfter': after,
             'createdCollectionAutomatically': not existed, 'ok': 1.0}
    if after == before:
        reply['note'] = 'all indexes already exist'
    return reply


def cmd_list_indexes(ctx, db_name, body, _txn):
    name = body['listIndexes']
    if not _exists(ctx, db_name, name):
        raise CommandError(26, 'NamespaceNotFound', 'ns does not exist: %s.%s' % (db_name, name))
    information = ctx.client[db_name][name].index_information()
    documents = [_index_document(index_name, info) for index_name, info in information.items()]
    return {'cursor': {'id': Int64(0), 'ns': '%s.%s' % (db_name, name), 'firstBatch': documents}, 'ok': 1.0}


def cmd_drop_indexes(ctx, db_name, body, _txn):
    name = body['dropIndexes']
    if not _exists(ctx, db_name, name):
        raise CommandError(26, 'NamespaceNotFound', 'ns not found %s.%s' % (db_name, name))
    collection = ctx.client[db_name][name]
    information = collection.index_information()
    target = body.get('index')
    if target == '*':
        collection.drop_indexes()
        ctx.changes.catalog('dropIndexes', db_name, name, names=[n for n in information if n != '_id_'])
    else:
        names = target if isinstance(target, list) else [target]
        for index in names:
            if isinstance(index, dict):
                wanted = list(index.items())
                index = next((n for n, i in information.items() if [tuple(p) for p in i['key']] == wanted), None)
            if index not in information:
                raise CommandError(27, 'IndexNotFound', 'index not found with name [%s]' % index)
            if index == '_id_':
                raise CommandError(72, 'InvalidOptions', 'cannot drop _id index')
            collection.drop_index(index)
            ctx.changes.catalog('dropIndexes', db_name, name, names=[index])
    return {'nIndexesWas': len(information), 'ok': 1.0}


COMMANDS = {
    'create': cmd_create,
    'drop': cmd_drop,
    'collMod': cmd_coll_mod,
    'listCollections': cmd_list_collections,
    'createIndexes': cmd_create_indexes,
    'listIndexes': cmd_list_indexes,
    'dropIndexes': cmd_drop_indexes,
}
