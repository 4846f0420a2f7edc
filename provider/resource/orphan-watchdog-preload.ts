// Preloaded (`node --require`) by the dynamic-provider launcher: the orphan watchdog runs from process start, before any call.
import { startOrphanWatchdog } from "./orphan-watchdog";

startOrphanWatchdog();
