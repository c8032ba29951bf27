import type { MediaKind } from './media-kind';

/** Facts about a media file that can be read from its first bytes. */
export interface MediaFacts {
  width?: number;
  height?: number;
  codec?: string;
}

function pngSize(b: Uint8Array): MediaFacts {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return b.length >= 24 ? { width: view.getUint32(16), height: view.getUint32(20) } : {};
}

function gifSize(b: Uint8Array): MediaFacts {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return b.length >= 10 ? { width: view.getUint16(6, true), height: view.getUint16(8, true) } : {};
}

/** Walks JPEG segments to the first start-of-frame marker, which holds the size. */
function jpegSize(b: Uint8Array): MediaFacts {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return {};
    const marker = b[i + 1] ?? 0;
    const length = view.getUint16(i + 2);
    const isFrame =
      marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) return { height: view.getUint16(i + 5), width: view.getUint16(i + 7) };
    i += 2 + length;
  }
  return {};
}

const VIDEO_CODECS: [string, string][] = [
  ['V_VP9', 'vp9'],
  ['V_VP8', 'vp8'],
  ['V_AV1', 'av1'],
  ['V_MPEG4/ISO/AVC', 'h264'],
  ['V_MPEGH/ISO/HEVC', 'hevc'],
  ['avc1', 'h264'],
  ['avc3', 'h264'],
  ['av01', 'av1'],
  ['vp09', 'vp9'],
  ['hvc1', 'hevc'],
  ['hev1', 'hevc'],
];

function videoCodec(b: Uint8Array): MediaFacts {
  const text = Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');
  for (const [needle, codec] of VIDEO_CODECS) {
    if (text.includes(needle)) return { codec };
  }
  return {};
}

/** Reads size or codec from the head of a file already identified as `media`. */
export function inspectMedia(head: Uint8Array, media: MediaKind): MediaFacts {
  switch (media.mime) {
    case 'image/png':
      return pngSize(head);
    case 'image/gif':
      return gifSize(head);
    case 'image/jpeg':
      return jpegSize(head);
    case 'video/webm':
    case 'video/mp4':
      return videoCodec(head);
    default:
      return {};
  }
}

/** Codecs Chromium (and so the screen app) decodes everywhere. */
export const PLAYABLE_CODECS = new Set(['vp8', 'vp9', 'av1', 'h264']);
