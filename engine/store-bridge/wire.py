"""MongoDB wire-protocol framing: OP_MSG (2013), legacy OP_QUERY (2004) and OP_REPLY (1)."""
import struct

import bson
from bson.binary import UuidRepresentation
from bson.codec_options import CodecOptions

OP_REPLY = 1
OP_QUERY = 2004
OP_COMPRESSED = 2012
OP_MSG = 2013

FLAG_CHECKSUM_PRESENT = 1 << 0
FLAG_MORE_TO_COME = 1 << 1
FLAG_EXHAUST_ALLOWED = 1 << 16

_HEADER = struct.Struct('<iiii')
MAX_MESSAGE_SIZE = 48_000_000
# Standard UUIDs (binary subtype 4) stay subtype 4 when echoed back, as drivers expect.
CODEC_OPTIONS = CodecOptions(uuid_representation=UuidRepresentation.STANDARD)


class ProtocolError(Exception):
    """The peer sent bytes we cannot frame; the connection is closed."""


class Request:
    """One decoded client message: the command document plus how to answer it."""

    def __init__(self, request_id, op_code, body, more_to_come=False, namespace=None):
        self.request_id = request_id
        self.op_code = op_code
        self.body = body
        self.more_to_come = more_to_come
        self.namespace = namespace


def _recv_exactly(sock, size):
    chunks = []
    remaining = size
    while remaining:
        chunk = sock.recv(min(remaining, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        remaining -= len(chunk)
    return b''.join(chunks)


def _read_cstring(data, offset):
    end = data.index(b'\x00', offset)
    return data[offset:end].decode('utf-8'), end + 1


def _parse_op_msg(request_id, payload):
    (flags,) = struct.unpack_from('<I', payload, 0)
    end = len(payload) - 4 if flags & FLAG_CHECKSUM_PRESENT else len(payload)
    offset = 4
    body = None
    sequences = {}
    while offset < end:
        kind = payload[offset]
        offset += 1
        (size,) = struct.unpack_from('<i', payload, offset)
        if kind == 0:
            body = bson.decode(payload[offset:offset + size], CODEC_OPTIONS)
            offset += size
        elif kind == 1:
            section_end = offset + size
            identifier, cursor = _read_cstring(payload, offset + 4)
            documents = []
            while cursor < section_end:
                (doc_size,) = struct.unpack_from('<i', payload, cursor)
                documents.append(bson.decode(payload[cursor:cursor + doc_size], CODEC_OPTIONS))
                cursor += doc_size
            sequences[identifier] = documents
            offset = section_end
        else:
            raise ProtocolError('unknown OP_MSG section kind %d' % kind)
    if body is None:
        raise ProtocolError('OP_MSG without a body section')
    # Document sequences (kind 1) are how drivers send `documents`, `updates`, `deletes`.
    for identifier, documents in sequences.items():
        body[identifier] = documents
    return Request(request_id, OP_MSG, body, more_to_come=bool(flags & FLAG_MORE_TO_COME))


def _parse_op_query(request_id, payload):
    offset = 4  # flags
    namespace, offset = _read_cstring(payload, offset)
    offset += 8  # numberToSkip, numberToReturn
    (size,) = struct.unpack_from('<i', payload, offset)
    query = bson.decode(payload[offset:offset + size], CODEC_OPTIONS)
    if '$query' in query:
        query = query['$query']
    return Request(request_id, OP_QUERY, query, namespace=namespace)


def read_request(sock):
    """Reads one message; returns None when the peer closed the connection."""
    header = _recv_exactly(sock, _HEADER.size)
    if header is None:
        return None
    length, request_id, _response_to, op_code = _HEADER.unpack(header)
    if length < _HEADER.size or length > MAX_MESSAGE_SIZE:
        raise ProtocolError('bad message length %d' % length)
    payload = _recv_exactly(sock, length - _HEADER.size)
    if payload is None:
        return None
    if op_code == OP_MSG:
        return _parse_op_msg(request_id, payload)
    if op_code == OP_QUERY:
        return _parse_op_query(request_id, payload)
    raise ProtocolError('unsupported opCode %d (compression is not advertised)' % op_code)


_next_response_id = [0]


def _header(length, response_to, op_code):
    _next_response_id[0] = (_next_response_id[0] + 1) & 0x7FFFFFFF
    return _HEADER.pack(length, _next_response_id[0], response_to, op_code)


def encode_reply(request, document):
    """Encodes the answer in the framing the request used (OP_MSG or OP_REPLY)."""
    encoded = bson.encode(document, codec_options=CODEC_OPTIONS)
    if request.op_code == OP_MSG:
        body = struct.pack('<I', 0) + b'\x00' + encoded
        return _header(_HEADER.size + len(body), request.request_id, OP_MSG) + body
    body = struct.pack('<iqii', 0, 0, 0, 1) + encoded
    return _header(_HEADER.size + len(body), request.request_id, OP_REPLY) + body
