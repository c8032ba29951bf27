import type { z } from 'zod';
import { describeIssues } from '../../../src-shared/protocol';
import { fail, ok, type Reply } from '../../../src-shared/reply';
import type { Logger } from '../logger';

/** Errors whose message is safe and useful to send back to the client as-is. */
export class RequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RequestError';
  }
}

interface UntypedSocket {
  id: string;
  /** Socket.IO's namespace; absent in unit tests that pass a bare emitter. */
  nsp?: { name: string; server: object };
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  onAny(listener: (event: string, ...args: unknown[]) => void): unknown;
}

/** What the controller wants to know about refused and failed events (metrics). */
export interface EventObserver {
  refused(namespace: string, reason: 'malformed' | 'unknown' | 'rejected'): void;
  failed(namespace: string): void;
}

// Keyed by the Socket.IO server, so every handler finds its controller's observer without each
// call site passing it along.
const observers = new WeakMap<object, EventObserver>();

/** Reports refused and failed events of every namespace on `server` to `observer`. */
export function observeEvents(server: object, observer: EventObserver): void {
  observers.set(server, observer);
}

function observerOf(socket: UntypedSocket) {
  const nsp = socket.nsp;
  const observer = nsp ? observers.get(nsp.server) : undefined;
  return observer && nsp ? { observer, namespace: nsp.name } : undefined;
}

/**
 * Registers `event` so that its payload is validated before `handler` sees it. Whatever arrives
 * (wrong types, no payload, no acknowledgement callback, a throwing handler) the client gets a
 * Reply if it asked for one and the controller keeps running.
 */
export function onValidated<S extends z.ZodType, R>(
  socket: UntypedSocket,
  event: string,
  schema: S,
  log: Logger,
  handler: (payload: z.infer<S>) => R | Promise<R>,
): void {
  socket.on(event, (...args: unknown[]) => {
    const last = args.at(-1);
    const reply = typeof last === 'function' ? (last as (r: Reply<R>) => void) : undefined;
    const payload = args[0] === last && reply ? undefined : args[0];
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      const error = `${event}: ${describeIssues(parsed.error)}`;
      log.warn({ socket: socket.id, event, error }, 'refused malformed message');
      const seen = observerOf(socket);
      seen?.observer.refused(seen.namespace, 'malformed');
      reply?.(fail(error));
      return;
    }
    Promise.resolve()
      .then(() => handler(parsed.data))
      .then(
        (data) => reply?.(ok(data)),
        (error: unknown) => {
          const seen = observerOf(socket);
          if (error instanceof RequestError) {
            seen?.observer.refused(seen.namespace, 'rejected');
            reply?.(fail(error.message));
          } else {
            seen?.observer.failed(seen.namespace);
            log.error({ err: error, event }, 'handler failed');
            reply?.(fail(`${event}: internal error, see the controller log`));
          }
        },
      );
  });
}

/** Answers events nobody registered with an error instead of silence. */
export function refuseUnknownEvents(socket: UntypedSocket, known: readonly string[], log: Logger) {
  const allowed = new Set(known);
  socket.onAny((event, ...args) => {
    if (allowed.has(event)) return;
    log.warn({ socket: socket.id, event: String(event).slice(0, 64) }, 'unknown event');
    const seen = observerOf(socket);
    seen?.observer.refused(seen.namespace, 'unknown');
    const last = args.at(-1);
    if (typeof last === 'function') {
      (last as (r: Reply<never>) => void)(fail(`unknown event "${String(event).slice(0, 64)}"`));
    }
  });
}
