import { lathe, writeGlb } from '../../scripts/glb-writer';

/** A real, small glTF binary: a cone turned from three profile points. */
export const smallGlb = () =>
  writeGlb({
    ...lathe(
      [
        [0, 0],
        [0.5, 0],
        [0, 1],
      ],
      8,
    ),
    color: [0.8, 0.2, 0.2, 1],
    metallic: 0,
    roughness: 0.6,
    name: 'cone',
  });
