// The StreamKick provider's logic: create disconnects the current push once; new triggers kick again.
import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { VendorAdapter } from "../vendors/adapter";
import type { VendorId } from "../vendors/vendor-id";
import { checkInputs, type StreamBlockInputs } from "./stream-block-inputs";
import { streamBlockId } from "./stream-block-id";
import { ProviderSettings, type ConfigLookup } from "./provider-settings";
import { createAdapter } from "./adapter-factory";
import type { AdapterOptions } from "../vendors/adapter-runtime";
import { wireSafe } from "./wire-safe";

export interface StreamKickInputs extends Omit<StreamBlockInputs, "resumeTime" | "reason"> {
  /** Any JSON value; a change kicks again. */
  triggers?: unknown;
}

export class StreamKickProvider implements dynamic.ResourceProvider {
  private readonly settings: ProviderSettings;

  constructor(
    config: ConfigLookup,
    private readonly deps: { env?: NodeJS.ProcessEnv; adapterOptions?: AdapterOptions } = {},
  ) {
    this.settings = new ProviderSettings(config, deps.env ?? process.env);
  }

  async check(_olds: Record<string, unknown>, news: Record<string, unknown>): Promise<dynamic.CheckResult> {
    const { triggers, ...rest } = news;
    const r = checkInputs(rest, { now: new Date() });
    const failures = r.failures.map((f) =>
      f.property === "resumeTime" || f.property === "reason" ? { ...f, reason: `${f.property} does not apply to StreamKick` } : f,
    );
    if (failures.length > 0) return { failures };
    // Missing credentials fail the preview, not the update half-way.
    const unset = this.settings.unsetFor(r.inputs!.vendor, r.inputs!.account);
    if (unset) return { failures: [{ property: r.inputs!.account === undefined ? "vendor" : "account", reason: unset }] };
    return { inputs: wireSafe(triggers === undefined ? r.inputs : { ...r.inputs, triggers }) };
  }

  async diff(_id: string, olds: StreamKickInputs, news: StreamKickInputs): Promise<dynamic.DiffResult> {
    const fields = ["vendor", "account", "domain", "app", "stream"] as const;
    const replaces: string[] = fields.filter((f) => olds[f] !== news[f]);
    if (JSON.stringify(olds.triggers ?? null) !== JSON.stringify(news.triggers ?? null)) replaces.push("triggers");
    // Every change is a new kick: replacement runs create (the kick) and a no-op delete.
    return { changes: replaces.length > 0, replaces, deleteBeforeReplace: false };
  }

  async create(inputs: StreamKickInputs): Promise<dynamic.CreateResult> {
    const adapter: VendorAdapter = createAdapter(inputs.vendor as VendorId, this.settings.forAccount(inputs.account), this.deps.adapterOptions ?? {});
    const r = await adapter.kick({ domain: inputs.domain, app: inputs.app, stream: inputs.stream });
    return {
      id: `${streamBlockId(inputs.vendor, inputs)}#${r.requestId || Date.now()}`,
      outs: wireSafe({ ...inputs, requestId: r.requestId, kickedAt: new Date().toISOString() }),
    };
  }

  async read(id: string, props: Record<string, unknown>): Promise<dynamic.ReadResult> {
    // A kick leaves nothing at the vendor to read back.
    return { id, props: wireSafe(props) };
  }

  async delete(): Promise<void> {
    // Nothing to undo: the streamer may already push again.
  }
}
