// Example: StreamBlock resources declared in a TypeScript program (no blocklist file), and a one-shot kick.
import * as pulumi from "@pulumi/pulumi";
import { StreamBlock, StreamKick, VENDOR_IDS } from "pulumi-streamblock";

const config = new pulumi.Config();
const domain = config.require("pushDomain");

// Banned for as long as it is declared: StreamBlock renews it before Tencent's 90-day maximum runs out.
// The resource name is yours to choose; keep it stable (renaming is handled, but needs no churn).
const spam = new StreamBlock("tencent-spam-bot-4711", {
  vendor: "tencent",
  domain,
  stream: "spam-bot-4711",
  reason: "automated spam, ticket TS-1021",
});

// The same stream on every vendor, in another app (push path) than the default "live".
const pirate = VENDOR_IDS.map(
  (vendor) => new StreamBlock(`${vendor}-restream-pirate`, { vendor, domain, app: "sports", stream: "restream-pirate" }),
);

// A suspension that lifts by itself: set it with `pulumi config set suspendUntil 2027-01-15T00:00:00Z`
// (an absolute time with a zone, at most 90 days ahead; 180 on Aliyun). Removing the resource lifts it early.
const until = config.get("suspendUntil");
if (until) {
  new StreamBlock("aliyun-cooling-off-77", { vendor: "aliyun", domain, stream: "cooling-off-77", resumeTime: until });
}

// Disconnect a live push once, without banning: change `kickRound` to kick again.
new StreamKick("kick-match-7", { vendor: "aliyun", domain, stream: "match-7", triggers: config.get("kickRound") ?? "1" });

export const spamExpiresAt = spam.expiresAt;
export const pirateExpiresAt = pulumi.all(pirate.map((b) => b.expiresAt));
