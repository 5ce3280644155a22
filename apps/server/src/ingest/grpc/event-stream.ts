/** Callbacks of one streaming call. None is called after cancel(). */
export interface StreamHandlers {
  /** The connection is up and the call is in flight; Tetragon may stay silent until an event. */
  onConnected(): void;
  onMessage(message: unknown): void;
  /** The call is over (called once), with a one-line reason. */
  onEnd(reason: string): void;
}

export interface StreamCall {
  cancel(): void;
  /** Delivers no more messages until resume(); HTTP/2 flow control then holds the sender back. */
  pause(): void;
  resume(): void;
}

/** Opens event streams to one server, one call at a time. */
export interface EventStreamOpener {
  open(handlers: StreamHandlers): StreamCall;
  /** Releases the connection; open() must not be called afterwards. */
  close(): void;
}
