// Writes small binary glTF (.glb) files: one mesh of positions, normals and triangle indices
// with one PBR material. Used by make-demo-model.ts and by tests that need a real model.

export interface GlbMesh {
  positions: Float32Array;
  normals: Float32Array;
  indices: Uint16Array;
  /** Linear RGBA base colour. */
  color: [number, number, number, number];
  metallic: number;
  roughness: number;
  name: string;
}

const pad4 = (n: number) => (n + 3) & ~3;

function bounds(positions: Float32Array) {
  const min = [Infinity, Infinity, Infinity];
  const max = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i < positions.length; i += 3) {
    for (let axis = 0; axis < 3; axis++) {
      const v = positions[i + axis] as number;
      min[axis] = Math.min(min[axis] as number, v);
      max[axis] = Math.max(max[axis] as number, v);
    }
  }
  return { min, max };
}

/** Encodes `mesh` as a glTF 2.0 binary file. */
export function writeGlb(mesh: GlbMesh): Buffer {
  const pos = Buffer.from(
    mesh.positions.buffer,
    mesh.positions.byteOffset,
    mesh.positions.byteLength,
  );
  const nrm = Buffer.from(mesh.normals.buffer, mesh.normals.byteOffset, mesh.normals.byteLength);
  const idx = Buffer.from(mesh.indices.buffer, mesh.indices.byteOffset, mesh.indices.byteLength);
  const idxPadded = Buffer.concat([idx, Buffer.alloc(pad4(idx.length) - idx.length)]);
  const bin = Buffer.concat([pos, nrm, idxPadded]);
  const count = mesh.positions.length / 3;
  const { min, max } = bounds(mesh.positions);
  const gltf = {
    asset: { version: '2.0', generator: 'HallCue scripts/glb-writer.ts' },
    scene: 0,
    scenes: [{ nodes: [0] }],
    nodes: [{ mesh: 0, name: mesh.name }],
    meshes: [
      {
        name: mesh.name,
        primitives: [{ attributes: { POSITION: 0, NORMAL: 1 }, indices: 2, material: 0 }],
      },
    ],
    materials: [
      {
        name: `${mesh.name}-material`,
        pbrMetallicRoughness: {
          baseColorFactor: mesh.color,
          metallicFactor: mesh.metallic,
          roughnessFactor: mesh.roughness,
        },
        doubleSided: true,
      },
    ],
    buffers: [{ byteLength: bin.length }],
    bufferViews: [
      { buffer: 0, byteOffset: 0, byteLength: pos.length, target: 34962 },
      { buffer: 0, byteOffset: pos.length, byteLength: nrm.length, target: 34962 },
      { buffer: 0, byteOffset: pos.length + nrm.length, byteLength: idx.length, target: 34963 },
    ],
    accessors: [
      { bufferView: 0, componentType: 5126, count, type: 'VEC3', min, max },
      { bufferView: 1, componentType: 5126, count, type: 'VEC3' },
      { bufferView: 2, componentType: 5123, count: mesh.indices.length, type: 'SCALAR' },
    ],
  };
  const jsonText = Buffer.from(JSON.stringify(gltf), 'utf8');
  // The JSON chunk is padded with spaces, the BIN chunk with zeros (glTF 2.0, GLB format).
  const json = Buffer.concat([
    jsonText,
    Buffer.alloc(pad4(jsonText.length) - jsonText.length, 0x20),
  ]);
  const total = 12 + 8 + json.length + 8 + bin.length;
  const header = Buffer.alloc(12);
  header.writeUInt32LE(0x46546c67, 0);
  header.writeUInt32LE(2, 4);
  header.writeUInt32LE(total, 8);
  const chunk = (data: Buffer, type: number) => {
    const head = Buffer.alloc(8);
    head.writeUInt32LE(data.length, 0);
    head.writeUInt32LE(type, 4);
    return Buffer.concat([head, data]);
  };
  return Buffer.concat([header, chunk(json, 0x4e4f534a), chunk(bin, 0x004e4942)]);
}

/**
 * A solid of revolution: `profile` is [radius, height] points from bottom to top, turned
 * around the Y axis in `segments` steps, with smooth normals.
 */
export function lathe(
  profile: [number, number][],
  segments: number,
): Omit<GlbMesh, 'color' | 'metallic' | 'roughness' | 'name'> {
  const rings = profile.length;
  const positions = new Float32Array(rings * (segments + 1) * 3);
  const normals = new Float32Array(positions.length);
  for (let s = 0; s <= segments; s++) {
    const angle = (s / segments) * Math.PI * 2;
    const cos = Math.cos(angle);
    const sin = Math.sin(angle);
    for (let r = 0; r < rings; r++) {
      const [radius, y] = profile[r] as [number, number];
      const prev = profile[Math.max(0, r - 1)] as [number, number];
      const next = profile[Math.min(rings - 1, r + 1)] as [number, number];
      // The profile's tangent turned a quarter: the outward normal in the (radius, y) plane.
      const dr = next[0] - prev[0];
      const dy = next[1] - prev[1];
      const length = Math.hypot(dr, dy) || 1;
      const nr = dy / length;
      const ny = -dr / length;
      const i = (s * rings + r) * 3;
      positions.set([radius * cos, y, radius * sin], i);
      normals.set([nr * cos, ny, nr * sin], i);
    }
  }
  const indices: number[] = [];
  for (let s = 0; s < segments; s++) {
    for (let r = 0; r < rings - 1; r++) {
      const a = s * rings + r;
      const b = (s + 1) * rings + r;
      indices.push(a, a + 1, b, b, a + 1, b + 1);
    }
  }
  return { positions, normals, indices: Uint16Array.from(indices) };
}
