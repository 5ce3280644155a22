import { describe, expect, it } from 'vitest';
import { parseServeArgs, type ServeConfig } from './serve-config.ts';
import { UsageError } from './usage-error.ts';

const TOKEN = '0123456789abcdef-token';

function config(argv: string[], env: NodeJS.ProcessEnv = {}): ServeConfig {
  const args = parseServeArgs(argv, env);
  if (args.help) throw new Error('unexpected help');
  return args.config;
}

function usage(argv: string[], env: NodeJS.ProcessEnv = {}): string {
  try {
    parseServeArgs(argv, env);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error('expected a usage error');
}

describe('serve security flags', () => {
  it('reads the limit flags with units', () => {
    expect(
      config([
        '--max-line',
        '2MiB',
        '--max-pod-processes',
        '5000',
        '--max-clients',
        '10',
        '--ingest-queue',
        '256k',
        '--ingest-rate',
        '0',
      ]).limits,
    ).toEqual({
      max_line: 2 * 1024 * 1024,
      max_pod_processes: 5000,
      max_clients: 10,
      ingest_queue: 256 * 1024,
      ingest_rate: 0,
    });
    expect(usage(['--max-line', '10'])).toMatch(/^invalid --max-line "10": expected a size/);
    expect(usage(['--max-clients', '0'])).toMatch(/^invalid --max-clients "0"/);
    expect(usage(['--max-pod-processes', '5'])).toMatch(/from 100 to/);
  });

  it('refuses to listen beyond loopback without a token, in one line', () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.10', 'example.com']) {
      const message = usage(['--host', host]);
      expect(message).toMatch(/needs an access token: set EXECTREE_TOKEN/);
      expect(message).not.toContain('\n');
    }
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost']) {
      expect(config(['--host', host]).security).toEqual({});
    }
  });

  it('takes the token from --token or EXECTREE_TOKEN, and never echoes a bad one', () => {
    expect(config(['--host', '0.0.0.0', '--token', TOKEN]).security).toEqual({ token: TOKEN });
    expect(config(['--host', '0.0.0.0'], { EXECTREE_TOKEN: TOKEN }).security).toEqual({
      token: TOKEN,
    });
    expect(config([], { EXECTREE_TOKEN: TOKEN }).security).toEqual({ token: TOKEN });
    const short = usage(['--token', 'short-secret']);
    expect(short).toMatch(/^invalid --token: expected 16 to 1024 printable ASCII/);
    expect(short).not.toContain('short-secret');
    expect(usage([], { EXECTREE_TOKEN: 'with a space inside it' })).toMatch(
      /^invalid EXECTREE_TOKEN:/,
    );
  });
});
