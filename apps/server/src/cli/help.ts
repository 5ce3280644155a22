import { DEFAULT_DB, DEFAULT_HOST, DEFAULT_PORT } from './serve-defaults.ts';

export const MAIN_HELP = `Usage: exectree [command] [options]

Live per-pod process trees from Cilium Tetragon's JSON event export.

Commands:
  serve      Run the dashboard server (the default when no command is given)
  simulate   Write a synthetic Tetragon event stream to stdout
  compact    Print tetra's compact lines for an export file or stdin
  import     Load export files (plain or .gz) into the database serve uses

Options:
  -h, --help     Show this help (use "exectree <command> --help" for a command's options)
  -v, --version  Print the version

Examples:
  exectree                                   demo mode: a simulated cluster on ${DEFAULT_HOST}:${DEFAULT_PORT}
  exectree serve --file /var/log/tetragon/tetragon.log
  exectree import /var/log/tetragon/tetragon-*.log.gz
  kubectl logs -n kube-system ds/tetragon -c export-stdout -f | exectree serve --stdin
`;

export const SERVE_HELP = `Usage: exectree serve [options]

Serves the dashboard and API v1, ingesting Tetragon JSON export lines from the sources
below and from POST /api/v1/events. With no --file, --grpc or --stdin it replays a
simulated demo cluster into an in-memory store (unless --no-demo is given).

Options:
  --host HOST        Address to listen on (default ${DEFAULT_HOST}; env EXECTREE_HOST)
  -p, --port PORT    Port to listen on, 0 picks any free port (default ${DEFAULT_PORT}; env EXECTREE_PORT)
  --db PATH|URL      SQLite database file, or :memory: for no persistence
                     (default ${DEFAULT_DB}, its directory is created; env EXECTREE_DB).
                     Events stored there are replayed on start, so a restart shows the same trees.
                     A postgres://USER:PASSWORD@HOST:PORT/DATABASE URL uses PostgreSQL instead:
                     several replicas can share it, each serving the same trees live
                     (see docs/scaling.md and deploy/kubernetes/README.md).
  --role ROLE        With PostgreSQL: all (default) ingests, serves the dashboard and API and
                     takes its turn at retention; ingest only stores and merges what its
                     sources and POST /api/v1/events bring, holds no tree and serves none:
                     for a replica next to each Tetragon agent (env EXECTREE_ROLE)
                     Demo mode always uses an in-memory database.
  --no-demo          Do not replay the demo stream when no source is given
  -f, --file PATH    Follow a Tetragon JSON export file like tail -F: read it from the start,
                     then every appended line. When it is rotated (renamed to
                     NAME-TIME.log, maybe gzipped) the old file is read to its end, then the
                     new one from the start; when it shrinks it is read again from the start.
                     The position reached is saved in the database with the events, so a
                     restart continues there, first reading the rest of a copy rotated while
                     exectree was down. Repeatable. A missing file is waited for.
  --grpc ADDRESS     Stream events from Tetragon's gRPC API, e.g. unix:///var/run/tetragon/tetragon.sock
                     or host:port; reconnects with backoff. Repeatable (env EXECTREE_GRPC, comma-separated)
  --stdin            Read export lines from standard input until it ends
  --max-body SIZE    Largest accepted POST /api/v1/events body, e.g. 16MiB, 512KiB or bytes
                     (default 16MiB; 1KiB to 1GiB)
  --max-line SIZE    Longest accepted event line on every source; longer ones are dropped
                     unread and rejected as "line too long" (default 1MiB)
  --max-pod-processes N
                     Processes one pod (or host, or container) keeps in memory; past it the
                     oldest ended subtrees leave memory, their rows and events stay stored
                     (default 100000; 0 = no limit)
  --max-clients N    Live (socket.io) connections at once; more are refused (default 200)
  --ingest-queue SIZE
                     POST /api/v1/events bodies admitted and not yet answered; more get 429
                     with Retry-After (default 64MiB)
  --ingest-rate SIZE Body bytes per second each client address may POST, bursts of twice
                     that; over it, 429 with Retry-After (default 64MiB; 0 = no limit)
  --token TOKEN      Require this access token (16+ characters) from every client: API and
                     ingest as "Authorization: Bearer TOKEN", browsers sign in at /login.
                     Required to listen on anything but loopback. Prefer env EXECTREE_TOKEN:
                     command lines are visible to other users (docs/security.md)
  --retention-age AGE
                     Delete ended process subtrees (every process in them exited or replaced)
                     whose newest start or exit is older than AGE, with their stored events,
                     and loss markers older than AGE: e.g. 7d, 12h, 30m; 0 = keep forever
                     (default 7d; env EXECTREE_RETENTION_AGE). Runs at start and every minute.
  --retention-size SIZE
                     Then delete the oldest ended subtrees while the database holds more than
                     SIZE, e.g. 2GB, 500MB (powers of 1024); 0 = no limit (default 2GB;
                     env EXECTREE_RETENTION_SIZE). Running processes and their ancestors are
                     never deleted. On PostgreSQL both limits drop whole days of events, the
                     oldest first and never today's (its tables do not shrink row by row).
  -h, --help         Show this help

Flags take precedence over environment variables. Once ready the server prints
"listening on http://HOST:PORT" on stdout; SIGINT or SIGTERM stop it cleanly: new
POST /api/v1/events get 503, the ones in flight are committed and answered, sources stop,
live clients get the last changes, then the database is closed.
Rejected lines are reported on stderr as "SOURCE: line N: REASON" and never stop a stream.
Prometheus metrics are served at GET /metrics; every limit hit is counted there.
`;

export const IMPORT_HELP = `Usage: exectree import [options] FILE...

Loads Tetragon JSON export files into the database \`exectree serve\` uses, for example the
rotated tetragon-TIME.log and .log.gz files of an export directory. Gzipped files (.gz) are
decompressed on the fly. Events already stored are counted as duplicates and stored once;
the process trees are built from the database when serve starts. Lines are parsed in worker
threads (one per core but one) unless the files are small. A database the import creates is
written without syncing and synced to disk once at the end, so if the machine loses power
during such an import, delete the file and import again.

Options:
  --db PATH    SQLite database file (default ${DEFAULT_DB}, its directory is created;
               env EXECTREE_DB). Stop a serve using the same database first; to add
               events to a running server, POST them to /api/v1/events.
  -h, --help   Show this help

Prints one line per file on stdout: accepted (of which duplicates), rejected and read lines.
Rejected lines are reported on stderr as "FILE: line N: REASON" (the first 100 of each file,
then how many more). On a terminal, stderr shows progress: bytes read, events/s and ETA.
Exit status: 0 when every file was read (even with rejected lines), 1 when a file or the
database could not be read or written, 2 for a bad command line.
`;
