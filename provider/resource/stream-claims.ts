// Streams declared in this engine operation; a delete of a still-declared stream must not resume it.
import { processSingleton } from "../transport/process-singleton";

/**
 * The engine checks every resource the program declares before it deletes the ones it no longer
 * declares, and all of it runs in one provider process. So a stream claimed by check() in this process
 * is still wanted: when a resource is renamed (new URN, same stream), or a stream moves from one resource
 * to another, or an earlier `up` died between the create and the delete, the old resource's delete must
 * leave the ban alone. `destroy` runs no program, claims nothing, and resumes everything.
 */
export class StreamClaims {
  private readonly claimed = new Set<string>();

  claim(id: string): void {
    this.claimed.add(id);
  }

  isClaimed(id: string): boolean {
    return this.claimed.has(id);
  }
}

export function getStreamClaims(): StreamClaims {
  return processSingleton("pulumi-streamblock.stream-claims", () => new StreamClaims());
}
