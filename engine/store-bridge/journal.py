"""The write-ahead journal: every acknowledged change is on disk before its reply is sent.

A journal is a series of segment files `journal-<first seq>.jsonl` in the data directory. Each
record is one line `<crc32 hex> <body>\\n` where body is `{"seq": N, "ops": [...]}` in canonical
extended JSON and the CRC-32 covers the body bytes. Sequence numbers are consecutive across
segments. A crash while a record was being written leaves a torn last line (no newline, or a
checksum that does not match); recovery ignores it, since its command was never acknowledged.

Group commit: `append` (under the store's global lock) only writes the line to the file;
`wait_durable` (outside the lock, before the reply) runs fsync once for every record written so
far, so commands arriving together share one fsync while each still waits for its own record.
"""
import os
import re
import threading
import zlib

from bson import json_util

from persistence import JSON_OPTIONS, fsync_directory

SEGMENT_NAME = re.compile(r'^journal-(\d{20})\.jsonl$')


class JournalError(Exception):
    """The journal cannot be read back consistently (not a torn tail): refuse to guess."""


def segment_name(first_seq):
    return 'journal-%020d.jsonl' % first_seq


def segment_paths(data_dir):
    """Existing segment files, oldest first."""
    names = sorted(name for name in os.listdir(data_dir) if SEGMENT_NAME.match(name))
    return [os.path.join(data_dir, name) for name in names]


def encode_record(seq, operations):
    body = json_util.dumps({'seq': seq, 'ops': operations}, json_options=JSON_OPTIONS).encode('utf-8')
    return b'%08x %s\n' % (zlib.crc32(body), body)


def _decode_line(line):
    """The record in one newline-terminated line, or None when the line is damaged."""
    crc, _, body = line.partition(b' ')
    try:
        if len(crc) != 8 or int(crc, 16) != zlib.crc32(body):
            return None
        record = json_util.loads(body.decode('utf-8'), json_options=JSON_OPTIONS)
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(record, dict) or not isinstance(record.get('seq'), int) or not isinstance(
            record.get('ops'), list):
        return None
    return record


def _lines_with_offsets(path):
    with open(path, 'rb') as handle:
        content = handle.read()
    offset = 0
    while offset < len(content):
        end = content.find(b'\n', offset)
        if end < 0:  # no newline: the write of this line never finished
            yield offset, content[offset:], False
            return
        yield offset, content[offset:end], True
        offset = end + 1


def read_records(data_dir, after_seq, log):
    """Records with seq > after_seq, in order; a damaged tail is logged and ignored.

    A damaged record followed by intact ones is not a torn write but corruption: acknowledged
    records would be lost silently, so this raises JournalError instead.
    """
    records = []
    damaged = None  # (path, offset, size) of the first damaged line seen
    expected = after_seq + 1
    for path in segment_paths(data_dir):
        for offset, line, complete in _lines_with_offsets(path):
            record = _decode_line(line) if complete else None
            if record is None:
                if damaged is None:
                    damaged = (path, offset, len(line))
                continue
            if damaged is not None:
                raise JournalError('%s: damaged record at byte %d is followed by intact records; '
                                   'the journal is corrupt, not torn' % (damaged[0], damaged[1]))
            if record['seq'] <= after_seq:
                continue  # already in the snapshot
            if record['seq'] != expected:
                raise JournalError('%s: record %d follows %d; records are missing'
                                   % (path, record['seq'], expected - 1))
            records.append(record)
            expected += 1
    if damaged is not None:
        log('journal: ignored a torn record at byte %d of %s (%d bytes; the process died while '
            'writing it, so it was never acknowledged)' % (damaged[1], damaged[0], damaged[2]))
    return records


def _write_all(fd, data):
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


class Journal:
    """The open journal of a running store."""

    def __init__(self, data_dir, next_seq):
        self.data_dir = data_dir
        self.last_seq = next_seq - 1  # last record written to the file (under the store lock)
        self.durable_seq = self.last_seq  # last record known to be fsynced
        self._sync_lock = threading.Lock()
        self._fd = None
        self._segment = None
        self._open_segment(next_seq)

    def _open_segment(self, first_seq):
        self._segment = os.path.join(self.data_dir, segment_name(first_seq))
        self._fd = os.open(self._segment, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        fsync_directory(self.data_dir)  # the new file's name must survive a crash too

    def append(self, operations):
        """Writes one record (call under the store lock); returns its sequence number."""
        seq = self.last_seq + 1
        _write_all(self._fd, encode_record(seq, operations))
        self.last_seq = seq
        return seq

    def wait_durable(self, seq):
        """Returns once record `seq` is fsynced; one fsync covers every record written so far."""
        if self.durable_seq >= seq:
            return
        with self._sync_lock:
            if self.durable_seq >= seq:  # another thread's fsync covered it meanwhile
                return
            # Everything up to last_seq is already in the file (append writes before it counts).
            target = self.last_seq
            os.fsync(self._fd)
            self.durable_seq = target

    def rotate(self):
        """Starts a new segment (call under the store lock, when capturing a snapshot).

        Returns the older segments: once the snapshot holding everything up to `last_seq` is
        safely on disk, they are redundant and `remove_segments` deletes them.
        """
        with self._sync_lock:
            if self._segment != os.path.join(self.data_dir, segment_name(self.last_seq + 1)):
                os.fsync(self._fd)
                self.durable_seq = self.last_seq
                os.close(self._fd)
                self._open_segment(self.last_seq + 1)
            # else nothing was written since the segment began: keep writing to it
        return [path for path in segment_paths(self.data_dir) if path != self._segment]


def remove_segments(data_dir, paths):
    """Deletes segments whose records a snapshot on disk already holds."""
    for path in paths:
        os.unlink(path)
    if paths:
        fsync_directory(data_dir)
