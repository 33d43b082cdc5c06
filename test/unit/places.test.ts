import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PlaceEntry, Places, readValues } from '../../src/storage/log/places.js';
import { Segment } from '../../src/storage/log/segment.js';

function withSegments(run: (a: Segment, b: Segment) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'eddy-places-'));
  const a = new Segment(1, join(dir, 'a'), openSync(join(dir, 'a'), 'w+'), 0);
  const b = new Segment(2, join(dir, 'b'), openSync(join(dir, 'b'), 'w+'), 0);
  try {
    run(a, b);
  } finally {
    a.closeFile();
    b.closeFile();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Appends `text` to the segment's file; returns its offset. */
function append(seg: Segment, text: string): number {
  const bytes = Buffer.from(text);
  const at = seg.size;
  writeSync(seg.fd, bytes, 0, bytes.length, at);
  seg.setSize(seg.size + bytes.length);
  return at;
}

test('places: columns by number, freed numbers reused with a fresh memo and no text, growth past the first columns', () => {
  withSegments((a, b) => {
    const places = new Places();
    places.addSegment(a);
    places.addSegment(b);
    const texts = Array.from({ length: 3000 }, (_, i) => `v${i}é`.padEnd(20 + (i % 7), 'x'));
    const ps = texts.map((t, i) => {
      const seg = i % 2 === 0 ? a : b;
      const off = append(seg, t);
      return places.add(seg, off, Buffer.byteLength(t), 5, undefined);
    });
    assert.equal(new Set(ps).size, ps.length, 'distinct numbers');
    assert.equal(places.used, 3000);
    ps.forEach((p, i) => {
      assert.equal(places.value(p), texts[i]);
      assert.equal(places.seg(p), i % 2 === 0 ? a : b);
      assert.equal(places.cost(p), Buffer.byteLength(texts[i] as string) + 5);
      assert.equal(places.memo(p), -1);
    });
    places.setMemo(ps[10] as number, 1234);
    places.release(ps[10] as number);
    places.release(ps[20] as number);
    assert.equal(places.used, 2998);
    const off = append(a, 'again');
    const again = places.add(a, off, 5, 0, 'again');
    assert.ok(again === ps[10] || again === ps[20], 'a freed number is reused');
    assert.equal(places.memo(again), -1, 'the memo of the value before is gone');
    assert.equal(places.pendingText(again), 'again');
    places.release(again);
    assert.equal(places.pendingText(again), undefined, 'a freed place keeps no text');
    // Moved (compaction): reads follow.
    const p0 = ps[0] as number;
    places.move(p0, b, append(b, texts[0] as string));
    assert.equal(places.seg(p0), b);
    assert.equal(places.value(p0), texts[0]);
    places.removeSegment(a);
    assert.throws(() => places.value(ps[2] as number), /segment 1, which is gone/);
  });
});

test('places: the recent texts go oldest first once more than the limit are kept; a freed place only loses its text', () => {
  withSegments((a) => {
    const places = new Places();
    places.addSegment(a);
    const ps = Array.from({ length: 10 }, (_, i) => {
      const t = `${i}`.padEnd(100, 'r');
      return places.add(a, append(a, t), 100, 0, t);
    });
    places.keepRecent(ps.slice(0, 5), 350);
    assert.deepEqual(ps.map((p) => places.pendingText(p) !== undefined), [false, false, true, true, true, true, true, true, true, true]);
    places.keepRecent(ps.slice(5), 350);
    assert.deepEqual(ps.map((p) => places.pendingText(p) !== undefined), [false, false, false, false, false, false, false, true, true, true]);
    // Texts gone, values still read from the file.
    ps.forEach((p, i) => assert.equal(places.value(p), `${i}`.padEnd(100, 'r')));
  });
});

test('places: readValues reads runs of neighbours, texts kept, and values past the written size from the open frame', () => {
  withSegments((a, b) => {
    const places = new Places();
    places.addSegment(a);
    places.addSegment(b);
    const written = Array.from({ length: 6 }, (_, i) => `w${i}`.padEnd(300, 'ü'));
    const wp = written.map((t) => places.add(a, append(a, t), Buffer.byteLength(t), 0, undefined));
    const kept = places.add(b, append(b, 'kept'), 4, 0, 'kept');
    // A frame being built on `a`: bytes after a.size, not in the file.
    const frameText = 'unwritten-value';
    const frameBytes = Buffer.concat([Buffer.alloc(8), Buffer.from(frameText)]);
    a.tail = { base: a.size, frame: { bytesAt: (at, len) => frameBytes.subarray(at, at + len) } };
    const up = places.add(a, a.size + 8, frameText.length, 0, undefined);
    const order = [wp[0], wp[1], up, wp[2], kept, wp[5], wp[3]] as number[];
    assert.deepEqual(readValues(places, order), [written[0], written[1], frameText, written[2], 'kept', written[5], written[3]]);
    const entry = new PlaceEntry(places, up, undefined);
    const target = Buffer.alloc(frameText.length + 2, 0x7e);
    entry.copyTo(target, 1);
    assert.equal(target.toString('utf8', 1, 1 + frameText.length), frameText);
    assert.equal(entry.value, frameText);
    assert.equal(entry.utf8Bytes, frameText.length);
    entry.memo = 42;
    assert.equal(places.memo(up), 42);
  });
});

test('places: a value in a frame handed to the thread pool is read from that frame until its write ends, then from the file', () => {
  withSegments((a) => {
    const places = new Places();
    places.addSegment(a);
    const before = places.add(a, append(a, 'on-file'), 7, 0, undefined);
    // A closed frame whose write has not ended: past `written`, before `size`; the file has zeros there.
    const text = 'in-flight'.padEnd(700, 'é');
    const bytes = Buffer.concat([Buffer.alloc(8), Buffer.from(text)]);
    const pos = a.size;
    writeSync(a.fd, Buffer.alloc(bytes.length), 0, bytes.length, pos);
    a.inflight.push({ pos, bytes });
    a.size = pos + bytes.length;
    const p = places.add(a, pos + 8, Buffer.byteLength(text), 0, undefined);
    assert.equal(a.written, pos);
    assert.deepEqual(readValues(places, [before, p]), ['on-file', text]);
    assert.equal(new PlaceEntry(places, p, undefined).value, text);
    // The write ends: the file has the bytes, and reads go to it.
    writeSync(a.fd, bytes, 0, bytes.length, pos);
    a.wroteTo(a.size);
    assert.equal(a.inflight.length, 0);
    assert.equal(a.written, a.size);
    assert.deepEqual(readValues(places, [before, p]), ['on-file', text]);
  });
});
