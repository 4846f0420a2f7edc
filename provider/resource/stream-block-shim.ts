// The StreamBlock provider object Pulumi serializes: a module of its own, so an installed package is captured by reference.
import { makeShim } from "./provider-shim";

// Pulumi's closure serializer emits `require("pulumi-streamblock/...")` for a value that is the exports of a
// module under node_modules (a few hundred bytes in state, and always the installed code); from a local
// checkout it serializes the shim by value (about 2 KB, equally free of captured state).
export = makeShim("stream-block-provider-entry");
