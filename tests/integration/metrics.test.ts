import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectConsole, connectScreen, loginCookie } from '../helpers/clients';
import { startTestHall, type TestHall } from '../helpers/controller';
import { TINY_PNG } from '../helpers/packs';
import { buildZip } from '../helpers/zip';

const pack = buildZip([
  {
    name: 'manifest.json',
    data: Buffer.from(
      JSON.stringify({
        format: 'hallcue-pack/1',
        id: 'measured',
        version: '1.0.0',
        title: { zh: '测', en: 'Measured' },
        roles: { main: { slides: [{ type: 'image', src: 'a.png', duration: 4 }] } },
      }),
    ),
  },
  { name: 'a.png', data: TINY_PNG },
]);

let hall: TestHall;
beforeEach(async () => {
  hall = await startTestHall();
});
afterEach(async () => {
  await hall.cleanup();
});

/** The value of one sample line (`name{labels} value`) in Prometheus text, or null. */
function sample(text: string, series: string): number | null {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? null : Number(line.slice(series.length + 1));
}

describe('/metrics', () => {
  it('reports screens, switches, their timings and refused events in Prometheus format', async () => {
    const screen = connectScreen(hall.controller.url, { name: 'metrics-a' });
    await screen.nextState();
    const console = await connectConsole(hall.controller.url);
    const reply = await console.emitWithAck('activate', { key: '1' });
    if (!reply.ok) throw new Error(reply.error);
    const { revision } = reply.data;
    const state = await screen.nextState((s) => s.revision === revision);
    await screen.socket.emitWithAck('presented', {
      revision,
      presentedAt: state.startAt + 5,
    });
    const loose = console as unknown as { emit: (...args: unknown[]) => void };
    await new Promise((resolve) => loose.emit('activate', { key: 42 }, resolve));
    await new Promise((resolve) => loose.emit('dropTables', {}, resolve));

    const cookie = await loginCookie(hall.controller.url);
    const upload = (body: Buffer) =>
      fetch(`${hall.controller.url}/api/packs`, {
        method: 'POST',
        body: new Uint8Array(body),
        headers: { cookie },
      });
    expect((await upload(pack)).status).toBe(200);
    expect((await upload(Buffer.from('not a zip'))).status).toBe(422);

    const res = await fetch(`${hall.controller.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(sample(text, 'hallcue_screens_online')).toBe(1);
    expect(sample(text, 'hallcue_screens_approved')).toBe(1);
    expect(sample(text, 'hallcue_switches_total')).toBe(1);
    expect(sample(text, 'hallcue_hall_revision')).toBe(revision);
    expect(sample(text, 'hallcue_switch_broadcast_seconds_count')).toBe(1);
    expect(sample(text, 'hallcue_switch_presented_seconds_count')).toBe(1);
    expect(sample(text, 'hallcue_switch_fanout_seconds_count')).toBe(1);
    expect(
      sample(text, 'hallcue_socket_refused_total{namespace="/console",reason="malformed"}'),
    ).toBe(1);
    expect(
      sample(text, 'hallcue_socket_refused_total{namespace="/console",reason="unknown"}'),
    ).toBe(1);
    expect(sample(text, 'hallcue_pack_import_seconds_count{outcome="added"}')).toBe(1);
    expect(sample(text, 'hallcue_pack_import_seconds_count{outcome="refused"}')).toBe(1);
    expect(text).toMatch(/^hallcue_process_resident_memory_bytes \d+/m);
    screen.close();
    console.close();
  });
});

describe('security headers', () => {
  it.each([
    '/',
    '/screen',
    '/api/health',
    '/api/nothing',
    '/schema/pack-manifest.json',
    '/metrics',
  ])('%s carries CSP with frame-ancestors none, nosniff and a referrer policy', async (path) => {
    const res = await fetch(`${hall.controller.url}${path}`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });
});
