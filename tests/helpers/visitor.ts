import sharp from 'sharp';
import { loginCookie } from './clients';
import { buildZip, type RawEntry } from './zip';

/** A manifest for visitor-page tests: main slides as given, zh and en everywhere. */
export function visitorManifest(id: string, version: string, slides: object[], title?: string) {
  return {
    format: 'hallcue-pack/1',
    id,
    version,
    title: { zh: `${title ?? id} 中文`, en: `${title ?? id} English` },
    description: { zh: '访客页面测试', en: 'Visitor page test' },
    roles: { main: { slides } },
  };
}

/** Uploads a pack through the console's upload route, as the test administrator. */
export async function uploadPack(url: string, manifest: object, files: RawEntry[] = []) {
  const zip = buildZip([
    { name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest)), deflate: true },
    ...files,
  ]);
  const res = await fetch(`${url}/api/packs`, {
    method: 'POST',
    body: new Uint8Array(zip),
    headers: {
      'X-Upload-Id': `up-${Math.random().toString(36).slice(2)}`,
      cookie: await loginCookie(url),
    },
  });
  const answer = (await res.json()) as {
    ok: boolean;
    data?: { packVersionId: number };
    error?: unknown;
  };
  if (!answer.ok || !answer.data) throw new Error(`upload refused: ${JSON.stringify(answer)}`);
  return answer.data.packVersionId;
}

/** A real PNG photo-sized image (a gradient), different for each `seed`. */
export async function photoPng(width: number, height: number, seed = 0): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      raw[i] = (x * 255) / width;
      raw[i + 1] = (y * 255) / height;
      raw[i + 2] = (seed * 37 + x + y) % 256;
    }
  }
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}
