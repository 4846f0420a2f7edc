// The serialized provider: a thin shim that loads the installed implementation when each method runs.

/*
 * Pulumi serializes the provider object into state (twice per resource) and runs that copy in delete
 * and refresh. This shim captures nothing but itself: every method requires the implementation from the
 * installed package at call time, so delete and refresh always run the current code, no credential can
 * be captured, and `__provider` stays small. Keep it free of imports: anything it referenced from a local
 * module would be serialized by value.
 */

type Method = "check" | "diff" | "create" | "read" | "update" | "delete";

interface Impl {
  [m: string]: (...args: unknown[]) => Promise<unknown>;
}

/** Which implementation a shim delegates to (a file name under dist/provider/resource/). */
export type ShimKind = "stream-block-provider-entry" | "stream-kick-provider-entry";

export function makeShim(kind: ShimKind): Record<string, unknown> {
  return {
    kind,
    ready: undefined as Promise<Impl> | undefined,
    configure(req: { config: { get(k: string): string | undefined } }): Promise<void> {
      // The host caches the provider before configure finishes and may call methods at once: keep the
      // promise and let every method wait on it (PULUMI.md §1.5).
      const self = this as unknown as { kind: string; ready?: Promise<Impl> };
      const p = (async () => {
        const path = require("path");
        const rel = `dist/provider/resource/${self.kind}.js`;
        let file: string;
        try {
          file = require.resolve(`pulumi-streamblock/${rel}`, { paths: [process.cwd()] });
        } catch {
          // A program inside this repository itself: the package is the working directory.
          file = path.join(process.cwd(), rel);
        }
        return require(file).create((k: string) => req.config.get(k)) as Impl;
      })();
      self.ready = p;
      return p.then(() => undefined);
    },
    async call(method: Method, args: unknown[]): Promise<unknown> {
      const self = this as unknown as { ready?: Promise<Impl>; configure(r: unknown): Promise<void> };
      if (!self.ready) await self.configure({ config: { get: () => undefined } });
      return (await self.ready!)[method]!(...args);
    },
    check(...a: unknown[]) {
      return (this as any).call("check", a);
    },
    diff(...a: unknown[]) {
      return (this as any).call("diff", a);
    },
    create(...a: unknown[]) {
      return (this as any).call("create", a);
    },
    read(...a: unknown[]) {
      return (this as any).call("read", a);
    },
    update(...a: unknown[]) {
      return (this as any).call("update", a);
    },
    delete(...a: unknown[]) {
      return (this as any).call("delete", a);
    },
  };
}
