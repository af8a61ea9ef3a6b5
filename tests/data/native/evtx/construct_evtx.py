#!/usr/bin/env python3
"""Constructs a real .evtx log from event XML, for the EVTX reader's tests.

No Windows machine is at hand to record a log, so this writes one by the published format (the
libevtx project's "Windows XML Event Log (EVTX)" description): a 4096-byte file header, 64 KiB
chunks with their CRC32 checksums and string table, and each event as a record of binary XML
(fragment header, elements with their names stored once per chunk, attributes, UTF-16 text values).
Windows itself writes records as template instances; plain binary XML is the format's other form,
and libevtx renders both. evtxexport (libevtx-utils) reads the result back as the reference.

    construct_evtx.py OUT.evtx EVENTS.xml [EVENTS.xml ...]

Each input holds <Event> elements (wevtutil's output, with or without an <Events> root), one
host's log: records keep the inputs' order, and their record identifiers are the events'
EventRecordID values, which must be consecutive (libevtx takes a gap for corruption).
"""

import struct
import sys
import xml.etree.ElementTree as ET
import zlib
from datetime import datetime, timezone

EVENT_NS = "{http://schemas.microsoft.com/win/2004/08/events/event}"
CHUNK_SIZE = 65536
CHUNK_HEADER_SIZE = 512
FILE_HEADER_SIZE = 4096

# Binary XML tokens
END_OF_STREAM = 0x00
OPEN_START_ELEMENT = 0x01
CLOSE_START_ELEMENT = 0x02
CLOSE_EMPTY_ELEMENT = 0x03
END_ELEMENT = 0x04
VALUE = 0x05
ATTRIBUTE = 0x06
FRAGMENT_HEADER = 0x0F
MORE_BIT = 0x40  # on OPEN_START_ELEMENT: has attributes; on ATTRIBUTE: another one follows
STRING_TYPE = 0x01


def name_hash(name):
    value = 0
    for ch in name:
        value = (value * 65599 + ord(ch)) & 0xFFFFFFFF
    return value & 0xFFFF


def utf16(text):
    return text.encode("utf-16-le")


