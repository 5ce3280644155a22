import { defineConfig } from 'vitest/config';

// Vitest entry for the whole repository; each workspace is its own project.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'domain',
          root: 'packages/domain',
          environment: 'node',
          include: ['src/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'simulator',
          root: 'packages/simulator',
          environment: 'node',
          include: ['src/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'server',
          root: 'apps/server',
          environment: 'node',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          testTimeout: 20_000,
        },
      },
      './apps/web',
      {
        test: {
          name: 'bench',
          root: 'bench',
          environment: 'node',
          include: ['**/*.test.ts'],
          exclude: ['tmp/**', '**/node_modules/**'],
        },
      },
    ],
  },
});
