import pg from 'pg';
import type { Log } from '../../log.ts';

/** The advisory lock whose holder writes process rows and runs retention. */
const LEADER_LOCK = 0x6578_656c;
const RETRY_MS = 2_000;

export type LeaderWork<T> = (client: pg.Client) => Promise<T>;

/**
 * One replica at a time holds a session-level advisory lock on its own connection and does
 * the cluster-wide chores on that connection: if the connection dies, so does the lock, and
 * a write from a replica that lost it fails instead of racing the new leader.
 */
export class Leadership {
  private client: pg.Client | undefined;
  private leading = false;
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  private closed = false;
  private trying: Promise<void> | undefined;
  /** The last election error logged: a database that stays down is reported once. */
  private failing: string | undefined;

  constructor(
    private readonly config: pg.ClientConfig,
    private readonly log: Log,
    private readonly onAcquire: () => void,
  ) {}

  start(): Promise<void> {
    this.timer = setInterval(() => void this.tryAcquire(), RETRY_MS);
    this.timer.unref();
    return this.tryAcquire();
  }

  isLeader(): boolean {
    return this.leading;
  }

  /** Runs `work` in a transaction on the leader connection, in order; undefined if not leader. */
  run<T>(work: LeaderWork<T>): Promise<T | undefined> {
    const next = this.chain.then(async () => {
      const client = this.client;
      if (!this.leading || client === undefined) return undefined;
      await client.query('BEGIN');
      try {
        const result = await work(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** Resolves once every queued leader write has finished. */
  idle(): Promise<void> {
    return this.chain.then(() => undefined);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.trying;
    await this.idle();
    this.leading = false;
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private tryAcquire(): Promise<void> {
    if (this.leading || this.closed || this.trying) return this.trying ?? Promise.resolve();
    this.trying = this.acquire().finally(() => (this.trying = undefined));
    return this.trying;
  }

  private async acquire(): Promise<void> {
    try {
      if (this.client === undefined) {
        const client = new pg.Client(this.config);
        client.on('error', (error) => this.lost(client, error.message));
        client.on('end', () => this.lost(client, 'connection closed'));
        await client.connect();
        this.client = client;
      }
      const result = await this.client.query<{ locked: boolean }>(
        'SELECT pg_try_advisory_lock($1) AS locked',
        [LEADER_LOCK],
      );
      if (result.rows[0]?.locked === true && !this.closed) {
        this.leading = true;
        this.log('postgres: this replica now writes process rows and runs retention');
        this.onAcquire();
      }
      this.failing = undefined;
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      if (text !== this.failing) this.log(`postgres: leader election: ${text}`);
      this.failing = text;
    }
  }

  private lost(client: pg.Client, reason: string): void {
    if (this.client !== client) return;
    if (this.leading && !this.closed) this.log(`postgres: lost the leader lock (${reason})`);
    this.leading = false;
    this.client = undefined;
  }
}
