import { DEFAULT_DB, DEFAULT_HOST, DEFAULT_PORT } from './serve-config.ts';

export const MAIN_HELP = `Usage: exectree [command] [options]

Live per-pod process trees from Cilium Tetragon's JSON event export.

Commands:
  serve      Run the dashboard server (the default when no command is given)
  simulate   Write a synthetic Tetragon event stream to stdout
  compact    Print tetra's compact lines for an export file or stdin

Options:
  -h, --help     Show this help (use "exectree <command> --help" for a command's options)
  -v, --version  Print the version

Examples:
  exectree                                   demo mode: a simulated cluster on ${DEFAULT_HOST}:${DEFAULT_PORT}
  exectree serve --file /var/log/tetragon/tetragon.log
  kubectl logs -n kube-system ds/tetragon -c export-stdout -f | exectree serve --stdin
`;

export const SERVE_HELP = `Usage: exectree serve [options]

Serves the dashboard and API v1, ingesting Tetragon JSON export lines from the sources
below and from POST /api/v1/events. With no --file, --grpc or --stdin it replays a
simulated demo cluster into an in-memory store (unless --no-demo is given).

Options:
  --host HOST        Address to listen on (default ${DEFAULT_HOST}; env EXECTREE_HOST)
  -p, --port PORT    Port to listen on, 0 picks any free port (default ${DEFAULT_PORT}; env EXECTREE_PORT)
  --db PATH          SQLite database file, or :memory: for no persistence
                     (default ${DEFAULT_DB}, its directory is created; env EXECTREE_DB).
                     Events stored there are replayed on start, so a restart shows the same trees.
                     Demo mode always uses an in-memory database.
  --no-demo          Do not replay the demo stream when no source is given
  -f, --file PATH    Follow a Tetragon JSON export file like tail -F: read it from the start,
                     then every appended line; start over when it shrinks or is replaced.
                     Repeat to follow several files. A missing file is waited for.
  --grpc ADDRESS     Stream events from Tetragon's gRPC API, e.g. unix:///var/run/tetragon/tetragon.sock
                     or host:port; reconnects with backoff. Repeatable (env EXECTREE_GRPC, comma-separated)
  --stdin            Read export lines from standard input until it ends
  --max-body SIZE    Largest accepted POST /api/v1/events body, e.g. 16MiB, 512KiB or bytes
                     (default 16MiB; 1KiB to 1GiB)
  -h, --help         Show this help

Flags take precedence over environment variables. Once ready the server prints
"listening on http://HOST:PORT" on stdout; SIGINT or SIGTERM stop it cleanly.
Rejected lines are reported on stderr as "SOURCE: line N: REASON" and never stop a stream.
`;
