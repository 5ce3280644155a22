import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseServeArgs } from '../src/cli/serve-config.ts';
import { DEFAULT_RETENTION } from '../src/retention/retention-job.ts';
import {
  allowedByIgnoreFile,
  copyParts,
  envPairs,
  parseDockerfile,
  type Instruction,
} from './helpers/dockerfile.ts';
import {
  containerArgs,
  containerPorts,
  images,
  manifestObjects,
  plainEnv,
  probes,
  secretEnv,
  stringData,
  type ManifestObject,
} from './helpers/manifest.ts';

// No Docker engine runs the tests: these check what the image build and the manifest rely on.
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const IMAGE = 'exectree:local';
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

const dockerfile = parseDockerfile(read('Dockerfile'));
const ignoreFile = read('.dockerignore');
const objects = manifestObjects(read('deploy/kubernetes/exectree.yaml'));

function only(keyword: string): Instruction[] {
  return dockerfile.filter((instruction) => instruction.keyword === keyword);
}

function object(kind: string, name = 'exectree'): ManifestObject {
  const found = objects.find((o) => o.kind === kind && o.name === name);
  if (found === undefined) throw new Error(`the manifest has no ${kind}/${name}`);
  return found;
}

function jsonArray(instruction: Instruction | undefined): string[] {
  return JSON.parse(instruction?.args ?? '[]') as string[];
}

/** The runtime stage's ENV: what every container of the image starts with. */
function imageEnv(): Record<string, string> {
  const lastFrom = dockerfile.findLastIndex((instruction) => instruction.keyword === 'FROM');
  return Object.assign(
    {},
    ...dockerfile
      .slice(lastFrom)
      .filter((instruction) => instruction.keyword === 'ENV')
      .map((instruction) => envPairs(instruction.args)),
  ) as Record<string, string>;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(ts|js)$/.test(file) && !/\.(test|bench)\.ts$|test-support/.test(file))
    .map((file) => join(dir, file));
}

