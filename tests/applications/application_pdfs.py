"""Hand-made PDFs for the upload tests: the tricks a byte-level check misses.

``pdf_with(objects, root)`` writes a classic PDF (one object per ``n 0 obj``, an xref table).
``pdf_with_object_stream(objects, root)`` packs the given objects into a Flate-compressed
object stream (/ObjStm) with a cross-reference stream, as PDF 1.5 writers do: their names are
then nowhere in the file's bytes.
"""

import zlib

PAGE_OBJECTS = {
    2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
}


def pdf_with(objects: dict[int, bytes], root: int = 1) -> bytes:
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    size = max(objects) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        out += (
            b"%010d 00000 n \n" % offsets[number] if number in offsets else b"0000000000 65535 f \n"
        )
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, root, xref)
    return bytes(out)


def pdf_with_object_stream(packed: dict[int, bytes], root: int = 1) -> bytes:
    """Every object of ``packed`` inside one compressed object stream (number 90), found
    through a compressed cross-reference stream (number 91)."""
    numbers = sorted(packed)
    bodies, offsets, position = [], [], 0
    for n in numbers:
        offsets.append(position)
        bodies.append(packed[n] + b"\n")
        position += len(packed[n]) + 1
    header = b" ".join(b"%d %d" % (n, off) for n, off in zip(numbers, offsets, strict=True))
    data = header + b"\n" + b"".join(bodies)
    first = len(header) + 1
    stream = zlib.compress(data)
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    objstm_offset = len(out)
    out += (
        b"90 0 obj\n<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\nstream\n"
        % (len(numbers), first, len(stream))
        + stream
        + b"\nendstream\nendobj\n"
    )
    xref_offset = len(out)
    size = 92
    rows = []
    for n in range(size):
        if n in packed:
            rows.append(bytes([2]) + (90).to_bytes(2, "big") + numbers.index(n).to_bytes(2, "big"))
        elif n == 90:
            rows.append(bytes([1]) + objstm_offset.to_bytes(2, "big") + (0).to_bytes(2, "big"))
        elif n == 91:
            rows.append(bytes([1]) + xref_offset.to_bytes(2, "big") + (0).to_bytes(2, "big"))
        else:
            rows.append(bytes([0]) + (0).to_bytes(2, "big") + (0).to_bytes(2, "big"))
    xref_stream = zlib.compress(b"".join(rows))
    out += (
        b"91 0 obj\n<< /Type /XRef /Size %d /W [1 2 2] /Root %d 0 R /Filter /FlateDecode "
        b"/Length %d >>\nstream\n"
        % (size, root, len(xref_stream))
        + xref_stream
        + b"\nendstream\nendobj\n"
    )
    out += b"startxref\n%d\n%%%%EOF\n" % xref_offset
    return bytes(out)
