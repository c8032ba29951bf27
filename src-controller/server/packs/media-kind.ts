/** What a file is, judged by its first bytes rather than its name. */
export interface MediaKind {
  kind: 'image' | 'video' | 'html' | 'model';
  mime: string;
}

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0) =>
  signature.every((b, i) => bytes[at + i] === b);

const ascii = (bytes: Uint8Array, from: number, to: number) =>
  String.fromCharCode(...bytes.subarray(from, to));

/** Sniffs the media kind from at least the first 512 bytes of a file; null if unknown. */
export function sniffMediaKind(head: Uint8Array): MediaKind | null {
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
    return { kind: 'image', mime: 'image/png' };
  }
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { kind: 'image', mime: 'image/jpeg' };
  if (ascii(head, 0, 6) === 'GIF87a' || ascii(head, 0, 6) === 'GIF89a') {
    return { kind: 'image', mime: 'image/gif' };
  }
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WEBP') {
    return { kind: 'image', mime: 'image/webp' };
  }
  if (ascii(head, 0, 4) === 'glTF') return { kind: 'model', mime: 'model/gltf-binary' };
  if (startsWith(head, [0x1a, 0x45, 0xdf, 0xa3])) return { kind: 'video', mime: 'video/webm' };
  if (ascii(head, 4, 8) === 'ftyp') return { kind: 'video', mime: 'video/mp4' };
  const text = new TextDecoder('utf-8', { fatal: false })
    .decode(head.subarray(0, 512))
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (/^(<!--[\s\S]*?-->\s*)*(<!doctype html|<html[\s>]|<head[\s>]|<body[\s>])/i.test(text)) {
    return { kind: 'html', mime: 'text/html; charset=utf-8' };
  }
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]/i.test(text)) {
    return { kind: 'image', mime: 'image/svg+xml' };
  }
  return null;
}
