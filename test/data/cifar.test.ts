import { describe, expect, it } from 'vitest';
import {
  CIFAR100_RECORD_BYTES,
  CIFAR10_RECORD_BYTES,
  concatCifar10,
  parseCifar10,
  parseCifar100,
  parseLabelNames,
} from '../../src/data/cifar.js';
import { cifar100Records, cifar10Records, cifarPixel } from '../node/fixtures.js';

/** The NHWC index of (image k, row y, col x, channel c). */
const at = (k: number, y: number, x: number, c: number): number => ((k * 32 + y) * 32 + x) * 3 + c;

describe('CIFAR binary format', () => {
  it('parses CIFAR-10 records into NHWC with labels', () => {
    const b = parseCifar10(cifar10Records([3, 9, 0]));
    expect(b.n).toBe(3);
    expect([...b.labels]).toEqual([3, 9, 0]);
    expect(b.images.length).toBe(3 * 32 * 32 * 3);
    for (const [k, y, x, c] of [[0, 0, 0, 0], [0, 0, 1, 0], [1, 5, 7, 1], [2, 31, 31, 2], [2, 0, 31, 1]] as const) {
      expect(b.images[at(k, y, x, c)]).toBe(cifarPixel(k, c, y, x));
    }
  });

  it('puts R, G, B planes into the last axis: pixel (0,0) is bytes 1, 1025, 2049 of the record', () => {
    const rec = new Uint8Array(CIFAR10_RECORD_BYTES);
    rec[0] = 1;
    rec[1] = 10; // R plane, (0,0)
    rec[1 + 1024] = 20; // G plane, (0,0)
    rec[1 + 2048] = 30; // B plane, (0,0)
    rec[1 + 33] = 40; // R plane, (1,1)
    const b = parseCifar10(rec);
    expect([...b.images.subarray(0, 3)]).toEqual([10, 20, 30]);
    expect(b.images[(32 + 1) * 3]).toBe(40);
  });

  it('parses CIFAR-100 records with coarse and fine labels', () => {
    const b = parseCifar100(cifar100Records([[4, 99], [19, 0]]));
    expect(b.n).toBe(2);
    expect([...b.coarseLabels]).toEqual([4, 19]);
    expect([...b.fineLabels]).toEqual([99, 0]);
    expect(b.images[at(1, 2, 3, 2)]).toBe(cifarPixel(1, 2, 2, 3));
  });

  it('rejects lengths that are not whole records', () => {
    const rec = cifar10Records([1, 2]);
    expect(() => parseCifar10(rec.subarray(0, rec.length - 1), 'data_batch_1.bin')).toThrow(
      /data_batch_1\.bin: length 6145 is not a multiple of the 3073-byte CIFAR-10.*1 whole records \+ 3072 bytes/,
    );
    expect(() => parseCifar100(cifar10Records([1]))).toThrow(/not a multiple of the 3074-byte CIFAR-100/);
    expect(parseCifar10(new Uint8Array(0)).n).toBe(0);
  });

  it('rejects labels out of range (the wrong CIFAR variant)', () => {
    const rec = cifar10Records([1]);
    rec[0] = 42;
    expect(() => parseCifar10(rec)).toThrow(/record 0 has label 42, above the maximum 9/);
    const r100 = new Uint8Array(CIFAR100_RECORD_BYTES);
    r100[0] = 20;
    expect(() => parseCifar100(r100)).toThrow(/coarse label 20, above the maximum 19/);
  });

  it('concatenates batches and reads label-name files', () => {
    const all = concatCifar10([parseCifar10(cifar10Records([1, 2])), parseCifar10(cifar10Records([3], 2))]);
    expect(all.n).toBe(3);
    expect([...all.labels]).toEqual([1, 2, 3]);
    expect(all.images[at(2, 4, 4, 1)]).toBe(cifarPixel(2, 1, 4, 4));
    expect(parseLabelNames('airplane\nautomobile\r\nbird\n\n')).toEqual(['airplane', 'automobile', 'bird']);
  });
});
