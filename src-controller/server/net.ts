/** Whether a socket's remote address is this machine (IPv4, IPv6 or IPv4-mapped IPv6). */
export function isLoopback(address: string | undefined | null): boolean {
  if (!address) return false;
  const plain = address.startsWith('::ffff:') ? address.slice(7) : address;
  return plain === '::1' || plain.startsWith('127.');
}
