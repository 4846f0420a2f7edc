// Turns a dead run's pending operations into a deployment the next `up` reconciles: pending StreamBlock creates become resources.
import { isDefaultAccount } from "../resource/vendor-account";

/** The engine's type token for StreamBlock (provider/resource/stream-block.ts registers it). */
export const STREAM_BLOCK_TYPE = "pulumi-nodejs:dynamic/streamblock:StreamBlock";

/** A resource as `pulumi stack export` writes it (only the fields recovery reads are typed). */
export interface DeployedResource {
  urn: string;
  type: string;
  custom?: boolean;
  id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  parent?: string;
  provider?: string;
  [field: string]: unknown;
}

/** A pending operation: what a run had started and not finished when its state was last written. */
export interface PendingOperation {
  resource: DeployedResource;
  type: string;
  [field: string]: unknown;
}

/** The `deployment` of an exported stack. */
export interface Deployment {
  resources?: DeployedResource[];
  pending_operations?: PendingOperation[];
  [field: string]: unknown;
}

/** A ban the vendor holds that no state records (found by comparing vendors with state), to take into state. */
export interface UnrecordedBan {
  vendor: string;
  /** A named vendor account; absent for the default one. */
  account?: string;
  domain: string;
  app: string;
  stream: string;
}

/** What `recoverDeployment` did, per URN. */
export interface DeploymentRecovery {
  deployment: Deployment;
  /** Pending StreamBlock creates (and unrecorded bans) now resources of the stack: the next `up` keeps or lifts each. */
  recovered: string[];
  /** StreamBlocks with a pending delete or update: kept as they were; the refresh reads what the vendor holds. */
  leftToRefresh: string[];
  /** Other pending operations, dropped as `pulumi refresh --clear-pending-creates` would. */
  dropped: { urn: string; type: string; op: string }[];
}

/**
 * Moves every pending StreamBlock create into `resources` with the deterministic id
 * `vendor/domain/app/stream` (a named account's `vendor/account/domain/app/stream`) and the inputs as outputs (the refresh then reads the vendor: a ban the dead
 * run never applied is dropped, one it applied is kept, and the next `up` keeps it if declared and lifts
 * it if not). These bans were made by this stack: no `adopted` output (StreamBlock lifts them on delete,
 * unlike a ban it found in force at create). Pending deletes and
 * updates keep their resource (the refresh decides); other pending operations are dropped.
 * @param deployment an exported deployment (not modified)
 * @param unrecorded bans to add as this stack's StreamBlocks, named by their id, under the stack (PULUMI_SKIP_CHECKPOINTS)
 */
export function recoverDeployment(deployment: Deployment, unrecorded: UnrecordedBan[] = []): DeploymentRecovery {
  const resources = [...(deployment.resources ?? [])];
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const out: DeploymentRecovery = { deployment: { ...deployment, resources }, recovered: [], leftToRefresh: [], dropped: [] };
  delete out.deployment.pending_operations;

  for (const op of deployment.pending_operations ?? []) {
    const r = op.resource;
    if (r.type !== STREAM_BLOCK_TYPE) {
      // A StreamKick's create kicks once and leaves nothing in force; other types are not ours to judge.
      out.dropped.push({ urn: r.urn, type: r.type, op: op.type });
      continue;
    }
    if (op.type !== "creating") {
      if (byUrn.has(r.urn)) out.leftToRefresh.push(r.urn);
      else out.dropped.push({ urn: r.urn, type: r.type, op: op.type });
      continue;
    }
    if (byUrn.has(r.urn)) {
      // A replacement's create (the old resource keeps the URN until deleted): the old one stays; refresh decides.
      out.leftToRefresh.push(r.urn);
      continue;
    }
    const inputs = r.inputs ?? {};
    const id = banId(inputs, r.urn);
    const provider = r.provider ?? siblingProvider(resources);
    if (provider === undefined || !byUrn.has(providerUrn(provider))) {
      throw new Error(`${r.urn}: its provider ${provider ?? "(none)"} is not in the stack's resources; cannot recover it`);
    }
    const recovered: DeployedResource = { ...r, id, provider, outputs: { ...inputs, requestId: "" } };
    resources.push(recovered);
    byUrn.set(r.urn, recovered);
    out.recovered.push(r.urn);
  }

  if (unrecorded.length > 0) {
    const sibling = resources.find((r) => r.type === STREAM_BLOCK_TYPE && typeof r.inputs?.__provider === "string");
    const root = resources.find((r) => r.type === "pulumi:pulumi:Stack");
    if (!sibling || !root) throw new Error("no StreamBlock in the stack to copy the provider from; cannot take unrecorded bans into state");
    const prefix = root.urn.slice(0, root.urn.indexOf("::pulumi:pulumi:Stack::"));
    const taken = new Set(resources.filter((r) => r.type === STREAM_BLOCK_TYPE).map((r) => r.id));
    for (const b of unrecorded) {
      const id = unrecordedBanId(b);
      if (taken.has(id)) continue;
      const urn = `${prefix}::${STREAM_BLOCK_TYPE}::${id}`;
      if (byUrn.has(urn)) continue;
      // A named account's inputs carry it, as the blocklist declares them; the default account's stay today's.
      const named = isDefaultAccount(b.account) ? {} : { account: b.account };
      const inputs = { __provider: sibling.inputs?.__provider, vendor: b.vendor, ...named, domain: b.domain, app: b.app, stream: b.stream };
      const r: DeployedResource = { urn, custom: true, id, type: STREAM_BLOCK_TYPE, inputs, outputs: { ...inputs, requestId: "" }, parent: root.urn };
      if (sibling.provider !== undefined) r.provider = sibling.provider;
      resources.push(r);
      byUrn.set(urn, r);
      taken.add(id);
      out.recovered.push(urn);
    }
  }
  return out;
}

/** The id the provider gives a ban: `vendor/domain/app/stream`, a named account's `vendor/account/domain/app/stream`. */
export function unrecordedBanId(b: UnrecordedBan): string {
  return [b.vendor, ...(isDefaultAccount(b.account) ? [] : [b.account]), b.domain, b.app, b.stream].join("/");
}

function banId(inputs: Record<string, unknown>, urn: string): string {
  const parts = ["vendor", "domain", "app", "stream"].map((k) => inputs[k]);
  if (!parts.every((p) => typeof p === "string" && p !== "")) {
    throw new Error(`${urn}: its pending create has no vendor/domain/app/stream inputs; cannot recover it`);
  }
  const [vendor, domain, app, stream] = parts as string[];
  const account = typeof inputs.account === "string" && inputs.account !== "" ? inputs.account : undefined;
  return unrecordedBanId({ vendor: vendor!, ...(account === undefined ? {} : { account }), domain: domain!, app: app!, stream: stream! });
}

function siblingProvider(resources: DeployedResource[]): string | undefined {
  return resources.find((r) => r.type === STREAM_BLOCK_TYPE && r.provider !== undefined)?.provider;
}

/** A provider reference is `urn::id`; the URN part names the provider resource. */
function providerUrn(reference: string): string {
  const i = reference.lastIndexOf("::");
  return i < 0 ? reference : reference.slice(0, i);
}
