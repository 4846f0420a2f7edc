// Through the real engine: a credential in plain-text stack config lands unencrypted in the state, so preview and up warn, naming the key and never the value.
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { EngineEvent } from "@pulumi/pulumi/automation";
import type { Sandbox } from "../../provider/sandbox/sandbox";
import { StreamBlock } from "../../provider/resource/stream-block";
import { percentEncode } from "../../provider/vendors/percent-encode";
import { startTestSandbox } from "../reliability/reliability-harness";
import { newEngineStack, type EngineStack } from "./engine-harness";

// Distinctive, so any hit in an artefact can only be this value.
const TENCENT_KEY = "SECRET-plain-config-tencent-7d41c2";
const KEY = "streamblock:tencentSecretKey";
const WARNING = `${KEY} is plain-text stack config`;
const DEFAULT_PROVIDER = "pulumi:providers:pulumi-nodejs";

const forms = (s: string) => [s, percentEncode(s), Buffer.from(s).toString("base64")];

describe("e2e: a secret credential set as plain stack config", function () {
  this.timeout(180_000);
  let sb: Sandbox;
  let es: EngineStack;
  before(async () => {
    sb = await startTestSandbox({ credentials: { tencent: { secretKey: TENCENT_KEY } } });
    es = await newEngineStack(sb, async () => {
      // Two StreamBlocks: the warning is one per key, not one per ban.
      new StreamBlock("a", { vendor: "tencent", domain: "plain.example.com", stream: "plain-a" });
      new StreamBlock("b", { vendor: "tencent", domain: "plain.example.com", stream: "plain-b" });
    });
  });
  after(async () => {
    await es?.dispose();
    await sb?.close();
  });

  /** One operation: its console output (streamed, stdout, stderr), its engine events as JSON, and the warnings among them. */
  async function seen(op: "preview" | "up"): Promise<{ shown: string; events: string; warnings: string[] }> {
    const output: string[] = [];
    const events: string[] = [];
    const warnings: string[] = [];
    const onEvent = (e: EngineEvent) => {
      events.push(JSON.stringify(e));
      if (e.diagnosticEvent?.severity === "warning") warnings.push(e.diagnosticEvent.message);
    };
    const opts = { onOutput: (s: string) => output.push(s), onEvent };
    const r = op === "preview" ? await es.stack.preview(opts) : await es.stack.up(opts);
    return { shown: [...output, r.stdout, r.stderr].join("\n"), events: events.join("\n"), warnings };
  }

  /** The default provider's inputs as the file backend stores them (exportStack would decrypt secrets). */
  function storedProviderInputs(): string {
    const checkpoint = JSON.parse(readFileSync(join(es.stateDir, ".pulumi/stacks/streamblock-e2e/test.json"), "utf8"));
    const provider = checkpoint.checkpoint.latest.resources.find((r: { type: string }) => r.type === DEFAULT_PROVIDER);
    assert.ok(provider, "the default provider is in the state");
    return JSON.stringify(provider.inputs);
  }

  it("without --secret: preview and up warn once, naming the key and the fix; the value is in the state in plain text", async () => {
    await es.stack.setConfig(KEY, { value: TENCENT_KEY, secret: false });
    for (const op of ["preview", "up"] as const) {
      const { shown, events, warnings } = await seen(op);
      assert.equal(warnings.filter((w) => w.includes(WARNING)).length, 1, `${op} warns once, for two bans:\n${shown}`);
      assert.ok(shown.includes(WARNING) && shown.includes(`pulumi config set --secret ${KEY} <value>`), op);
      assert.deepEqual(warnings.filter((w) => w.includes(" is plain-text stack config") && !w.includes(WARNING)), [], `${op}: only ${KEY}`);
      for (const f of forms(TENCENT_KEY)) {
        assert.ok(!shown.includes(f), `${op}: the console never shows the value`);
        assert.ok(!warnings.some((w) => w.includes(f)), `${op}: the warning never holds the value`);
      }
      // The engine's own event stream (onEvent, pulumi preview --json) lists plain config as is.
      assert.ok(events.includes(`"${KEY}":"${TENCENT_KEY}"`), `${op}: plain config in the prelude event`);
    }
    // What the warning is about: the engine stores the stack's config as the default provider's inputs.
    assert.ok(storedProviderInputs().includes(TENCENT_KEY), "plain config is stored unencrypted");
  });

  it("with --secret: no warning, and the state holds the value only encrypted", async () => {
    await es.stack.setConfig(KEY, { value: TENCENT_KEY, secret: true });
    for (const op of ["preview", "up"] as const) {
      const { shown, events, warnings } = await seen(op);
      assert.deepEqual(warnings.filter((w) => w.includes("is plain-text stack config")), [], `${op} does not warn`);
      for (const f of forms(TENCENT_KEY)) assert.ok(!shown.includes(f) && !events.includes(f), `${op}: the value is never shown`);
    }
    const inputs = storedProviderInputs();
    assert.ok(inputs.includes(KEY), "the key is among the provider's inputs");
    for (const f of forms(TENCENT_KEY)) assert.ok(!inputs.includes(f), "only ciphertext in the state");
  });
});
