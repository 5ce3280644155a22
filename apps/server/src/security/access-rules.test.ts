import { describe, expect, it } from 'vitest';
import { safeNext } from './login-routes.ts';
import { hostOfHeader, isLoopbackHost } from './loopback.ts';
import { bearerToken, secretsEqual } from './token.ts';
import { escapeHtml, loginPage } from './login-page.ts';

describe('access rules', () => {
  it('knows loopback addresses and names', () => {
    for (const host of ['127.0.0.1', '127.9.9.9', '::1', '[::1]', 'localhost', 'a.localhost']) {
      expect(isLoopbackHost(host), host).toBe(true);
    }
    for (const host of [
      '0.0.0.0',
      '::',
      '10.0.0.1',
      'example.com',
      '128.0.0.1',
      'localhost.evil',
    ]) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
    expect(hostOfHeader('127.0.0.1:8080')).toBe('127.0.0.1');
    expect(hostOfHeader('[::1]:8080')).toBe('[::1]');
    expect(hostOfHeader('localhost')).toBe('localhost');
  });

  it('reads bearer tokens and compares secrets of any length', () => {
    expect(bearerToken('Bearer abc.def')).toBe('abc.def');
    expect(bearerToken('bearer   xyz ')).toBe('xyz');
    expect(bearerToken('Basic abc')).toBeUndefined();
    expect(bearerToken('Bearer a b')).toBeUndefined();
    expect(secretsEqual('same-secret', 'same-secret')).toBe(true);
    expect(secretsEqual('same-secret', 'same-secreT')).toBe(false);
    expect(secretsEqual('short', 'a much longer secret')).toBe(false);
  });

  it('only redirects to paths of this server after signing in', () => {
    expect(safeNext('/?ns=a&pod=b')).toBe('/?ns=a&pod=b');
    for (const bad of [
      '//evil.example',
      '/\\evil.example',
      'https://evil.example',
      'evil',
      '/login',
      '/a b',
      42,
    ]) {
      expect(safeNext(bad), String(bad)).toBe('/');
    }
  });

  it('escapes what it puts in the sign-in page', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
    const page = loginPage({ next: '/"><script>', error: '<b>' });
    expect(page).toContain('value="/&quot;&gt;&lt;script&gt;"');
    expect(page).toContain('&lt;b&gt;');
    expect(page).not.toMatch(/<script|<style|\sstyle=|\son[a-z]+=/i);
  });
});
