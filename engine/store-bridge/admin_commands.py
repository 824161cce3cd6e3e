"""Handshake and server-level commands: the bridge presents itself as a 1-member replica set."""
import datetime
import platform

from errors import CommandError

MAX_WIRE_VERSION = 21
VERSION = '7.0.0-mongomock'


def cmd_hello(ctx, _db_name, _body, _txn):
    address = '127.0.0.1:%d' % ctx.port
    return {
        'helloOk': True,
        'isWritablePrimary': True,
        'ismaster': True,
        'secondary': False,
        'setName': 'rs0',
        'setVersion': 1,
        'hosts': [address],
        'primary': address,
        'me': address,
        'maxBsonObjectSize': 16 * 1024 * 1024,
        'maxMessageSizeBytes': 48_000_000,
        'maxWriteBatchSize': 100_000,
        'localTime': datetime.datetime.now(datetime.timezone.utc),
        'logicalSessionTimeoutMinutes': 30,
        'connectionId': ctx.connection_id,
        'minWireVersion': 0,
        'maxWireVersion': MAX_WIRE_VERSION,
        'readOnly': False,
        'ok': 1.0,
    }


def cmd_ping(_ctx, _db_name, _body, _txn):
    return {'ok': 1.0}


def cmd_build_info(_ctx, _db_name, _body, _txn):
    return {'version': VERSION, 'versionArray': [7, 0, 0, 0], 'gitVersion': 'mongomock',
            'bits': 64, 'maxBsonObjectSize': 16 * 1024 * 1024, 'storageEngines': ['mongomock'],
            'modules': [], 'ok': 1.0}


def cmd_get_parameter(_ctx, _db_name, body, _txn):
    reply = {'ok': 1.0}
    if 'featureCompatibilityVersion' in body or body.get('getParameter') == '*':
        reply['featureCompatibilityVersion'] = {'version': '7.0'}
    return reply


def cmd_host_info(_ctx, _db_name, _body, _txn):
    return {'system': {'hostname': platform.node(), 'currentTime': datetime.datetime.now(datetime.timezone.utc)},
            'os': {'type': platform.system()}, 'extra': {}, 'ok': 1.0}


def cmd_end_sessions(ctx, _db_name, body, _txn):
    ctx.transactions.end_sessions(body.get('endSessions') or [])
    return {'ok': 1.0}


def cmd_commit_transaction(ctx, _db_name, body, _txn):
    transaction = ctx.transactions.commit(body)
    if transaction is not None:  # the transaction's documents reach the journal now, as one record
        for db_name, coll_name, document_id in transaction.touched():
            ctx.changes.document(db_name, coll_name, document_id)
    return {'ok': 1.0}


def cmd_abort_transaction(ctx, _db_name, body, _txn):
    ctx.transactions.abort(body)
    return {'ok': 1.0}


def cmd_list_databases(ctx, _db_name, body, _txn):
    names = ctx.client.list_database_names()
    if body.get('nameOnly'):
        return {'databases': [{'name': name} for name in names], 'ok': 1.0}
    databases = [{'name': name, 'sizeOnDisk': 0, 'empty': False} for name in names]
    return {'databases': databases, 'totalSize': 0, 'ok': 1.0}


def cmd_drop_database(ctx, db_name, _body, _txn):
    ctx.client.drop_database(db_name)
    ctx.changes.catalog('dropDatabase', db_name)
    return {'dropped': db_name, 'ok': 1.0}


def cmd_unknown(name):
    return CommandError(59, 'CommandNotFound', "no such command: '%s'" % name)


COMMANDS = {
    'hello': cmd_hello,
    'isMaster': cmd_hello,
    'ismaster': cmd_hello,
    'ping': cmd_ping,
    'buildInfo': cmd_build_info,
    'buildinfo': cmd_build_info,
    'getParameter': cmd_get_parameter,
    'hostInfo': cmd_host_info,
    'endSessions': cmd_end_sessions,
    'commitTransaction': cmd_commit_transaction,
    'abortTransaction': cmd_abort_transaction,
    'listDatabases': cmd_list_databases,
    'dropDatabase': cmd_drop_database,
}