class Chunk:
    """One 64 KiB chunk: its records and the names they share."""

    def __init__(self, number):
        self.number = number
        self.data = bytearray(CHUNK_HEADER_SIZE)
        self.names = {}  # name -> offset of its string structure in the chunk
        self.buckets = [0] * 64  # the chunk's common string table (last name per hash bucket)
        self.first_id = None
        self.last_id = None
        self.last_record_offset = 0

    def free(self):
        return CHUNK_SIZE - len(self.data)

    # --- binary XML of one element, written at `base` (its offset in the chunk) ---

    def name_ref(self, out, base, name, pending):
        """The name offset field, and the name's string structure when it is new to the chunk."""
        offset = self.names.get(name) or pending.get(name)
        if offset is not None:
            out += struct.pack("<I", offset)
            return
        here = base + len(out) + 4
        out += struct.pack("<I", here)
        h = name_hash(name)
        out += struct.pack("<IHH", self.buckets[h % 64], h, len(name)) + utf16(name) + b"\0\0"
        pending[name] = here

    @staticmethod
    def value(out, text, more=False):
        encoded = utf16(text)
        out += bytes([VALUE | (MORE_BIT if more else 0), STRING_TYPE])
        out += struct.pack("<H", len(encoded) // 2) + encoded

    def element(self, out, base, node, pending):
        start = len(out)
        attributes = list(node.attrib.items())
        out += bytes([OPEN_START_ELEMENT | (MORE_BIT if attributes else 0)])
        out += struct.pack("<H", 0xFFFF)  # dependency identifier: none
        size_at = len(out)
        out += b"\0\0\0\0"  # data size, filled in below
        self.name_ref(out, base, local(node.tag), pending)
        if attributes:
            list_at = len(out)
            out += b"\0\0\0\0"
            for i, (key, text) in enumerate(attributes):
                out += bytes([ATTRIBUTE | (MORE_BIT if i + 1 < len(attributes) else 0)])
                self.name_ref(out, base, local(key), pending)
                self.value(out, text)
            struct.pack_into("<I", out, list_at, len(out) - list_at - 4)
        children = list(node)
        text = node.text if node.text and (not children or node.text.strip()) else None
        if not children and text is None:
            out += bytes([CLOSE_EMPTY_ELEMENT])
        else:
            out += bytes([CLOSE_START_ELEMENT])
            if text is not None:
                self.value(out, text)
            for child in children:
                self.element(out, base, child, pending)
            out += bytes([END_ELEMENT])
        struct.pack_into("<I", out, size_at, len(out) - size_at - 4)
        return start

    def add(self, record_id, written, event):
        """Appends one event record; False when it does not fit in this chunk."""
        base = len(self.data)
        pending = {}
        header_size = 24
        body = bytearray([FRAGMENT_HEADER, 1, 1, 0])
        # Name offsets are chunk-relative: body[0] sits right after the record's header.
        self.element(body, base + header_size, event, pending)
        body += bytes([END_OF_STREAM])
        size = header_size + len(body) + 4
        size += (-size) % 8  # records are 8-byte aligned in Windows' own logs
        if size > self.free():
            return False
        record = bytearray(b"**\0\0")
        record += struct.pack("<IQQ", size, record_id, written)
        record += body
        record += b"\0" * (size - 4 - len(record))
        record += struct.pack("<I", size)
        for name, offset in pending.items():
            h = name_hash(name)
            self.buckets[h % 64] = offset
            self.names[name] = offset
        self.last_record_offset = base
        self.data += record
        self.first_id = record_id if self.first_id is None else self.first_id
        self.last_id = record_id
        return True

    def finish(self):
        free_offset = len(self.data)
        chunk = bytearray(self.data) + b"\0" * self.free()
        header = bytearray(b"ElfChnk\0")
        header += struct.pack("<QQQQ", self.first_id, self.last_id, self.first_id, self.last_id)
        header += struct.pack("<III", 128, self.last_record_offset, free_offset)
        header += struct.pack("<I", zlib.crc32(chunk[CHUNK_HEADER_SIZE:free_offset]))
        header += b"\0" * (120 - len(header))
        header += struct.pack("<I", 0)  # flags
        chunk[0:124] = header
        for i, offset in enumerate(self.buckets):
            struct.pack_into("<I", chunk, 128 + 4 * i, offset)
        checksum = zlib.crc32(bytes(chunk[0:120]) + bytes(chunk[128:CHUNK_HEADER_SIZE]))
        struct.pack_into("<I", chunk, 124, checksum)
        return bytes(chunk)


def local(tag):
    return tag.split("}", 1)[1] if tag.startswith("{") else tag


def filetime(system_time):
    text = system_time.rstrip("Z")
    whole, _, fraction = text.partition(".")
    moment = datetime.strptime(whole, "%Y-%m-%dT%H:%M:%S").replace(tzinfo=timezone.utc)
    ticks = (fraction + "0000000")[:7]
    epoch = datetime(1601, 1, 1, tzinfo=timezone.utc)
    return int((moment - epoch).total_seconds()) * 10_000_000 + int(ticks)


def events_of(path):
    with open(path, "rb") as f:
        data = f.read()
    if not data.lstrip().startswith(b"<Events"):
        data = b"<Events>" + data + b"</Events>"
    root = ET.fromstring(data)
    for event in root.iter(EVENT_NS + "Event"):
        # The namespace declaration is an attribute of the element in binary XML.
        event.set("xmlns", EVENT_NS[1:-1])
        yield event


def with_plain_tags(node):
    node.tag = local(node.tag)
    for child in node:
        with_plain_tags(child)
    return node


def main(argv):
    if len(argv) < 3:
        sys.stderr.write(__doc__)
        return 2
    chunks = [Chunk(0)]
    previous_id = None
    for path in argv[2:]:
        for event in events_of(path):
            system = event.find(EVENT_NS + "System")
            record_id = int(system.findtext(EVENT_NS + "EventRecordID"))
            if previous_id is not None and record_id != previous_id + 1:
                # libevtx takes a log whose record identifiers skip for a corrupted one.
                raise SystemExit(f"{path}: EventRecordID {record_id} does not follow {previous_id}: "
                                 "a log's records are numbered consecutively")
            previous_id = record_id
            written = filetime(system.find(EVENT_NS + "TimeCreated").get("SystemTime"))
            event = with_plain_tags(event)
            if not chunks[-1].add(record_id, written, event):
                chunks.append(Chunk(len(chunks)))
                if not chunks[-1].add(record_id, written, event):
                    raise SystemExit(f"{path}: event record {record_id} does not fit in a chunk")
    last_id = chunks[-1].last_id
    header = bytearray(b"ElfFile\0")
    header += struct.pack("<QQQ", 0, len(chunks) - 1, last_id + 1)
    header += struct.pack("<IHHHH", 128, 1, 3, FILE_HEADER_SIZE, len(chunks))
    header += b"\0" * (120 - len(header))
    header += struct.pack("<I", 0)  # flags: clean, not full
    header += struct.pack("<I", zlib.crc32(bytes(header[:120])))
    header += b"\0" * (FILE_HEADER_SIZE - len(header))
    with open(argv[1], "wb") as out:
        out.write(header)
        for chunk in chunks:
            out.write(chunk.finish())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
