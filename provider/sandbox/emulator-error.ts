// A vendor error raised inside an emulator's handler; the emulator turns it into its vendor-shaped reply.

/** Thrown by handlers with the vendor's code; `status` is the HTTP status where the vendor uses one. */
export class EmulatorError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status?: number,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "EmulatorError";
  }
}
