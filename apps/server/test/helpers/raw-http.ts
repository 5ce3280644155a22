import { connect, type Socket } from 'node:net';

export interface RawResponse {
  status: number;
  body: string;
}

/**
 * One keep-alive HTTP/1.1 connection driven by hand, so a test can hold a request in
 * flight (body half sent) and pipeline another behind it.
 */
export class RawHttpConnection {
  private readonly socket: Socket;
  private buffer = '';
  readonly responses: RawResponse[] = [];
  closed = false;

  constructor(port: number) {
    this.socket = connect(port, '127.0.0.1');
    this.socket.setEncoding('utf8');
    this.socket.on('data', (chunk: string) => {
      this.buffer += chunk;
      this.parse();
    });
    this.socket.on('close', () => (this.closed = true));
    this.socket.on('error', () => (this.closed = true));
  }

  /** Headers of a POST /api/v1/events whose body is `bodyBytes` long. */
  static ingestHead(bodyBytes: number): string {
    return [
      'POST /api/v1/events HTTP/1.1',
      'Host: 127.0.0.1',
      'Content-Type: application/x-ndjson',
      `Content-Length: ${bodyBytes}`,
      '',
      '',
    ].join('\r\n');
  }

  write(text: string): void {
    this.socket.write(text);
  }

  destroy(): void {
    this.socket.destroy();
  }

  private parse(): void {
    for (;;) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = this.buffer.slice(0, end);
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]);
      const length = Number(/\r\ncontent-length: (\d+)/i.exec(head)?.[1] ?? 0);
      if (this.buffer.length < end + 4 + length) return;
      this.responses.push({ status, body: this.buffer.slice(end + 4, end + 4 + length) });
      this.buffer = this.buffer.slice(end + 4 + length);
    }
  }
}
