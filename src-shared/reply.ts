/** Acknowledgement shape for every request over the socket: failures travel as values. */
export type Reply<T> = { ok: true; data: T } | { ok: false; error: string };

export const ok = <T>(data: T): Reply<T> => ({ ok: true, data });
export const fail = (error: string): Reply<never> => ({ ok: false, error });