/** Bare module names a file imports at run time (`import type` is erased by tsx). */
function runtimeImports(file: string): string[] {
  const text = read(file);
  const specifiers = [
    ...text.matchAll(/^(?:import|export)(?!\s+type\s)[^'";]*?from\s+'([^']+)'/gm),
    ...text.matchAll(/^import\s+'([^']+)'/gm),
    ...text.matchAll(/\bimport\('([^']+)'\)/g),
  ].map((match) => match[1] ?? '');
  return specifiers
    .filter((specifier) => !specifier.startsWith('.') && !specifier.startsWith('node:'))
    .map((specifier) =>
      specifier
        .split('/')
        .slice(0, specifier.startsWith('@') ? 2 : 1)
        .join('/'),
    )
    .filter((name) => !builtinModules.includes(name));
}

function dependencies(packageJson: string): string[] {
  const parsed = JSON.parse(read(packageJson)) as { dependencies?: Record<string, string> };
  return Object.keys(parsed.dependencies ?? {});
}

describe('the Dockerfile', () => {
  it('builds on node:20-bookworm-slim in stages and runs as a non-root user', () => {
    const bases = only('FROM').map((instruction) => instruction.args.split(/\s+/)[0]);
    expect(bases.length).toBeGreaterThanOrEqual(2);
    for (const base of bases) expect(base).toBe('node:20-bookworm-slim');
    const user = only('USER').at(-1)?.args ?? 'root';
    expect(user).not.toMatch(/^(root|0)(:|$)/);
    expect(dockerfile.findLastIndex((i) => i.keyword === 'USER')).toBeGreaterThan(
      dockerfile.findLastIndex((i) => i.keyword === 'FROM'),
    );
  });

  it('copies only paths that exist and that .dockerignore sends in the build context', () => {
    const copies = only('COPY').filter(
      (i) => !copyParts(i.args).flags.some((f) => f.startsWith('--from')),
    );
    expect(copies.length).toBeGreaterThan(0);
    for (const copy of copies) {
      for (const source of copyParts(copy.args).sources) {
        expect(existsSync(join(ROOT, source)), `COPY ${source}: no such path`).toBe(true);
        expect(allowedByIgnoreFile(ignoreFile, source), `COPY ${source}: ignored`).toBe(true);
      }
    }
  });

  it('starts the server through an entry point it copies, with /healthz as its health check', () => {
    const entry = jsonArray(only('ENTRYPOINT').at(-1));
    expect(entry[0]).toBe('node');
    const script = entry[1] ?? '';
    expect(existsSync(join(ROOT, script))).toBe(true);
    const copied = only('COPY').flatMap((i) => copyParts(i.args).sources);
    expect(copied.some((source) => script === source || script.startsWith(`${source}/`))).toBe(
      true,
    );
    expect(jsonArray(only('CMD').at(-1))[0]).toBe('serve');
    expect(only('HEALTHCHECK').at(-1)?.args).toContain('/healthz');
  });

  it('exposes the port the server listens on, on every address (hence the token)', () => {
    const env = imageEnv();
    expect(only('EXPOSE').map((i) => i.args)).toEqual([env['EXECTREE_PORT']]);
    expect(env['EXECTREE_HOST']).toBe('0.0.0.0');
    expect(() => parseServeArgs(['--no-demo'], env)).toThrow(/needs an access token/);
    const withToken = parseServeArgs(['--no-demo'], { ...env, EXECTREE_TOKEN: 'x'.repeat(32) });
    expect(withToken.help === false && withToken.config.port).toBe(8080);
  });

  it('keeps every package the server imports at run time when dev dependencies are pruned', () => {
    const kept = new Set([
      ...['apps/server', 'packages/domain', 'packages/simulator'].flatMap((dir) =>
        dependencies(`${dir}/package.json`),
      ),
    ]);
    expect(kept.has('tsx')).toBe(true);
    const files = [
      'apps/server/bin/exectree.js',
      ...['apps/server/src', 'packages/domain/src', 'packages/simulator/src'].flatMap(sourceFiles),
    ];
    const missing = files.flatMap((file) =>
      runtimeImports(file)
        .filter((name) => !kept.has(name))
        .map((name) => `${relative(ROOT, join(ROOT, file))}: ${name}`),
    );
    expect(missing).toEqual([]);
  });
});

describe('deploy/kubernetes/exectree.yaml', () => {
  const workloads = [object('Deployment'), object('DaemonSet', 'exectree-ingest')];

  it('runs the image the Dockerfile builds, as the README says to build it', () => {
    for (const workload of workloads) expect(images(workload)).toEqual([IMAGE]);
    expect(read('deploy/kubernetes/README.md')).toContain(`docker build -t ${IMAGE} .`);
  });

  it('probes /healthz on the port the image exposes', () => {
    const deployment = object('Deployment');
    expect(probes(deployment).httpPaths).toEqual(['/healthz', '/healthz', '/healthz']);
    expect(containerPorts(deployment)).toEqual([Number(imageEnv()['EXECTREE_PORT'])]);
    const ingest = probes(object('DaemonSet', 'exectree-ingest'));
    expect(ingest.exec).toHaveLength(1);
    expect(ingest.exec[0]).toContain('http://127.0.0.1:8080/healthz');
  });

  it('binds Secret keys that exist to the variables the server reads, and its args parse', () => {
    const secret = stringData(object('Secret'));
    const expected = [
      { kind: 'Deployment', name: 'exectree', vars: ['EXECTREE_DB', 'EXECTREE_TOKEN'] },
      { kind: 'DaemonSet', name: 'exectree-ingest', vars: ['EXECTREE_DB'] },
    ];
    for (const { kind, name, vars } of expected) {
      const workload = object(kind, name);
      const bound = secretEnv(workload);
      expect(bound.map((b) => b.env)).toEqual(vars);
      const env: Record<string, string> = { ...imageEnv(), ...plainEnv(workload) };
      for (const { env: variable, secret: secretName, key } of bound) {
        expect(secretName).toBe('exectree');
        expect(secret[key], `Secret/exectree has no key ${key}`).toBeDefined();
        env[variable] = secret[key] ?? '';
      }
      const args = containerArgs(workload) ?? [];
      expect(args[0]).toBe('serve');
      const parsed = parseServeArgs(args.slice(1), env);
      if (parsed.help) throw new Error('args asked for help');
      expect(parsed.config.db).toBe(secret['db-url']);
      expect(parsed.config.security.token).toBe(
        vars.includes('EXECTREE_TOKEN') ? secret['token'] : undefined,
      );
    }
  });

  it('runs the ingest DaemonSet on loopback in the ingest role, the Deployment on every address', () => {
    const config = (workload: ManifestObject) => {
      const env = {
        ...imageEnv(),
        EXECTREE_DB: 'postgres://u:p@db/x',
        EXECTREE_TOKEN: 'y'.repeat(32),
      };
      const parsed = parseServeArgs((containerArgs(workload) ?? []).slice(1), env);
      if (parsed.help) throw new Error('args asked for help');
      return parsed.config;
    };
    expect(config(object('DaemonSet', 'exectree-ingest'))).toMatchObject({
      host: '127.0.0.1',
      role: 'ingest',
      grpc: [expect.stringContaining('tetragon.sock')],
    });
    const deployment = config(object('Deployment'));
    expect(deployment).toMatchObject({ host: '0.0.0.0', role: 'all' });
    // The default size limit suits one laptop; a shared database states its own.
    expect(deployment.retention.maxBytes).toBeGreaterThan(DEFAULT_RETENTION.maxBytes);
  });
});
