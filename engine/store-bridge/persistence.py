"""Snapshots of every database, collection, document and index as canonical extended JSON."""
import os

from bson import json_util
from bson.binary import UuidRepresentation
from bson.json_util import JSONMode, JSONOptions

SNAPSHOT_FILE = 'snapshot.json'
FORMAT_VERSION = 1
# Canonical mode keeps Int64/Decimal128/ObjectId/Date types; naive datetimes are what mongomock compares.
JSON_OPTIONS = JSONOptions(json_mode=JSONMode.CANONICAL, tz_aware=False,
                           uuid_representation=UuidRepresentation.STANDARD)


def capture(client):
    """Serialises the whole store; call with the global lock held."""
    databases = {}
    for db_name in client.list_database_names():
        database = client[db_name]
        collections = {}
        for name in database.list_collection_names():
            collection = database[name]
            indexes = [
                {'name': index_name, 'key': [list(pair) for pair in info['key']],
                 'options': {k: v for k, v in info.items() if k not in ('key', 'v')}}
                for index_name, info in collection.index_information().items() if index_name != '_id_'
            ]
            collections[name] = {'indexes': indexes, 'documents': list(collection.find())}
        databases[db_name] = collections
    return json_util.dumps({'version': FORMAT_VERSION, 'databases': databases}, json_options=JSON_OPTIONS)


def write_atomically(data_dir, text):
    os.makedirs(data_dir, exist_ok=True)
    target = os.path.join(data_dir, SNAPSHOT_FILE)
    temporary = target + '.tmp'
    with open(temporary, 'w', encoding='utf-8') as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, target)
    directory = os.open(data_dir, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


def restore(client, data_dir):
    """Loads DIR/snapshot.json into an empty client; returns the number of documents loaded."""
    path = os.path.join(data_dir, SNAPSHOT_FILE)
    if not os.path.exists(path):
        return None
    with open(path, encoding='utf-8') as handle:
        snapshot = json_util.loads(handle.read(), json_options=JSON_OPTIONS)
    if snapshot.get('version') != FORMAT_VERSION:
        raise ValueError('%s has snapshot format %r, expected %d' % (path, snapshot.get('version'), FORMAT_VERSION))
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
                collection.create_index([tuple(pair) for pair in index['key']], name=index['name'],
                                        **index['options'])
    return loaded
