"""Writes: insert, update, delete, findAndModify.

Inside a transaction each write is recorded in the transaction's undo log (the journal hears of it
at commit); outside, each changed document goes to the command's change set for the journal.
"""
import mongomock

from errors import CommandError, DuplicateKey, id_duplicate, unsupported
from refusals import check_filter, check_options, check_sort


def _write_error(index, error):
    if isinstance(error, DuplicateKey):
        entry = {'index': index, 'code': 11000, 'errmsg': error.message()}
        entry.update(error.details())
        return entry
    if isinstance(error, NotImplementedError):
        return {'index': index, 'code': 115, 'errmsg': unsupported(str(error)).errmsg}
    code = getattr(error, 'code', None) or 2
    return {'index': index, 'code': code, 'errmsg': str(error)}


def _run_batch(operations, ordered, apply):
    """Applies each operation, collecting per-operation write errors like the server."""
    errors = []
    for index, operation in enumerate(operations):
        try:
            apply(index, operation)
        except CommandError:
            raise
        except (mongomock.OperationFailure, NotImplementedError, ValueError, TypeError) as error:
            errors.append(_write_error(index, error))
            if ordered:
                break
    return errors


def _changed(ctx, txn, collection, document_id):
    """Outside a transaction a changed document is journaled with this command; inside, at commit."""
    if txn is None:
        ctx.changes.document(collection.database.name, collection.name, document_id)


def _reply(counts, errors):
    reply = dict(counts)
    if errors:
        reply['writeErrors'] = errors
    reply['ok'] = 1.0
    return reply


def cmd_insert(ctx, db_name, body, txn):
    check_options(body, 'insert')
    collection = ctx.client[db_name][body['insert']]
    inserted = [0]

    def apply(_index, document):
        if '_id' in document and next(iter(document)) != '_id':
            # the server stores _id first; drivers append a generated _id last
            document = dict([('_id', document['_id'])] + [(k, v) for k, v in document.items() if k != '_id'])
        try:
            document_id = collection.insert_one(document).inserted_id
        except DuplicateKey:
            raise
        except mongomock.DuplicateKeyError:  # mongomock's own check is the _id one
            raise id_duplicate(collection, document['_id'])
        inserted[0] += 1
        if txn is not None:
            txn.record_inserted(collection, document_id)
        _changed(ctx, txn, collection, document_id)

    errors = _run_batch(body.get('documents', []), body.get('ordered', True), apply)
    return _reply({'n': inserted[0]}, errors)


def _is_replacement(update):
    return not any(key.startswith('$') for key in update)


def _matched(collection, query, multi, sort=None, fields=None):
    cursor = collection.find(query, fields)
    if sort:
        cursor = cursor.sort(list(sort.items()))
    if not multi:
        cursor = cursor.limit(1)
    return list(cursor)


def _apply_update(collection, query, update, multi, upsert):
    if isinstance(update, list):
        raise unsupported('pipeline-style updates')
    if _is_replacement(update):
        return collection.replace_one(query, update, upsert=upsert)
    if multi:
        return collection.update_many(query, update, upsert=upsert)
    return collection.update_one(query, update, upsert=upsert)


