import { networkInterfaces } from 'node:os';

/** The first address other machines on the hall network can use to reach this one. */
export function lanAddress(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find((net) => net && net.family === 'IPv4' && !net.internal)?.address;
}

/**
 * The hall's address for QR codes: the console setting, else the --public-url flag, else this
 * machine's LAN address (right for a closed hall network, wrong behind a proxy or NAT).
 */
export function resolvePublicUrl(
  setting: string | null,
  flag: string | undefined,
  detected: () => string,
): { url: string; source: 'setting' | 'flag' | 'detected' } {
  if (setting) return { url: setting, source: 'setting' };
  if (flag) return { url: flag, source: 'flag' };
  return { url: detected(), source: 'detected' };
}
