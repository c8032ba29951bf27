import type { IncomingMessage } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../src-controller/server/db/open';
import { pickLanguage } from '../../../src-controller/server/visitor/language';
import { resolvePublicUrl } from '../../../src-controller/server/visitor/public-url';
import { RateLimiter } from '../../../src-controller/server/visitor/rate-limit';
import {
  readVisitorSettings,
  writeVisitorSettings,
} from '../../../src-controller/server/visitor/visitor-settings';
import { publicUrlSchema } from '../../../src-shared/visitor';
import { openTempLibrary, type TempLibrary } from '../../helpers/library';

const request = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe('pickLanguage', () => {
  it('follows the phone languages by weight, then the visitor choice, else Chinese', () => {
    expect(pickLanguage(request({}))).toBe('zh');
    expect(pickLanguage(request({ 'accept-language': 'en-US,en;q=0.9' }))).toBe('en');
    expect(pickLanguage(request({ 'accept-language': 'zh-TW' }))).toBe('zh');
    expect(pickLanguage(request({ 'accept-language': 'fr-FR, en;q=0.4, zh;q=0.6' }))).toBe('zh');
    expect(pickLanguage(request({ 'accept-language': 'de, fr' }))).toBe('zh');
    expect(pickLanguage(request({ 'accept-language': 'en;q=0, zh;q=0.1' }))).toBe('zh');
    expect(
      pickLanguage(request({ 'accept-language': 'zh-CN', cookie: 'a=1; hallcue_lang=en' })),
    ).toBe('en');
    expect(pickLanguage(request({ 'accept-language': 'en', cookie: 'hallcue_lang=xx' }))).toBe(
      'en',
    );
  });
});

describe('RateLimiter', () => {
  it('lets a burst through, then one request per refill interval, per address', () => {
    let now = 0;
    const limiter = new RateLimiter({ burst: 3, perSecond: 2 }, () => now);
    expect([1, 2, 3, 4].map(() => limiter.take('a'))).toEqual([0, 0, 0, 1]);
    expect(limiter.take('b')).toBe(0);
    now += 500; // one token back
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBe(1);
    now += 10_000; // never more than the burst
    expect([1, 2, 3, 4].map(() => limiter.take('a'))).toEqual([0, 0, 0, 1]);
  });
});

describe('public address', () => {
  it('prefers the setting, then the flag, then the detected address', () => {
    const detected = () => 'http://10.0.0.5:7400';
    expect(resolvePublicUrl('https://a.example', 'http://b', detected)).toEqual({
      url: 'https://a.example',
      source: 'setting',
    });
    expect(resolvePublicUrl(null, 'http://b:1', detected)).toEqual({
      url: 'http://b:1',
      source: 'flag',
    });
    expect(resolvePublicUrl(null, undefined, detected)).toEqual({
      url: 'http://10.0.0.5:7400',
      source: 'detected',
    });
  });

  it('accepts http(s) addresses with a port or path and refuses the rest', () => {
    expect(publicUrlSchema.parse('http://192.168.1.20:7400/')).toBe('http://192.168.1.20:7400');
    expect(publicUrlSchema.parse(' https://hall.example.org/museum ')).toBe(
      'https://hall.example.org/museum',
    );
    expect(publicUrlSchema.parse('http://[fd00::1]:7400')).toBe('http://[fd00::1]:7400');
    for (const bad of ['hall.example.org', 'ftp://x', 'http://', 'http://a b', 'http://x/?q=1']) {
      expect(publicUrlSchema.safeParse(bad).success, bad).toBe(false);
    }
  });
});

describe('visitor settings', () => {
  let library: TempLibrary;
  let db: Db;
  beforeEach(async () => {
    library = await openTempLibrary('visitor-settings');
    db = library.db;
  });
  afterEach(() => library.close());

  it('default to public pages, round-trip, and fail closed when damaged', () => {
    expect(readVisitorSettings(db)).toEqual({ enabled: true, onlyPacks: null, publicUrl: null });
    const limited = { enabled: true, onlyPacks: ['alpha'], publicUrl: 'https://x.example' };
    writeVisitorSettings(db, limited);
    expect(readVisitorSettings(db)).toEqual(limited);

    db.prepare(`UPDATE settings SET value = '{"enabled":"yes"' WHERE key = 'visitor_pages'`).run();
    expect(readVisitorSettings(db).enabled).toBe(false);
  });
});
