import type { CDPSession, Page } from '@playwright/test';

/** Main-thread time by kind, from Chromium's cumulative Performance.getMetrics counters. */
export interface Breakdown {
  taskMs: number;
  scriptMs: number;
  layoutMs: number;
  styleMs: number;
}

const NAMES = {
  taskMs: 'TaskDuration',
  scriptMs: 'ScriptDuration',
  layoutMs: 'LayoutDuration',
  styleMs: 'RecalcStyleDuration',
} as const;

async function read(session: CDPSession): Promise<Breakdown> {
  const { metrics } = await session.send('Performance.getMetrics');
  const value = (name: string) => 1000 * (metrics.find((m) => m.name === name)?.value ?? 0);
  return {
    taskMs: value(NAMES.taskMs),
    scriptMs: value(NAMES.scriptMs),
    layoutMs: value(NAMES.layoutMs),
    styleMs: value(NAMES.styleMs),
  };
}

export interface Meter {
  /** Main-thread time spent since the previous call (or since the meter started). */
  lap(): Promise<Breakdown>;
}

export async function mainThreadMeter(page: Page): Promise<Meter> {
  const session = await page.context().newCDPSession(page);
  await session.send('Performance.enable');
  let last = await read(session);
  return {
    async lap() {
      const now = await read(session);
      const delta: Breakdown = {
        taskMs: now.taskMs - last.taskMs,
        scriptMs: now.scriptMs - last.scriptMs,
        layoutMs: now.layoutMs - last.layoutMs,
        styleMs: now.styleMs - last.styleMs,
      };
      last = now;
      return delta;
    },
  };
}

export function addBreakdowns(a: Breakdown, b: Breakdown): Breakdown {
  return {
    taskMs: a.taskMs + b.taskMs,
    scriptMs: a.scriptMs + b.scriptMs,
    layoutMs: a.layoutMs + b.layoutMs,
    styleMs: a.styleMs + b.styleMs,
  };
}

export const NO_TIME: Breakdown = { taskMs: 0, scriptMs: 0, layoutMs: 0, styleMs: 0 };
