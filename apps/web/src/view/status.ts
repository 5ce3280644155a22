import type { Process } from '@exectree/domain';

export type StatusTone = 'running' | 'ok' | 'warn' | 'danger' | 'muted';

export interface StatusBadgeModel {
  tone: StatusTone;
  label: string;
  /** Longer wording for tooltips and screen readers. */
  description: string;
}

/** The one-word outcome of a process, as shown on graph nodes and in lists. */
export function processStatus(process: Process): StatusBadgeModel {
  switch (process.state) {
    case 'running':
      return { tone: 'running', label: 'running', description: 'Running' };
    case 'replaced':
      return {
        tone: 'muted',
        label: 'replaced',
        description: 'Replaced by another program (exec without fork)',
      };
    case 'exited': {
      if (process.signal) {
        return {
          tone: 'danger',
          label: process.signal,
          description: `Killed by signal ${process.signal}`,
        };
      }
      if (process.status === null) {
        return { tone: 'muted', label: 'exited', description: 'Exited' };
      }
      return process.status === 0
        ? { tone: 'ok', label: 'exit 0', description: 'Exited with code 0' }
        : {
            tone: 'warn',
            label: `exit ${process.status}`,
            description: `Exited with code ${process.status}`,
          };
    }
  }
}
