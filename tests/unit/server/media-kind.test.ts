import { describe, expect, it } from 'vitest';
import { sniffMediaKind } from '../../../src-controller/server/packs/media-kind';
import { TINY_PNG } from '../../helpers/packs';

const bytes = (...parts: (number[] | string)[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p)] : p)));

describe('sniffMediaKind', () => {
  it.each([
    ['png', TINY_PNG, 'image/png'],
    ['jpeg', bytes([0xff, 0xd8, 0xff, 0xe0]), 'image/jpeg'],
    ['gif', bytes('GIF89a'), 'image/gif'],
    ['webp', bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '), 'image/webp'],
    ['webm', bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f]), 'video/webm'],
    ['mp4', bytes([0, 0, 0, 0x20], 'ftypisom'), 'video/mp4'],
    ['svg', bytes('<svg xmlns="http://www.w3.org/2000/svg"></svg>'), 'image/svg+xml'],
    [
      'svg with prolog',
      bytes('<?xml version="1.0"?>\n<!-- art -->\n<svg viewBox="0 0 1 1"/>'),
      'image/svg+xml',
    ],
  ])('recognises %s by its bytes', (_name, head, mime) => {
    expect(sniffMediaKind(head)?.mime).toBe(mime);
  });

  it('does not trust names: text, html and executables are unknown', () => {
    expect(sniffMediaKind(bytes('hello world'))).toBeNull();
    expect(sniffMediaKind(bytes('<html><svg></svg></html>'))?.kind).toBe('html');
    expect(sniffMediaKind(bytes('<!DOCTYPE html><title>x</title>'))?.kind).toBe('html');
    expect(sniffMediaKind(bytes([0x7f], 'ELF'))).toBeNull();
    expect(sniffMediaKind(new Uint8Array())).toBeNull();
  });
});
