import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Places, readValues } from '../../src/storage/log/places.js';
import { Segment } from '../../src/storage/log/segment.js';

const ADDON = fileURLToPath(new URL('../../native/build/Release/eddy_native.node', import.meta.url));
const mapping = existsSync(ADDON) && process.env.EDDY_MMAP !== '0' && process.env.EDDY_NATIVE !== '0';

function withFile(run: (path: string, fd: number) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'eddy-seg-'));
  const path = join(dir, 'seg.log');
  const fd = openSync(path, 'w+');
  try {
    run(path, fd);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a prepared segment is read through one mapping of the whole file', { skip: !mapping && 'addon not built or mapping turned off' }, () => {
  withFile((path, fd) => {
    // A prepared segment: 1 MiB of zeros, then values written over its start.
    writeSync(fd, Buffer.alloc(1 << 20), 0, 1 << 20, 0);
    const a = 'héllo, wörld';
    const b = 'x'.repeat(3000);
    const bytesA = Buffer.from(a);
    writeSync(fd, bytesA, 0, bytesA.length, 100);
    writeSync(fd, Buffer.from(b), 0, b.length, 5000);
    const seg = new Segment(1, path, fd, 8000);
    assert.equal(seg.read(100, bytesA.length), a);
    assert.equal(seg.mappedLength, 1 << 20, 'the first read maps the file at its full size');
    assert.equal(seg.read(5000, b.length), b);
    // A value written after the mapping was made is seen through it (one page cache).
    writeSync(fd, Buffer.from('late'), 0, 4, 900_000);
    seg.setSize(900_004);
    assert.equal(seg.read(900_000, 4), 'late');
    const places = new Places();
    places.addSegment(seg);
    const ps = [places.add(seg, 100, bytesA.length, 0, undefined), places.add(seg, 5000, b.length, 0, undefined)];
    assert.deepEqual(readValues(places, ps), [a, b]);
    seg.closeFile();
    assert.equal(seg.mappedLength, 0);
    assert.throws(() => seg.read(100, bytesA.length), /storage engine is closed/);
  });
});

test('a segment growing by appends is mapped again only once it has doubled, and read right in between', () => {
  withFile((path, fd) => {
    const seg = new Segment(1, path, fd, 0);
    const values: [number, string][] = [];
    let at = 0;
    for (let i = 0; i < 400; i++) {
      const v = `${i}:${'v'.repeat(200 + (i % 50))}`;
      writeSync(fd, Buffer.from(v), 0, v.length, at);
      values.push([at, v]);
      at += v.length;
      seg.setSize(at);
      // Read the newest value and an old one after every append.
      assert.equal(seg.read(at - v.length, v.length), v);
      const [oldAt, old] = values[i >> 1] as [number, string];
      assert.equal(seg.read(oldAt, old.length), old);
      if (mapping) {
        assert.ok(seg.mappedLength > 0 && seg.mappedLength <= at, `mapping ${seg.mappedLength} within the file (${at})`);
        assert.ok(seg.mappedLength * 2 > at, `mapping ${seg.mappedLength} remapped once the file (${at}) doubled`);
      }
    }
    seg.closeFile();
  });
});

test('a frame handed to the thread pool is a copy in a reused buffer, checked like any frame', async () => {
  const { FrameBuilder, checkFrame, FRAME_HEADER } = await import('../../src/storage/log/frames.js');
  const b = new FrameBuilder();
  b.textOf('first frame');
  const one = b.handOff();
  b.reset();
  // The builder goes on: the handed-off bytes do not change with it.
  b.textOf('second frame, longer than the first');
  const two = b.handOff();
  b.reset();
  assert.notEqual(one.buffer, two.buffer, 'two frames in flight at once have their own buffers');
  const check = (bytes: Buffer): void => {
    const r = checkFrame(bytes, 0, bytes.length);
    assert.ok(typeof r === 'object', 'the copy is a whole frame with a good checksum');
    assert.equal(r.start, FRAME_HEADER);
  };
  check(one);
  check(two);
  assert.ok(one.toString('latin1').includes('first frame'));
  // Once written, a buffer takes a later frame; a buffer not from handOff is not kept.
  b.release(one);
  b.release(Buffer.from('not a hand-off buffer'));
  b.textOf('third');
  const three = b.handOff();
  b.reset();
  assert.equal(three.buffer, one.buffer, 'the released buffer is reused');
  check(three);
  // A frame over the spare buffers' size (1 MiB) is copied into a buffer of its own.
  b.textOf('y'.repeat(1_200_000));
  const big = b.handOff();
  b.reset();
  check(big);
  assert.ok(big.length > 1 << 20 && big.buffer.byteLength !== 1 << 20, 'not one of the 1 MiB spares');
  assert.notEqual(big.buffer, two.buffer);
  b.release(big);
  b.textOf('fourth');
  const four = b.handOff();
  assert.notEqual(four.buffer, big.buffer, 'a large frame\'s buffer is not kept as a spare');
});
