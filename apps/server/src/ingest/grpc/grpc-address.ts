const HOST_PORT = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._-]+):(\d{1,5})$/;

/**
 * Checks a --grpc address and returns the gRPC target for it: `unix:///path/to.sock`
 * (Tetragon's default socket), `unix:relative.sock`, `host:port` or `[v6]:port`. A bare
 * absolute path is taken as a unix socket. Throws an Error that says what is accepted.
 */
export function grpcTarget(address: string): string {
  const text = address.trim();
  if (text.startsWith('/')) return `unix://${text}`;
  if (/^unix:/i.test(text)) {
    if (text.replace(/^unix:(\/\/)?/i, '') !== '') return text;
  } else {
    const port = Number(HOST_PORT.exec(text)?.[2]);
    if (port >= 1 && port <= 65535) return text;
  }
  throw new Error(
    `invalid gRPC address ${JSON.stringify(address)}: expected unix:///path/to/tetragon.sock or host:port`,
  );
}
