/**
 * Checks a binary glTF (`.glb`) file by its header and JSON chunk, so a truncated or mislabelled
 * model is refused at import rather than failing on a screen. The layout (glTF 2.0, section
 * "GLB File Format Specification"): a 12-byte header (magic "glTF", version 2, total length),
 * then chunks of (length, type, data), the first of which must be JSON.
 */

const MAGIC = 0x46546c67; // "glTF" read as little-endian uint32
const CHUNK_JSON = 0x4e4f534a; // "JSON"
const CHUNK_BIN = 0x004e4942; // "BIN\0"

export interface GlbFacts {
  /** asset.version from the JSON chunk, e.g. "2.0". */
  version: string;
  meshes: number;
}

/**
 * Returns the problem with a `.glb` file, or its facts. `head` is the file's first bytes (the
 * JSON chunk must fit in them); `size` is the whole file's size in bytes.
 */
export function checkGlb(head: Uint8Array, size: number): { problem: string } | GlbFacts {
  if (head.length < 20) return { problem: 'is too short to be a binary glTF file' };
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  if (view.getUint32(0, true) !== MAGIC) return { problem: 'does not start with "glTF"' };
  const version = view.getUint32(4, true);
  if (version !== 2)
    return { problem: `is glTF binary version ${version}; only version 2 is read` };
  const declared = view.getUint32(8, true);
  if (declared !== size) {
    return {
      problem: `declares ${declared} bytes in its header but is ${size} bytes (truncated or padded)`,
    };
  }
  const jsonLength = view.getUint32(12, true);
  if (view.getUint32(16, true) !== CHUNK_JSON) return { problem: 'has no JSON chunk first' };
  if (jsonLength === 0 || 20 + jsonLength > size) {
    return { problem: `has a JSON chunk of ${jsonLength} bytes that does not fit in the file` };
  }
  if (20 + jsonLength > head.length) {
    return {
      problem: `has a JSON chunk of ${jsonLength} bytes, more than HallCue reads (${head.length - 20})`,
    };
  }
  let json: unknown;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(
      head.subarray(20, 20 + jsonLength),
    );
    json = JSON.parse(text);
  } catch (error) {
    return {
      problem: `has a JSON chunk that is not valid UTF-8 JSON: ${(error as Error).message}`,
    };
  }
  const doc = json as { asset?: { version?: unknown }; meshes?: unknown };
  const assetVersion = doc?.asset?.version;
  if (typeof assetVersion !== 'string' || !/^2\.\d+$/.test(assetVersion)) {
    return { problem: 'has no asset.version "2.x" in its JSON chunk' };
  }
  const meshes = Array.isArray(doc.meshes) ? doc.meshes.length : 0;
  if (meshes === 0) return { problem: 'has no meshes: nothing to show' };
  // A BIN chunk, when present, must also fit.
  const binAt = 20 + jsonLength;
  if (binAt + 8 <= Math.min(size, head.length)) {
    const binLength = view.getUint32(binAt, true);
    if (view.getUint32(binAt + 4, true) === CHUNK_BIN && binAt + 8 + binLength > size) {
      return { problem: `has a BIN chunk of ${binLength} bytes that does not fit in the file` };
    }
  }
  return { version: assetVersion, meshes };
}
