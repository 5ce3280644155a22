/**
 * Tetragon joins argv[1..] with spaces and wraps arguments containing spaces in double
 * quotes without escaping, so splitting it back is best effort: quotes group, nothing else.
 */
export function splitArguments(args: string): string[] {
  const tokens: string[] = [];
  const pattern = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (let m = pattern.exec(args); m !== null; m = pattern.exec(args)) {
    tokens.push(m[1] ?? m[2] ?? m[3] ?? '');
  }
  return tokens;
}

export function basename(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash >= 0 ? path.slice(slash + 1) : path;
}

const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'mksh', 'fish', 'busybox']);

export function isShell(binary: string): boolean {
  return SHELLS.has(basename(binary));
}

/** Processes whose job is to start other processes: a shell under them is expected. */
const LAUNCHERS = new Set([
  'runc',
  'crun',
  'conmon',
  'containerd-shim',
  'containerd-shim-runc-v2',
  'sshd',
  'login',
  'sudo',
  'su',
  'tmux',
  'screen',
  'systemd',
  'init',
  'tini',
  'dumb-init',
  'gosu',
  'su-exec',
  'env',
  'timeout',
  'nice',
  'nohup',
  'xargs',
  'make',
  'cron',
  'crond',
  'kubelet',
  '<kernel>',
]);

export function isLauncher(binary: string): boolean {
  const name = basename(binary);
  return LAUNCHERS.has(name) || name.endsWith('.sh') || isShell(binary);
}

const TEMP_DIRS = ['/tmp/', '/dev/shm/', '/var/tmp/', '/run/shm/'];

export function isTemporaryOrDeleted(binary: string): string | null {
  if (binary.endsWith(' (deleted)')) return 'its file was deleted after it started';
  const dir = TEMP_DIRS.find((prefix) => binary.startsWith(prefix));
  return dir ? `it runs from ${dir.slice(0, -1)}` : null;
}

/** Where a curl or wget command line (possibly inside `sh -c`) writes its download. */
export function downloadTargets(binary: string, args: string): string[] {
  const tokens = splitArguments(args);
  const name = basename(binary);
  const viaShell = isShell(binary) && tokens.includes('-c');
  const words = viaShell
    ? splitArguments(tokens.slice(tokens.indexOf('-c') + 1).join(' '))
    : tokens;
  const fetcher = viaShell ? words.find((w) => ['curl', 'wget'].includes(basename(w))) : name;
  if (fetcher === undefined || !['curl', 'wget'].includes(basename(fetcher))) return [];
  // curl writes with -o, wget with -O; both allow clustered short flags (-sLo FILE, -qO FILE).
  const outputLetter = basename(fetcher) === 'curl' ? 'o' : 'O';
  const targets: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? '';
    const next = words[i + 1];
    if (w.startsWith('--output=') || w.startsWith('--output-document=')) {
      targets.push(w.slice(w.indexOf('=') + 1));
    } else if ((w === '--output' || w === '--output-document' || w === '>') && next) {
      targets.push(next);
    } else if (w.startsWith('>') && w.length > 1) {
      targets.push(w.slice(1));
    } else if (/^-[A-Za-z]+/.test(w) && !w.startsWith('--')) {
      const at = w.indexOf(outputLetter, 1);
      if (at < 0) continue;
      const attached = w.slice(at + 1);
      if (attached !== '') targets.push(attached);
      else if (next) targets.push(next);
    }
  }
  return targets.filter((t) => t.startsWith('/'));
}

/** Paths a `chmod` command makes executable. */
export function chmodExecutableTargets(binary: string, args: string): string[] {
  if (basename(binary) !== 'chmod') return [];
  const tokens = splitArguments(args);
  const mode = tokens.find((t) => !t.startsWith('/'));
  if (mode === undefined) return [];
  const symbolic = /x/.test(mode) && /^[ugoa]*[+=]/.test(mode);
  const octal = /^[0-7]{3,4}$/.test(mode) && /[1357]/.test(mode.slice(-3));
  return symbolic || octal ? tokens.filter((t) => t.startsWith('/')) : [];
}
