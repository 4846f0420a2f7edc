// The StreamKick provider object Pulumi serializes: a module of its own, so an installed package is captured by reference.
import { makeShim } from "./provider-shim";

export = makeShim("stream-kick-provider-entry");
