// A resume-time change that must lift the ban (Aliyun; Tencent when it refuses a second forbid) and whose re-forbid fails says the stream is not banned.
import { strict as assert } from "node:assert";
import type { Sandbox } from "../../provider/sandbox/sandbox";
import { StreamBlockProvider } from "../../provider/resource/stream-block-provider";
import { StreamClaims } from "../../provider/resource/stream-claims";
import type { StreamBlockInputs, StreamBlockOutputs } from "../../provider/resource/stream-block-inputs";
import { VendorError } from "../../provider/vendors/vendor-error";
import { sandboxStackConfig } from "../resource/sandbox-stack-config";
import { startTestSandbox } from "./reliability-harness";

describe("reliability: a ban lifted to change its resume time, whose re-forbid fails", function () {
  this.timeout(30_000);
  let sb: Sandbox;
  before(async () => {
    sb = await startTestSandbox();
  });
  after(() => sb.close());

  for (const vendor of ["aliyun", "tencent"] as const) {
    it(`${vendor}: the error names the lifted ban's resume request and says the stream is NOT banned; the sandbox agrees`, async () => {
      sb.reset();
      // Tencent's default upserts; its refusing variant is the one that needs the lift.
      if (vendor === "tencent") sb.setVariants({ tencent: { duplicateForbid: "error" } });
      const config = sandboxStackConfig(sb);
      const provider = new StreamBlockProvider((k) => config[k], {
        env: {},
        now: () => sb.clock.now(),
        claims: new StreamClaims(),
        report: () => {},
        // The five attempts still run, without the real backoff's waits.
        adapterOptions: { retry: { baseDelayMs: 1, maxDelayMs: 5 } },
      });
      const at = (days: number) => new Date(Math.floor(sb.clock.now().getTime() / 1000) * 1000 + days * 86_400_000).toISOString().replace(".000Z", "Z");
      const inputs: StreamBlockInputs = { vendor, domain: "lift.example.com", app: "live", stream: `lift-${vendor}`, resumeTime: at(5) };
      const created = await provider.create(inputs);
      // The first forbid of the update is refused as a duplicate (the sandbox's own answer); the resume
      // works; every re-forbid then fails.
      const refusal = vendor === "aliyun" ? "ConfigAlreadyExists" : "FailedOperation";
      sb.injectFault({ vendor, action: "ForbidLiveStream", kind: "error", code: refusal });
      sb.injectFault({ vendor, action: "ForbidLiveStream", kind: "error", code: "InternalError", count: 100 });
      const e = await provider.update(created.id, created.outs as StreamBlockOutputs, { ...inputs, resumeTime: at(6) }).then(
        () => undefined,
        (x: unknown) => x,
      );
      assert.ok(VendorError.isInstance(e), String(e));
      assert.equal(e.code, "InternalError");
      assert.ok(e.requestId, "the failed forbid's own request id is kept");
      const resume = sb.callLog().find((c) => c.vendor === vendor && c.action === "ResumeLiveStream");
      assert.equal(resume?.code, "OK", "the ban was lifted");
      assert.match(e.message, /; the ban had been lifted \(resume request [0-9A-Za-z-]{16,}\) to change its resume time, so the stream is NOT banned until an up succeeds \(HTTP \d{3}, request id [0-9A-Za-z-]{16,}, retryable\)$/);
      assert.equal(sb.bans({ vendor, stream: inputs.stream }).length, 0, "and indeed nothing bans the stream");
    });
  }
});