def cmd_update(ctx, db_name, body, txn):
    check_options(body, 'update')
    collection = ctx.client[db_name][body['update']]
    statements = body.get('updates', [])
    for statement in statements:  # refuse before writing anything
        check_options(statement, 'update')
        check_filter(statement.get('q'))
    totals = {'n': 0, 'nModified': 0}
    upserted = []

    def apply(index, statement):
        query = statement.get('q') or {}
        multi = bool(statement.get('multi'))
        # the documents an update may change are read first: whole for the undo log, ids for the journal
        if txn is not None:
            matched = _matched(collection, query, multi)
        elif ctx.changes.tracking:
            matched = _matched(collection, query, multi, fields={'_id': 1})
        else:
            matched = []
        keys = txn.record_priors(collection, matched) if txn else []
        try:
            result = _apply_update(collection, query, statement['u'], multi, bool(statement.get('upsert')))
        finally:  # a multi-document update that fails midway has still changed the earlier ones
            for document in matched:
                _changed(ctx, txn, collection, document['_id'])
        if txn is not None:
            txn.forget_untouched(collection, keys)
        if result.upserted_id is not None:
            upserted.append({'index': index, '_id': result.upserted_id})
            totals['n'] += 1
            if txn is not None:
                txn.record_inserted(collection, result.upserted_id)
            _changed(ctx, txn, collection, result.upserted_id)
        else:
            totals['n'] += result.matched_count
            totals['nModified'] += result.modified_count

    errors = _run_batch(statements, body.get('ordered', True), apply)
    if upserted:
        totals['upserted'] = upserted
    return _reply(totals, errors)


def cmd_delete(ctx, db_name, body, txn):
    check_options(body, 'delete')
    collection = ctx.client[db_name][body['delete']]
    statements = body.get('deletes', [])
    for statement in statements:
        check_options(statement, 'delete')
        check_filter(statement.get('q'))
    deleted = [0]

    def apply(_index, statement):
        victims = _matched(collection, statement.get('q') or {}, int(statement.get('limit', 0)) != 1)
        if not victims:
            return
        if txn is not None:
            txn.record_priors(collection, victims)
        result = collection.delete_many({'_id': {'$in': [doc['_id'] for doc in victims]}})
        deleted[0] += result.deleted_count
        for victim in victims:
            _changed(ctx, txn, collection, victim['_id'])

    errors = _run_batch(statements, body.get('ordered', True), apply)
    return _reply({'n': deleted[0]}, errors)


def _project(collection, document_id, fields):
    return collection.find_one({'_id': document_id}, fields or None)


def cmd_find_and_modify(ctx, db_name, body, txn):
    check_options(body, 'findAndModify')
    collection = ctx.client[db_name][body['findAndModify']]
    query = body.get('query') or {}
    check_filter(query)
    check_sort(body.get('sort'))
    fields = body.get('fields') or None
    matches = _matched(collection, query, False, body.get('sort'))
    target = matches[0] if matches else None
    last_error = {'n': 0}
    value = None
    try:
        if body.get('remove'):
            if target is not None:
                value = _project(collection, target['_id'], fields)
                if txn is not None:
                    txn.record_priors(collection, [target])
                collection.delete_one({'_id': target['_id']})
                _changed(ctx, txn, collection, target['_id'])
                last_error['n'] = 1
        elif target is not None:
            before = _project(collection, target['_id'], fields)
            keys = txn.record_priors(collection, [target]) if txn else []
            _changed(ctx, txn, collection, target['_id'])
            _apply_update(collection, dict(query, _id=target['_id']), body.get('update', {}), False, False)
            if txn is not None:
                txn.forget_untouched(collection, keys)
            value = _project(collection, target['_id'], fields) if body.get('new') else before
            last_error.update({'n': 1, 'updatedExisting': True})
        elif body.get('upsert'):
            result = _apply_update(collection, query, body.get('update', {}), False, True)
            if txn is not None:
                txn.record_inserted(collection, result.upserted_id)
            _changed(ctx, txn, collection, result.upserted_id)
            if body.get('new'):
                value = _project(collection, result.upserted_id, fields)
            last_error.update({'n': 1, 'updatedExisting': False, 'upserted': result.upserted_id})
        else:
            last_error['updatedExisting'] = False
    except DuplicateKey as error:
        raise CommandError(11000, 'DuplicateKey', error.message(), error.details())
    except NotImplementedError as error:
        raise unsupported(str(error))
    return {'lastErrorObject': last_error, 'value': value, 'ok': 1.0}


COMMANDS = {
    'insert': cmd_insert,
    'update': cmd_update,
    'delete': cmd_delete,
    'findAndModify': cmd_find_and_modify,
}
