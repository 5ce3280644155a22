export const USAGE = `Usage: exectree simulate (--events N | --bytes SIZE) [--seed N] [--chaos] [--out FILE]

Writes a deterministic stream of Tetragon JSON export lines (one event per line) for a
simulated Kubernetes cluster.

  --events N      write exactly N lines
  --bytes SIZE    write whole lines up to SIZE bytes in total, e.g. 512k, 100MB (k = 1024)
  --seed N        seed for the simulation (default 1); the same seed gives the same bytes
  --chaos         late, duplicate, lost, reduced and malformed lines, as from a real export
  --out FILE      write to FILE instead of standard output (-o FILE)
  --help          show this help
`;
