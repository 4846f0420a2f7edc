// The StreamBlock and StreamKick resources users declare in their Pulumi programs.
import * as pulumi from "@pulumi/pulumi";
import type { VendorId } from "../vendors/vendor-id";
import { isolateSdkGrpcChannels } from "../engine/isolated-sdk-channels";
import { warnPlainSecretConfig } from "./plain-secret-warning";
import streamBlockShim = require("./stream-block-shim");
import streamKickShim = require("./stream-kick-shim");
import { CLAIMANT_INPUT } from "./stream-claims";

// One provider object per resource type (Pulumi caches its serialization by object identity), and each
// is a module's exports so that an installed package is serialized as a require() reference.
const STREAM_BLOCK_SHIM = streamBlockShim as unknown as pulumi.dynamic.ResourceProvider;
const STREAM_KICK_SHIM = streamKickShim as unknown as pulumi.dynamic.ResourceProvider;

// Before any ban registers: in a long-lived Automation API process, a channel sharing a dead engine's
// connections would make the SDK end the program silently and the engine lift every ban.
isolateSdkGrpcChannels();

export interface StreamKeyArgs {
  vendor: pulumi.Input<VendorId>;
  /**
   * The vendor account whose credentials act on it (`streamblock:accounts.<vendor>.<account>` or the
   * `__<ACCOUNT>` environment variables). @default "default" (the `streamblock:<vendor>*` settings)
   */
  account?: pulumi.Input<string>;
  /** The push domain, e.g. `push.example.com`. */
  domain: pulumi.Input<string>;
  /** The app (push path). @default "live" */
  app?: pulumi.Input<string>;
  stream: pulumi.Input<string>;
}

export interface StreamBlockArgs extends StreamKeyArgs {
  /** Absolute UTC time the ban lifts, e.g. `2030-01-01T00:00:00Z`. Omitted: banned for as long as declared. */
  resumeTime?: pulumi.Input<string>;
  /** Why; sent to vendors that store one (Tencent), always kept in state. At most 2048 bytes. */
  reason?: pulumi.Input<string>;
}

/** A push ban on one stream at one vendor. Create forbids, delete resumes, refresh reads the vendor. */
export class StreamBlock extends pulumi.dynamic.Resource {
  declare readonly vendor: pulumi.Output<VendorId>;
  /** Absent for the default account. */
  declare readonly account: pulumi.Output<string | undefined>;
  declare readonly domain: pulumi.Output<string>;
  declare readonly app: pulumi.Output<string>;
  declare readonly stream: pulumi.Output<string>;
  declare readonly resumeTime: pulumi.Output<string | undefined>;
  declare readonly reason: pulumi.Output<string | undefined>;
  /** The expiry the vendor holds. */
  declare readonly expiresAt: pulumi.Output<string>;
  /** Request id of the vendor call that made the last change. */
  declare readonly requestId: pulumi.Output<string>;
  /**
   * True when the ban was already in force at the vendor when this resource was created (a console ban,
   * another stack's): deleting the resource then leaves it in force, unless `streamblock:liftAdoptedBans`.
   * Absent when this stack made the ban.
   */
  declare readonly adopted: pulumi.Output<boolean | undefined>;

  constructor(name: string, args: StreamBlockArgs, opts?: pulumi.CustomResourceOptions) {
    // The URN, for check() to tell two resources declaring one ban apart from one resource checked twice.
    const claimant = pulumi.createUrn(name, "pulumi-nodejs:dynamic/streamblock:StreamBlock", opts?.parent);
    const props = { expiresAt: undefined, requestId: undefined, adopted: undefined, ...args, [CLAIMANT_INPUT]: claimant };
    super(STREAM_BLOCK_SHIM, name, props, opts, "streamblock", "StreamBlock");
    warnPlainSecretConfig();
  }
}

export interface StreamKickArgs extends StreamKeyArgs {
  /** Any value; changing it kicks the stream again. */
  triggers?: pulumi.Input<unknown>;
}

/** A one-shot disconnect of a stream's current push; the streamer may push again. */
export class StreamKick extends pulumi.dynamic.Resource {
  declare readonly requestId: pulumi.Output<string>;
  declare readonly kickedAt: pulumi.Output<string>;

  constructor(name: string, args: StreamKickArgs, opts?: pulumi.CustomResourceOptions) {
    super(STREAM_KICK_SHIM, name, { requestId: undefined, kickedAt: undefined, ...args }, opts, "streamblock", "StreamKick");
  }
}
