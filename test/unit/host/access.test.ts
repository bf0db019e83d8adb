// Runs in: vitest (node). Who may reach `anyfill serve`: loopback by default, other hosts only with a token,
// and no DNS-rebinding or cross-site page.
import { describe, expect, it } from 'vitest';
import { hostHeaderAllowed, makePolicy, originAllowed, tokenMatches } from '../../../src-main/serve/access';

describe('browser host access policy', () => {
  it('refuses to bind a non-loopback interface without a token', () => {
    expect(() => makePolicy('0.0.0.0', 5710, null)).toThrow(/--token/);
    expect(() => makePolicy('192.168.1.5', 5710, null)).toThrow(/--token/);
    expect(() => makePolicy('127.0.0.1', 5710, null)).not.toThrow();
    expect(() => makePolicy('0.0.0.0', 5710, 's3cret')).not.toThrow();
  });

  it('accepts only loopback Host headers on the right port (DNS rebinding)', () => {
    const p = makePolicy('127.0.0.1', 5710, null);
    expect(hostHeaderAllowed(p, '127.0.0.1:5710')).toBe(true);
    expect(hostHeaderAllowed(p, 'localhost:5710')).toBe(true);
    expect(hostHeaderAllowed(p, '[::1]:5710')).toBe(true);
    expect(hostHeaderAllowed(p, 'evil.example:5710')).toBe(false);
    expect(hostHeaderAllowed(p, '127.0.0.1:80')).toBe(false);
    expect(hostHeaderAllowed(p, undefined)).toBe(false);
  });

  it('WebSocket origin must be our own page', () => {
    expect(originAllowed('http://127.0.0.1:5710', '127.0.0.1:5710')).toBe(true);
    expect(originAllowed('http://evil.example', '127.0.0.1:5710')).toBe(false);
    expect(originAllowed('null', '127.0.0.1:5710')).toBe(false);
    expect(originAllowed(undefined, '127.0.0.1:5710')).toBe(false);
  });

  it('checks the token exactly when one is set', () => {
    const open = makePolicy('127.0.0.1', 1, null);
    const guarded = makePolicy('0.0.0.0', 1, 'abc123');
    expect(tokenMatches(open, null)).toBe(true);
    expect(tokenMatches(guarded, 'abc123')).toBe(true);
    expect(tokenMatches(guarded, 'abc124')).toBe(false);
    expect(tokenMatches(guarded, 'abc')).toBe(false);
    expect(tokenMatches(guarded, null)).toBe(false);
  });
});
