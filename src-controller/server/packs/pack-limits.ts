/** Bounds every import obeys, so a hostile or broken pack cannot exhaust disk or memory. */
export interface PackLimits {
  maxEntries: number;
  maxTotalBytes: number;
  maxFileBytes: number;
  /** Largest expanded/compressed ratio for files over 1 MiB: zip bombs expand 1000:1 and more. */
  maxRatio: number;
  maxManifestBytes: number;
}

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

export const DEFAULT_PACK_LIMITS: PackLimits = {
  maxEntries: 10_000,
  maxTotalBytes: 16 * GiB,
  maxFileBytes: 8 * GiB,
  maxRatio: 100,
  maxManifestBytes: 1 * MiB,
};

export const formatBytes = (n: number) =>
  n >= GiB
    ? `${(n / GiB).toFixed(1)} GiB`
    : n >= MiB
      ? `${(n / MiB).toFixed(1)} MiB`
      : `${n} bytes`;
